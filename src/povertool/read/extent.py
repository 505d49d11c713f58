"""The real extent of a sheet, read from its XML as a stream before any grid of cells is built.

A spreadsheet reader builds a dense grid from A1 to the last cell it finds, whatever the sheet declares: one
cell at XFD1048576 in a 2 KB .xlsx (without a <dimension>, or with one that lies) is 17 billion cells, and a
1 KB .ods whose cells repeat over columns and rows is as many. These scans read the sheet part in chunks of
CHUNK bytes (memory stays bounded by the chunk), and give the last row and column that hold a cell, the
spreadsheet error cells (#REF!, #N/A, #DIV/0! …, which the reader turns into blanks) and the start of any
text run longer than a cell can hold (a huge string packed into a tiny file).

An .xlsx part is scanned with one regular expression that only yields a match for rows, for cells past
column Z or below row 99,999, and for anything irregular; a part written in another way (prefixed tags,
cells without a reference) is scanned again token by token.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape
from typing import IO

CHUNK = 1 << 20


class TextRunTooLong(Exception):
    """A text run (characters between two tags) longer than ``limit`` bytes; ``row`` is the last row reached."""

    def __init__(self, row: int) -> None:
        super().__init__(row)
        self.row = row


@dataclass
class SheetScan:
    """What a sheet part holds: last row and column with a cell (1-based; 0 = none) and its error cells."""

    rows: int = 0
    cols: int = 0
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (0-based row, 0-based col) -> "#REF!"
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # formulas with no saved value -> text

    def cell(self, row: int, col: int) -> None:
        """Extend the extent to the cell at (1-based) ``row``, ``col``."""
        if row > self.rows:
            self.rows = row
        if col > self.cols:
            self.cols = col


def column_number(letters: bytes | str) -> int:
    """'A' -> 1, 'Z' -> 26, 'AA' -> 27, 'XFD' -> 16384."""
    number = 0
    for ch in letters.decode() if isinstance(letters, bytes) else letters:
        number = number * 26 + ord(ch) - 64
    return number


def _chunks(handle: IO[bytes], long_run: int, scan: SheetScan) -> Generator[tuple[bytes, int], int | None, None]:
    """(data, cut) pairs: every tag that starts before ``cut`` is complete in ``data``. The caller returns how
    much of ``data`` it used (``send``); the rest is carried to the next chunk. A text run longer than
    ``long_run`` bytes stops the scan (TextRunTooLong)."""
    rest = b""
    while True:
        chunk = handle.read(CHUNK)
        data = rest + chunk
        cut = data.rfind(b"<") if chunk else len(data)
        if chunk and (len(data) - max(cut, 0)) > long_run:
            raise TextRunTooLong(scan.rows)
        cut = max(cut, 0)
        used = yield data, cut
        rest = data[used if used is not None else cut:] if chunk else b""
        if not chunk:
            return


def long_shared_string(handle: IO[bytes], long_run: int) -> int | None:
    """The index of the first shared string (sharedStrings.xml) with a text run longer than ``long_run``
    bytes, else None; read in chunks."""
    before, rest = 0, b""
    while True:
        chunk = handle.read(CHUNK)
        data = rest + chunk
        cut = max(data.rfind(b"<"), 0) if chunk else len(data)
        if len(data) - cut > long_run:
            return before + data.count(b"<si>", 0, cut) + data.count(b"<si ", 0, cut) - 1
        if not chunk:
            return None
        before += data.count(b"<si>", 0, cut) + data.count(b"<si ", 0, cut)
        rest = data[cut:]


def shared_string_cell(handle: IO[bytes], index: int) -> tuple[int, int] | None:
    """(1-based row, column) of the first cell of a sheet part showing shared string ``index``."""
    pattern = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*\bt="s"[^>]*><v>%d</v>' % index)
    rest = b""
    while True:
        chunk = handle.read(CHUNK)
        data = rest + chunk
        found = pattern.search(data)
        if found:
            return int(found.group(2)), column_number(found.group(1))
        if not chunk:
            return None
        rest = data[-200:]


_XLSX_TOKEN = re.compile(rb"<(/)?(?:\w+:)?(row|c)\b([^>]*)>")
_ROW_REF = re.compile(rb'\sr="(\d+)"')
_CELL_REF = re.compile(rb'\sr="([A-Z]+)(\d+)"')
_LAST_ROW = re.compile(rb'<row r="(\d+)"')
_PREFIXED = re.compile(rb":(?:c|row)[\s>/]")
_ERROR_ATTR = re.compile(rb'\st="e"')
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)<")
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
# A formula with no saved value (a script wrote it, nothing calculated it): <f>…</f> then no <v>, or an empty
# one (an empty <v> of a text cell, t="str", is a saved empty text: Excel and LibreOffice write it so).
_UNSAVED = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?f>)\s*"
                      rb"(<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>")
_UNSAVED_PLAIN = re.compile(rb"<f(?=[\s>/])[^>]*?(?:/>|>([^<]*)</f>)\s*(<v\s*/>|<v>\s*</v>)?\s*</c>")  # no prefixes
_TEXT_CELL = re.compile(rb'\st="(?:str|inlineStr|s)"')


def scan_xlsx_part(archive: zipfile.ZipFile, part: str, *, long_run: int, max_errors: int,
                   max_cells: int = 12_000_000) -> SheetScan:
    """The extent and error cells of one worksheet part of an .xlsx/.xlsm: every row and cell reference
    counts, whatever the part's <dimension> says (``max_cells``: the limit the extent is checked against)."""
    scan = SheetScan()
    with archive.open(part) as handle:
        if _scan_xlsx_fast(handle, scan, long_run, max_errors, max_cells):
            return scan
    scan = SheetScan()
    with archive.open(part) as handle:
        _scan_xlsx_tokens(handle, scan, long_run, max_errors)
    return scan


def _scan_xlsx_fast(handle: IO[bytes], scan: SheetScan, long_run: int, max_errors: int, max_cells: int) -> bool:
    """The scan of a part whose rows and cells all start with their reference (as Excel, LibreOffice and the
    usual libraries write them); False at the first other tag.

    Each chunk's last row is taken first; then one search per chunk finds only the rows and cells beyond the
    extent known so far (a regular expression built for it) and the irregular tags: an ordinary chunk gives no
    match, so no Python step runs per cell. A cell may claim a row of its row's number of digits without being
    seen while that many rows of the columns found stay under ``max_cells`` (under 100,000 rows, the usual
    list); beyond that every cell's row is compared with the rows seen."""
    stream = _chunks(handle, long_run, scan)
    data, cut = next(stream)
    unseen = 0  # the last row a cell may claim unseen (rows of the digits of the rows seen then)
    while True:
        errors = list(_error_tags(data, cut))
        cut = _value_cut(data, cut, errors)
        errors = [start for start in errors if start < cut]
        if _PREFIXED.search(data, 0, cut):
            return False
        last = data.rfind(b'<row r="', 0, cut)
        if last >= 0:
            found = _LAST_ROW.match(data, last)
            if found is None:
                return False
            scan.cell(int(found.group(1)), 0)
        digits = len(str(scan.rows))
        exact = (10 ** digits - 1) * max(scan.cols, 1) > max_cells
        unseen = max(unseen, _rounded(scan.rows) if exact else 10 ** digits - 1)
        for pattern in (_beyond_rows, _beyond_cells):
            position = 0
            while (match := pattern(_rounded(scan.rows) if exact else -digits, scan.cols).search(data, position,
                                                                                                     cut)) is not None:
                if match.group(1) is not None:
                    return False  # a row or cell tag without its reference first
                ref = _CELL_REF.match(data, match.start() + 2) or _ROW_REF.match(data, match.start() + 4)
                if ref is None:
                    return False
                if ref.re is _CELL_REF:
                    scan.cell(int(ref.group(2)), column_number(ref.group(1)))
                else:
                    scan.cell(int(ref.group(1)), 0)
                position = match.end()
        for start in errors:
            ref = _CELL_REF.search(data, start, data.find(b">", start))
            if ref is not None:
                _error(scan, data, start, cut, (int(ref.group(2)), column_number(ref.group(1))), max_errors)
        _unsaved_formulas(scan, data, cut, max_errors)
        try:
            data, cut = stream.send(cut)
        except StopIteration:  # read every reference when an unseen cell could still pass the limit
            return not (unseen > scan.rows and unseen * max(scan.cols, 1) > max_cells)


def _rounded(rows: int) -> int:
    """``rows`` rounded up to two significant digits: the patterns change (are compiled) rarely, and a cell
    hidden between the two counts is at most a tenth more rows."""
    step = 10 ** max(len(str(rows)) - 2, 0)
    return -(-rows // step) * step


@lru_cache(maxsize=256)
def _beyond_rows(rows: int, cols: int) -> re.Pattern[bytes]:
    """Row tags without a reference first, or with a row after ``rows`` (-D: with more than D digits)."""
    return re.compile(rb'<row(?:((?! r=")[\s>/])| r="' + _greater_number(rows) + rb'")')


@lru_cache(maxsize=256)
def _beyond_cells(rows: int, cols: int) -> re.Pattern[bytes]:
    """Cell tags without a reference first, or in a column after ``cols`` or a row after ``rows`` (-D: with
    more than D digits)."""
    return re.compile(rb'<c(?:((?! r=")[\s>/])| r="(?:' + _greater_letters(cols) + rb"\d|[A-Z]+"
                      + _greater_number(rows) + rb'"))')


def _greater_number(number: int) -> bytes:
    """A pattern for the decimal numbers (no leading zero) greater than ``number``; for -D, the numbers of
    more than D digits."""
    if number < 0:
        return rb"\d{%d,}" % (1 - number)
    digits = str(number).encode()
    options = [rb"[1-9]\d{%d,}" % len(digits)]
    for i, digit in enumerate(digits):
        if digit < ord("9"):
            options.append(digits[:i] + b"[%c-9]" % (digit + 1) + rb"\d{%d}" % (len(digits) - i - 1))
    return b"(?:" + b"|".join(options) + b")"


def _greater_letters(col: int) -> bytes:
    """A pattern for the column letters after column number ``col`` (0: any)."""
    if col == 0:
        return rb"[A-Z]+"
    letters = column_letters(col).encode()
    options = [rb"[A-Z]{%d,}" % (len(letters) + 1)]
    for i, letter in enumerate(letters):
        if letter < ord("Z"):
            options.append(letters[:i] + b"[%c-Z]" % (letter + 1) + rb"[A-Z]{%d}" % (len(letters) - i - 1))
    return b"(?:" + b"|".join(options) + b")"


def column_letters(col: int) -> str:
    """1 -> 'A', 27 -> 'AA'."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _scan_xlsx_tokens(handle: IO[bytes], scan: SheetScan, long_run: int, max_errors: int) -> None:
    """Token by token: rows and cells without a reference take the position after the previous one."""
    stream = _chunks(handle, long_run, scan)
    data, cut = next(stream)
    row = col = 0
    while True:
        cut = _value_cut(data, cut)
        unsaved = {m.start() for m in _UNSAVED.finditer(data, 0, cut)}
        for match in _XLSX_TOKEN.finditer(data, 0, cut):
            closing, name, attrs = match.group(1, 2, 3)
            if closing:
                continue
            if name == b"row":
                ref = _ROW_REF.search(attrs)
                row, col = (int(ref.group(1)) if ref else row + 1), 0
                scan.cell(row, 0)
                continue
            ref = _CELL_REF.search(attrs)
            cell_row, col = (int(ref.group(2)), column_number(ref.group(1))) if ref else (row, col + 1)
            scan.cell(cell_row, col)
            if _ERROR_ATTR.search(attrs):
                _error(scan, data, match.start(), cut, (cell_row, col), max_errors)
            if unsaved:
                end = _CELL_END.search(data, match.end(), cut)
                found = next((u for u in unsaved if match.end() <= u < (end.end() if end else cut)), None)
                formula = _UNSAVED.match(data, found) if found is not None else None
                if formula is not None and _unsaved(formula, attrs) and len(scan.formulas) < max_errors:
                    scan.formulas[(cell_row - 1, col - 1)] = _formula_text(formula)
        try:
            data, cut = stream.send(cut)
        except StopIteration:
            return


def _error_tags(data: bytes, cut: int) -> Iterator[int]:
    """Start of every cell tag with t="e" (an error value) in data[:cut]."""
    at = data.find(b' t="e"', 0, cut)
    while at >= 0:
        start = data.rfind(b"<", 0, at)
        if _CELL_TAG.match(data, start):
            yield start
        at = data.find(b' t="e"', at + 1, cut)


def _unsaved_formulas(scan: SheetScan, data: bytes, cut: int, max_errors: int) -> None:
    """Record the formula cells of data[:cut] that have no saved value (one search per chunk: a calculated
    formula gives no match)."""
    if data.find(b"<f", 0, cut) < 0:
        return
    for match in _UNSAVED_PLAIN.finditer(data, 0, cut):
        if len(scan.formulas) >= max_errors:
            return
        start = data.rfind(b"<c ", 0, match.start())
        ref = _CELL_REF.match(data, start + 2) if start >= 0 else None
        if ref is not None and _unsaved(match, data[start:data.find(b">", start)]):
            scan.formulas[(int(ref.group(2)) - 1, column_number(ref.group(1)) - 1)] = _formula_text(match)


def _unsaved(match: re.Match[bytes], cell_attrs: bytes) -> bool:
    """No value after the formula, or an empty one in a cell that is not text."""
    return not match.group(2) or _TEXT_CELL.search(cell_attrs) is None


def _formula_text(match: re.Match[bytes] | None) -> str:
    """'=' and the formula of an unsaved formula cell (a shared formula's copies have no text of their own)."""
    body = match.group(1) if match is not None else None
    return "=" + (unescape(body.decode("utf-8", "replace")).strip() if body else "")


def _value_cut(data: bytes, cut: int, starts: list[int] | None = None) -> int:
    """``cut``, or the start of the last error cell (or formula cell) of data[:cut] when its value is not
    complete yet (it is then read with the next chunk). ``starts``: the error cells' tags, when already found."""
    if cut >= len(data):
        return cut  # the last chunk: nothing more will come
    cell = data.rfind(b"<c", 0, cut)  # the last cell is read whole with the next chunk when it is cut
    while cell >= 0 and not _CELL_TAG.match(data, cell):
        cell = data.rfind(b"<c", 0, cell)
    if cell > 0:
        tag_end = data.find(b">", cell, cut)
        if tag_end < 0 or (data[tag_end - 1:tag_end] != b"/" and not _CELL_END.search(data, tag_end, cut)):
            cut = cell
    starts = list(_error_tags(data, cut)) if starts is None else starts
    if not starts:
        return cut
    tag_end = data.find(b">", starts[-1])
    if data[tag_end - 1:tag_end] == b"/" or _CELL_END.search(data, tag_end, cut):
        return cut
    if starts[-1] == 0 and len(data) > max(2 * CHUNK, 1 << 16):
        return cut  # a value that never ends: read without it
    return starts[-1]


def _error(scan: SheetScan, data: bytes, start: int, cut: int, where: tuple[int, int], max_errors: int) -> None:
    """Record the error cell whose tag starts at ``start`` (1-based ``where``), with its cached value."""
    if len(scan.errors) >= max_errors:
        return
    tag_end = data.find(b">", start)
    end = _CELL_END.search(data, tag_end, cut)
    value = _VALUE.search(data, tag_end, end.start()) if end is not None else None
    text = unescape(value.group(1).decode("utf-8", "replace")).strip() if value else ""
    scan.errors[(where[0] - 1, where[1] - 1)] = text or "#VALUE!"


_ODS_TOKEN = re.compile(
    rb"<(/)?table:(table|table-row|table-cell|covered-table-cell)(?=[\s>/])([^>]*)>"
)
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')
_ODS_ROWS = re.compile(rb'table:number-rows-repeated="(\d+)"')
_ODS_COLS = re.compile(rb'table:number-columns-repeated="(\d+)"')
_ODS_TEXT = re.compile(rb"<text:p[^>]*>([^<]*)<")


def scan_ods(archive: zipfile.ZipFile, *, long_run: int, max_errors: int) -> dict[str, SheetScan]:
    """Table name -> its extent (rows and columns down to the last value, repeats counted) and error cells."""
    result: dict[str, SheetScan] = {}
    scan = SheetScan()
    row = 0  # rows before the current one
    repeat, col, last_col = 1, 0, 0  # the current row: its repeat, the columns so far, the last with a value
    with archive.open("content.xml") as handle:
        stream = _chunks(handle, long_run, scan)
        data, cut = next(stream)
        while True:
            for match in _ODS_TOKEN.finditer(data, 0, cut):
                closing, name, attrs = match.group(1, 2, 3)
                if name == b"table":
                    if not closing:
                        found = _ODS_NAME.search(attrs)
                        scan, row = SheetScan(), 0
                        result[unescape(found.group(1).decode("utf-8", "replace")) if found else ""] = scan
                    continue
                if name == b"table-row":
                    if closing:
                        if last_col:
                            scan.cell(row + repeat, last_col)
                        row += repeat
                    else:
                        found = _ODS_ROWS.search(attrs)
                        repeat, col, last_col = (int(found.group(1)) if found else 1), 0, 0
                        if attrs.endswith(b"/"):
                            row += repeat
                    continue
                if closing:
                    continue
                found = _ODS_COLS.search(attrs)
                span = int(found.group(1)) if found else 1
                if b"office:value-type=" in attrs:
                    last_col = col + span
                    if b'calcext:value-type="error"' in attrs:
                        _ods_error(scan, data, match.end(), cut, (row, repeat, col, span), max_errors)
                col += span
            try:
                data, cut = stream.send(cut)
            except StopIteration:
                return result


def _ods_error(scan: SheetScan, data: bytes, at: int, cut: int, place: tuple[int, int, int, int], max_errors: int) -> None:
    """Record an .ods error cell (repeated over ``repeat`` rows and ``span`` columns), at most ``max_errors``."""
    row, repeat, col, span = place
    end = data.find(b"</table:table-cell>", at, cut)
    text = _ODS_TEXT.search(data, at, end if end >= 0 else cut)
    value = (unescape(text.group(1).decode("utf-8", "replace")).strip() if text else "") or "#VALUE!"
    for r in range(row, row + repeat):
        for c in range(col, col + span):
            if len(scan.errors) >= max_errors:
                return
            scan.errors[(r, c)] = value
