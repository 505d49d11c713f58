"""Reading a large .csv or .parquet survey in chunks of rows, with the same header search, row filter and
Excel-row numbers as the whole-file reader (readers.load_grids + locate_table + data_rows)."""

from __future__ import annotations

import contextlib
import csv
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pandas as pd

from ..errors import InputFileError
from .body import KEY_FIELDS, classify_body
from .headers import FieldSpec, best_score
from .layout import HEADER_SEARCH_ROWS, MAX_BAND, find_layout, header_like_rows
from .readers import SheetGrid, locate_table
from .sniff import fix_text, sniff_file
from .values import is_blank

STREAM_SUFFIXES = (".csv", ".parquet")


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
    sniff_file(path)
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        first = next(pf.iter_batches(batch_size=HEADER_SEARCH_ROWS), None)
        frame = first.to_pandas() if first is not None else pd.DataFrame(columns=pf.schema_arrow.names)
        rows = [list(pf.schema_arrow.names)] + _object_rows(frame).values.tolist()
        encoding, delimiter = "", ""
    else:
        encoding = _sniff_encoding(path)
        with _csv_errors(path), open(path, encoding=encoding, newline="") as fh:
            sample = fh.read(4096)
            try:
                delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
            except csv.Error:
                delimiter = ","
            fh.seek(0)
            rows = list(itertools.islice(csv.reader(fh, delimiter=delimiter), HEADER_SEARCH_ROWS))
    fix_text(rows, path=path)
    table = locate_table(SheetGrid(path, "", rows), specs, overrides)
    if table is None:
        raise InputFileError(
            f"{path}: no household table found (no row in the first 40 rows has known headers).",
            hint="Check the header row, or map the headers with --columns.",
        )
    if path.suffix.lower() == ".parquet" and table.header_row != 0:
        raise InputFileError(f"{path}: the Parquet column names are not household headers.",
                             hint="Name the columns 'Mã hộ', 'Số nhân khẩu', ... or map them with --columns.")
    return StreamSource(path, table.header_row, table.headers, table.mapping, table.year, commune=table.commune,
                        encoding=encoding, delimiter=delimiter)


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
    with _csv_errors(source.path):
        reader = pd.read_csv(
            source.path, sep=source.delimiter, encoding=source.encoding, header=None, names=list(range(width)),
            skiprows=source.header_row + 1, dtype=str, keep_default_na=False, na_filter=False,
            skip_blank_lines=False, chunksize=chunk_rows, usecols=usecols, engine="c",
        )
        for frame in reader:
            frame = frame.astype(object).fillna("")
            yield frame, np.arange(first_row, first_row + len(frame), dtype=np.int64)
            first_row += len(frame)


@contextlib.contextmanager
def _csv_errors(path: Path) -> Iterator[None]:
    """Text that does not decode, or a CSV the parser cannot split, stops with the whole-file reader's message."""
    from .guard import cell_too_long

    try:
        yield
    except UnicodeDecodeError as exc:
        raise InputFileError(
            f"{path}: the text is in none of the encodings povertool reads (UTF-8, UTF-16, Windows-1258).",
            hint="Open it in Excel and save it as 'CSV UTF-8 (Comma delimited)', then run again.",
        ) from exc
    except (csv.Error, pd.errors.ParserError) as exc:
        if "field larger" in str(exc) or "EOF inside string" in str(exc):
            raise cell_too_long(path, "", None) from exc
        raise InputFileError(f"{path}: cannot be read as CSV ({exc}).",
                             hint="Open it in Excel or LibreOffice and save it again as CSV UTF-8.") from exc


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
                raise InputFileError(
                    f"{self.source.path}: a second table with its own header starts below the first one; "
                    "it cannot be read in chunks.",
                    hint="Split the file into one file per table, or classify it to .xlsx (read whole).")
            found.update({r: "header" for r in range(c, band.header_row + 1)})
        return found

    def _words(self, text: str) -> bool:
        if text not in self._scores:
            self._scores[text] = best_score(text, self.specs) > 0
        return self._scores[text]
