"""CSV text as Excel and other tools write it: the encoding (UTF-16 also without a BOM), Excel's "sep=;" first
line, any line ending (CR-only too), and quoting that went wrong.

A quote that is never closed, or two stray quotes, make a CSV reader swallow the lines between them into one
cell: the households on those lines would vanish inside a name. A cell that holds a line break is therefore a
problem, not data: reading stops with the line where the cell starts and the line where it ends."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections import Counter
from pathlib import Path

import numpy as np

from ..errors import InputFileError
from ..messages import text


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when ``head`` looks like UTF-16 text written without a BOM (every other byte
    zero for Latin letters, digits and separators), else None."""
    sample = head[: len(head) - len(head) % 2]
    if len(sample) < 4 or sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    even, odd = sample[0::2], sample[1::2]
    zero_even, zero_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zero_odd > 0.3 and zero_even < 0.02:
        encoding = "utf-16-le"
    elif zero_even > 0.3 and zero_odd < 0.02:
        encoding = "utf-16-be"
    else:
        return None
    try:
        sample.decode(encoding)
    except UnicodeDecodeError:
        return None
    return encoding


def split_records(path: Path, content: str, delimiter: str, *, limit: int | None = None,
                  first_line: int = 1) -> list[list[str]]:
    """The records of CSV text (any line ending), at most ``limit``; a cell that holds a line break stops with
    a message naming its lines (InputFileError; ``content`` starts on line ``first_line`` of the file)."""
    records = _all_records(content, delimiter, limit)
    if records is not None:  # every record on its own line: only the lone cells are looked at, as a column
        lengths = np.fromiter(map(len, records), dtype=np.int64, count=len(records))
        widest_before = np.concatenate([[0], np.maximum.accumulate(lengths)[:-1]]) if len(records) else lengths
        for i in np.flatnonzero((lengths == 1) & (widest_before >= 3)):
            if holds_a_row(records[i][0], delimiter, int(widest_before[i])):
                raise whole_row_error(path, int(i) + first_line)
        return records
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    records = []
    last_line, shift, width = 0, first_line - 1, 0
    try:
        for record in reader:
            if reader.line_num != last_line + 1:
                end = reader.line_num
                try:
                    closed = next(reader, None) is not None or content.rstrip("\r\n").endswith('"')
                except csv.Error:
                    closed = False
                raise line_break_error(path, last_line + 1 + shift, end + shift, closed=closed)
            last_line = reader.line_num
            if len(record) == 1 and holds_a_row(record[0], delimiter, width):
                raise whole_row_error(path, last_line + shift)
            width = max(width, len(record))
            records.append(record)
            if limit is not None and len(records) >= limit:
                break
    except csv.Error as exc:
        raise _unsplittable(path, content, last_line + 1, shift, exc) from exc
    return records


def _all_records(content: str, delimiter: str, limit: int | None) -> list[list[str]] | None:
    """The records when the CSV reader splits them all and none spans lines (the usual file), else None: the
    record by record reading then finds where it went wrong."""
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        records = list(reader) if limit is None else list(itertools.islice(reader, limit))
    except csv.Error:
        return None
    return records if reader.line_num == len(records) else None


def _unsplittable(path: Path, content: str, line: int, shift: int, exc: csv.Error) -> InputFileError:
    """The error for a record the CSV reader cannot finish, starting on ``line`` of ``content``."""
    from .guard import cell_too_long

    if "field larger" not in str(exc):
        return InputFileError.of("io.csv_broken", path=path, line=line + shift)
    lines = io.StringIO(content, newline="")
    start = next((text for number, text in enumerate(lines, start=1) if number == line), "")
    if '"' in start:  # a quote opened on that line swallowed the lines after it
        return line_break_error(path, line + shift, None, closed=False)
    return cell_too_long(path, "", line + shift)


def line_break_error(path: Path, start: int, end: int | None, *, closed: bool = True) -> InputFileError:
    """The error for a cell that runs from line ``start`` over a line break (to ``end``, when known; not
    ``closed``: to the end of the file)."""
    if closed and end is not None:
        message = text("read.csv_cell_spans_lines", path=path, start=start, end=end)
    else:
        message = text("read.csv_quote_not_closed", path=path, start=start)
    return InputFileError(message, hint=text("read.csv_quote_fix", start=start))


def holds_a_row(cell: str, delimiter: str, width: int) -> bool:
    """A lone cell holds a whole line put in quotes when, split on the delimiter, it gives at least half the
    cells of the widest line so far (and 3): a title such as "UBND XÃ A, HUYỆN B" above a header does not."""
    return width >= 3 and cell.count(delimiter) + 1 >= max(3, width // 2)


def whole_row_error(path: Path, line: int) -> InputFileError:
    """The error for a line whose cells were all put inside one quoted cell."""
    return InputFileError(text("read.csv_whole_row_in_a_cell", path=path, line=line),
                          hint=text("read.csv_quote_fix", start=line))


def first_whole_row(first: list[str], rest_empty: list[bool], delimiter: str, width: int) -> int | None:
    """Index of the first record whose only cell holds a whole row (``first``: the first cells of the chunk,
    ``rest_empty``: whether every other cell of the record is empty, ``width``: the header's cells);
    searched as one string first."""
    if delimiter not in "\x00".join(first):
        return None
    for i, (cell, empty) in enumerate(zip(first, rest_empty)):
        if empty and holds_a_row(cell, delimiter, width):
            return i
    return None


def first_line_break(columns: list[list[str]]) -> int | None:
    """Index of the first record (row of the chunk) with a cell holding a line break, from the chunk's
    columns (lists of cell texts); None when no cell holds one. Each column is searched as one string."""
    first = None
    for values in columns:
        joined = "\x00".join(values)
        if "\n" not in joined and "\r" not in joined:
            continue
        for i, value in enumerate(values):
            if "\n" in value or "\r" in value:
                first = i if first is None else min(first, i)
                break
    return first


ENCODING_SAMPLE = 65536  # bytes looked at for UTF-16 written without a BOM
DELIMITER_SAMPLE = 4096  # characters csv.Sniffer looks at
DELIMITERS = ",;\t"


def encoding_candidates(head: bytes) -> list[str]:
    """The encodings a CSV is tried in, in order (the first that decodes the whole file is used): UTF-16 without
    a BOM (by its zero bytes), UTF-8 with or without BOM, UTF-16 with a BOM, else Windows-1258."""
    no_bom = utf16_without_bom(head[:ENCODING_SAMPLE])
    bom = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    return [*([no_bom] if no_bom else []), "utf-8-sig", *(["utf-16"] if bom else []), "cp1258"]


def decode_csv(path: Path, raw: bytes) -> str:
    """The text of a whole CSV in the first of encoding_candidates that decodes it."""
    for encoding in encoding_candidates(raw[:ENCODING_SAMPLE]):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputFileError.of("io.csv_encoding", path=path)


def csv_file_encoding(path: Path, *, block: int = 1 << 24) -> str:
    """The encoding decode_csv would read ``path`` in, found without holding the file: each candidate is decoded
    over the whole file, block by block, until one decodes all of it (one pass for a UTF-8 file)."""
    import codecs

    with open(path, "rb") as handle:
        head = handle.read(ENCODING_SAMPLE)
    for encoding in encoding_candidates(head):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with open(path, "rb") as handle:
                while data := handle.read(block):
                    decoder.decode(data)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise InputFileError.of("io.csv_encoding", path=path)


_SEP_START = re.compile(r"\ufeff?sep=(.)[ \t]*(?:\r\n|\n|\r|$)", re.IGNORECASE)


def csv_start(text: str) -> tuple[str, bool, str]:
    """(delimiter, whether Excel's first line "sep=;" declared it, the text after that line) of the start of a
    CSV: the declared delimiter, else the one that splits the most lines into the same number of cells (see
    sniff_delimiter). A "sep=" line stays line 1 of the file (a blank row) for both readers."""
    declared = _SEP_START.match(text)
    if declared:
        return declared.group(1), True, text[declared.end():]
    return sniff_delimiter(text[:DELIMITER_SAMPLE]), False, text


def sniff_delimiter(sample: str) -> str:
    """The one of , ; and tab that splits the most lines of ``sample`` into the same number (2 or more) of cells;
    ',' when none splits any. Unlike csv.Sniffer, a title line above the header, or '1,5 triệu' in a ';' file,
    does not mislead it."""
    lines = sample.splitlines()
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]  # the last line may be cut by the sample
    best, best_key = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths = Counter(len(r) for r in csv.reader(lines, delimiter=delimiter) if len(r) > 1)
        if widths:
            width, count = max(widths.items(), key=lambda wc: (wc[1], wc[0]))
            if (count, width) > best_key:
                best, best_key = delimiter, (count, width)
    return best
