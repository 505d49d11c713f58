"""povertool report"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..messages import help_text, text
from .choices import choose_list
from .console import Outputs
from .options import (
    AllowStandardChange,
    Census,
    Standard,
    Strict,
    Totals,
    UnitsMapFile,
)

Files = Annotated[list[Path] | None, typer.Option("--baseline", help=help_text("option.report_baseline"))]


def report(
    out: Outputs,
    current: Annotated[list[Path], typer.Option("--current", help=help_text("option.report_current"), show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help=help_text("option.report_output"), show_default=False)],
    baseline: Files = None,
    history: Annotated[list[Path] | None, typer.Option("--history", help=help_text("option.report_history"))] = None,
    plan: Annotated[Path | None, typer.Option("--plan", help=help_text("option.report_plan"))] = None,
    totals: Totals = None,
    census: Census = False,
    year: Annotated[int | None, typer.Option("--year", help=help_text("option.report_year"))] = None,
    standard: Standard = None,
    units_map: UnitsMapFile = None,
    by: Annotated[str, typer.Option("--by", help=help_text("option.report_by"))] = "commune",
    area_name: Annotated[str | None, typer.Option("--area-name", help=help_text("option.area_name"))] = None,
    redact: Annotated[bool, typer.Option("--redact", help=help_text("option.redact"))] = False,
    html: Annotated[Path | None, typer.Option("--html", help=help_text("option.html"))] = None,
    allow_standard_change: AllowStandardChange = False,
    strict: Strict = False,
) -> None:
    """The official report workbook: results by commune, flows, deprivations, sub-groups, named lists, targets, charts.

    The time on the cover is now, or SOURCE_DATE_EPOCH when set (for identical reruns).

    Example: povertool report --current an-binh-2024.xlsx --baseline an-binh-2023.xlsx --plan an-binh-plan-2024.toml --totals an-binh-totals.csv -o bao-cao-2024.xlsx
    """
    by = choose_list("level", by, option="--by", values=("province", "district", "commune", "village")) or by
    from rich.table import Table

    from .. import api
    from ..api.guards import rejected_lines

    result = api.write_report(
        current if len(current) > 1 else current[0], output,
        baseline=(baseline if len(baseline) > 1 else baseline[0]) if baseline else None,
        history=list(history or []), plan=plan, totals=totals, year=year, standard=standard, by=by,
        lang=out.lang, redact=redact, html=html, area_name=area_name, census=census, strict=strict,
        units_map=units_map, allow_standard_change=allow_standard_change, file_progress=out.file_progress,
    )
    for message in result.warnings:
        out.warn(message)
    for name, rows in result.rejected.items():
        out.rejected(rejected_lines(rows, name))
    t = result.texts
    for number, title, reason in result.skipped:
        out.info(f"{t['cover_skipped']}: {number + '. ' if number else ''}{title} — {reason}")
    out.info(text("cli.wrote", paths=", ".join(str(p) for p in result.outputs)))
    table = Table(title=t["cover_sheets"])
    for key in ("cover_number", "cover_sheet", "cover_title"):
        table.add_column(t[key])
    for sheet in result.sheets:
        table.add_row(sheet.number, sheet.name, sheet.title)
    out.print(table)
