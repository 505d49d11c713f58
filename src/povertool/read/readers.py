"""Reading survey files into grids (lists of rows, Excel row 1 first) and finding the household table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..errors import InputFileError
from .arrow_cells import plain_columns
from .body import classify_body
from .cell_block import CellBlock
from .csv_text import csv_start, decode_csv, split_records
from .guard import check_extent, check_shared_strings, check_sheet_extents, check_text_size, check_zip, limits
from .headers import FieldSpec
from .layout import fill_merged_down, find_tables
from .sniff import ZIP_MAGIC, fixed_block, sniff_file
from .values import UnsavedFormula, is_blank
from .xls_errors import xls_error_cells

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
INCOME_FIELDS = frozenset({"income_per_capita", "income_per_capita_year", "b1_score"})
SURVEY_SUFFIXES = (*EXCEL_SUFFIXES, ".csv", ".parquet")
T = TypeVar("T")



@dataclass
class SheetGrid:
    """A sheet's cells as rows of values, ``rows[0]`` being Excel row 1."""

    path: Path
    sheet: str
    rows: list[list[Any]]
    merges: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    legacy: dict[int, str] = field(default_factory=dict)  # column -> legacy encoding converted
    block: CellBlock | None = field(default=None, repr=False, compare=False)  # the rows as columns (cell_block)

    def cell_block(self) -> CellBlock:
        """The rows as a block of columns, made once (again after the rows were changed: ``block = None``)."""
        if self.block is None:
            self.block = CellBlock.of(self.rows)
        return self.block


@dataclass
class HouseholdTable:
    """The household table found on a sheet."""

    grid: SheetGrid
    header_row: int  # 0-based index into grid.rows of the (last) header row
    headers: list[str]  # header text per column, as written
    mapping: dict[int, str]  # column position -> field
    year: int | None
    commune: str | None = None  # from the title rows ("UBND XÃ NHA BÍCH")
    header_top: int | None = None  # 0-based first header row
    start: int = 0  # first grid row counted to this table (the title rows above the first table included)
    end: int | None = None  # where the next table of the sheet starts (None: the sheet's end)
    layout_rows: dict[int, str] = field(default_factory=dict)  # rows of a repeated header, skipped
    household_rows: list[int] | None = None  # cached by data_rows()
    skipped_rows: list[tuple[int, str]] = field(default_factory=list)  # (0-based row, reason), set by data_rows()


def load_grids(path: Path, *, sheet: str | None = None) -> list[SheetGrid]:
    """Every sheet of a file as a grid (or just ``sheet``), text in NFC Unicode (legacy TCVN3/VNI converted)."""
    suffix = path.suffix.lower()
    if suffix not in SURVEY_SUFFIXES:
        raise InputFileError.of("io.not_survey_format", path=path, suffix=path.suffix, formats=", ".join(SURVEY_SUFFIXES))
    sniff_file(path)
    if suffix == ".csv":
        check_text_size(path)
    if suffix in EXCEL_SUFFIXES:
        grids = _load_excel(path, sheet)
    elif suffix == ".csv":
        grids = [SheetGrid(path, "", _load_csv(path))]
    else:
        grids = [SheetGrid(path, "", _load_parquet(path))]
    for grid in grids:
        grid.block, grid.legacy = fixed_block(grid.rows, path=path, sheet=grid.sheet)
    return grids


def _load_parquet(path: Path) -> list[list[Any]]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception as exc:  # pyarrow raises several types for a broken file
        raise InputFileError.of("io.parquet_unreadable", path=path) from exc
    check_extent(path, "", meta.num_rows + 1, meta.num_columns)  # a tiny file may hold millions of equal rows
    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises several types for a broken file
        raise InputFileError.of("io.parquet_unreadable", path=path) from exc
    try:
        frame = plain_columns(table, path).to_pandas()
    except InputFileError:
        raise
    except Exception as exc:  # an Arrow type that has no cell form
        raise InputFileError.of("io.parquet_unreadable", path=path) from exc
    return [list(frame.columns)] + frame.astype(object).where(frame.notna(), "").values.tolist()


def _load_excel(path: Path, sheet: str | None) -> list[SheetGrid]:
    from python_calamine import CalamineWorkbook

    with path.open("rb") as handle:
        is_zip = handle.read(4) == ZIP_MAGIC
    scans: dict = {}
    if is_zip:  # .xlsx/.xlsm/.ods: checked before calamine inflates anything
        check_zip(path)
        if path.suffix.lower() == ".ods":  # calamine reads every table of an .ods when it opens it
            scans = check_sheet_extents(path, None)
        else:  # and the shared strings of an .xlsx
            check_shared_strings(path)
    workbook = _calamine(lambda: CalamineWorkbook.from_path(str(path)), path)
    names = workbook.sheet_names
    if sheet is not None:
        if sheet not in names:
            raise InputFileError.of("io.no_such_sheet", path=path, sheet=sheet, sheets=", ".join(names))
        names = [sheet]
    if is_zip and not scans:  # before calamine builds a grid of every cell up to the last used one
        scans = check_sheet_extents(path, names)
    xls_errors = {} if is_zip else xls_error_cells(path, max_bytes=limits().max_uncompressed_bytes,
                                                    max_errors=limits().max_cells)
    grids = []
    for name in names:
        data = _calamine(lambda: workbook.get_sheet_by_name(name), path, name)  # noqa: B023 - called at once
        check_extent(path, name, data.height, data.width)  # .xls, and a part the scan could not read
        rows, merges = _calamine(lambda: (data.to_python(skip_empty_area=False), _merges(data)),  # noqa: B023
                                 path, name)  # the function is called at once, in this iteration
        rows = rows if isinstance(rows, list) and all(r.__class__ is list for r in rows) else [list(r) for r in rows]
        scan = scans.get(name)
        if scan is not None:
            mark_error_cells(rows, scan.errors)
            mark_error_cells(rows, {at: UnsavedFormula(f) for at, f in scan.formulas.items()})
        elif name in xls_errors:
            mark_error_cells(rows, xls_errors[name])
        grids.append(SheetGrid(path, name, rows, merges))
    return grids


def mark_error_cells(rows: list[list[Any]], errors: dict[tuple[int, int], str]) -> None:
    """Put back the spreadsheet errors (#REF!, #N/A …) and formulas with no saved value (UnsavedFormula) that
    the reader turned into blank cells, as their text: such a value is unreadable, never a blank."""
    for (r, c), text in errors.items():
        if r < len(rows):
            row = rows[r]
            if c >= len(row):
                row.extend([""] * (c + 1 - len(row)))
            if row[c] in ("", None, 0.0):
                row[c] = text


def _calamine(call: Callable[[], T], path: Path, sheet: str | None = None) -> T:
    """One calamine call; its errors, and a panic in its Rust code, become one InputFileError."""
    try:
        return call()
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as exc:  # calamine's error types; pyo3's PanicException is not an Exception
        text = str(exc).lower()
        if sheet is None and ("password" in text or "encrypt" in text):
            raise InputFileError.of("io.protected", path=path) from exc
        if sheet is None:
            raise InputFileError.of("io.workbook_unreadable", path=path) from exc
        raise InputFileError.of("io.sheet_unreadable", path=path, sheet=sheet) from exc


def _merges(sheet: Any) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Merged ranges ((row, col), (row, col)) relative to the grid (calamine starts at A1 with skip_empty_area=False)."""
    ranges = getattr(sheet, "merged_cell_ranges", None) or []
    return [((int(a[0]), int(a[1])), (int(b[0]), int(b[1]))) for a, b in ranges]


def _load_csv(path: Path) -> list[list[Any]]:
    import csv

    delimiter, declared, content = csv_start(decode_csv(path, path.read_bytes()))  # the same steps as the stream
    max_chars = limits().max_cell_chars
    previous = csv.field_size_limit(max_chars + 1)  # a longer field is an unclosed quote, not a household
    try:
        records = split_records(path, content, delimiter, first_line=2 if declared else 1)
    finally:
        csv.field_size_limit(previous)
    return [[]] + records if declared else records


def locate_table(grid: SheetGrid, specs: tuple[FieldSpec, ...], overrides: dict[str, str] | None) -> HouseholdTable | None:
    """The first household table of a sheet (see locate_tables); None if no header matches two fields."""
    tables = locate_tables(grid, specs, overrides)
    return tables[0] if tables else None


def locate_tables(grid: SheetGrid, specs: tuple[FieldSpec, ...], overrides: dict[str, str] | None) -> list[HouseholdTable]:
    """Every household table of a sheet: the first header band near the top (the one matching the most fields),
    then each header further down that maps the columns another way (a second list with its own header).
    Group cells (commune, village) merged down the household rows are filled from the merge."""
    tables = []
    for layout in find_tables(grid.rows, specs, overrides, grid.merges, grid.cell_block()):
        if grid.merges:
            fill_merged_down(grid.rows, layout, grid.merges)
            grid.block = None  # the rows changed: made again when asked for
        tables.append(HouseholdTable(grid, layout.header_row, layout.headers, layout.mapping, layout.year,
                                     layout.commune, layout.header_top, layout.start, layout.end, layout.layout_rows))
    return tables


def data_rows(table: HouseholdTable) -> tuple[list[int], int]:
    """Indices of the household rows, and how many other rows the table's part of the sheet has (title, header,
    blank, numbering, totals, notes, date and signatures): over a sheet's tables, households + skipped = every
    row of the sheet. The non-blank rows skipped under the header are kept in ``table.skipped_rows``."""
    if table.household_rows is None:
        if set(table.mapping.values()) & INCOME_FIELDS:
            body = classify_body(table.grid.rows, table.mapping, start=table.header_row + 1, end=table.end,
                                 layout_rows=table.layout_rows, block=table.grid.cell_block())
            table.household_rows = body.households
            table.skipped_rows = body.skipped
        else:  # a table of another kind (no income or B1): every row of it is reported, none read
            end = len(table.grid.rows) if table.end is None else table.end
            table.household_rows = []
            table.skipped_rows = [(r, "other_table") for r in range(table.header_row + 1, end)
                                  if any(not is_blank(v) for v in table.grid.rows[r])]
        if table.start > 0:  # a later table of the sheet: its header rows come after households, so are named
            top = table.header_top if table.header_top is not None else table.header_row
            table.skipped_rows = [(r, "header") for r in range(top, table.header_row + 1)
                                  if any(not is_blank(v) for v in table.grid.rows[r])] + table.skipped_rows
    end = len(table.grid.rows) if table.end is None else table.end
    return table.household_rows, end - table.start - len(table.household_rows)
