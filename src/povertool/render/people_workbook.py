"""The ``summary -o`` and ``progress -o`` workbooks laid out like the report: headed, labelled tables (title rows,
merged group headers, a units row, borders, number formats, A4 landscape) instead of raw exports with internal
column names. CSV and JSON keep the raw figures for scripts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from ..domain.progress import Progress
from ..domain.summary import Summary
from ..labels import labels
from ..messages import text
from .report_model import COUNT, RATE, UNIT, Column, Report, Sheet, Table
from .report_sheets import (
    deprivation_sheet,
    flow_sheet,
    results_sheet,
    shares_basis,
    subgroup_sheet,
    targets_sheet,
    trend_sheet,
)
from .summary_view import alkire_foster_table
from .table import plain

FIXED = dt.datetime(2000, 1, 1)  # no time is printed on these workbooks; the document time stays fixed


def write_summary_workbook(summary: Summary, path: Path, *, lang: str = "vi", dimensions: dict[str, str] | None = None,
                           notes: Sequence[str] = ()) -> None:
    """Tổng hợp (results by unit), Thiếu hụt (deprivations of poor and near-poor, count and %, and Alkire–Foster),
    Nhóm đối tượng (when the lists have sub-groups) and Ghi chú (denominators and warnings)."""
    t = labels("report", lang)
    words = labels("summary", lang)
    sheets = [_named(results_sheet(summary, t, lang), words["sheet_units"])]
    if summary.indicators and len(summary.absent_indicators) < len(summary.indicators):
        parts = [deprivation_sheet(summary, status, pct, t, lang, dimensions or {})
                 for status in ("poor", "near_poor") for pct in (False, True)]
        tables = [replace(p.tables[0], caption=p.title.capitalize()) for p in parts] + [alkire_foster_table(summary, lang)]
        sheets.append(Sheet("indicators", "", words["sheet_indicators"], words["deprivation_title"].upper(), "", tables,
                            parts[0].notes, signature=False, basis=shares_basis(t, lang)))
    sub = subgroup_sheet(summary, t, lang)
    if sub is not None:
        sheets.append(_named(sub, t["sheet_subgroups"].split(". ", 1)[-1]))
    _write(path, sheets, lang=lang, year=summary.year, standard=summary.standard_id or "",
           census=summary.census, notes=[(words["sheet_notes"], list(notes))])


def write_progress_workbook(progress: Progress, path: Path, *, lang: str = "vi",
                            frames: Sequence[tuple[str, pd.DataFrame]] = (),
                            texts: Sequence[tuple[str, list[str]]] = ()) -> None:
    """Diễn biến hộ nghèo / hộ cận nghèo (the official aggregates, then the detail), Chỉ tiêu, Xu hướng, then
    ``frames`` (name, labelled frame) as plain headed tables, ``texts`` (name, lines) and Cảnh báo."""
    t = labels("report", lang)
    w = labels("progress", lang)
    re_known = progress.trend is not None  # re-entry is known only from earlier rounds (--history)
    sheets = [_named(flow_sheet(progress, group, t, lang, re_known=re_known), f"{w['sheet_flows']} {w[group]}")
              for group in ("poor", "near_poor")]
    for sheet, name in ((targets_sheet(progress, t, lang), w["sheet_targets"]), (trend_sheet(progress, t, lang), w["sheet_trend"])):
        if sheet is not None:
            sheets.append(_named(sheet, name))
    sheets += [_frame_sheet(frame, name, t) for name, frame in frames if not frame.empty]
    period = text("report.basis_period", lang, baseline=progress.baseline_year or "?", current=progress.current_year or "?")
    sheets = [replace(sheet, basis=period) for sheet in sheets]  # progress knows the rounds, not the standard
    notes = [*texts, *([(w["sheet_warnings"], list(progress.warnings))] if progress.warnings else [])]
    _write(path, sheets, lang=lang, year=progress.current_year, standard="", census=progress.denominator == "census",
           notes=notes)


def _frame_sheet(frame: pd.DataFrame, name: str, t: dict[str, str]) -> Sheet:
    """A labelled frame as one headed table: text left, whole numbers #,##0, other numbers 0.00."""
    columns = []
    for column in frame.columns:
        values = frame[column]
        kind = COUNT if pd.api.types.is_integer_dtype(values) else RATE if pd.api.types.is_float_dtype(values) else "text"
        columns.append(Column(str(column), kind, width=max(10.0, min(40.0, len(str(column)) * 0.8))))
    rows = [[plain(v) for v in rec] for rec in frame.itertuples(index=False)]
    return Sheet(name, "", name, name.upper(), "", [Table(columns, rows, [UNIT] * len(rows))], signature=False)


def _named(sheet: Sheet, name: str) -> Sheet:
    """The sheet under a workbook-level name, without the report's number and signature block."""
    return replace(sheet, name=name, number="", signature=False)


def _write(path: Path, sheets: list[Sheet], *, lang: str, year: int | None, standard: str, census: bool,
           notes: list[tuple[str, list[str]]]) -> None:
    from .workbook import new_report_workbook, write_sheet
    from .workbook_style import Styles

    t = labels("report", lang)
    report = Report(lang=lang, year=year, authority=t["authority_blank"], area="", standard=standard,
                    denominator=t["denominator_census"] if census else t["denominator_totals"], generated=FIXED,
                    software="", sources=[], sheets=sheets, charts=[], skipped=[], texts=t)
    workbook = new_report_workbook(path)
    styles = Styles(workbook)
    for sheet in sheets:
        write_sheet(workbook, styles, report, sheet)
    for name, lines in notes:
        _notes_sheet(workbook, styles, name, lines)
    workbook.close()


def _notes_sheet(workbook: Any, styles: Any, name: str, lines: list[str]) -> None:
    """One wrapped line of text per row."""
    from .workbook import lines_needed

    ws = workbook.add_worksheet(name[:31])
    ws.set_column(0, 0, 120)
    ws.write_string(0, 0, name, styles.section)
    for r, line in enumerate(lines, start=2):
        ws.set_row(r, 15 * lines_needed(line, 120, 1.0) + 2)
        ws.write_string(r, 0, line, styles.note)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
