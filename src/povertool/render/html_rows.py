"""The rows of a long report table (the named lists) as HTML, built column by column with Arrow: the same text
html_report._table writes row by row (tests/test_report_rows.py compares them). A table with values of other
types is left to the row-by-row writer (``body_rows`` returns None)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..numbers import format_number
from .report_model import RATE, SUBTOTAL, TEXT, TOTAL, Table

MIN_ROWS = 64


def body_rows(table: Table, lang: str) -> str | None:
    """The <tr> elements of every row of ``table``, or None when a value is not text, a number or blank."""
    n, width = len(table.rows), len(table.columns)
    if n < MIN_ROWS or not width or table.row_kind is not None and any(k is not None for k in table.row_kind):
        return None
    if any(len(row) != width for row in table.rows):
        return None
    kinds = np.array(table.kinds, dtype=object)
    merged = np.array([k == TOTAL and isinstance(r[0], str) and all(v is None for v in r[1:])
                       for r, k in zip(table.rows, table.kinds)], dtype=bool)
    cells = []
    for j, values in enumerate(zip(*table.rows)):
        column = _cells(np.array(values, dtype=object), table.columns[j].kind, lang)
        if column is None:
            return None
        cells.append(column)
    css = np.where(kinds == SUBTOTAL, ' class="subtotal"', np.where(kinds == TOTAL, ' class="total"', "")).astype(object)
    rows = pc.binary_join_element_wise("<tr", pa.array(css, pa.string()), ">", *cells, "</tr>", "")
    if merged.any():
        first = _escape(pa.array([r[0] if m else "" for r, m in zip(table.rows, merged.tolist())], pa.string()))
        whole = pc.binary_join_element_wise("<tr", pa.array(css, pa.string()), f'><td colspan="{width}">', first,
                                            "</td></tr>", "")
        rows = pc.if_else(pa.array(merged), whole, rows)
    return "".join(rows.to_pylist())


def _cells(values: np.ndarray, kind: str, lang: str) -> pa.Array | None:
    """One column's <td> elements: text escaped (centred in a figures column), numbers formatted, blanks empty."""
    types = set(map(type, values.tolist()))
    if not types <= {str, int, float, type(None)}:
        return None
    is_str = np.array([type(v) is str for v in values.tolist()], dtype=bool) if str in types else np.zeros(len(values), bool)
    blank = np.array([v is None for v in values.tolist()], dtype=bool)
    text = np.full(len(values), "", dtype=object)
    text[is_str] = values[is_str]
    body = _escape(pa.array(text, pa.string()))
    plain = ~(is_str | blank)
    if plain.any():
        numbers = values[plain].astype(np.float64)
        if not np.isfinite(numbers).all():
            return None
        shown = np.full(len(values), "", dtype=object)
        shown[plain] = _rates(numbers, lang) if kind == RATE else _counts(numbers, lang)
        body = pc.if_else(pa.array(plain), pa.array(shown, pa.string()), body)
    if kind == TEXT:
        return pc.binary_join_element_wise("<td>", body, "</td>", "")
    opening = np.where(is_str, "<td class=c>", "<td class=n>").astype(object)
    return pc.binary_join_element_wise(pa.array(opening, pa.string()), body, "</td>", "")


def _escape(text: pa.Array) -> pa.Array:
    """html.escape: & < > " ' as entities."""
    for old, new in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;")):
        text = pc.replace_substring(text, old, new)
    return text


def _rates(values: np.ndarray, lang: str) -> np.ndarray:
    """Two decimals, each distinct value formatted once."""
    distinct, index = np.unique(values, return_inverse=True)
    return np.array([format_number(float(v), 2, lang) for v in distinct.tolist()], dtype=object)[index.reshape(-1)]


def _counts(values: np.ndarray, lang: str) -> np.ndarray:
    """Whole numbers (rounded half to even, as round()) with thousands separators, built from digit groups."""
    whole = np.round(values)
    if (np.abs(whole) >= 2**53).any():
        return np.array([format_number(int(v), 0, lang) for v in whole.tolist()], dtype=object)
    ints = whole.astype(np.int64)
    sep = "." if lang == "vi" else ","
    magnitude = np.abs(ints)
    groups = [magnitude % 1000]
    while (magnitude >= 1000 ** len(groups)).any():
        groups.append(magnitude // 1000 ** len(groups) % 1000)
    count = np.ones(len(ints), dtype=np.int64)
    for k in range(1, len(groups)):
        count += magnitude >= 1000 ** k
    pieces = [pa.array(np.where(ints < 0, "-", "").astype(object), pa.string())]
    for k in range(len(groups) - 1, -1, -1):
        digits = pa.array(groups[k]).cast(pa.string())
        lower = pc.binary_join_element_wise(sep, pc.utf8_lpad(digits, 3, "0"), "")
        piece = pc.if_else(pa.array(count - 1 == k), digits, pc.if_else(pa.array(count - 1 > k), lower, ""))
        pieces.append(piece)
    return pc.binary_join_element_wise(*pieces, "").to_numpy(zero_copy_only=False)
