"""The two consoles (stdout for data, stderr for people) and the renderers for each result."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.table import Table

from ..labels import label, labels
from ..messages import text
from ..numbers import format_count, format_rate

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
_quiet = False


def set_quiet(quiet: bool) -> None:
    """Silence stderr except errors."""
    global _quiet
    _quiet = quiet


def info(message: str) -> None:
    """A progress or context line on stderr (not shown with --quiet)."""
    if not _quiet:
        err.print(message, markup=False, highlight=False)


def warn(message: str) -> None:
    """A warning on stderr (not shown with --quiet)."""
    if not _quiet:
        err.print(f"[yellow]{text('cli.warning_prefix')}[/] {_escape(message)}", highlight=False)


def error(message: str) -> None:
    """An error on stderr (always shown)."""
    err.print(f"[bold red]{text('cli.error_prefix')}[/] {_escape(message)}", highlight=False)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def print_json(text: str) -> None:
    """JSON on stdout exactly as given (no colours, no wrapping)."""
    sys.stdout.write(text)
    sys.stdout.flush()


def status_table(summary: Mapping[str, Any], lang: str = "vi") -> Table:
    """Households and persons by status with the three rates."""
    col = labels("column", lang)
    names = labels("status", lang)
    table = Table(title=f"{label('text', 'summary_title', lang)} — {label('text', 'standard', lang)}: {summary['standard']}")
    table.add_column(col["status_label"])
    table.add_column(col["households"], justify="right")
    table.add_column(col["persons"], justify="right")
    table.add_column(col["share"], justify="right")
    denominator = summary.get("denominator_households") or 0
    by_totals = summary.get("denominator") == "totals"
    # Over all households of the area only the poor and near-poor shares mean something: the list holds only
    # part of the other households, so "not poor 0,53%" of the area would mislead.
    shown = ("poor", "near_poor") if by_totals else tuple(summary["status_counts"])
    for status, count in summary["status_counts"].items():
        share = count / denominator * 100 if denominator and status in shown else None
        table.add_row(names[status], format_count(count, lang), format_count(summary["status_persons"][status], lang),
                      format_rate(share, lang))
    table.add_section()
    table.add_row(label("text", "listed" if by_totals else "total", lang), format_count(summary["households"], lang),
                  format_count(summary["persons"], lang), "")
    if by_totals:
        table.add_row(label("text", "denominator_households", lang), format_count(denominator, lang), "", "")
    for key in ("poor_rate", "near_poor_rate", "multidimensional_rate"):
        table.add_row(label("text", key, lang), "", "", format_rate(summary[key], lang))
    table.caption = label("text", f"denominator_{summary['denominator']}", lang)
    return table


def problems_table(problems: list[dict[str, Any]], lang: str = "vi", title: str = "") -> Table:
    """Problems with file, sheet, Excel row, column, value, problem and fix."""
    col = labels("column", lang)
    table = Table(title=title or None, show_lines=False)
    for key in ("severity", "file", "sheet", "row", "column", "value", "problem", "fix"):
        table.add_column(col.get(key, key), overflow="fold")
    severity = {key: text(f"cli.severity_{key}", lang) for key in ("error", "warning", "note")}
    for p in problems:
        cells = [("" if p.get(k) is None else str(p.get(k))) for k in
                 ("severity", "file", "sheet", "row", "column", "value", "problem", "fix")]
        cells[0] = severity.get(cells[0], cells[0])
        table.add_row(*cells)
    return table
