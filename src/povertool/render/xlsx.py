"""Styled .xlsx output with xlsxwriter: frozen header, filters, Vietnamese headers, status colours.

Text is always written as text (never a formula, number or link), and document times are fixed so that
the same input gives the same workbook content.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

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
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
SHEET_NAME_MAX = 31  # Excel's limit


def new_workbook(path: Path, *, output: bool = True) -> Any:
    """An xlsxwriter Workbook with the safe options and fixed document properties. An ``output`` (not the
    fill-in template) carries povertool's output mark, so that it is not read back as a survey from a folder."""
    import xlsxwriter

    from ..files import OUTPUT_MARK

    workbook = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    properties = {"created": FIXED_TIME, "author": "povertool"}
    workbook.set_properties({**properties, "category": OUTPUT_MARK} if output else properties)
    return workbook


def sheet_name(workbook: Any, name: str) -> str:
    """A name Excel accepts: no [ ] : * ? / \\, no apostrophe at either end, not 'History', at most 31
    characters, and distinct (ignoring case) from the sheets already in ``workbook``."""
    clean = _SHEET_NAME_BAD.sub("_", str(name)).strip().strip("'").strip() or "Sheet"
    if clean.lower() == "history":  # reserved by Excel
        clean += "_"
    clean = clean[:SHEET_NAME_MAX]
    taken = {ws.get_name().lower() for ws in workbook.worksheets()}
    candidate, n = clean, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = clean[: SHEET_NAME_MAX - len(suffix)].rstrip("'") + suffix, n + 1
    return candidate


def cell_value(value: Any) -> Any:
    """A cell value as xlsxwriter takes it: missing values None, numpy numbers Python numbers, NaN and inf None."""
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


def _column_values(series: pd.Series) -> tuple[list[Any], str]:
    """A column as plain Python values (None = blank) and its kind: 'str', 'num', 'bool' or 'mixed'.

    The kind is decided once per column from its dtype (or, for object columns, from the set of value
    types), so that the row loop does not inspect each cell."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return series.astype(object).where(series.notna(), None).tolist(), "bool"
    if pd.api.types.is_numeric_dtype(dtype):
        values = series.to_numpy(dtype=float, na_value=np.nan)
        values = np.where(np.isfinite(values), values, np.nan)
        out = values.astype(object)
        out[np.isnan(values)] = None
        return out.tolist(), "num"
    if pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype):
        raw = series.to_numpy(dtype=object)
        missing = pd.isna(raw)
        if missing.any():
            raw = raw.copy()
            raw[missing] = None
        values = raw.tolist()
        types = set(map(type, values))
        types.discard(type(None))
        if types <= {str}:
            return values, "str"
        if types <= {float, int}:  # numbers read from a sheet into an object column
            return [v if v is None or math.isfinite(v) else None for v in values], "num"
        return values, "mixed"
    return series.to_numpy(dtype=object).tolist(), "mixed"


def _writers(ws: Any, date_fmt: Any) -> dict[str, Any]:
    """Cell writers by column kind. xlsxwriter's public write_* only add A1-notation handling around the
    underscore methods, which cost ~10% of a large write; the public ones are used if these ever go away."""
    write_string = getattr(ws, "_write_string", ws.write_string)
    write_number = getattr(ws, "_write_number", ws.write_number)
    write_boolean = getattr(ws, "_write_boolean", ws.write_boolean)

    def write_mixed(r: int, c: int, value: Any, fmt: Any) -> None:
        value = cell_value(value)
        if value is None:
            if fmt is not None:
                ws.write_blank(r, c, None, fmt)
        elif isinstance(value, str):
            write_string(r, c, value, fmt)
        elif isinstance(value, bool):
            write_boolean(r, c, value, fmt)
        elif isinstance(value, (int, float)):
            write_number(r, c, value, fmt)
        elif isinstance(value, (dt.datetime, dt.date)):
            ws.write_datetime(r, c, value, fmt or date_fmt)
        else:
            write_string(r, c, str(value), fmt)

    return {"str": write_string, "num": write_number, "bool": write_boolean, "mixed": write_mixed}


def write_table(
    workbook: Any,
    name: str,
    frame: pd.DataFrame,
    *,
    headers: Sequence[str] | None = None,
    status_column: str | None = None,
    statuses: pd.Series | None = None,
    number_formats: Mapping[str, str | dict[str, Any]] | None = None,
    widths: Sequence[float] | None = None,
    header_formats: Sequence[dict[str, Any] | None] | None = None,
    header_height: float = 30,
    row_heights: Sequence[float | None] | None = None,
) -> Any:
    """One sheet: a bold frozen header row with a filter, then the rows. ``statuses`` colours ``status_column``;
    ``number_formats`` gives a column a number format (or a whole format, as a dict); ``widths`` and
    ``header_formats`` (extra properties per header cell, e.g. rotation) lay out a sheet meant for printing.
    A table longer than a sheet holds is refused (OutputError) before its sheet is added."""
    check_xlsx_rows(Path(workbook.filename), {name: len(frame)})
    ws = workbook.add_worksheet(sheet_name(workbook, name))
    header_spec = {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7", "border": 1}
    header_fmt = workbook.add_format(header_spec)
    date_fmt = workbook.add_format({"num_format": "dd/mm/yyyy"})
    status_fmts = {k: workbook.add_format({"bg_color": v, "valign": "top"}) for k, v in STATUS_COLOURS.items()}
    num_fmts = {c: workbook.add_format(f if isinstance(f, dict) else {"num_format": f})
                for c, f in (number_formats or {}).items()}
    headers = list(headers or [str(c) for c in frame.columns])
    ws.freeze_panes(1, 0)
    for j, h in enumerate(headers):
        ws.set_column(j, j, widths[j] if widths is not None else min(MAX_WIDTH, max(8, len(h) + 2)))
    ws.set_row(0, header_height)
    if header_formats is None:
        ws.write_row(0, 0, headers, header_fmt)
    else:
        for j, (h, extra) in enumerate(zip(headers, header_formats)):
            ws.write_string(0, j, h, workbook.add_format({**header_spec, **extra}) if extra else header_fmt)
    status_pos = -1
    if status_column is not None and status_column in frame.columns:
        status_pos = list(frame.columns).index(status_column)
    _write_body(ws, frame, date_fmt, [num_fmts.get(str(c)) for c in frame.columns], status_pos=status_pos,
                status_fmts=_per_row(statuses, status_fmts) if statuses is not None else None,
                row_heights=row_heights)
    if headers:
        ws.autofilter(0, 0, max(len(frame), 1), len(headers) - 1)
    return ws


def _write_body(ws: Any, frame: pd.DataFrame, date_fmt: Any, col_fmts: list[Any], *, status_pos: int,
                status_fmts: Any, row_heights: Sequence[float | None] | None = None) -> None:
    """The data rows: all but the last built column by column (sheet_rows, the same XML as cell by cell), the
    last cell by cell (xlsxwriter keeps a sheet's last row until the workbook closes); the whole table cell by
    cell if the sheet cannot be written column by column."""
    from .sheet_rows import write_rows

    formats = list(col_fmts)
    if status_fmts is not None and status_pos >= 0:
        formats[status_pos] = status_fmts
    done = len(frame) - 1 if len(frame) > 1 and write_rows(ws, frame.iloc[:-1], 1, formats, date_fmt, row_heights) else 0
    _write_cells(ws, frame.iloc[done:], done, date_fmt, col_fmts, status_pos=status_pos,
                 status_fmts=None if status_fmts is None else status_fmts[done:],
                 row_heights=None if row_heights is None else row_heights[done:])


def _write_cells(ws: Any, frame: pd.DataFrame, skipped: int, date_fmt: Any, col_fmts: list[Any], *, status_pos: int,
                 status_fmts: Any, row_heights: Sequence[float | None] | None = None) -> None:
    """Rows cell by cell (constant_memory needs rows in order), one pre-chosen writer per column; ``frame``'s
    first row is the table's row ``skipped`` (0 = the first under the header)."""
    writers = _writers(ws, date_fmt)
    columns = []
    for j in range(frame.shape[1]):
        values, kind = _column_values(frame.iloc[:, j])
        columns.append((j, values, writers[kind], col_fmts[j]))
    plain = [c for c in columns if c[0] != status_pos or status_fmts is None]
    status = next((c for c in columns if c[0] == status_pos), None) if status_fmts is not None else None
    status_formats: Any = status_fmts if status_fmts is not None else []  # not empty whenever status is set
    write_blank = ws.write_blank
    for i in range(len(frame)):
        r = i + 1 + skipped
        if row_heights is not None and row_heights[i]:
            ws.set_row(r, row_heights[i])  # before the row's cells: rows are written in order
        for j, values, write, fmt in plain:
            value = values[i]
            if value is not None:
                write(r, j, value, fmt)
            elif fmt is not None:
                write_blank(r, j, None, fmt)
        if status is not None:
            j, values, write, _ = status
            value, fmt = values[i], status_formats[i]
            if value is not None:
                write(r, j, value, fmt)
            elif fmt is not None:
                write_blank(r, j, None, fmt)


def _per_row(keys: pd.Series, formats: dict[str, Any]) -> np.ndarray:
    """Each row's format by its key (a status), None where the key has none."""
    out = pd.Series(keys).map(formats).to_numpy(dtype=object, copy=True)
    out[pd.isna(out)] = None
    return out


def write_key_values(workbook: Any, name: str, rows: Sequence[tuple[Any, ...]], *, title: str = "") -> Any:
    """A two-column sheet of labels and values (the summary sheet); a row (label, value, number format) shows a
    number in that format (e.g. '0.00%')."""
    ws = workbook.add_worksheet(sheet_name(workbook, name))
    bold = workbook.add_format({"bold": True})
    title_fmt = workbook.add_format({"bold": True, "font_size": 14})
    ws.set_column(0, 0, 48)
    ws.set_column(1, 1, 22)
    r = 0
    if title:
        ws.write_string(0, 0, title, title_fmt)
        r = 2
    formats: dict[str, Any] = {}
    for label, value, *rest in rows:
        value = cell_value(value)
        ws.write_string(r, 0, label, bold)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number_format = rest[0] if rest else None
            if number_format and number_format not in formats:
                formats[number_format] = workbook.add_format({"num_format": number_format})
            ws.write_number(r, 1, value, formats.get(number_format) if number_format else None)
        elif value is not None:
            ws.write_string(r, 1, str(value))
        r += 1
    return ws


def check_xlsx_rows(path: Path, sheets: dict[str, int]) -> None:
    """Refuse an .xlsx output with a sheet of more rows (``sheets``: name -> data rows, header not counted)
    than a spreadsheet can hold, before anything is written."""
    from ..errors import OutputError
    from ..files import limits
    from ..messages import current_language, text
    from ..numbers import format_count

    limit = limits().xlsx_max_rows
    lang = current_language()
    temporary = re.match(r"^\.(.+)\.[^.]+\.tmp$", path.name)  # a temporary file beside the output (writers)
    path = path.with_name(temporary.group(1)) if temporary else path
    for sheet, rows in sheets.items():
        if rows + 1 > limit:
            raise OutputError(text("write.xlsx_too_many_rows", path=path, sheet=sheet, rows=format_count(rows, lang),
                                   limit=format_count(limit, lang)),
                              hint=text("write.xlsx_too_many_rows_fix", stem=path.with_suffix("")))
