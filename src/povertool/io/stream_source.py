"""Reading a large .csv or .parquet survey in chunks of rows, with the same header search, row filter and
Excel-row numbers as the whole-file reader (readers.load_grids + locate_table + data_rows)."""

from __future__ import annotations

import csv
import re
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pandas as pd

from ..errors import InputFileError
from .headers import FieldSpec
from .readers import HEADER_SEARCH_ROWS, SheetGrid, _is_numbering, _is_total, locate_table
from .text import match_key

STREAM_SUFFIXES = (".csv", ".parquet")
_CORE_FIELDS = ("household_id", "head_name", "members", "income_per_capita", "income_per_capita_year", "b1_score", "b2_score")
_DIGIT = re.compile(r"[0-9]")
_TOTAL_KEYS = frozenset({"tong cong", "cong", "tong so", "tong", "total"})


@dataclass
class StreamSource:
    """A located household table in a .csv/.parquet file, ready to be read chunk by chunk."""

    path: Path
    header_row: int  # 0-based record index of the header
    headers: list[str]  # header text per column, as written (cleaned)
    mapping: dict[int, str]  # column position -> field
    year: int | None
    encoding: str = "utf-8"
    delimiter: str = ","


def _sniff_encoding(path: Path) -> str:
    """The encoding the whole-file reader would pick (utf-8-sig, utf-16 by BOM, else cp1258), from the start
    of the file; a UTF-8 error later in the file falls back like the whole-file reader does."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        import codecs

        codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "cp1258"


def open_source(path: Path, specs: tuple[FieldSpec, ...], overrides: dict[str, str] | None) -> StreamSource:
    """Find the header (in the first HEADER_SEARCH_ROWS records) without reading the whole file."""
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        first = next(pf.iter_batches(batch_size=HEADER_SEARCH_ROWS), None)
        frame = first.to_pandas() if first is not None else pd.DataFrame(columns=pf.schema_arrow.names)
        rows = [list(pf.schema_arrow.names)] + _object_rows(frame).values.tolist()
        encoding, delimiter = "", ""
    else:
        encoding = _sniff_encoding(path)
        with open(path, encoding=encoding, newline="") as fh:
            sample = fh.read(4096)
            try:
                delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
            except csv.Error:
                delimiter = ","
            fh.seek(0)
            rows = list(itertools.islice(csv.reader(fh, delimiter=delimiter), HEADER_SEARCH_ROWS))
    table = locate_table(SheetGrid(path, "", rows), specs, overrides)
    if table is None:
        raise InputFileError(
            f"{path}: no household table found (no row in the first 40 rows has known headers).",
            hint="Check the header row, or map the headers with --columns.",
        )
    if path.suffix.lower() == ".parquet" and table.header_row != 0:
        raise InputFileError(f"{path}: the Parquet column names are not household headers.",
                             hint="Name the columns 'Mã hộ', 'Số nhân khẩu', ... or map them with --columns.")
    return StreamSource(path, table.header_row, table.headers, table.mapping, table.year, encoding, delimiter)


def _object_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as the whole-file reader holds them: Python objects, missing values as ''."""
    frame = frame.astype(object)
    return frame.where(frame.notna(), "")


def raw_chunks(source: StreamSource, chunk_rows: int, usecols: list[int] | None = None) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
    """(cells with columns 0..width-1, Excel row numbers) per chunk of records under the header."""
    width = len(source.headers)
    first_row = source.header_row + 2  # Excel row of the first record under the header
    if source.path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        names = pq.ParquetFile(source.path).schema_arrow.names
        columns = [names[i] for i in usecols] if usecols is not None else None
        for batch in pq.ParquetFile(source.path).iter_batches(batch_size=chunk_rows, columns=columns):
            frame = _object_rows(batch.to_pandas())
            frame.columns = usecols if usecols is not None else range(frame.shape[1])
            yield frame, np.arange(first_row, first_row + len(frame), dtype=np.int64)
            first_row += len(frame)
        return
    reader = pd.read_csv(
        source.path, sep=source.delimiter, encoding=source.encoding, header=None, names=list(range(width)),
        skiprows=source.header_row + 1, dtype=str, keep_default_na=False, na_filter=False,
        skip_blank_lines=False, chunksize=chunk_rows, usecols=usecols, engine="c",
    )
    for frame in reader:
        frame = frame.astype(object).fillna("")
        yield frame, np.arange(first_row, first_row + len(frame), dtype=np.int64)
        first_row += len(frame)


def data_mask(frame: pd.DataFrame, mapping: dict[int, str]) -> tuple[np.ndarray, int]:
    """Which records are households, and how many were skipped (numbering, totals, no core cell); blank
    records are neither. Whole-column tests first; the per-row checks of the whole-file reader run only on
    the few records that could be numbering rows (a cell opening with '(') or total rows (the first text
    cell reads as 'Tổng cộng', 'Cộng', 'Total', ...). ``frame`` holds the records under the header with
    columns numbered by position; ``mapping`` is position -> field. Same answer as readers.data_rows."""
    if frame.empty:
        return np.zeros(0, dtype=bool), 0
    n = len(frame)
    filled = np.zeros(frame.shape, dtype=bool)
    text = np.zeros(frame.shape, dtype=bool)
    opens_paren = np.zeros(n, dtype=bool)
    for j, col in enumerate(frame.columns):
        codes, uniques = pd.factorize(frame[col])
        blank = np.array([_blank(u) for u in uniques] + [True], dtype=bool)
        is_text = np.array([isinstance(u, str) for u in uniques] + [False], dtype=bool)
        paren = np.array([isinstance(u, str) and u.lstrip().startswith("(") for u in uniques] + [False], dtype=bool)
        idx = np.where(codes < 0, len(uniques), codes)
        filled[:, j] = ~blank[idx]
        text[:, j] = is_text[idx] & filled[:, j]
        opens_paren |= paren[idx]
    any_filled = filled.any(axis=1)
    columns = list(frame.columns)
    core = [columns.index(p) for p, f in mapping.items() if f in _CORE_FIELDS and p in columns]
    core_filled = filled[:, core].any(axis=1) if core else np.zeros(n, dtype=bool)
    skip = any_filled & ~core_filled
    rows = frame.to_numpy(dtype=object)
    check = any_filled & core_filled & (opens_paren | _total_first(rows, text))
    for i in np.flatnonzero(check):
        cells = [v for v, f in zip(rows[i], filled[i]) if f]
        skip[i] = _is_numbering(cells) or _is_total(cells)
    keep = any_filled & ~skip
    return keep, int(skip.sum())


def _total_first(rows: np.ndarray, text: np.ndarray) -> np.ndarray:
    """Rows whose first non-blank text cell is a total word (what readers._is_total looks at)."""
    has_text = text.any(axis=1)
    first = rows[np.arange(len(rows)), text.argmax(axis=1)]
    codes, uniques = pd.factorize(pd.Series(first, dtype=object))
    # A key with a digit is never a total word, so most ids are ruled out without building their key.
    total = np.array([isinstance(u, str) and not _DIGIT.search(u) and match_key(u) in _TOTAL_KEYS
                      for u in uniques] + [False], dtype=bool)
    return has_text & total[np.where(codes < 0, len(uniques), codes)]


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()
