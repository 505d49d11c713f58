"""Before reading: is the file what its name says (empty, a CSV named .xlsx, password-protected …)?
After reading: every text cell in NFC Unicode with clean spaces, legacy TCVN3/VNI columns converted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputFileError
from ..messages import os_reason
from .cell_block import CellBlock, write_back
from .csv_text import utf16_without_bom
from .guard import cell_too_long, limits
from .legacy import convert_block, plain_texts
from .text_kernels import arrow_strings, clean_texts, lengths

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods")


def sniff_file(path: Path) -> None:
    """Raise InputFileError with what to do when the bytes do not fit the extension."""
    from .input_files import require_regular_file

    require_regular_file(path)  # a pipe would wait for ever on open
    suffix = path.suffix.lower()
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError as exc:
        raise InputFileError.of("io.cannot_open", path=path, reason=os_reason(exc)) from exc
    if not head.strip(b"\x00 \t\r\n\xef\xbb\xbf"):
        raise InputFileError.of("io.empty", path=path)
    if head.startswith(OLE2_MAGIC):
        if suffix in _WORKBOOK_SUFFIXES or _ENCRYPTED_STREAM in head:
            raise InputFileError.of("io.protected", path=path)
        if suffix in (".csv", ".parquet"):
            raise InputFileError.of("io.xls_misnamed", path=path, suffix=suffix)
        return
    if head.startswith(ZIP_MAGIC):
        if suffix in (".csv", ".parquet", ".xls"):
            raise InputFileError.of("io.xlsx_misnamed", path=path, suffix=suffix)
        return
    if suffix == ".parquet":
        if not head.startswith(b"PAR1"):
            raise InputFileError.of("io.not_parquet", path=path)
        return
    if suffix in (".xlsx", ".xlsm", ".ods"):
        if _looks_like_text(head):
            raise InputFileError.of("io.csv_misnamed", path=path, suffix=suffix)
        raise InputFileError.of("io.not_spreadsheet", path=path)
    if suffix == ".csv" and not _looks_like_text(head):
        raise InputFileError.of("io.csv_binary", path=path)
    if suffix == ".xls" and _looks_like_text(head) and not head.lstrip().startswith(b"<"):
        raise InputFileError.of("io.csv_misnamed", path=path, suffix=".xls")


def _looks_like_text(head: bytes) -> bool:
    """Mostly printable once decoded (UTF-8, UTF-16 with a BOM, else Windows-1258); a NUL byte means binary."""
    import codecs

    no_bom = utf16_without_bom(head)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or no_bom:
        try:
            text = codecs.getincrementaldecoder(no_bom or "utf-16")().decode(head, final=False)
        except UnicodeDecodeError:
            return False
    elif b"\x00" in head:
        return False
    else:
        try:  # the first 64 KB may end inside a character
            text = codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
        except UnicodeDecodeError:
            text = head.decode("cp1258", errors="replace")
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
    return printable >= 0.95 * max(len(text), 1)


def fix_text(rows: list[list[Any]], *, path: Path | None = None, sheet: str = "") -> dict[int, str]:
    """Convert legacy columns and clean every text cell in place; returns column -> legacy encoding found.
    A cell longer than a spreadsheet cell can be stops the read (InputFileError naming the cell)."""
    return fixed_block(rows, path=path, sheet=sheet)[1]


def fixed_block(rows: list[list[Any]], *, path: Path | None = None, sheet: str = "") -> tuple[CellBlock, dict[int, str]]:
    """fix_text, also giving the cells as a block (columns of distinct values) for the reading rules."""
    block = CellBlock.of(rows)
    clean_block(block, path=path, sheet=sheet)
    found = convert_block(block)
    write_back(rows, block)
    return block, found


def clean_block(block: CellBlock, *, path: Path | None = None, sheet: str = "") -> None:
    """Every text cell in NFC Unicode with clean spaces (text_kernels.clean_texts), each distinct text of a
    column once; a text longer than a cell can hold raises InputFileError naming its first cell."""
    max_chars = limits().max_cell_chars
    too_long: list[tuple[int, int]] = []
    for col in range(block.shape[1]):
        values = block.column_values(col)
        texts = plain_texts(values)
        if not texts.any():
            continue  # numbers, dates, empty cells: nothing to clean
        strs = values[texts]
        strings = arrow_strings(strs)
        long = np.zeros(len(values), dtype=bool)
        long[texts] = lengths(strs if strings is None else strings) > max_chars
        if long.any():
            too_long.append((int(np.flatnonzero(long[block.codes[:, col] - block.starts[col]])[0]), col))
            continue
        cleaned = clean_texts(strs, strings=strings)
        which = texts.copy()
        which[texts] = cleaned != strs
        block.replace_values(col, which, cleaned[which[texts]])
    if too_long:
        row, col = min(too_long)
        raise cell_too_long(path or Path("?"), sheet, row + 1, col)
