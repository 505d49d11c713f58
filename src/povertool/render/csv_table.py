"""A table as CSV built column by column: the bytes pandas' ``to_csv`` writes for ``whole_numbers(frame_for_text(
frame))`` (UTF-8, comma, minimal quoting, CRLF, blanks empty, formulas neutralised, whole numbers without .0),
made with Arrow string kernels over whole columns instead of pandas' row-by-row writer (3× faster on a
classified list). tests/test_csv_table.py compares the two byte for byte; a column of a type this module does
not know (dates, categories, ...) leaves the whole table to pandas (``csv_bytes`` returns None)."""

from __future__ import annotations

from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .writers import FORMULA_PREFIXES

CHUNK = 65_536  # rows joined and written at a time
_NEEDS_QUOTES = r'[,"\r\n]'
_FORMULA_START = "^[" + "".join(f"\\x{{{ord(c):02x}}}" for c in FORMULA_PREFIXES) + "]"


def write_csv_rows(frame: pd.DataFrame, out: BinaryIO, *, header: bool = True) -> bool:
    """Write ``frame`` (its header line first if ``header``) as CSV bytes to ``out``; False, with nothing
    written, when a column's type is not one this module writes."""
    fields = [_field_texts(frame.iloc[:, j]) for j in range(frame.shape[1])]
    if not fields or any(f is None for f in fields):
        return False
    width = len(fields)
    if header:
        names = pa.array([_neutralised(c) if isinstance(c, str) else str(c) for c in frame.columns], type=pa.string())
        out.write(_joined([_quoted(names.slice(j, 1), width) for j in range(width)]))
    for start in range(0, len(frame), CHUNK):
        out.write(_joined([_quoted(f.slice(start, CHUNK), width) for f in fields]))  # type: ignore[union-attr]
    return True


def _joined(columns: list[pa.Array]) -> bytes:
    """Rows of fields joined with commas, each ending in CRLF, as UTF-8 bytes."""
    rows = pc.binary_join_element_wise(pc.binary_join_element_wise(*columns, ","), "\r\n", "")
    offsets = np.frombuffer(rows.buffers()[1], dtype=np.int32, count=rows.offset + len(rows) + 1)[rows.offset:]
    data = rows.buffers()[2]
    return b"" if data is None else data.to_pybytes()[int(offsets[0]):int(offsets[-1])]


def _quoted(fields: pa.Array, width: int) -> pa.Array:
    """Python csv's minimal quoting: a field with a comma, quote or line break in quotes (quotes doubled); an
    empty field alone on its row as ""."""
    needs = pc.match_substring_regex(fields, _NEEDS_QUOTES)
    if width == 1:
        needs = pc.or_(needs, pc.equal(fields, ""))
    if not pc.any(needs).as_py():
        return fields
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(fields, '"', '""'), '"', "")
    return pc.if_else(needs, quoted, fields)


def _neutralised(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


# --- each column's field texts ------------------------------------------------------------------------------


def _field_texts(series: pd.Series) -> pa.Array | None:
    """The text of each field of a column (no quoting yet; '' for a blank), or None for an unknown type."""
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype) or pd.api.types.is_datetime64_any_dtype(dtype) \
            or pd.api.types.is_timedelta64_dtype(dtype) or isinstance(dtype, pd.PeriodDtype):
        return None
    if pd.api.types.is_bool_dtype(dtype):
        values = series.astype("boolean")
        text = np.where(values.fillna(False).to_numpy(dtype=bool), "True", "False").astype(object)
        text[values.isna().to_numpy()] = ""
        return pa.array(text, type=pa.string())
    if pd.api.types.is_integer_dtype(dtype):
        if isinstance(dtype, np.dtype):
            return pa.array(series.to_numpy()).cast(pa.string())
        if str(dtype) not in _NULLABLE_INTS:
            return None
        return pa.array(series.to_numpy(dtype=object), from_pandas=True).cast(pa.string()).fill_null("")
    if pd.api.types.is_float_dtype(dtype):
        return _floats(series.to_numpy(dtype=float, na_value=np.nan)) if isinstance(dtype, np.dtype) else None
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":  # Arrow already: no Python strings
        strings = pa.array(series.array)
        return _texts(strings.combine_chunks() if isinstance(strings, pa.ChunkedArray) else strings)
    if pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype):
        raw = series.to_numpy(dtype=object)
        try:
            strings = pa.array(raw, type=pa.string(), from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return _objects(series, raw)
        return _texts(strings)
    return None


_NULLABLE_INTS = {"Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64"}


def _texts(strings: pa.Array) -> pa.Array:
    """Text fields: formula-like text gets a leading apostrophe; blanks are empty."""
    strings = strings.cast(pa.string())
    risky = pc.match_substring_regex(strings, _FORMULA_START)
    if pc.any(risky).as_py():
        strings = pc.if_else(risky, pc.binary_join_element_wise("'", strings, ""), strings)
    return strings.fill_null("")


def _floats(values: np.ndarray) -> pa.Array:
    """Float fields: whole numbers as integers (6, not 6.0), others as Python writes them; NaN blank."""
    whole = _whole(values)
    text = values.astype(str).astype(object)  # numpy's float text is Python's repr ('0.1', '1e+16', 'inf')
    if whole.any():
        text[whole] = pa.array(values[whole].astype(np.int64)).cast(pa.string()).to_numpy(zero_copy_only=False)
    text[np.isnan(values)] = ""
    return pa.array(text, type=pa.string())


def _whole(values: np.ndarray) -> np.ndarray:
    """Finite whole values below 2**53 (whole_numbers' test)."""
    finite = np.isfinite(values)
    whole = finite & (np.abs(np.where(finite, values, 0)) < 2**53)
    whole[whole] = values[whole] == np.floor(values[whole])
    return whole


def _objects(series: pd.Series, raw: np.ndarray) -> pa.Array | None:
    """An object column holding more than text. Numbers alone (a spreadsheet's column of floats) by column;
    anything else as frame_for_text, whole_numbers and the csv module treat it: neutralised value by value
    (which lets pandas settle the column's type), whole floats rewritten, then str() of each value."""
    known = ~pd.isna(raw)
    kinds = set(map(type, raw[known].tolist()))
    if kinds and kinds <= {float, int}:
        values = np.full(len(raw), np.nan)
        try:
            values[known] = raw[known].astype(np.float64)
        except OverflowError:  # an integer beyond any float: value by value below
            kinds = set()
    if kinds and kinds <= {float, int}:
        # Pandas makes such a column float64 (the ints too, once a value is missing or a float); an int column
        # with every value is int64, written exactly: the same text below 2**53.
        if float in kinds or not known.all() or np.abs(values).max(initial=0) < 2**53:
            return _floats(values)
    from .writers import neutralise_formula, whole_numbers

    mapped = series.map(neutralise_formula, na_action="ignore")
    if mapped.dtype != object:
        return _field_texts(mapped)
    cells = whole_numbers(mapped.to_frame()).iloc[:, 0].to_numpy(dtype=object)
    missing = pd.isna(cells)
    return pa.array(["" if gone else str(v) for v, gone in zip(cells.tolist(), missing.tolist())], type=pa.string())
