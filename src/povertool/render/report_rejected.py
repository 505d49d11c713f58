"""The report's sheet of rejected rows (issue 12): every row left out of the tables, by round, file, sheet, row,
column and problem. Cell values are never shown (they may be names or ID numbers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..messages import text
from .guard_notes import round_name
from .report_model import TEXT, UNIT, Column, Sheet, Table


def rejected_sheet(rejected: dict[str, list[dict[str, Any]]], t: dict[str, str], lang: str) -> Sheet | None:
    """One row per rejected row of every round; None when no row was rejected."""
    if not any(rejected.values()):
        return None
    columns = [Column(t["rejected_round"], TEXT, width=12), Column(t["rejected_file"], TEXT, width=26),
               Column(t["rejected_sheet"], TEXT, width=18), Column(t["rejected_row"], TEXT, width=7),
               Column(t["rejected_column"], TEXT, width=28), Column(t["rejected_problem"], TEXT, width=56)]
    rows = []
    for name, records in rejected.items():
        for r in records:
            shown = round_name(name)
            rows.append([shown[:1].upper() + shown[1:], Path(str(r.get("file") or "")).name, str(r.get("sheet") or ""),
                         "" if r.get("row") is None else str(r["row"]), str(r.get("column") or ""),
                         str(r.get("problem") or "")])
    note = text("guard.rejected_sheet_note", lang=lang)
    return Sheet("rejected", "", t["sheet_rejected"], t["title_rejected"], t["units_rows"],
                 [Table(columns, rows, [UNIT] * len(rows))], [note], signature=False)


def cover_line(rejected: dict[str, list[dict[str, Any]]], t: dict[str, str], lang: str) -> str:
    """The cover's line: how many rows were rejected and where they are listed."""
    n = sum(len(v) for v in rejected.values())
    if not n:
        return text("guard.cover_rejected_none", lang=lang)
    return text("guard.cover_rejected", lang=lang, n=n, sheet=t["sheet_rejected"])


def warnings_line(n: int, lang: str) -> str:
    """The cover's line under the rejected rows: how many data warnings the rounds have (rows still counted)."""
    return text("guard.cover_data_warnings", lang=lang, n=n) if n else text("guard.cover_data_warnings_none", lang=lang)
