"""Guards that run before a file is parsed: a zip bomb, a sheet with a million rows, a giant cell.

The limits are data (limits.toml). Each guard raises InputFileError with what to do. They read the zip's
directory, the first bytes of each .xlsx sheet part, or stream an .ods content.xml: never a grid of cells."""

from __future__ import annotations

import re
import sys
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from html import unescape
from importlib import resources
from pathlib import Path

from ..errors import InputFileError
from ..messages import text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MB = 1024 * 1024
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?\"")
_SHEET_TAG = re.compile(r"<(?:\w+:)?sheet\s([^>]*)>")
_RELATION_TAG = re.compile(r"<(?:\w+:)?Relationship\s([^>]*)>")
_ATTRIBUTE = re.compile(r"([\w:.-]+)\s*=\s*\"([^\"]*)\"")


@dataclass(frozen=True)
class Limits:
    """The limits of limits.toml."""

    max_uncompressed_bytes: int
    max_cells: int
    max_cell_chars: int
    max_rows: int = 1_000_000


@lru_cache(maxsize=1)
def limits() -> Limits:
    """The limits shipped in povertool/io/limits.toml."""
    data = tomllib.loads(resources.files("povertool.io").joinpath("limits.toml").read_text("utf-8"))
    return Limits(int(data["zip"]["max_uncompressed_mb"] * MB), int(data["sheet"]["max_cells"]),
                  int(data["cell"]["max_chars"]), int(data["sheet"]["max_rows"]))


def check_zip(path: Path) -> None:
    """A zip-based workbook must be a complete zip whose parts, uncompressed, stay under the limit.

    The sizes come from the zip's central directory, read before any part is inflated."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except Exception as exc:  # noqa: BLE001 - BadZipFile, EOFError, ValueError, NotImplementedError, ...
        raise InputFileError.of("io.damaged_zip", path=path) from exc
    total = sum(max(e.file_size, 0) for e in entries)
    limit = limits().max_uncompressed_bytes
    if total > limit:
        raise InputFileError.of("io.zip_bomb", path=path, size=round(total / MB), limit=round(limit / MB))


def check_text_size(path: Path) -> None:
    """A CSV read whole must stay under the same size as an unpacked workbook."""
    size = path.stat().st_size
    limit = limits().max_uncompressed_bytes
    if size > limit:
        raise InputFileError.of("io.text_too_big", path=path, size=round(size / MB), limit=round(limit / MB))


def check_sheet_extents(path: Path, names: list[str] | None) -> None:
    """Each sheet's used range must stay under the limits: in an .xlsx/.xlsm its declared <dimension>, in an
    .ods the rows down to the last value (empty rows there are one repeated element that a reader expands)."""
    if path.suffix.lower() == ".ods":
        for name, rows in ods_rows(path).items():
            if names is None or name in names:
                check_extent(path, name, rows, 0)
        return
    for name, (rows, cols) in sheet_extents(path, names or []).items():
        check_extent(path, name, rows, cols)


def check_extent(path: Path, sheet: str, rows: int, cols: int) -> None:
    """Raise when the sheet reaches more rows, or more cells (``rows × cols``), than the limits allow."""
    limit = limits().max_cells
    if rows * max(cols, 1) <= limit and rows <= limits().max_rows:
        return
    raise InputFileError.of("io.sheet_too_big" if sheet else "io.table_too_big", path=path, sheet=sheet, rows=rows,
                            cell=text("common.cell_then", cell=f"{_column_letters(cols - 1)}{rows}") if cols and sheet else "", max_rows=limits().max_rows,
                            max_cells=limit)


def sheet_extents(path: Path, names: list[str]) -> dict[str, tuple[int, int]]:
    """Sheet name -> (last row, last column) from the dimension element of each sheet part, when declared."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = _sheet_parts(archive)
            extents = {}
            for name in names:
                part = parts.get(name)
                if part is None or part not in archive.namelist():
                    continue
                with archive.open(part) as handle:
                    head = handle.read(16384)
                found = _DIMENSION.search(head)
                if found and found.group(4):
                    extents[name] = (int(found.group(4)), _column_number(found.group(3).decode()))
                elif found and found.group(2):
                    extents[name] = (int(found.group(2)), _column_number((found.group(1) or b"A").decode()))
            return extents
    except Exception:  # noqa: BLE001 - damaged parts (bad deflate data, CRC, names): calamine gives its message
        return {}


_ODS_TOKEN = re.compile(rb"<table:table[\s>][^>]*|<table:table-row\b[^>]*|office:value-type=")
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')
_ODS_REPEAT = re.compile(rb'table:number-rows-repeated="(\d+)"')


def ods_rows(path: Path) -> dict[str, int]:
    """Table name -> its last row holding a value, from content.xml read as a stream (bounded memory)."""
    result: dict[str, int] = {}
    name, count, last, row_repeat, row_value = None, 0, 0, 0, False
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as handle:
            rest = b""
            while True:
                chunk = handle.read(1 << 20)
                data = rest + chunk
                cut = data.rfind(b"<") if chunk else len(data)  # a tag cut by the chunk waits for the next one
                for token in _ODS_TOKEN.finditer(data, 0, max(cut, 0)):
                    text = token.group(0)
                    if text.startswith(b"office"):
                        row_value = True
                        continue
                    count, last = count + row_repeat, (count + row_repeat) if row_value else last
                    row_repeat, row_value = 0, False
                    if text.startswith(b"<table:table-row"):
                        found = _ODS_REPEAT.search(text)
                        row_repeat = int(found.group(1)) if found else 1
                    else:
                        if name is not None:
                            result[name] = last
                        found = _ODS_NAME.search(text)
                        name, count, last = unescape(found.group(1).decode("utf-8", "replace")) if found else "", 0, 0
                rest = data[cut:] if chunk else b""
                if not chunk:
                    break
    except Exception:  # noqa: BLE001 - a damaged file: calamine gives its own message
        return {}
    if name is not None:
        result[name] = (count + row_repeat) if row_value else last
    return result


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the archive, from xl/workbook.xml and its relationships."""
    workbook = archive.read("xl/workbook.xml")[:4_000_000].decode("utf-8", "replace")
    rels = archive.read("xl/_rels/workbook.xml.rels")[:4_000_000].decode("utf-8", "replace")
    targets = {}
    for tag in _RELATION_TAG.finditer(rels):
        attrs = dict(_ATTRIBUTE.findall(tag.group(1)))
        targets[attrs.get("Id")] = attrs.get("Target", "")
    parts = {}
    for tag in _SHEET_TAG.finditer(workbook):
        attrs = dict(_ATTRIBUTE.findall(tag.group(1)))
        rid = next((v for k, v in attrs.items() if k.endswith(":id")), None)
        target = targets.get(rid)
        if "name" in attrs and target:
            parts[unescape(attrs["name"])] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return parts


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - ord("A") + 1
    return number


def cell_too_long(path: Path, sheet: str, row: int | None, col: int | None = None) -> InputFileError:
    """The error for a cell longer than a spreadsheet cell can be (``col`` None: a CSV line; ``row`` None: unknown)."""
    from ..messages import location

    where = location(path, sheet)
    if row is not None and col is None:
        where += ", " + text("common.at_line", line=row)
    elif row is not None:
        where = location(path, sheet, row) + ", " + text("common.at_column_letter", column=_column_letters(col))
    return InputFileError.of("io.cell_too_long", where=where, limit=limits().max_cell_chars)


def _column_letters(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters
