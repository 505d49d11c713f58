"""povertool transition"""

from __future__ import annotations

from typing import Annotated

import typer

from ..messages import help_text, text
from .choices import choose_list
from .localised import OptionValueError
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
    lang: Lang = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """The same households under two standards: status matrix, rates under each, who changes, and bounds for the
    indicators the second standard needs but the lists lack.

    Example: povertool transition data/samples/an-binh-2024.xlsx --to vn-2027 --totals data/samples/an-binh-totals.csv
    """
    lang, area = setup(quiet, debug, lang, area)
    by = choose_list("level", by, option="--by", values=("province", "district", "commune", "village"))
    if json_out and output is not None:
        raise OptionValueError(text("usage.json_or_output"), param_hint="--json")
    from .. import api
    from ..render import transition_table
    from ..render.writers import check_output, to_json_text
    from . import console

    given = [*inputs, *[p for p in (totals, units_map, columns) if p is not None]]
    if output is not None:
        check_output(output, given)
    result = api.transition(inputs, to=to, from_standard=from_standard, by=by, totals=totals, year=year,
                            units_map=units_map, sheet=sheet, columns=columns, commune=commune, area=area, strict=strict)
    from ..api.guards import rejected_lines

    for message in result.warnings:
        console.warn(message)
    say_rejected(rejected_lines(result.rejected))
    if json_out:
        console.print_json(to_json_text(result.to_dict()))
        return
    if output is not None:
        written = api.write_transition(result, output, inputs=given, lang=lang)
        console.info(text("transition.wrote", paths=", ".join(str(p) for p in written)))
        return
    from rich.console import Console

    # Piped or redirected output is not squeezed to 80 columns (as summary does).
    out = console.out if console.out.is_terminal else Console(width=250, soft_wrap=True)
    out.print(transition_table.matrix_table(result, lang))
    out.print(transition_table.units_table(result, lang))
    out.print(transition_table.changed_table(result, lang))
