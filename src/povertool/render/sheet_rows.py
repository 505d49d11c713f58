"""The data rows of a constant_memory xlsx sheet, built column by column: the same XML xlsxwriter writes for
each cell, made with pyarrow string kernels over whole columns instead of one Python call per cell.

xlsxwriter's per-cell path (checks, a tuple per cell, an XML escape per cell) costs about 15 µs a cell, far
more than a list needs: 100,000 households × 26 columns took 40 s. Here each column is turned into the text
of its cells at once (escaping, number text, cell references), each row joined, and the rows written to the
sheet's row file as one block. The result is byte for byte what xlsxwriter writes (tests/test_sheet_rows.py
compares the two); a sheet this module cannot reproduce exactly (not constant_memory, row formats, an
xlsxwriter without the internals used here) is left to the per-cell writer (``write_rows`` returns False).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .xlsx import cell_value

CHUNK = 32_768  # rows built and written at a time (bounds the memory of one block of XML)
# Text xlsxwriter treats specially (control characters, its own _xHHHH_ escapes, non-characters): one value
# at a time through xlsxwriter's own escaping (rare in a commune's list).
_SPECIAL = r"[\x{00}-\x{08}\x{0b}-\x{1f}\x{fffe}\x{ffff}]|_x[0-9a-fA-F]{4}_"
_LONG = 16_383  # xlsxwriter checks the 32,767 UTF-16 unit limit only above half of it
_NEEDED = ("_write_single_row", "_check_dimensions", "_write_row", "row_info", "row_sizes", "col_info",
           "previous_row", "fh", "table", "xls_strmax")


@lru_cache(maxsize=1)
def _whitespace_class() -> str:
    """An RE2 character class of every character Python's ``\\s`` matches (xlsxwriter's whitespace test)."""
    chars = [c for c in range(0x3001) if re.match(r"\s", chr(c))]
    return "[" + "".join(f"\\x{{{c:x}}}" for c in chars) + "]"


def can_write(ws: Any) -> bool:
    """True if ``ws`` is a constant_memory xlsxwriter sheet with the internals this module relies on."""
    return bool(getattr(ws, "constant_memory", False)) and all(hasattr(ws, name) for name in _NEEDED) \
        and not getattr(ws, "row_data_fh_closed", True)


def write_rows(ws: Any, frame: pd.DataFrame, first_row: int, formats: Sequence[Any], date_format: Any,
               row_heights: Sequence[float | None] | None = None) -> bool:
    """Write ``frame``'s rows from ``first_row`` as xlsxwriter would write them cell by cell: a cell per value
    (text, number, true/false; dates as dates), a formatted blank for a missing value whose format is given,
    nothing for a missing value without one. ``formats[j]`` is column j's format, or a sequence of one format
    per row. False (and nothing written) when the sheet cannot be written this way."""
    n, width = frame.shape
    if not n or not width or not can_write(ws):
        return not n
    if any(getattr(info, "row_format", None) for r, info in ws.row_info.items() if r >= first_row):
        return False
    if any(getattr(ws.col_info.get(j), "column_format", None) is not None for j in range(width)):
        return False  # cells without a format would take their column's: left to the per-cell writer
    heights = _heights(row_heights, n)
    opens = _row_opens(ws, first_row, heights)
    if opens is None:
        return False
    try:
        cells = [_column_cells(ws, frame.iloc[:, j]) for j in range(width)]
    except (pa.ArrowException, UnicodeError):  # text Arrow cannot hold (lone surrogates): cell by cell
        return False
    fmts = [_row_formats(f, n, date_format, dates) for f, (_, dates) in zip(formats, cells)]
    present = [tails.is_valid().to_numpy(zero_copy_only=False) | _has_format(f, n) for (tails, _), f in zip(cells, fmts)]
    any_cell = np.logical_or.reduce(present)
    used_rows = np.flatnonzero(any_cell | (heights > 0))
    if len(used_rows):  # the sheet's extent, as each cell (and set_row) would have widened it
        cols = [j for j in range(width) if present[j].any()]
        edge = ws.dim_colmin if ws.dim_colmin is not None else 0
        ws._check_dimensions(first_row + int(used_rows[0]), cols[0] if cols else edge)
        ws._check_dimensions(first_row + int(used_rows[-1]), cols[-1] if cols else edge)
    if not any_cell.any():
        return True
    first = first_row + int(np.argmax(any_cell))
    if first > ws.previous_row:
        ws._write_single_row(first)  # the rows above (the header) go out first, as at the first cell written
    index_formats(fmts, present)
    from xlsxwriter.utility import xl_col_to_name

    names = [xl_col_to_name(j) for j in range(width)]

    def write_block(start: int, stop: int) -> None:
        numbers = pa.array(np.arange(first_row + start + 1, first_row + stop + 1)).cast(pa.string())
        try:
            parts = [text_fragments(names[j], numbers, cells[j][0].slice(start, stop - start), fmts[j], start, stop)
                     for j in range(width)]
            opening = pa.array(opens[1][opens[0][start:stop]], type=pa.string())
            rows_xml = pc.binary_join_element_wise('<row r="', numbers, '"', opening, *parts, "</row>", "",
                                                   null_handling="replace", null_replacement="")
        except pa.ArrowException:  # more text than one Arrow array holds (2 GB): in halves
            if stop - start < 2:
                raise
            write_block(start, (start + stop) // 2)
            write_block((start + stop) // 2, stop)
            return
        write_text_cell(ws.fh, pc.if_else(pa.array(any_cell[start:stop]), rows_xml, ""))

    for start in range(0, n, CHUNK):
        write_block(start, min(n, start + CHUNK))
    for r in np.flatnonzero(heights > 0).tolist():  # row sizes kept as set_row keeps them (image anchors)
        ws.row_sizes[first_row + r] = [int(heights[r] * 4.0 / 3.0 + 0.5), False]
    ws.previous_row = first_row + n - 1
    return True


def write_text_cell(fh: Any, text: pa.Array) -> None:
    """The concatenated values of a string array, written as the UTF-8 bytes Arrow already holds."""
    text = text.fill_null("") if text.null_count else text
    offsets = np.frombuffer(text.buffers()[1], dtype=np.int32, count=text.offset + len(text) + 1)[text.offset:]
    data = text.buffers()[2]
    if data is None or offsets[-1] == offsets[0]:
        return
    raw = getattr(fh, "buffer", None)
    if raw is None:
        fh.write(data.to_pybytes()[offsets[0]:offsets[-1]].decode("utf-8"))
        return
    fh.flush()  # the text written before goes first
    raw.write(memoryview(data)[int(offsets[0]):int(offsets[-1])])


def _heights(row_heights: Sequence[float | None] | None, n: int) -> np.ndarray:
    """Each row's height in points, 0 for the default."""
    if row_heights is None:
        return np.zeros(n)
    return pd.Series(list(row_heights[:n]), dtype="float64").fillna(0).to_numpy()


def _row_opens(ws: Any, first_row: int, heights: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Each row's opening tag (without its number): the index of its tag and the tags, made by xlsxwriter's
    own _write_row for each distinct height (set_row on the first row of that height, then taken back)."""
    distinct, index = np.unique(heights, return_inverse=True)
    heads = []
    for value in distinct.tolist():
        info = None
        if value:
            row = first_row + int(np.argmax(heights == value))
            if ws.set_row(row, value):
                return None
            info = ws.row_info.pop(row)
        buffer, fh = io.StringIO(), ws.fh
        ws.fh = buffer
        try:
            ws._write_row(0, None, info)
        finally:
            ws.fh = fh
        tag = buffer.getvalue()
        if not tag.startswith('<row r="1"'):
            return None
        heads.append(tag)
    return np.asarray(index).reshape(-1), np.array([h.replace('<row r="1"', "", 1) for h in heads], dtype=object)


def text_fragments(name: str, rows: pa.Array, tails: pa.Array, fmt: Any, start: int, stop: int) -> pa.Array:
    """The <c> elements of one column for rows [start, stop): null where the row has no cell."""
    if isinstance(fmt, PerRowFormats):
        attrs = pa.array(np.take(fmt.attrs, fmt.codes[start:stop]), type=pa.string())
        has = pa.array(fmt.codes[start:stop] > 0)
        tails = pc.if_else(pc.and_(pc.is_null(tails), has), "/>", tails)
        return pc.binary_join_element_wise(f'<c r="{name}', rows, '"', attrs, tails, "", null_handling="emit_null")
    if fmt is not None:
        tails = pc.fill_null(tails, "/>")
    attr = _attr(fmt)
    return pc.binary_join_element_wise(f'<c r="{name}', rows, f'"{attr}', tails, "", null_handling="emit_null")


class PerRowFormats:
    """One format per row: codes into ``formats`` (0 = none) and each format's s="" attribute."""

    def __init__(self, codes: np.ndarray, formats: list[Any]):
        self.codes, self.formats = codes, formats
        self.attrs: np.ndarray = np.array([""] * len(formats), dtype=object)

    def resolve(self) -> None:
        """The s="" attributes, once the formats have their indexes."""
        self.attrs = np.array([_attr(f) for f in self.formats], dtype=object)


def _attr(fmt: Any) -> str:
    return "" if fmt is None else f' s="{fmt._get_xf_index()}"'


def _row_formats(fmt: Any, n: int, date_format: Any, dates: np.ndarray | None) -> Any:
    """A column's format: one Format (or None), or PerRowFormats when it varies (per-row formats; dates written
    with the date format in a column without one)."""
    varies = isinstance(fmt, (list, tuple, np.ndarray, pd.Series))
    dated = dates is not None and bool(dates.any())
    if not varies and not dated:
        return fmt
    values = np.empty(n, dtype=object)
    values[:] = list(fmt)[:n] if varies else [fmt] * n
    if dated and dates is not None:
        values[dates & pd.isna(values)] = date_format  # write_datetime(…, fmt or date_fmt)
    found, distinct = pd.factorize(values, use_na_sentinel=True)  # Formats hash by identity
    codes = np.asarray(found, dtype=np.int64) + 1
    formats: list[Any] = [None, *distinct.tolist()]
    return PerRowFormats(codes, formats)


def _has_format(fmt: Any, n: int) -> np.ndarray:
    """Rows whose cell has a format (a blank one is still written)."""
    if isinstance(fmt, PerRowFormats):
        return fmt.codes > 0
    return np.full(n, fmt is not None)


def index_formats(fmts: list[Any], present: list[np.ndarray]) -> None:
    """Give the formats their indexes in the order xlsxwriter would meet them (row by row, left to right), so
    that the styles part is numbered the same."""
    firsts: list[tuple[int, int, Any]] = []
    for j, (fmt, here) in enumerate(zip(fmts, present)):
        if isinstance(fmt, PerRowFormats):
            for code, f in enumerate(fmt.formats):
                rows = np.flatnonzero((fmt.codes == code) & here)
                if f is not None and len(rows):
                    firsts.append((int(rows[0]), j, f))
        elif fmt is not None and here.any():
            firsts.append((int(np.argmax(here)), j, fmt))
    for _, _, f in sorted(firsts, key=lambda t: t[:2]):
        f._get_xf_index()
    for fmt in fmts:
        if isinstance(fmt, PerRowFormats):
            fmt.resolve()


# --- the text of each cell -----------------------------------------------------------------------------------


def _column_cells(ws: Any, series: pd.Series) -> tuple[pa.Array, np.ndarray | None]:
    """Each value's cell text after its reference (' t="inlineStr"><is>…</is></c>', '><v>6</v></c>'), null for
    a missing value; and which rows hold dates (written with the date format), None if none can."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        flags = series.astype("boolean")
        text = np.where(flags.fillna(False).to_numpy(dtype=bool), ' t="b"><v>1</v></c>', ' t="b"><v>0</v></c>')
        return pa.array(text.astype(object), type=pa.string(), mask=flags.isna().to_numpy()), None
    if pd.api.types.is_numeric_dtype(dtype):
        return number_texts(series.to_numpy(dtype=float, na_value=np.nan)), None
    if pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype):
        try:
            strings = pa.array(series.to_numpy(dtype=object), type=pa.string(), from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            strings = None
        if strings is not None:
            return _strings(ws, strings), None
        numbers = _plain_numbers(series)
        if numbers is not None:
            return number_texts(numbers), None
    return _mixed(ws, series.to_numpy(dtype=object))


def _plain_numbers(series: pd.Series) -> np.ndarray | None:
    """An object column of only numbers (int, float) and blanks as floats, else None."""
    raw = series.to_numpy(dtype=object)
    known = ~pd.isna(raw)
    kinds = set(map(type, raw[known].tolist()))
    if not kinds or not kinds <= {int, float}:
        return None
    values = np.full(len(raw), np.nan)
    try:
        values[known] = raw[known].astype(np.float64)  # -0.0 stays -0.0, as the cell writer writes it
    except (TypeError, ValueError, OverflowError):
        return None
    return values


def number_texts(values: np.ndarray) -> pa.Array:
    """Numbers as xlsxwriter writes them (``{:.16G}``); infinities and NaN are blank."""
    finite = np.isfinite(values)
    whole = finite & (np.abs(values) < 1e16) & (values == np.floor(np.where(finite, values, 0))) \
        & ~((values == 0) & np.signbit(values))
    text = np.empty(len(values), dtype=object)
    text[whole] = pa.array(values[whole].astype(np.int64)).cast(pa.string()).to_numpy(zero_copy_only=False)
    other = finite & ~whole
    if other.any():
        distinct, index = np.unique(values[other], return_inverse=True)
        text[other] = np.array([f"{v:.16G}" for v in distinct.tolist()], dtype=object)[index.reshape(-1)]
    body = pa.array(text, type=pa.string(), mask=~finite)
    return pc.binary_join_element_wise("><v>", body, "</v></c>", "", null_handling="emit_null")


def _strings(ws: Any, strings: pa.Array) -> pa.Array:
    """Text cells, each distinct text made once when a column repeats its values (marks, communes)."""
    encoded = pc.dictionary_encode(strings)
    if 2 * len(encoded.dictionary) < len(strings):
        return _string_tails(ws, encoded.dictionary).take(encoded.indices)
    return _string_tails(ws, strings)


def _string_tails(ws: Any, strings: pa.Array) -> pa.Array:
    """Text cells as inline strings: &, <, > escaped, xml:space="preserve" for text with a space at either
    end; text needing xlsxwriter's own escapes (control characters, rich-text markup) goes through it."""
    special = pc.or_(pc.match_substring_regex(strings, _SPECIAL), pc.greater(pc.utf8_length(strings), _LONG))
    special = pc.or_(special, pc.and_(pc.starts_with(strings, "<r>"), pc.ends_with(strings, "</r>")))
    space = _whitespace_class()
    preserve = pc.match_substring_regex(strings, f"^{space}|{space}$")
    escaped = pc.replace_substring(pc.replace_substring(pc.replace_substring(strings, "&", "&amp;"), "<", "&lt;"),
                                   ">", "&gt;")
    head = pc.if_else(preserve, ' t="inlineStr"><is><t xml:space="preserve">', ' t="inlineStr"><is><t>')
    text = pc.binary_join_element_wise(head, escaped, "</t></is></c>", "", null_handling="emit_null")
    flagged = np.flatnonzero(special.fill_null(False).to_numpy(zero_copy_only=False))
    if not len(flagged):
        return text
    out = text.to_numpy(zero_copy_only=False).astype(object)
    for i in flagged.tolist():
        out[i] = _string_cell(ws, strings[i].as_py())
    return pa.array(out, type=pa.string())


def _string_cell(ws: Any, value: str) -> str:
    """One text cell exactly as xlsxwriter's _write_string and _write_cell make it (truncation, escapes)."""
    from xlsxwriter.utility import _preserve_whitespace, _utf16_len, _utf16_truncate
    from xlsxwriter.xmlwriter import XMLwriter

    if len(value) > ws.xls_strmax // 2 and _utf16_len(value) > ws.xls_strmax:
        value = _utf16_truncate(value, ws.xls_strmax)
    value = XMLwriter._escape_control_characters(value)
    if value.startswith("<r>") and value.endswith("</r>"):
        return f' t="inlineStr"><is>{value}</is></c>'
    preserve = ' xml:space="preserve"' if _preserve_whitespace(value) else ""
    return f' t="inlineStr"><is><t{preserve}>{XMLwriter()._escape_data(value)}</t></is></c>'


def _mixed(ws: Any, raw: np.ndarray) -> tuple[pa.Array, np.ndarray]:
    """A column of mixed values, one value at a time (a list's columns are rarely mixed): the same choice of
    cell as the per-cell writer (text, number, true/false, date; anything else as its text)."""
    out: list[str | None] = []
    dates = np.zeros(len(raw), dtype=bool)
    for i, value in enumerate(raw.tolist()):
        value = cell_value(value)
        if value is None:
            out.append(None)
        elif isinstance(value, str):
            out.append(_string_cell(ws, value))
        elif isinstance(value, bool):
            out.append(f' t="b"><v>{1 if value else 0}</v></c>')
        elif isinstance(value, (int, float)):
            out.append(f"><v>{value:.16G}</v></c>")
        elif isinstance(value, (dt.datetime, dt.date)):
            out.append(f"><v>{ws._convert_date_time(value):.16G}</v></c>")
            dates[i] = True
        else:
            out.append(_string_cell(ws, str(value)))
    return pa.array(out, type=pa.string()), dates
