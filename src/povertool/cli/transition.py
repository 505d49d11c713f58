"""povertool transition"""

from __future__ import annotations

from typing import Annotated

import typer

from ..messages import help_text, text
from .choices import choose_list
from .console import Outputs
from .localised import OptionValueError
from .options import (
    Area,
    Columns,
    Commune,
    Inputs,
    Json,
    Output,
    Sheet,
    Strict,
    Totals,
    UnitsMapFile,
    Year,
)


def transition(
    out: Outputs,
    inputs: Inputs,
    to: Annotated[str, typer.Option("--to", help=help_text("option.to"), show_default=False)],
    from_standard: Annotated[str | None, typer.Option("--from", help=help_text("option.from"))] = None,
    by: Annotated[str, typer.Option("--by", help=help_text("option.transition_by"))] = "commune",
    totals: Totals = None,
    units_map: UnitsMapFile = None,
    year: Year = None,
    json_out: Json = False,
    output: Output = None,
    sheet: Sheet = None,
    columns: Columns = None,
    commune: Commune = None,
    area: Area = None,
    strict: Strict = False,
) -> None:
    """The same households under two standards: status matrix, rates under each, who changes, and bounds for the
    indicators the second standard needs but the lists lack.

    Example: povertool transition data/samples/an-binh-2024.xlsx --to vn-2027 --totals data/samples/an-binh-totals.csv
    """
    by = choose_list("level", by, option="--by", values=("province", "district", "commune", "village")) or by
    if json_out and output is not None:
        raise OptionValueError(text("usage.json_or_output"), param_hint="--json")
    from .. import api
    from ..api.guards import rejected_lines
    from ..render import transition_table

    given = [*inputs, *[p for p in (totals, units_map, columns) if p is not None]]
    if output is not None:
        from ..render.writers import check_output

        check_output(output, given)
    result = api.transition(inputs, to=to, from_standard=from_standard, by=by, totals=totals, year=year,
                            units_map=units_map, sheet=sheet, columns=columns, commune=commune, area=area, strict=strict,
                            file_progress=out.file_progress)
    for message in result.warnings:
        out.warn(message)
    out.rejected(rejected_lines(result.rejected))
    if json_out:
        from ..render.writers import to_json_text

        out.json(to_json_text(result.to_dict()))
        return
    if output is not None:
        written = api.write_transition(result, output, inputs=given, lang=out.lang)
        out.info(text("transition.wrote", paths=", ".join(str(p) for p in written)))
        return
    wide = out.wide()  # as summary: piped or redirected output is not squeezed to 80 columns
    wide.print(transition_table.matrix_table(result, out.lang))
    wide.print(transition_table.units_table(result, out.lang))
    wide.print(transition_table.changed_table(result, out.lang))
