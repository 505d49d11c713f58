"""A grid of cells kept as columns: each column factorised once into its distinct values, every cell a code.

The reading rules (text cleaning, legacy fonts, which rows are households) ask questions of cells; a question
is answered once per distinct value of a column (vectorised where it can be), then spread to the cells by the
codes. A sheet of 100,000 households with a few thousand distinct values asks a few thousand questions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from .text_kernels import SPACES_ONLY, arrow_strings, matches


class CellBlock:
    """The cells of rows (``cells[r, c]``, padded with '' to one width), and per cell a code into ``values``:
    the distinct values of column 0, then those of column 1 … (``starts[c]`` is where column c's begin)."""

    def __init__(self, cells: np.ndarray, codes: np.ndarray, values: np.ndarray, starts: np.ndarray,
                 lengths: np.ndarray) -> None:
        self.cells = cells
        self.codes = codes
        self.values = values
        self.starts = starts
        self.lengths = lengths  # each row's own length (a CSV row may be shorter than the widest)
        self.changed: dict[int, np.ndarray] = {}  # column -> rows whose cell replace_values changed

    @classmethod
    def of(cls, rows: Sequence[Sequence[Any]]) -> CellBlock:
        """The block of ``rows`` (lists of cell values)."""
        cells, lengths = _matrix(rows)
        n, width = cells.shape
        codes = np.empty((n, width), dtype=np.int32)
        parts: list[np.ndarray] = []
        starts = np.zeros(width + 1, dtype=np.int64)
        for j in range(width):
            column_codes, uniques = pd.factorize(cells[:, j], use_na_sentinel=True)
            uniques = np.asarray(uniques, dtype=object)
            if (column_codes < 0).any():  # None and NaN: one more value, None
                column_codes = np.where(column_codes < 0, len(uniques), column_codes)
                uniques = np.append(uniques, np.array([None], dtype=object))
            codes[:, j] = column_codes + starts[j]
            parts.append(uniques)
            starts[j + 1] = starts[j] + len(uniques)
        values = np.concatenate(parts) if parts else np.zeros(0, dtype=object)
        return cls(cells, codes, values.astype(object, copy=False), starts, lengths)

    @property
    def shape(self) -> tuple[int, int]:
        return self.codes.shape

    def take(self, rows: slice | np.ndarray, width: int | None = None) -> CellBlock:
        """The block of some rows (and the first ``width`` columns), sharing the distinct values."""
        width = self.codes.shape[1] if width is None else min(width, self.codes.shape[1])
        part = CellBlock(self.cells[rows, :width], self.codes[rows, :width], self.values, self.starts[: width + 1],
                         self.lengths[rows])
        part.__dict__.update({k: v for k, v in self.__dict__.items() if k in _FACTS})  # facts are per value
        return part

    def column_values(self, column: int) -> np.ndarray:
        """The distinct values of one column."""
        return self.values[self.starts[column]: self.starts[column + 1]]

    def replace_values(self, column: int, which: np.ndarray, new: np.ndarray) -> None:
        """Replace some distinct values of a column (``which``: a mask over them) with ``new``, in the cells too;
        the rows whose cell changed are kept in ``changed`` (for write_back)."""
        if not which.any():
            return
        values = self.column_values(column)
        values[which] = new
        local = self.codes[:, column] - self.starts[column]
        at = np.flatnonzero(which[local])
        self.cells[at, column] = values[local[at]]
        self.changed[column] = np.union1d(self.changed.get(column, np.zeros(0, dtype=np.int64)), at)
        for fact in _FACTS:
            self.__dict__.pop(fact, None)

    # --- facts about every distinct value, vectorised ------------------------------------------------------

    @cached_property
    def _types(self) -> np.ndarray:
        codes, kinds = pd.factorize(np.frompyfunc(type, 1, 1)(self.values) if len(self.values) else self.values)
        return np.asarray(codes), list(kinds)  # type: ignore[return-value]

    def _of_type(self, test: Callable[[type], bool]) -> np.ndarray:
        codes, kinds = self._types
        if not len(codes):
            return np.zeros(0, dtype=bool)
        return np.array([test(k) for k in kinds] + [False], dtype=bool)[codes]

    @cached_property
    def is_str(self) -> np.ndarray:
        """Values that are text (str or a subclass)."""
        return self._of_type(lambda k: issubclass(k, str))

    @cached_property
    def is_number(self) -> np.ndarray:
        """Values that are numbers (int or float, not bool, not NaN)."""
        numbers = self._of_type(lambda k: issubclass(k, (int, float)) and not issubclass(k, bool))
        floats = self._of_type(lambda k: issubclass(k, float))
        if floats.any():
            numbers[floats] = ~np.isnan(self.values[floats].astype(float))
        return numbers

    @cached_property
    def blank(self) -> np.ndarray:
        """Values that are blank (values.is_blank): None, NaN, '' or only spaces."""
        out = self._of_type(lambda k: k is type(None))
        floats = self._of_type(lambda k: issubclass(k, float))
        if floats.any():
            out[floats] = np.isnan(self.values[floats].astype(float))
        strs = self.is_str
        if strs.any():
            out[strs] = matches(self._strings, SPACES_ONLY)
        return np.asarray(out, dtype=bool)

    @cached_property
    def _strings(self) -> Any:
        """The text values as an Arrow array (or the object array when Arrow cannot hold one of them)."""
        texts = self.values[self.is_str]
        strings = arrow_strings(texts)
        return texts if strings is None else strings

    @cached_property
    def text(self) -> np.ndarray:
        """Values that are text with something besides spaces."""
        return self.is_str & ~self.blank

    def str_matches(self, pattern: str) -> np.ndarray:
        """Values that are text containing a match of the RE2 ``pattern`` (cached per pattern)."""
        cache = self.__dict__.setdefault("_matches", {})
        if pattern not in cache:
            out = np.zeros(len(self.values), dtype=bool)
            strs = self.is_str
            if strs.any():
                out[strs] = matches(self._strings, pattern)
            cache[pattern] = out
        return cache[pattern]

    def has_error_cells(self) -> bool:
        """Whether any cell is a spreadsheet error (#REF! …) or a formula with no saved value."""
        from .values import UnsavedFormula, error_values

        _, kinds = self._types
        return any(issubclass(k, UnsavedFormula) for k in kinds) or bool(error_values(self.values).any())

    # --- questions asked of cells ---------------------------------------------------------------------------

    def at(self, facts: np.ndarray, columns: Sequence[int] | None = None) -> np.ndarray:
        """A fact about values, spread to the cells (all columns, or ``columns``)."""
        return facts[self.codes if columns is None else self.codes[:, list(columns)]]

    def ask(self, test: Callable[[Any], Any], codes: np.ndarray | None = None) -> np.ndarray:
        """``test`` of each cell of ``codes`` (default: the whole block), asked once per distinct value."""
        codes = self.codes if codes is None else codes
        if not codes.size:
            return np.zeros(codes.shape, dtype=bool)
        distinct, where = np.unique(codes, return_inverse=True)
        answers = np.fromiter((bool(test(self.values[c])) for c in distinct), dtype=bool, count=len(distinct))
        return answers[where].reshape(codes.shape)


def write_back(rows: list[list[Any]], block: CellBlock) -> None:
    """Put the cells that ``block.replace_values`` changed back into ``rows`` (the lists it was made of)."""
    for column, changed in block.changed.items():
        values = block.cells[changed, column].tolist()
        for r, value in zip(changed.tolist(), values):
            row = rows[r]
            if column < len(row):
                row[column] = value


_FACTS = ("_types", "is_str", "is_number", "blank", "text", "_matches", "_strings")


def _matrix(rows: Sequence[Sequence[Any]]) -> tuple[np.ndarray, np.ndarray]:
    """The rows as one object matrix padded with '' (and each row's length)."""
    n = len(rows)
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=n)
    width = int(lengths.max()) if n else 0
    if n and width and (lengths == width).all():
        cells = np.empty((n, width), dtype=object)
        cells[:] = rows if isinstance(rows, list) else list(rows)
        return cells, lengths
    cells = np.full((n, width), "", dtype=object)
    for i, row in enumerate(rows):  # ragged (CSV) rows, or none
        if len(row):
            cells[i, : len(row)] = list(row)
    return cells, lengths
