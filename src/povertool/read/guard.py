"""Guards that run before a file is parsed: a zip bomb, a sheet with a million rows, a giant cell.

The limits are data (limits.toml). Each guard raises InputFileError with what to do. They read the zip's
directory, the first bytes of each .xlsx sheet part, or stream an .ods content.xml: never a grid of cells."""

from __future__ import annotations

import re
import zipfile
from html import unescape
from pathlib import Path

from ..errors import InputFileError
from ..files import MB, limits
from ..messages import text
from .extent import (
    SheetScan,
    TextRunTooLong,
    column_letters,
    long_shared_string,
    scan_ods,
    scan_xlsx_part,
    shared_string_cell,
)

_SHEET_TAG = re.compile(r"<(?:\w+:)?sheet\s([^>]*)>")
_RELATION_TAG = re.compile(r"<(?:\w+:)?Relationship\s([^>]*)>")
_ATTRIBUTE = re.compile(r"([\w:.-]+)\s*=\s*\"([^\"]*)\"")
# A text run longer than this many bytes per character a cell may hold is no cell (UTF-8 and XML entities
# take up to about 6 bytes a character): the string is refused before the spreadsheet reader loads it.
_LONG_RUN_CHARS = 8


def check_option_file(path: Path, option: str) -> None:
    """A --columns or --plan file read whole (TOML, CSV) must be a regular file of at most the limit's size."""
    from ..messages import text
    from .cell_checks import written_number

    limit = limits().max_option_file_bytes
    size = path.stat().st_size if path.is_file() else None
    if size is None or size > limit:
        raise InputFileError(
            text("read.option_file_too_big" if size is not None else "read.option_file_not_regular", option=option,
                 path=path, size=written_number(round((size or 0) / 1024)), limit=written_number(limit // 1024)),
            hint=text("read.option_file_fix", option=option))


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


def check_sheet_extents(path: Path, names: list[str] | None) -> dict[str, SheetScan]:
    """Each sheet's real extent must stay under the limits: read from the sheet's XML as a stream (every row
    and cell reference, not the declared <dimension>, which may be missing or lie); in an .ods the rows and
    columns down to the last value, repeats counted. Returns the scans (they also hold the error cells)."""
    scans = sheet_scans(path, names)
    for name, scan in scans.items():
        if names is None or name in names:
            check_extent(path, name, scan.rows, scan.cols)
    return scans


def sheet_scans(path: Path, names: list[str] | None) -> dict[str, SheetScan]:
    """Sheet name -> SheetScan (extent and error cells) for the sheets ``names`` (None: every .ods table).
    A damaged part gives no scan: the spreadsheet reader then gives its own message."""
    long_run, max_errors = _LONG_RUN_CHARS * limits().max_cell_chars, limits().max_cells
    sheet = ""
    try:
        with zipfile.ZipFile(path) as archive:
            if path.suffix.lower() == ".ods":
                return scan_ods(archive, long_run=long_run, max_errors=max_errors)
            parts = _sheet_parts(archive)
            present = set(archive.namelist())
            scans: dict[str, SheetScan] = {}
            for name in names or []:
                if parts.get(name) in present:
                    sheet = name
                    scans[name] = scan_xlsx_part(archive, parts[name], long_run=long_run, max_errors=max_errors,
                                                 max_cells=limits().max_cells)
            return scans
    except TextRunTooLong as exc:
        raise cell_too_long(path, sheet, exc.row or None) from exc
    except Exception:  # noqa: BLE001 - damaged parts (bad deflate data, CRC, names): calamine gives its message
        return {}


def check_shared_strings(path: Path) -> None:
    """The shared strings of an .xlsx (read whole when the workbook opens) hold no text longer than a cell;
    a longer one is named by the first cell showing it."""
    long_run = _LONG_RUN_CHARS * limits().max_cell_chars
    try:
        with zipfile.ZipFile(path) as archive:
            part = next((n for n in archive.namelist() if n.lower() == "xl/sharedstrings.xml"), None)
            if part is None:
                return
            with archive.open(part) as handle:
                index = long_shared_string(handle, long_run)
            if index is None:
                return
            for name, sheet_part in _sheet_parts(archive).items():
                with archive.open(sheet_part) as handle:
                    cell = shared_string_cell(handle, index)
                if cell is not None:
                    raise cell_too_long(path, name, cell[0], cell[1] - 1)
    except InputFileError:
        raise
    except Exception:  # noqa: BLE001 - a damaged part: calamine gives its message
        return
    raise cell_too_long(path, "", None)


def check_extent(path: Path, sheet: str, rows: int, cols: int) -> None:
    """Raise when the sheet reaches more rows, or more cells (``rows × cols``), than the limits allow."""
    limit = limits().max_cells
    if rows * max(cols, 1) <= limit and rows <= limits().max_rows:
        return
    raise InputFileError.of("io.sheet_too_big" if sheet else "io.table_too_big", path=path, sheet=sheet, rows=rows,
                            cell=text("common.cell_then", cell=f"{column_letters(cols)}{rows}") if cols and sheet else "", max_rows=limits().max_rows,
                            max_cells=limit)


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


def cell_too_long(path: Path, sheet: str, row: int | None, col: int | None = None) -> InputFileError:
    """The error for a cell longer than a spreadsheet cell can be (``col`` None: a CSV line; ``row`` None: unknown)."""
    from ..messages import location

    where = location(path, sheet)
    if row is not None and col is None:
        where += ", " + (text("common.at_row", row=row) if sheet else text("common.at_line", line=row))
    elif row is not None and col is not None:
        where = location(path, sheet, row) + ", " + text("common.at_column_letter", column=column_letters(col + 1))
    return InputFileError.of("io.cell_too_long", where=where, limit=limits().max_cell_chars)


