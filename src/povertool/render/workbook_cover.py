"""The cover sheet: area, year, standard, denominators, source files with their SHA-256, generation time, the
tables produced and those the data could not fill (with the reason)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..messages import text
from .report_model import Report
from .workbook_style import Styles

WIDTHS = (30.0, 34.0, 72.0)


def cover_rows(report: Report) -> list[tuple[str, str]]:
    """The cover's label/value lines (also used by the HTML report)."""
    t = report.texts
    return [
        (t["cover_area"], report.area),
        (t["cover_year"], str(report.year or "")),
        (t["cover_standard"], report.standard),
        *([(t["cover_standard_note"], report.standard_note)] if report.standard_note else []),
        (t["cover_denominator"], report.denominator),
        *([(t["cover_rejected"], report.rejected_line)] if report.rejected_line else []),
        *([(t["cover_data_warnings"], report.warnings_line)] if report.warnings_line else []),
        (t["cover_generated"], cover_time(report)),
        (t["cover_software"], report.software),
    ]


def cover_time(report: Report) -> str:
    """'02/01/2025 10:04 (GMT+07:00)': local time with its offset from UTC."""
    when = report.generated
    offset = when.utcoffset() or dt.timedelta(0)
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = int(abs(offset).total_seconds()) // 60
    zone = f"GMT{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return text("report.cover_time", report.lang, time=when.strftime("%d/%m/%Y %H:%M"), zone=zone)


def write_cover(workbook: Any, styles: Styles, report: Report) -> Any:
    """The first sheet of the report."""
    from .workbook import lines_needed, setup_print

    t = report.texts
    ws = workbook.add_worksheet(t["sheet_cover"][:31])
    for j, w in enumerate(WIDTHS):
        ws.set_column(j, j, w)
    ws.write_string(0, 0, report.authority, styles.authority)
    ws.merge_range(0, 1, 0, 2, "", styles.authority)
    ws.write_string(0, 1, t["nation"], styles.authority)
    ws.merge_range(1, 1, 1, 2, "", styles.motto)
    ws.write_string(1, 1, t["motto"], styles.motto)
    ws.set_row(3, 48)
    ws.merge_range(3, 0, 3, 2, "", styles.cover_title)
    ws.write_string(3, 0, t["report_title"].format(year=report.year or ""), styles.cover_title)
    r = 5
    for name, value in cover_rows(report):
        ws.set_row(r, 15 * lines_needed(value, WIDTHS[1] + WIDTHS[2]) + 3)
        ws.write_string(r, 0, name, styles.label)
        shown = styles.label if name == t["cover_standard_note"] else styles.value  # the 2026 note stands out
        ws.merge_range(r, 1, r, 2, "", shown)
        ws.write_string(r, 1, value, shown)
        r += 1
    r = _table(ws, styles, r + 1, t["cover_sources"], (t["cover_role"], t["cover_file"], t["cover_checksum"]),
               [(s.role, s.name, s.sha256) for s in report.sources], mono_last=True)
    r = _table(ws, styles, r + 1, t["cover_sheets"], (t["cover_number"], t["cover_sheet"], t["cover_title"]),
               [(s.number, s.name, s.title) for s in report.sheets])
    if report.skipped:
        r = _table(ws, styles, r + 1, t["cover_skipped"], (t["cover_number"], t["cover_title"], t["cover_reason"]),
                   report.skipped)
    notes = ([t["cover_redacted"]] if report.redacted else []) + report.notes
    if notes:
        ws.write_string(r + 1, 0, t["cover_notes"], styles.section)
        r += 2
        for note in notes:
            ws.set_row(r, 15 * lines_needed(note, sum(WIDTHS), 1.0) + 3)
            ws.merge_range(r, 0, r, 2, "", styles.note)
            ws.write_string(r, 0, note, styles.note)
            r += 1
    setup_print(ws, report, one_page=True)
    return ws


def _table(ws: Any, styles: Styles, r: int, title: str, headers: tuple[str, str, str], rows: list[tuple[str, str, str]],
           *, mono_last: bool = False) -> int:
    from .workbook import lines_needed

    ws.write_string(r, 0, title, styles.section)
    r += 1
    for j, h in enumerate(headers):
        ws.write_string(r, j, h, styles.header)
    r += 1
    for row in rows:
        lines = max(lines_needed(v, WIDTHS[j], 1.0) for j, v in enumerate(row) if not (mono_last and j == 2))
        if lines > 1:
            ws.set_row(r, 15 * lines + 2)
        for j, value in enumerate(row):
            fmt = styles.mono if mono_last and j == 2 else styles.cell("text", "unit")
            ws.write_string(r, j, str(value), fmt)
        r += 1
    return r
