"""The records of a large CSV under its header, read by pyarrow's streaming CSV reader (pyarrow.csv.open_csv) in
chunks of rows: every cell as text, blank lines kept, rows with fewer or more cells than the usual kept at their
place (pyarrow hands them to a callback with their line number; they are split by the csv module, a few rows
at most in a real list), so that record i of the data is always Excel row first_row + i.

Measured against pandas.read_csv(chunksize) with the same checks (benchmarks/engines.py, 1 M households):
about a fifth of the CPU time for the reading itself."""

from __future__ import annotations

import collections
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .csv_text import first_line_break, line_break_error


class TooManyCells(ValueError):
    """A record with more cells than the reader takes past its header's."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


SAMPLE_RECORDS = 2000  # records under the header whose usual number of cells sets the reader's columns
BLOCK_BYTES = 4 << 20  # bytes pyarrow parses at a time


def _layout(path: Path, encoding: str, delimiter: str, skip_records: int, columns: tuple[int, int]) -> tuple[int, int]:
    """(physical lines before the data, usual number of cells of a data record: the most frequent in the sample,
    the nearest to the header's on a tie, within ``columns`` (header's, most taken))."""
    with open(path, encoding=encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        for _ in range(skip_records):
            if next(reader, None) is None:
                break
        skip_lines = reader.line_num
        lengths = collections.Counter(len(r) for _, r in zip(range(SAMPLE_RECORDS), reader) if r)
    header, most = columns
    usual = max(lengths.items(), key=lambda kv: (kv[1], -abs(kv[0] - header)))[0] if lengths else header
    return skip_lines, min(max(usual, 1), most)


def _arrow_encoding(encoding: str) -> str:
    """pyarrow reads UTF-8 itself (a byte-order mark is skipped); other encodings go through Python's codecs."""
    return "utf8" if encoding.replace("-", "").replace("_", "").lower() in ("utf8", "utf8sig") else encoding


class _OddRows:
    """Rows pyarrow cannot place in its columns, by record index (0 = the first record under the header)."""

    def __init__(self, first_line: int, delimiter: str, min_columns: int, max_columns: int) -> None:
        self.first_line, self.delimiter, self.min_columns, self.max_columns = first_line, delimiter, min_columns, max_columns
        self.rows: collections.deque[tuple[int, str]] = collections.deque()

    def __call__(self, row: Any) -> str:
        if row.number is None:  # pragma: no cover - only with threads, which are not used
            raise RuntimeError("a CSV row without its line number")
        self.rows.append((row.number - self.first_line, row.text))
        return "skip"


def _cells(text: str, delimiter: str) -> list[str]:
    return next(csv.reader(io.StringIO(text), delimiter=delimiter), [])


def record_chunks(path: Path, *, encoding: str, delimiter: str, skip_records: int, first_row: int, chunk_rows: int,
                  min_columns: int, max_columns: int, usecols: list[int] | None = None) -> Iterator[pd.DataFrame]:
    """Frames of ``chunk_rows`` records (columns 0..n-1, at least ``min_columns``, cells as text, '' where a
    record has no such cell; only ``usecols`` if given); a cell over a line break stops with its lines (Excel
    row ``first_row`` is the first record), a record of more than ``max_columns`` cells with TooManyCells."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    skip_lines, width = _layout(path, encoding, delimiter, skip_records, (min_columns, max_columns))
    names = [str(j) for j in range(width)]
    odd = _OddRows(skip_lines + 1, delimiter, min_columns, max_columns)
    wanted = usecols if usecols is not None else list(range(width))
    reader = pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(skip_rows=skip_lines, column_names=names, use_threads=False,
                                       block_size=BLOCK_BYTES, encoding=_arrow_encoding(encoding)),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True, escape_char=False,
                                         newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=odd),
        convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=False,
                                             quoted_strings_can_be_null=False,
                                             include_columns=[names[c] for c in wanted if c < width]),
    )
    pending: list[pd.DataFrame] = []
    held, next_record = 0, 0
    for batch in reader:
        frame = _placed(batch, next_record, odd, wanted, width, path, first_row, usecols is None)
        next_record += len(frame)
        pending.append(frame)
        held += len(frame)
        while held >= chunk_rows:
            whole = pd.concat(pending, ignore_index=True) if len(pending) > 1 else pending[0]
            yield whole.iloc[:chunk_rows].reset_index(drop=True)
            rest = whole.iloc[chunk_rows:].reset_index(drop=True)
            pending, held = ([rest] if len(rest) else []), len(rest)
    if odd.rows:  # odd rows after the last regular one
        pending.append(_placed(None, next_record, odd, wanted, width, path, first_row, usecols is None))
    if pending:
        whole = pd.concat(pending, ignore_index=True)
        for start in range(0, len(whole), chunk_rows):
            yield whole.iloc[start:start + chunk_rows].reset_index(drop=True)


def _placed(batch: Any, start: int, odd: _OddRows, wanted: list[int], width: int, path: Path, first_row: int,
            all_columns: bool) -> pd.DataFrame:
    """One pyarrow batch as cells, with the odd rows of its range put back at their record index; the first
    cell over a line break stops here with its lines (a quote never closed: from its line to the end)."""
    rows = batch.num_rows if batch is not None else 0
    here: list[tuple[int, list[str], str]] = []
    end = start + rows
    while odd.rows and (odd.rows[0][0] < end or batch is None):
        record, text = odd.rows.popleft()
        cells = _cells(text, odd.delimiter)
        if len(cells) > odd.max_columns and "\n" not in text and "\r" not in text:
            raise TooManyCells(odd.first_line + record)
        here.append((record - start, cells, text))
        end += 1
    total = rows + len(here)
    extra = max((len(c) for _, c, _ in here), default=0)
    columns = list(range(max(width, extra, odd.min_columns))) if all_columns else wanted
    arrow_pos = {c: i for i, c in enumerate(c for c in wanted if c < width)}
    regular = np.ones(total, dtype=bool)
    regular[[i for i, _, _ in here]] = False
    out: dict[int, np.ndarray] = {}
    for j in columns:
        values = np.full(total, "", dtype=object)
        if batch is not None and j in arrow_pos:
            values[regular] = batch.column(arrow_pos[j]).to_numpy(zero_copy_only=False)
        for i, cells, _ in here:
            values[i] = cells[j] if j < len(cells) else ""
        out[j] = values
    broken = first_line_break([v.tolist() for v in out.values()]) if total else None
    if broken is not None:
        texts = {i: text for i, _, text in here}
        if broken in texts:  # an odd row: its own text says how many lines it took and whether its quote closed
            text = texts[broken]
            lines = text.count("\n") + text.count("\r") - text.count("\r\n")
            closed = text.count('"') % 2 == 0
        else:
            cells = [str(v[broken]) for v in out.values()]
            lines = sum(c.count("\n") + c.count("\r") - c.count("\r\n") for c in cells)
            closed = True
        excel = first_row + start + broken
        raise line_break_error(path, excel, excel + lines, closed=closed)
    return pd.DataFrame(out, columns=columns, dtype=object)  # cells as the whole-file reader holds them
