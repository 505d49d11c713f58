"""povertool summary"""

from __future__ import annotations

from typing import Annotated

import typer

from ..messages import help_text, text
from .choices import choose_list
from .console import Outputs
from .localised import OptionValueError
from .options import (
    Area,
    Census,
    Commune,
    Inputs,
    Json,
    Output,
    Sheet,
    Standard,
    Strict,
    Totals,
    UnitsMapFile,
)

Year = Annotated[int | None, typer.Option("--year", help=help_text("option.summary_year"))]
By = Annotated[str, typer.Option("--by", help=help_text("option.summary_by"))]


def summary(
    out: Outputs,
    inputs: Inputs,
    by: By = "commune",
    totals: Totals = None,
    census: Census = False,
    year: Year = None,
    standard: Standard = None,
    units_map: UnitsMapFile = None,
    json_out: Json = False,
    output: Output = None,
    sheet: Sheet = None,
    commune: Commune = None,
    area: Area = None,
    strict: Strict = False,
) -> None:
    """Counts and rates by level with subtotals and a grand total; deprivations, Alkire–Foster, sub-groups.

    Example: povertool summary data/samples/an-binh-2024.xlsx --by commune --totals data/samples/an-binh-totals.csv
    """
    by = choose_list("level", by, option="--by") or by
    if json_out and output is not None:
        raise OptionValueError(text("usage.json_or_output"), param_hint="--json")
    from .. import api
    from ..api.guards import check_census_flag, rejected_lines
    from ..render.summary_table import summary_tables, warnings

    check_census_flag(totals, census)
    protected = [*inputs, *(p for p in (totals, units_map) if p)]  # every file the command reads
    if output is not None:  # checked before the work
        from ..render.writers import check_output

        check_output(output, protected)
    result = api.summarise(inputs, by=by, totals=totals, year=year, standard=standard, strict=strict, units_map=units_map,
                           sheet=sheet, commune=commune, area=area, file_progress=out.file_progress)
    out.notes(result.notes)
    out.rejected(rejected_lines(result.rejected))
    if totals is None and not census:
        out.warn(text("guard.no_totals"))
    for message in warnings(result, out.lang):
        out.warn(message)
    if output is not None:
        written = api.write_summary(result, output, inputs=protected, lang=out.lang)
        out.info(text("cli.wrote", paths=written))
    elif json_out:
        from ..render.writers import to_json_text

        out.json(to_json_text(result.to_dict()))
    else:
        wide = out.wide()
        for table in summary_tables(result, out.lang):
            wide.print(table)
