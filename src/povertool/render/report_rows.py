"""Long tables of the report workbook (the named lists: one row per poor or near-poor household) written as
blocks: the same bytes xlsxwriter writes cell by cell, made column by column with Arrow.

The report workbook keeps its rows in memory (merged header bands need it), so xlsxwriter would store a tuple per
cell and, when the workbook closes, write each cell with several Python calls: for a province's lists (hundreds of
thousands of households × 18 columns) that is most of the report's time. Here, when the table is written, each
string goes into the shared-string table in the order the cell writer would put it there and the formats are made
in its order; the block's cells are kept as columns; when the sheet is written, the block's rows are joined as
text in one go between the rows xlsxwriter writes itself. tests/test_report_rows.py compares every part of the
workbook with the cell-by-cell one; a table this module does not reproduce exactly is left to the cell writer.
"""

from __future__ import annotations

import io
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .report_model import TEXT, Table
from .sheet_rows import PerRowFormats, number_texts, text_fragments, write_text_cell

MIN_ROWS = 64  # shorter runs are written cell by cell (the summary tables: a few rows)
CHUNK = 32_768
_NEEDED = ("_write_rows", "_calculate_spans", "_write_row", "_write_empty_row", "_write_cell", "_check_dimensions",
           "row_info", "row_spans", "table", "comments", "str_table", "fh", "dim_rowmin", "dim_colmin")


@dataclass
class _Block:
    """Rows [first, first + n) of a sheet: each column's cell text after its format, and its format(s)."""

    first: int
    n: int
    tails: list[pa.Array]
    formats: list[Any]


def write_block(ws: Any, table: Table, first_row: int, start: int, stop: int,
                cell_format: Callable[..., Any]) -> bool:
    """Rows ``start``..``stop`` of ``table`` from sheet row ``first_row``, as workbook._write_rows would write them
    cell by cell (``cell_format`` is Styles.cell); False, with nothing done, when they cannot be written so."""
    n, width = stop - start, len(table.columns)
    if n < MIN_ROWS or not width or getattr(ws, "constant_memory", True) or not all(hasattr(ws, a) for a in _NEEDED):
        return False
    if table.row_kind is not None and any(k is not None for k in table.row_kind[start:stop]):
        return False
    rows = table.rows[start:stop]
    if any(len(row) != width for row in rows):
        return False
    columns = [np.array(c, dtype=object) for c in zip(*rows)]
    kinds = np.array(table.kinds[start:stop], dtype=object)
    found = [_column(values, table.columns[j].kind) for j, values in enumerate(columns)]
    cells = [c for c in found if c is not None]
    if len(cells) != width:
        return False
    _make_formats(cells, kinds, cell_format)  # in the order the cell writer asks for them
    formats = [_formats(c, kinds, cell_format) for c in cells]
    tails = _register_strings(ws, cells, n)
    ws._check_dimensions(first_row, 0)
    ws._check_dimensions(first_row + n - 1, width - 1)
    blocks = ws.__dict__.setdefault("_povertool_blocks", [])
    if not blocks:
        ws._write_rows = types.MethodType(_write_rows, ws)
    blocks.append(_Block(first_row, n, tails, formats))
    return True


@dataclass
class _Cells:
    """One column of a block: per row, text (str, or a bool written 'x'/''), a number, or blank."""

    kind: str  # the column's kind (TEXT, COUNT, RATE, ...)
    is_str: np.ndarray
    is_text: np.ndarray
    texts: np.ndarray  # the text of text cells ('' elsewhere)
    numbers: np.ndarray  # the value of number cells (NaN elsewhere)
    blank: np.ndarray


def _column(values: np.ndarray, kind: str) -> _Cells | None:
    """A column's cells as the cell writer sees them: None blank, text (bool as 'x'/''), a finite number."""
    types_of = list(map(type, values.tolist()))
    found = set(types_of)
    if not found <= {str, bool, int, float, type(None)}:
        return None
    codes, seen = pd.factorize(np.array(types_of, dtype=object)) if types_of else (np.zeros(0, np.int64), [])
    number = {t: k for k, t in enumerate(np.asarray(seen, dtype=object).tolist())}
    is_str, is_bool = codes == number.get(str, -2), codes == number.get(bool, -2)
    blank = codes == number.get(type(None), -2)
    texts = np.full(len(values), "", dtype=object)
    texts[is_str] = values[is_str]
    texts[is_bool] = np.where(values[is_bool].astype(bool), "x", "")
    if is_str.any() and max(map(len, texts[is_str].tolist())) > 16_383:
        return None  # xlsxwriter shortens such text: the cell writer does it
    numbers = np.full(len(values), np.nan)
    plain = ~(is_str | is_bool | blank)
    if plain.any():
        number = values[plain].astype(np.float64)
        if not np.isfinite(number).all() or (np.abs(number) >= 2**53).any():
            return None
        numbers[plain] = number
    return _Cells(kind, is_str, is_str | is_bool, texts, numbers, blank)


def _center(cells: _Cells) -> np.ndarray:
    """Text cells written centred: in a figures column, or of at most two characters ('x', '—')."""
    lengths = pc.utf8_length(pa.array(cells.texts, type=pa.string())).to_numpy(zero_copy_only=False)
    return (cells.kind != TEXT) | (lengths <= 2)  # utf8_length counts characters, as len() does


def _make_formats(cells: list[_Cells], kinds: np.ndarray, cell_format: Callable[..., Any]) -> None:
    """Create the cell formats in the order the cell writer first asks for each: row by row, left to right, the
    cell's format by its kind, then (text cells) the text format."""
    firsts: list[tuple[int, int, int, tuple]] = []
    for j, c in enumerate(cells):
        for kind in pd.unique(kinds).tolist():
            rows = np.flatnonzero(kinds == kind)
            firsts.append((int(rows[0]), j, 0, (c.kind, kind, False)))
        text = c.is_str
        if text.any():
            center = _center(c)
            for kind in pd.unique(kinds[text]).tolist():
                for centred in (False, True):
                    rows = np.flatnonzero(text & (kinds == kind) & (center == centred))
                    if len(rows):
                        firsts.append((int(rows[0]), j, 1, (TEXT, kind, centred)))
    for _, _, _, (kind, row_kind, centred) in sorted(firsts, key=lambda f: f[:3]):
        cell_format(kind, row_kind, center=centred)


def _formats(c: _Cells, kinds: np.ndarray, cell_format: Callable[..., Any]) -> PerRowFormats:
    """Each row's format: the text format for text, else the format of the column's kind (bool 'x' too)."""
    is_str = c.is_str
    center = _center(c) & is_str if is_str.any() else np.zeros(len(kinds), bool)
    row_kind, names = pd.factorize(kinds)
    keys = np.asarray(row_kind, dtype=np.int64) * 4 + is_str * 2 + center  # (row kind, text, centred) as a number
    codes, distinct = pd.factorize(keys)
    formats: list[Any] = [None]
    for key in distinct.tolist():
        kind = names[key // 4]
        formats.append(cell_format(TEXT, kind, center=bool(key % 2)) if key % 4 >= 2 else cell_format(c.kind, kind))
    return PerRowFormats(np.asarray(codes, dtype=np.int64) + 1, formats)


def _register_strings(ws: Any, cells: list[_Cells], n: int) -> list[pa.Array]:
    """Put the block's text in the shared-string table in row-major order (as cell writes would) and return each
    column's cell text after its format attribute."""
    width = len(cells)
    grid = np.empty((n, width), dtype=object)
    mask = np.zeros((n, width), dtype=bool)
    for j, c in enumerate(cells):
        grid[:, j] = c.texts
        mask[:, j] = c.is_text
    flat = grid.ravel()[mask.ravel()]
    index = np.full((n, width), -1, dtype=np.int64)
    if len(flat):
        codes, uniques = pd.factorize(flat)
        sst = ws.str_table
        table = sst.string_table
        numbers = np.empty(len(uniques), dtype=np.int64)
        for k, text in enumerate(uniques.tolist()):  # each distinct text once
            found = table.get(text)
            if found is None:
                found = table[text] = sst.unique_count
                sst.unique_count += 1
            numbers[k] = found
        sst.count += len(flat)
        index[mask] = numbers[codes]
    tails = []
    for j, c in enumerate(cells):
        text_tail = pc.binary_join_element_wise(' t="s"><v>', pa.array(index[:, j]).cast(pa.string()), "</v></c>", "")
        number_tail = number_texts(np.where(c.is_text | c.blank, np.nan, c.numbers))
        tail = pc.if_else(pa.array(c.is_text), text_tail, number_tail)
        tails.append(pc.if_else(pa.array(c.blank), pa.scalar(None, pa.string()), tail))
    return tails


# --- when the sheet is written ------------------------------------------------------------------------------


def _write_rows(self: Any) -> None:
    """xlsxwriter's Worksheet._write_rows, with the blocks written as joined text."""
    self._calculate_spans()
    blocks = {b.first: b for b in self._povertool_blocks}
    for b in blocks.values():  # a 16-row span group that a block touches spans the block's columns too
        for group in range(b.first // 16, (b.first + b.n - 1) // 16 + 1):
            low, high = 1, len(b.tails)
            if group in self.row_spans:
                a, z = map(int, self.row_spans[group].split(":"))
                low, high = min(low, a), max(high, z)
            self.row_spans[group] = f"{low}:{high}"
    row_num = self.dim_rowmin
    while row_num <= self.dim_rowmax:
        block = blocks.get(row_num)
        if block is not None:
            _write_block(self, block)
            row_num += block.n
            continue
        _write_one_row(self, row_num)
        row_num += 1


def _write_one_row(self: Any, row_num: int) -> None:
    """One row as xlsxwriter writes it (the body of its _write_rows loop)."""
    if row_num in self.row_info or row_num in self.comments or self.table[row_num]:
        span = self.row_spans.get(int(row_num / 16))
        if self.table[row_num]:
            if row_num not in self.row_info:
                self._write_row(row_num, span)
            else:
                self._write_row(row_num, span, self.row_info[row_num])
            for col_num in range(self.dim_colmin, self.dim_colmax + 1):
                if col_num in self.table[row_num]:
                    self._write_cell(row_num, col_num, self.table[row_num][col_num])
            self._xml_end_tag("row")
        else:
            self._write_empty_row(row_num, span, self.row_info.get(row_num))


def _write_block(self: Any, block: _Block) -> None:
    """The block's rows: formats numbered in first-use order, then the rows' text in chunks."""
    from xlsxwriter.utility import xl_col_to_name

    from .sheet_rows import index_formats

    n = block.n
    index_formats(block.formats, [np.ones(n, dtype=bool)] * len(block.formats))
    rows = np.arange(block.first, block.first + n)
    groups = rows // 16
    spans = np.array([self.row_spans.get(g) for g in range(groups[0], groups[-1] + 1)], dtype=object)[groups - groups[0]]
    heads = _row_heads(self, rows, spans)
    names = [xl_col_to_name(j) for j in range(len(block.tails))]
    for start in range(0, n, CHUNK):
        stop = min(n, start + CHUNK)
        numbers = pa.array(rows[start:stop] + 1).cast(pa.string())
        parts = [text_fragments(names[j], numbers, block.tails[j].slice(start, stop - start), block.formats[j], start, stop)
                 for j in range(len(block.tails))]
        text = pc.binary_join_element_wise('<row r="', numbers, '"', pa.array(heads[start:stop], pa.string()), *parts,
                                           "</row>", "", null_handling="replace", null_replacement="")
        write_text_cell(self.fh, text)


def _row_heads(self: Any, rows: np.ndarray, spans: np.ndarray) -> np.ndarray:
    """Each row's opening tag after its number, made by xlsxwriter's _write_row once per distinct (span, row
    properties): a row of its own height (set_row) has its own."""
    span_codes, _ = pd.factorize(spans)
    info = [self.row_info.get(r) for r in rows.tolist()]
    own = np.array([i is not None for i in info], dtype=bool)
    keys = np.where(own, -1 - np.arange(len(rows)), span_codes)
    codes, distinct = pd.factorize(keys)
    heads = []
    for i in np.unique(codes, return_index=True)[1].tolist():
        buffer, fh = io.StringIO(), self.fh
        self.fh = buffer
        try:
            if info[i] is None:
                self._write_row(0, spans[i])
            else:
                self._write_row(0, spans[i], info[i])
        finally:
            self.fh = fh
        heads.append(buffer.getvalue().replace('<row r="1"', "", 1))
    return np.array(heads, dtype=object)[codes]
