"""Styled .xlsx output with xlsxwriter: frozen header, filters, Vietnamese headers, status colours.

Text is always written as text (never a formula, number or link), and document times are fixed so that
the same input gives the same workbook content.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
    "nan_inf_to_errors": False,
}
FIXED_TIME = dt.datetime(2000, 1, 1)
STATUS_COLOURS = {
    "poor": "#F4B6B6",
    "near_poor": "#FCE4B6",
    "average": "#DCEBF7",
    "not_poor": "#D9EAD3",
    "undetermined": "#E7E6E6",
}
MAX_WIDTH = 45


def new_workbook(path: Path) -> Any:
    """An xlsxwriter Workbook with the safe options and fixed document properties."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    workbook.set_properties({"created": FIXED_TIME, "author": "povertool"})
    return workbook


def _cell(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) or math.isinf(value) else float(value)
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta, str, int)):
        return value
    return str(value)


def write_table(
    workbook: Any,
    name: str,
    frame: pd.DataFrame,
    *,
    headers: Sequence[str] | None = None,
    status_column: str | None = None,
    statuses: pd.Series | None = None,
    number_formats: dict[str, str] | None = None,
) -> Any:
    """One sheet: a bold frozen header row with a filter, then the rows. ``statuses`` colours ``status_column``."""
    ws = workbook.add_worksheet(name[:31])
    header_fmt = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7", "border": 1})
    date_fmt = workbook.add_format({"num_format": "dd/mm/yyyy"})
    status_fmts = {k: workbook.add_format({"bg_color": v}) for k, v in STATUS_COLOURS.items()}
    num_fmts = {c: workbook.add_format({"num_format": f}) for c, f in (number_formats or {}).items()}
    headers = list(headers or [str(c) for c in frame.columns])
    ws.freeze_panes(1, 0)
    widths = [min(MAX_WIDTH, max(8, len(h) + 2)) for h in headers]
    for j, h in enumerate(headers):
        ws.set_column(j, j, widths[j])
    ws.set_row(0, 30)
    ws.write_row(0, 0, headers, header_fmt)
    columns = [frame[c].to_numpy(dtype=object) for c in frame.columns]
    status_pos = list(frame.columns).index(status_column) if status_column in frame.columns else -1
    status_values = statuses.to_numpy(dtype=object) if statuses is not None else None
    col_fmts = [num_fmts.get(str(c)) for c in frame.columns]
    for i in range(len(frame)):
        r = i + 1
        for j, col in enumerate(columns):
            value = _cell(col[i])
            fmt = col_fmts[j]
            if j == status_pos and status_values is not None:
                fmt = status_fmts.get(status_values[i])
            if value is None:
                if fmt is not None:
                    ws.write_blank(r, j, None, fmt)
            elif isinstance(value, str):
                ws.write_string(r, j, value, fmt)
            elif isinstance(value, bool):
                ws.write_boolean(r, j, value, fmt)
            elif isinstance(value, (int, float)):
                ws.write_number(r, j, value, fmt)
            elif isinstance(value, (dt.datetime, dt.date)):
                ws.write_datetime(r, j, value, fmt or date_fmt)
            else:
                ws.write_string(r, j, str(value), fmt)
    if headers:
        ws.autofilter(0, 0, max(len(frame), 1), len(headers) - 1)
    return ws


def write_key_values(workbook: Any, name: str, rows: list[tuple[str, Any]], *, title: str = "") -> Any:
    """A two-column sheet of labels and values (the summary sheet)."""
    ws = workbook.add_worksheet(name[:31])
    bold = workbook.add_format({"bold": True})
    title_fmt = workbook.add_format({"bold": True, "font_size": 14})
    ws.set_column(0, 0, 48)
    ws.set_column(1, 1, 22)
    r = 0
    if title:
        ws.write_string(0, 0, title, title_fmt)
        r = 2
    for label, value in rows:
        value = _cell(value)
        ws.write_string(r, 0, label, bold)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            ws.write_number(r, 1, value)
        elif value is not None:
            ws.write_string(r, 1, str(value))
        r += 1
    return ws
