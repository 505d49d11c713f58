"""povertool summary"""

from __future__ import annotations

from typing import Annotated

import typer

from ..messages import help_text, text
from .choices import choose_list
from .localised import OptionValueError
from .options import (
    Area,
    Census,
    Commune,
    Debug,
    Inputs,
    Json,
    Lang,
    Output,
    Quiet,
    Sheet,
    Standard,
    Strict,
    Totals,
    UnitsMapFile,
    say_notes,
    say_rejected,
    setup,
)

Year = Annotated[int | None, typer.Option("--year", help=help_text("option.summary_year"))]
By = Annotated[str, typer.Option("--by", help=help_text("option.summary_by"))]


def summary(
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
    lang: Lang = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Counts and rates by level with subtotals and a grand total; deprivations, Alkire–Foster, sub-groups.

    Example: povertool summary data/samples/an-binh-2024.xlsx --by commune --totals data/samples/an-binh-totals.csv
    """
    lang, area = setup(quiet, debug, lang, area)
    by = choose_list("level", by, option="--by")
    from .. import api
    from ..render.summary_table import summary_tables, warnings
    from ..render.writers import to_json_text
    from . import console

    if json_out and output is not None:
        raise OptionValueError(text("usage.json_or_output"), param_hint="--json")
    from ..api.guards import check_census_flag, rejected_lines

    check_census_flag(totals, census)
    protected = [*inputs, *(p for p in (totals, units_map) if p)]  # every file the command reads
    if output is not None:  # checked before the work
        from ..render.writers import check_output

        check_output(output, protected)
    result = api.summarise(inputs, by=by, totals=totals, year=year, standard=standard, strict=strict, units_map=units_map,
                           sheet=sheet, commune=commune, area=area)
    say_notes(result.notes)
    say_rejected(rejected_lines(result.rejected))
    if totals is None and not census:
        console.warn(text("guard.no_totals"))
    for message in warnings(result, lang):
        console.warn(message)
    if output is not None:
        written = api.write_summary(result, output, inputs=protected, lang=lang)
        console.info(text("cli.wrote", paths=written))
    elif json_out:
        console.print_json(to_json_text(result.to_dict()))
    else:
        from rich.console import Console

        # Piped or redirected output is not squeezed to 80 columns: an officer opens it in an editor.
        out = console.out if console.out.is_terminal else Console(width=250, soft_wrap=True)
        for table in summary_tables(result, lang):
            out.print(table)
