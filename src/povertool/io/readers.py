"""Reading survey files into grids (lists of rows, Excel row 1 first) and finding the household table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from ..errors import InputFileError
from .headers import FieldSpec, match_headers
from .text import clean_text, match_key
from .values import is_blank

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SURVEY_SUFFIXES = (*EXCEL_SUFFIXES, ".csv", ".parquet")

# How far down a sheet the header may start, and how many matched fields make a header row.
HEADER_SEARCH_ROWS = 40
MIN_HEADER_FIELDS = 2

_YEAR_RE = re.compile(r"\bnam (20\d\d|19\d\d)\b")
_TOTAL_KEYS = ("tong cong", "cong", "tong so", "tong", "total")
_NUMBERING_RE = re.compile(r"^\(?[0-9a-z]{1,3}\)?$")


@dataclass
class SheetGrid:
    """A sheet's cells as rows of values, ``rows[0]`` being Excel row 1."""

    path: Path
    sheet: str
    rows: list[list[Any]]


@dataclass
class HouseholdTable:
    """The household table found on a sheet."""

    grid: SheetGrid
    header_row: int  # 0-based index into grid.rows of the header row
    headers: list[str]  # header text per column, as written
    mapping: dict[int, str]  # column position -> field
    year: int | None


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files as given, and every survey file (by extension) in a given folder, in name order."""
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in SURVEY_SUFFIXES and not _is_output(p))
            if not found:
                raise InputFileError(
                    f"Folder {path} has no survey files.",
                    hint=f"Put .xlsx, .xls, .ods, .csv or .parquet files in it ({', '.join(SURVEY_SUFFIXES)}).",
                )
            paths.extend(found)
        elif not path.exists():
            raise InputFileError(f"File {path} does not exist.", hint="Check the path and the file name.")
        else:
            paths.append(path)
    return paths


def _is_output(path: Path) -> bool:
    """Files povertool wrote itself (IN.classified.xlsx) are not read back as surveys."""
    return ".classified" in path.name or ".rejected" in path.name or path.name.startswith("~$")


def load_grids(path: Path, *, sheet: str | None = None) -> list[SheetGrid]:
    """Every sheet of a file as a grid (or just ``sheet``)."""
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return _load_excel(path, sheet)
    if suffix == ".csv":
        return [SheetGrid(path, "", _load_csv(path))]
    if suffix == ".parquet":
        frame = pd.read_parquet(path)
        rows = [list(frame.columns)] + frame.astype(object).where(frame.notna(), "").values.tolist()
        return [SheetGrid(path, "", rows)]
    raise InputFileError(
        f"{path}: the extension '{path.suffix}' is not a survey format.",
        hint=f"Save it as one of {', '.join(SURVEY_SUFFIXES)}.",
    )


def _load_excel(path: Path, sheet: str | None) -> list[SheetGrid]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for broken files
        raise InputFileError(
            f"{path}: cannot be opened as a spreadsheet ({type(exc).__name__}).",
            hint="Open it in Excel or LibreOffice and save it again as .xlsx.",
        ) from exc
    names = workbook.sheet_names
    if sheet is not None:
        if sheet not in names:
            raise InputFileError(
                f'{path}: there is no sheet "{sheet}" (sheets: {", ".join(names)}).',
                hint="Give one of these names with --sheet.",
            )
        names = [sheet]
    grids = []
    for name in names:
        try:
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:
            raise InputFileError(
                f'{path}, sheet "{name}": cannot be read ({type(exc).__name__}).',
                hint="Open it in Excel or LibreOffice and save it again as .xlsx.",
            ) from exc
        grids.append(SheetGrid(path, name, rows))
    return grids


def _load_csv(path: Path) -> list[list[Any]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "utf-16", "cp1258"):
        if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1258 decodes nearly anything
        raise InputFileError(f"{path}: the text encoding is not known.", hint="Save it as CSV UTF-8.")
    import csv
    import io

    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def locate_table(grid: SheetGrid, specs: tuple[FieldSpec, ...], overrides: dict[str, str] | None) -> HouseholdTable | None:
    """The row (within the first HEADER_SEARCH_ROWS) whose cells match the most fields; None if no row does."""
    best: tuple[int, int, dict[int, str]] | None = None
    for idx, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        headers = [clean_text(v) if not is_blank(v) else "" for v in row]
        if sum(1 for h in headers if h) < MIN_HEADER_FIELDS:
            continue
        mapping = match_headers(headers, specs, overrides=overrides)
        if len(mapping) >= MIN_HEADER_FIELDS and (best is None or len(mapping) > best[1]):
            best = (idx, len(mapping), mapping)
    if best is None:
        return None
    idx, _, mapping = best
    headers = [clean_text(v) if not is_blank(v) else "" for v in grid.rows[idx]]
    return HouseholdTable(grid, idx, headers, mapping, _title_year(grid.rows[:idx]))


def _title_year(rows: list[list[Any]]) -> int | None:
    for row in rows:
        for cell in row:
            if isinstance(cell, str):
                m = _YEAR_RE.search(match_key(cell))
                if m:
                    return int(m.group(1))
    return None


def data_rows(table: HouseholdTable) -> tuple[list[int], int]:
    """Indices of the household rows under the header, and how many rows were skipped as non-data
    (blank, numbering "(1) (2) …", totals "Tổng cộng", signature and date lines)."""
    rows = table.grid.rows
    core = [pos for pos, f in table.mapping.items() if f in _CORE_FIELDS]
    keep: list[int] = []
    skipped = 0
    for idx in range(table.header_row + 1, len(rows)):
        row = rows[idx]
        filled = [v for v in row if not is_blank(v)]
        if not filled:
            continue  # blank rows are not counted as read
        if _is_numbering(filled) or _is_total(filled) or not any(
            pos < len(row) and not is_blank(row[pos]) for pos in core
        ):
            skipped += 1
            continue
        keep.append(idx)
    return keep, skipped


_CORE_FIELDS = frozenset({"household_id", "head_name", "members", "income_per_capita", "income_per_capita_year", "b1_score", "b2_score"})


def _is_numbering(cells: list[Any]) -> bool:
    texts = [str(int(v)) if isinstance(v, float) and v.is_integer() else clean_text(v) for v in cells]
    return len(texts) >= 3 and all(_NUMBERING_RE.match(match_key(t) or "?") or t.startswith("(") for t in texts) and any(
        t.startswith("(") for t in texts
    )


def _is_total(cells: list[Any]) -> bool:
    first = next((c for c in cells if isinstance(c, str) and c.strip()), None)
    return first is not None and match_key(first) in _TOTAL_KEYS
