"""Guards that run before a file is parsed: a zip bomb, a sheet with a million rows, a giant cell.

The limits are data (limits.toml). Each guard raises InputFileError with what to do; none reads more than the
zip's directory and the first bytes of each sheet part, so a hostile file costs milliseconds."""

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

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MB = 1024 * 1024
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?\"")
_SHEET = re.compile(r"<(?:\w+:)?sheet\b[^>]*?\bname=\"([^\"]*)\"[^>]*?\br:id=\"([^\"]*)\"")
_SHEET_ID_FIRST = re.compile(r"<(?:\w+:)?sheet\b[^>]*?\br:id=\"([^\"]*)\"[^>]*?\bname=\"([^\"]*)\"")
_RELATION = re.compile(r"<Relationship\b[^>]*?\bId=\"([^\"]*)\"[^>]*?\bTarget=\"([^\"]*)\"")
_RELATION_TARGET_FIRST = re.compile(r"<Relationship\b[^>]*?\bTarget=\"([^\"]*)\"[^>]*?\bId=\"([^\"]*)\"")
DAMAGED_HINT = "Open it in Excel or LibreOffice and save it again as .xlsx (or ask for a new copy)."


@dataclass(frozen=True)
class Limits:
    """The limits of limits.toml."""

    max_uncompressed_bytes: int
    max_cells: int
    max_cell_chars: int


@lru_cache(maxsize=1)
def limits() -> Limits:
    """The limits shipped in povertool/io/limits.toml."""
    data = tomllib.loads(resources.files("povertool.io").joinpath("limits.toml").read_text("utf-8"))
    return Limits(int(data["zip"]["max_uncompressed_mb"] * MB), int(data["sheet"]["max_cells"]),
                  int(data["cell"]["max_chars"]))


def check_zip(path: Path) -> None:
    """A zip-based workbook must be a complete zip whose parts, uncompressed, stay under the limit.

    The sizes come from the zip's central directory, read before any part is inflated."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except Exception as exc:  # noqa: BLE001 - BadZipFile, EOFError, ValueError, NotImplementedError, ...
        raise InputFileError(f"{path} is damaged: it is not a complete .xlsx/.ods file (cut short or corrupted).",
                             hint=DAMAGED_HINT) from exc
    total = sum(max(e.file_size, 0) for e in entries)
    limit = limits().max_uncompressed_bytes
    if total > limit:
        raise InputFileError(
            f"{path} would unpack to {total / MB:,.0f} MB, more than povertool reads ({limit / MB:,.0f} MB); "
            "it is damaged or not a real household list (a 'zip bomb').",
            hint="Do not open it; ask the sender for the list again, or split a very large list into one file per commune.",
        )


def check_sheet_extents(path: Path, names: list[str]) -> None:
    """In an .xlsx/.xlsm, each sheet's declared used range (its <dimension>) must stay under the cell limit."""
    limit = limits().max_cells
    for name, (rows, cols) in sheet_extents(path, names).items():
        check_extent(path, name, rows, cols, limit)


def check_extent(path: Path, sheet: str, rows: int, cols: int, limit: int | None = None) -> None:
    """Raise when ``rows × cols`` cells exceed the limit."""
    limit = limits().max_cells if limit is None else limit
    if rows * cols <= limit:
        return
    raise InputFileError(
        f'{path}, sheet "{sheet}" reaches cell {_column_letters(cols - 1)}{rows} ({rows * cols:,} cells from A1, more '
        f"than the {limit:,} povertool reads at once).",
        hint="If the list is shorter, select the empty rows and columns after it (Ctrl+End shows where the sheet "
             "ends), delete them and save; if it is really this long, split it into one file per commune.",
    )


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


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the archive, from xl/workbook.xml and its relationships."""
    workbook = archive.read("xl/workbook.xml")[:1_000_000].decode("utf-8", "replace")
    rels = archive.read("xl/_rels/workbook.xml.rels")[:1_000_000].decode("utf-8", "replace")
    targets = dict(_RELATION.findall(rels)) | {i: t for t, i in _RELATION_TARGET_FIRST.findall(rels)}
    sheets = dict(_SHEET.findall(workbook)) | {n: i for i, n in _SHEET_ID_FIRST.findall(workbook)}
    parts = {}
    for name, rid in sheets.items():
        target = targets.get(rid)
        if target:
            parts[unescape(name)] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return parts


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - ord("A") + 1
    return number


def cell_too_long(path: Path, sheet: str, row: int, col: int | None = None) -> InputFileError:
    """The error for a cell longer than a spreadsheet cell can be (``col`` None: a CSV line)."""
    where = f'{path}, sheet "{sheet}"' if sheet else str(path)
    place = f"row {row}, column {_column_letters(col)}" if col is not None else f"line {row}"
    return InputFileError(
        f"{where}, {place}: one cell holds more characters than a spreadsheet cell can ({limits().max_cell_chars:,}); "
        "the file is damaged, or in a CSV a quote (\") is not closed.",
        hint="Open the file, shorten or clear that cell (in a CSV, close the quote) and save it again.",
    )


def _column_letters(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters
