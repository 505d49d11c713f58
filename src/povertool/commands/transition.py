"""povertool transition"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .options import (
    Area,
    Columns,
    Commune,
    Debug,
    Inputs,
    Json,
    Lang,
    Output,
    Quiet,
    Sheet,
    Strict,
    Totals,
    UnitsMapFile,
    Year,
    say_rejected,
    setup,
)


def transition(
    inputs: Inputs,
    to: Annotated[str, typer.Option("--to", help="The second standard: an id (vn-2027) or a local .toml file.", show_default=False)],
    from_standard: Annotated[Optional[str], typer.Option("--from", help="The first standard (default: the one in force for the year in the list's title).")] = None,
    by: Annotated[str, typer.Option("--by", help="Unit level: commune, village, district or province (comma-separated, coarsest first).")] = "commune",
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
    lang: Lang = "vi",
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """The same households under two standards: status matrix, rates under each, who changes, and bounds for the
    indicators the second standard needs but the lists lack.

    Example: povertool transition data/samples/an-binh-2024.xlsx --to vn-2027 --totals data/samples/an-binh-totals.csv
    """
    setup(quiet, debug, lang, area)
    if json_out and output is not None:
        raise typer.BadParameter("use either --json or -o, not both", param_hint="--json")
    from .. import api, console
    from ..io.writers import check_output, to_json_text
    from ..messages import text
    from ..reports import transition_table

    given = [*inputs, *[p for p in (totals, units_map, columns) if p is not None]]
    if output is not None:
        check_output(output, given)
    result = api.transition(inputs, to=to, from_standard=from_standard, by=by, totals=totals, year=year,
                            units_map=units_map, sheet=sheet, columns=columns, commune=commune, area=area, strict=strict)
    from ..guards import rejected_lines

    for message in result.warnings:
        console.warn(message)
    say_rejected(rejected_lines(result.rejected))
    if json_out:
        console.print_json(to_json_text(result.to_dict()))
        return
    if output is not None:
        written = transition_table.write_transition(result, output, lang)
        console.info(text("transition.wrote", paths=", ".join(str(p) for p in written)))
        return
    from rich.console import Console

    # Piped or redirected output is not squeezed to 80 columns (as summary does).
    out = console.out if console.out.is_terminal else Console(width=250, soft_wrap=True)
    out.print(transition_table.matrix_table(result, lang))
    out.print(transition_table.units_table(result, lang))
    out.print(transition_table.changed_table(result, lang))
