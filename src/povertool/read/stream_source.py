"""Reading a large .csv or .parquet survey in chunks of rows, with the same header search, row filter and
Excel-row numbers as the whole-file reader (readers.load_grids + locate_table + data_rows)."""

from __future__ import annotations

import contextlib
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputFileError
from ..messages import text
from .arrow_cells import plain_columns
from .body import KEY_FIELDS, classify_body
from .csv_text import (
    csv_file_encoding,
    csv_start,
    first_whole_row,
    line_break_error,
    split_records,
    whole_row_error,
)
from .headers import FieldSpec, best_score
from .layout import HEADER_ROWS_READ, MAX_BAND, find_layout, header_like_rows
from .readers import SheetGrid, locate_table
from .sniff import fix_text, sniff_file
from .steps import no_header_error

STREAM_SUFFIXES = (".csv", ".parquet")
# White space of every kind Python's str.split knows (RE2's \s is ASCII only): removed from the id keys
_ALL_SPACE = r"[\s\x{0b}\x{1c}-\x{1f}\x{85}\p{Z}]+"
EXTRA_CELLS = 16  # cells a line may have past its header's (a line ending in ",", a value without a header)


@dataclass
class StreamSource:
    """A located household table in a .csv/.parquet file, ready to be read chunk by chunk."""

    path: Path
    header_row: int  # 0-based record index of the (last) header row
    headers: list[str]  # header text per column, as written (cleaned)
    mapping: dict[int, str]  # column position -> field
    year: int | None
    commune: str | None = None  # from the title rows
    encoding: str = "utf-8"
    delimiter: str = ","


def open_source(path: Path, specs: tuple[FieldSpec, ...], overrides: dict[str, str] | None) -> StreamSource:
    """Find the header (in the first layout.HEADER_ROWS_READ rows, as the whole-file search) without reading the
    whole file; the encoding and delimiter are found by the whole-file reader's steps (csv_text)."""
    sniff_file(path)
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        first = next(pf.iter_batches(batch_size=HEADER_ROWS_READ - 1), None)  # the names are row 1
        frame = _batch_frame(first, path) if first is not None else pd.DataFrame(columns=pf.schema_arrow.names)
        rows = [list(pf.schema_arrow.names)] + _object_rows(frame).values.tolist()
        encoding, delimiter = "", ""
    else:
        encoding = csv_file_encoding(path)
        with _csv_errors(path), open(path, encoding=encoding, newline="") as fh:
            head = fh.read(1 << 20)
        delimiter, declared, body = csv_start(head)
        records = split_records(path, _whole_lines(body), delimiter, limit=HEADER_ROWS_READ - int(declared),
                                first_line=2 if declared else 1)
        rows = [[]] + records if declared else records
    fix_text(rows, path=path)
    table = locate_table(SheetGrid(path, "", rows), specs, overrides)
    if table is None:
        raise no_header_error(path)
    if path.suffix.lower() == ".parquet" and table.header_row != 0:
        raise InputFileError.of("io.parquet_headers", path=path)
    return StreamSource(path, table.header_row, table.headers, table.mapping, table.year, commune=table.commune,
                        encoding=encoding, delimiter=delimiter)


def _whole_lines(head: str) -> str:
    """The start of a file cut after its last complete line (the rest comes with the chunks)."""
    cut = max(head.rfind("\n"), head.rfind("\r"))
    return head[: cut + 1] if cut >= 0 else head


def _batch_frame(batch: Any, path: Path) -> pd.DataFrame:
    """A Parquet record batch as a frame of cell values (arrow_cells.plain_columns)."""
    import pyarrow as pa

    return plain_columns(pa.Table.from_batches([batch]), path).to_pandas()


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
            frame = _object_rows(_batch_frame(batch, source.path))
            frame.columns = pd.Index(usecols if usecols is not None else range(frame.shape[1]))
            yield frame, np.arange(first_row, first_row + len(frame), dtype=np.int64)
            first_row += len(frame)
        return
    from .csv_batches import record_chunks

    with _csv_errors(source.path, first_row):
        chunks = record_chunks(source.path, encoding=source.encoding, delimiter=source.delimiter,
                               skip_records=source.header_row + 1, first_row=first_row, chunk_rows=chunk_rows,
                               min_columns=width, max_columns=width + EXTRA_CELLS, usecols=usecols)
        for frame in chunks:  # (a cell over a line break has stopped the read in record_chunks)
            if usecols is None and frame.shape[1] > 1:
                rest_empty = (frame.iloc[:, 1:] == "").all(axis=1).tolist()
                whole = first_whole_row(frame.iloc[:, 0].tolist(), rest_empty, source.delimiter, width)
                if whole is not None:  # a line put whole inside one quoted cell
                    raise whole_row_error(source.path, first_row + whole)
            if usecols is None:
                keep = [j < width or bool(frame.iloc[:, j].ne("").any()) for j in range(frame.shape[1])]
                frame = frame.iloc[:, keep]  # columns past the header's: only where a cell is filled
            yield frame, np.arange(first_row, first_row + len(frame), dtype=np.int64)
            first_row += len(frame)


@contextlib.contextmanager
def _csv_errors(path: Path, first_row: int = 1) -> Iterator[None]:
    """Text that does not decode, or a CSV the parser cannot split, stops with the whole-file reader's message;
    a quote never closed names the line it opens (``first_row``: the Excel row of the first record read)."""
    from pyarrow import ArrowInvalid

    from .csv_batches import TooManyCells
    from .guard import cell_too_long

    try:
        yield
    except UnicodeDecodeError as exc:
        raise InputFileError.of("io.csv_encoding", path=path) from exc
    except TooManyCells as exc:
        raise InputFileError(text("read.csv_too_many_cells", path=path, line=exc.line, cells=EXTRA_CELLS),
                             hint=text("read.csv_too_many_cells_fix")) from exc
    except (csv.Error, pd.errors.ParserError, ArrowInvalid) as exc:
        if "UTF8" in str(exc) or "UTF-8" in str(exc):
            raise InputFileError.of("io.csv_encoding", path=path) from exc
        wide = re.search(r"Expected \d+ fields in line (\d+)", str(exc))
        if wide:
            raise InputFileError(text("read.csv_too_many_cells", path=path, line=wide.group(1), cells=EXTRA_CELLS),
                                 hint=text("read.csv_too_many_cells_fix")) from exc
        found = re.search(r"EOF inside string starting at row (\d+)", str(exc))
        if found:
            raise line_break_error(path, int(found.group(1)) + 1, None, closed=False) from exc
        if "field larger" in str(exc):
            raise cell_too_long(path, "", None) from exc
        raise InputFileError.of("io.csv_unreadable", path=path) from exc


class RowFilter:
    """Which records of each chunk are households, as readers.data_rows decides for a whole sheet
    (body.classify_body); a date or signature line is remembered for every later chunk too. A repeated header
    is skipped; a second table with another header cannot be streamed (the whole-file reader reads it)."""

    def __init__(self, source: StreamSource, specs: tuple[FieldSpec, ...] = (),
                 overrides: dict[str, str] | None = None) -> None:
        self.source, self.specs, self.overrides = source, specs, overrides
        self.ended = False
        self.skipped: list[tuple[int, str]] = []  # (record in the last chunk, reason)
        self._scores: dict[str, bool] = {}

    def __call__(self, rows: list[list[Any]]) -> np.ndarray:
        keep = np.zeros(len(rows), dtype=bool)
        if not rows:
            self.skipped = []
            return keep
        body = classify_body(rows, self.source.mapping, start=0, ended=self.ended, layout_rows=self._headers(rows))
        keep[body.households] = True
        self.ended = body.ended
        self.skipped = body.skipped
        return keep

    def _headers(self, rows: list[list[Any]]) -> dict[int, str]:
        """Rows of a repeated header in this chunk; a header that maps the columns otherwise stops the stream."""
        if not self.specs:
            return {}
        found: dict[int, str] = {}
        for c in header_like_rows(rows, self.source.mapping, start=0, words=self._words):
            band = find_layout([list(r) for r in rows[c: c + MAX_BAND + 1]], self.specs, self.overrides)
            if band is None or band.header_top != 0 or not set(band.mapping.values()) & KEY_FIELDS:
                continue
            if band.mapping != self.source.mapping:
                raise InputFileError.of("io.stream_second_table", path=self.source.path)
            found.update({r: "header" for r in range(c, band.header_row + 1)})
        return found

    def _words(self, text: str) -> bool:
        if text not in self._scores:
            self._scores[text] = best_score(text, self.specs) > 0
        return self._scores[text]


def id_hashes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(64-bit hash, known) per household id cell, from a coarse key made with column operations: NFC text with
    every white space removed. Ids that values.parse_text makes equal have equal keys (parse_text trims and
    collapses spaces of NFC text), so equal hashes are a superset of the repeated ids, checked exactly later.
    Cells that are not all text (numbers in a Parquet column) are keyed from parse_text, the same key."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from .values import parse_text

    if pd.api.types.infer_dtype(values, skipna=True) not in ("string", "empty"):
        values = parse_text(values)
    text = pa.array(values.to_numpy(dtype=object), type=pa.string(), from_pandas=True)
    key = pc.replace_substring_regex(pc.utf8_normalize(text.fill_null(""), "NFC"), _ALL_SPACE, "")
    known = pc.not_equal(key, "").to_numpy(zero_copy_only=False)
    return pd.util.hash_array(key.to_numpy(zero_copy_only=False)), known
