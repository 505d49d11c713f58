"""The area a list belongs to, read from its title rows: "UBND THỊ XÃ AN BÌNH" -> "Thị xã An Bình".

The reader takes a commune from such a line to fill the households' commune; the report needs the authority
whatever its level (province, district, town, commune), for the "UBND …" line and the cover's area.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .text import clean_text, match_key

TITLE_ROWS = 12  # the title band above a header is never longer
_AUTHORITY = re.compile(
    r"(?:\bUBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+(TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|TX\.?|XÃ|PHƯỜNG|THỊ TRẤN|"
    r"ĐẶC KHU)\s+([^,;:()\-–]+)", re.IGNORECASE)
_KINDS = {"tinh": "Tỉnh", "thanh pho": "Thành phố", "tp": "Thành phố", "huyen": "Huyện", "quan": "Quận",
          "thi xa": "Thị xã", "tx": "Thị xã", "xa": "Xã", "phuong": "Phường", "thi tran": "Thị trấn",
          "dac khu": "Đặc khu"}
EXCEL = (".xlsx", ".xlsm", ".xls", ".ods")


def authority_in(rows: Iterable[Iterable[Any]]) -> str | None:
    """The unit named by the first "UBND …" line of ``rows``, as 'Thị xã An Bình'; None when there is none."""
    for row in rows:
        for cell in row:
            if not isinstance(cell, str) or not cell.strip():
                continue
            m = _AUTHORITY.search(clean_text(cell))
            if m and m.group(2).strip():
                name = m.group(2).strip()
                return f"{_KINDS[match_key(m.group(1))]} {name.title() if name.isupper() else name}"
    return None


def title_authority(sheets: Iterable[tuple[str, str]]) -> str | None:
    """The one authority the title rows of these (file, sheet) name; None when none does or they differ."""
    found = set()
    for path, sheet in sheets:
        if Path(path).suffix.lower() not in EXCEL:
            continue
        try:
            from python_calamine import CalamineWorkbook

            data = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet) if sheet else \
                CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
            rows = data.to_python(skip_empty_area=False, nrows=TITLE_ROWS)
        except BaseException as exc:  # the file was read once already; a title is a nicety, never a stop
            if isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError)):
                raise
            continue
        name = authority_in(rows)
        if name:
            found.add(name)
    return found.pop() if len(found) == 1 else None
