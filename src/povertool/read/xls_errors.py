"""The error cells (#REF!, #N/A, #DIV/0! …) of an Excel 97-2003 workbook (.xls), which the spreadsheet reader
turns into blanks.

An .xls is a compound file (OLE2) holding a "Workbook" stream of BIFF8 records. This reads that stream and
walks its records once: BOUNDSHEET gives each sheet's name and offset, and in each sheet an error is a BOOLERR
record with its error flag set, or a FORMULA record whose cached result is an error. Anything unexpected (a
damaged or encrypted file) gives no error cells: the reader then reports the file as it does today."""

from __future__ import annotations

import struct
from pathlib import Path

ERROR_CODES = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
_BOF, _EOF, _BOUNDSHEET, _BOOLERR, _FORMULA, _FILEPASS = 0x0809, 0x000A, 0x0085, 0x0205, 0x0006, 0x002F


def xls_error_cells(path: Path, *, max_bytes: int, max_errors: int) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet name -> {(0-based row, 0-based column): error text} for an .xls of at most ``max_bytes``."""
    try:
        if path.stat().st_size > max_bytes:
            return {}
        stream = _workbook_stream(path.read_bytes())
        return _sheet_errors(stream, max_errors) if stream else {}
    except (struct.error, IndexError, ValueError, KeyError, OSError, UnicodeDecodeError):
        return {}


def _workbook_stream(data: bytes) -> bytes | None:
    """The Workbook (or Book) stream of a compound file."""
    if not data.startswith(_OLE_MAGIC):
        return None
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mini_sector = 1 << struct.unpack_from("<H", data, 0x20)[0]
    first_dir, cutoff, first_minifat, first_difat = struct.unpack_from("<I4xII4xI", data, 0x30)
    sectors = (len(data) - 512) // sector

    def at(n: int) -> int:
        return 512 + n * sector

    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < sectors]
    difat, seen = first_difat, 0
    while difat < sectors and seen < sectors:  # further FAT sector numbers, chained
        pointers = struct.unpack_from(f"<{sector // 4}I", data, at(difat))
        fat_sectors += [s for s in pointers[:-1] if s < sectors]
        difat, seen = pointers[-1], seen + 1
    fat = [n for s in fat_sectors for n in struct.unpack_from(f"<{sector // 4}I", data, at(s))]

    def chain(start: int, table: list[int], limit: int) -> list[int]:
        found: list[int] = []
        while start < len(table) and start not in (_FREE, _END) and len(found) <= limit:
            found.append(start)
            start = table[start]
        return found

    directory = b"".join(data[at(s):at(s) + sector] for s in chain(first_dir, fat, sectors))
    entries = [directory[i:i + 128] for i in range(0, len(directory) - 127, 128)]
    root = entries[0]
    wanted = None
    for entry in entries:
        size = struct.unpack_from("<H", entry, 64)[0]
        name = entry[:max(size - 2, 0)].decode("utf-16-le", "replace")
        if entry[66] == 2 and name in ("Workbook", "Book"):
            wanted = entry
            break
    if wanted is None:
        return None
    start, size = struct.unpack_from("<II", wanted, 116)
    if size < cutoff:  # a small stream lives in the mini stream, in mini sectors
        mini_stream = b"".join(data[at(s):at(s) + sector] for s in chain(struct.unpack_from("<I", root, 116)[0], fat, sectors))
        minifat = [n for s in chain(first_minifat, fat, sectors) for n in struct.unpack_from(f"<{sector // 4}I", data, at(s))]
        parts = chain(start, minifat, len(mini_stream) // mini_sector)
        return b"".join(mini_stream[p * mini_sector:(p + 1) * mini_sector] for p in parts)[:size]
    return b"".join(data[at(s):at(s) + sector] for s in chain(start, fat, sectors))[:size]


def _records(stream: bytes, offset: int):
    """(type, data) of each BIFF record from ``offset``."""
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        yield kind, stream[offset + 4:offset + 4 + length]
        offset += 4 + length


def _sheet_errors(stream: bytes, max_errors: int) -> dict[str, dict[tuple[int, int], str]]:
    """The error cells of every worksheet of a BIFF8 Workbook stream."""
    sheets: list[tuple[str, int]] = []
    for kind, body in _records(stream, 0):
        if kind == _FILEPASS:
            return {}
        if kind == _BOUNDSHEET:
            length, wide = body[6], body[7] & 1
            raw = body[8:8 + length * (2 if wide else 1)]
            sheets.append((raw.decode("utf-16-le" if wide else "latin-1"), struct.unpack_from("<I", body)[0]))
        elif kind == _EOF:
            break
    result: dict[str, dict[tuple[int, int], str]] = {}
    total = 0
    for name, offset in sheets:
        errors: dict[tuple[int, int], str] = {}
        for kind, body in _records(stream, offset):
            if kind == _EOF:
                break
            code = None
            if kind == _BOOLERR and len(body) >= 8 and body[7] == 1:
                code = body[6]
            elif kind == _FORMULA and len(body) >= 14 and body[12:14] == b"\xff\xff" and body[6] == 2:
                code = body[8]
            if code is not None and total < max_errors:
                row, col = struct.unpack_from("<HH", body)
                errors[(row, col)] = ERROR_CODES.get(code, "#VALUE!")
                total += 1
        if errors:
            result[name] = errors
    return result
