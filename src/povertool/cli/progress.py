"""povertool progress"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..messages import help_text, text
from .choices import choose_list
from .console import Outputs
from .localised import OptionValueError
from .options import (
    AllowStandardChange,
    Census,
    Json,
    Output,
    Standard,
    Strict,
    Totals,
    UnitsMapFile,
)

Round = Annotated[list[Path] | None, typer.Option("--baseline", help=help_text("option.baseline"))]


def progress(
    out: Outputs,
    current: Annotated[list[Path], typer.Option("--current", help=help_text("option.current"), show_default=False)],
    baseline: Round = None,
    history: Annotated[list[Path] | None, typer.Option("--history", help=help_text("option.history"))] = None,
    plan: Annotated[Path | None, typer.Option("--plan", help=help_text("option.plan"))] = None,
    totals: Totals = None,
    census: Census = False,
    by: Annotated[str, typer.Option("--by", help=help_text("option.progress_by"))] = "commune",
    baseline_year: Annotated[int | None, typer.Option("--baseline-year", help=help_text("option.baseline_year"))] = None,
    current_year: Annotated[int | None, typer.Option("--current-year", help=help_text("option.current_year"))] = None,
    standard: Standard = None,
    units_map: UnitsMapFile = None,
    allow_standard_change: AllowStandardChange = False,
    strict: Strict = False,
    json_out: Json = False,
    output: Output = None,
) -> None:
    """Flows of poor and near-poor households between two review rounds, and progress against the yearly plan.

    Without --baseline, the current file's 'Phân loại năm trước' column gives the baseline.

    Example: povertool progress --baseline an-binh-2023.xlsx --current an-binh-2024.xlsx --plan an-binh-plan-2024.toml --totals an-binh-totals.csv
    """
    by = choose_list("level", by, option="--by", values=("province", "district", "commune", "village")) or by
    if json_out and output is not None:
        raise OptionValueError(text("usage.json_or_output"), param_hint="--json")
    from .. import api
    from ..api.guards import check_census_flag, rejected_lines
    from ..render import progress_table

    check_census_flag(totals, census)
    inputs = [*current, *(baseline or []), *(history or []), *[p for p in (plan, totals, units_map) if p is not None]]
    if output is not None:
        from ..render.writers import check_output

        check_output(output, inputs)
    result = api.progress(
        current if len(current) > 1 else current[0],
        baseline=(baseline if len(baseline) > 1 else baseline[0]) if baseline else None,
        history=list(history or []), plan=plan, totals=totals, by=by,
        baseline_year=baseline_year, current_year=current_year, standard=standard,
        units_map=units_map, census=census, strict=strict, allow_standard_change=allow_standard_change,
        file_progress=out.file_progress,
    )
    for message in result.warnings:
        out.warn(message)
    for name, rows in result.rejected.items():
        out.rejected(rejected_lines(rows, name))
    if json_out:
        from ..render.writers import to_json_text

        out.json(to_json_text(result.to_dict()))
        return
    if output is not None:
        written = api.write_progress(result, output, inputs=inputs, lang=out.lang)
        out.info(text("cli.wrote", paths=", ".join(str(p) for p in written)))
        return
    lang, wide = out.lang, out.wide()  # as summary: full width when redirected
    for group in ("poor", "near_poor"):
        for table in progress_table.flows_tables(result, group, lang):
            wide.print(table)
    if result.targets is not None:
        wide.print(progress_table.targets_table(result, lang))
    if result.trend is not None:
        for table in progress_table.trend_tables(result, lang):
            wide.print(table)
    if result.standard_effect is not None:
        from ..render.standard_effect_table import effect_table

        for group in ("poor", "near_poor"):
            wide.print(effect_table(result.standard_effect, group, lang, baseline_year=result.baseline_year,
                                    current_year=result.current_year, to=_current_standard(result)))


def _current_standard(result: object) -> str:
    """The standard the baseline was classified again under (the current round's), for the table's headers."""
    return str(getattr(result, "standards", {}).get("current", ""))
