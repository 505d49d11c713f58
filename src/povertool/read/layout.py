"""Where the household tables sit on a sheet: each header band (1-3 rows, merged cells), the title values above
it (commune, year) and the rows that belong to it. A sheet may hold a second table (the near-poor list under the
poor one) with its own header: it gets its own column map. Which rows under a header are households is
decided in body.py."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .body import (
    KEY_FIELDS,
    MAX_COLUMNS,
    cell_text,
    header_like_rows,
)
from .cell_block import CellBlock
from .headers import FieldSpec, best_score, match_headers
from .text import clean_text, match_key
from .values import is_blank
from .vocabulary import title_patterns

HEADER_SEARCH_ROWS = 60  # the header must start within these rows (the no-header message says this number)
MAX_BAND = 3  # header rows
# The rows a reader must hold to find any header: a band starting on the last searched row ends here. The whole-file
# and the streaming readers both read this many (issue 17: the stream once read fewer than the search looked at).
HEADER_ROWS_READ = HEADER_SEARCH_ROWS + MAX_BAND - 1
MIN_HEADER_FIELDS = 2
TITLE_ROWS_ABOVE = 10  # a later table's title is looked for in the rows just above its header

_YEAR_RE = re.compile(r"\bnam (20\d\d|19\d\d)\b")
# "ngày 18 tháng 7 năm 2021": the year of a date, not of the list
_DATE_YEAR_RE = re.compile(r"\bthang\s*\d{1,2}\s*nam (?:20|19)\d\d\b")
_DATA_CELL_RE = re.compile(r"^[\d\s.,/+-]*\d[\d\s.,/+-]*$")  # "4", "1.000.000", "079188001234"
GROUP_FIELDS = frozenset({"province", "district", "commune", "village", "area"})  # merged down the rows: filled


@dataclass
class Layout:
    """One household table of a sheet: 0-based rows into the grid."""

    header_top: int
    header_row: int
    headers: list[str]  # per column, as written (a group header joined with " / " where needed)
    mapping: dict[int, str]  # column -> field
    commune: str | None
    year: int | None
    start: int = 0  # first grid row counted to this table (title rows above the first table included)
    end: int | None = None  # grid row where the next table's header starts (None: the sheet's end)
    layout_rows: dict[int, str] = field(default_factory=dict)  # rows of a repeated header under this one


def find_layout(
    rows: Sequence[Sequence[Any]],
    specs: tuple[FieldSpec, ...],
    overrides: Mapping[str, str] | None = None,
    merges: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
) -> Layout | None:
    """The header band matching the most fields (ties: fewer rows, then higher up); None if none matches 2."""
    best: tuple[int, int, int, list[str], dict[int, str]] | None = None
    limit = min(len(rows), HEADER_ROWS_READ)
    data_like = {r: _data_like(rows[r]) for r in range(limit)}
    for bottom in range(limit):
        if _filled(rows[bottom]) < 1 or data_like[bottom]:
            continue  # a row of values (a household) is never part of a header: its cells would be shown as one
        for size in range(1, MAX_BAND + 1):
            top = bottom - size + 1
            if top < 0:
                break
            if top >= HEADER_SEARCH_ROWS:
                continue  # starts too low; a taller band ending here may start in time
            if size > 1 and _filled(rows[top]) < 2:
                break  # a title or blank row is not part of a header
            if data_like[top]:
                break
            headers = band_headers(rows, top, bottom, specs, merges)
            if sum(1 for h in headers if h) < MIN_HEADER_FIELDS:
                continue
            mapping = match_headers(headers, specs, overrides=overrides)
            key = (len(mapping), -size, -bottom)
            if len(mapping) >= MIN_HEADER_FIELDS and (best is None or key > (best[0], -best[1], -best[2])):
                best = (len(mapping), size, bottom, headers, mapping)
    if best is None:
        return None
    _, size, bottom, headers, mapping = best
    top = bottom - size + 1
    commune, year = title_values(rows[:top])
    return Layout(top, bottom, headers, mapping, commune, year)


def _filled(row: Sequence[Any]) -> int:
    return sum(1 for v in row[:MAX_COLUMNS] if not is_blank(v))


def _data_like(row: Sequence[Any]) -> bool:
    """Two or more cells that are values, not words: numbers, or digits only ("4", "1.000.000", an ID number)."""
    values = 0
    for v in row[:MAX_COLUMNS]:
        if (isinstance(v, (int, float)) and not isinstance(v, bool) and not is_blank(v)) or (
                isinstance(v, str) and _DATA_CELL_RE.match(v)):
            values += 1
            if values >= 2:
                return True
    return False


def repeated_headers(layout: Layout) -> dict[str, list[int]]:
    """Field -> the columns (0-based) whose header is written the same as the column mapped to it: two columns
    "Thu nhập BQ" (one hidden, last year's) must not be resolved by a silent pick."""
    keys = [match_key(h) if h else "" for h in layout.headers]
    found: dict[str, list[int]] = {}
    for pos, name in layout.mapping.items():
        same = [c for c, k in enumerate(keys) if k and k == keys[pos]]
        if len(same) > 1:
            found[name] = same
    return found


def find_tables(
    rows: Sequence[Sequence[Any]],
    specs: tuple[FieldSpec, ...],
    overrides: Mapping[str, str] | None = None,
    merges: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    block: CellBlock | None = None,
) -> list[Layout]:
    """Every household table of a sheet, top to bottom. A header under the first one that maps the columns the
    same way is a repeated header (its rows are layout); one that maps them otherwise starts a new table."""
    first = find_layout(rows, specs, overrides, merges)
    if first is None:
        return []
    tables = [first]
    scores: dict[str, bool] = {}

    def words(text: str) -> bool:
        if text not in scores:
            scores[text] = best_score(text, specs) > 0
        return scores[text]

    current, pos = first, first.header_row + 1
    while pos < len(rows):
        found = None
        for c in header_like_rows(rows, current.mapping, start=pos, words=words, block=block):
            window = [list(r) for r in rows[c: c + MAX_BAND + 1]]
            shifted = [((r0 - c, c0), (r1 - c, c1)) for (r0, c0), (r1, c1) in merges if c <= r0 < c + len(window)]
            band = find_layout(window, specs, overrides, shifted)
            if band is None or band.header_top != 0 or not set(band.mapping.values()) & KEY_FIELDS:
                continue
            found = (c, c + band.header_row, band)
            break
        if found is None:
            break
        top, bottom, band = found
        if band.mapping == current.mapping:
            current.layout_rows.update({r: "header" for r in range(top, bottom + 1)})
            pos = bottom + 1
            continue
        current.end = top
        commune, year = title_values(rows[max(current.header_row + 1, top - TITLE_ROWS_ABOVE): top])
        current = Layout(top, bottom, band.headers, band.mapping, commune or first.commune, year or first.year,
                         start=top)
        tables.append(current)
        pos = bottom + 1
    return tables


def fill_merged_down(rows: list[list[Any]], layout: Layout,
                     merges: Sequence[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """A commune or village cell merged down the household rows holds its value in the top cell only: give it
    to every row of the merge (in place)."""
    for (r0, c0), (r1, _c1) in merges:
        if r1 <= r0 or r0 <= layout.header_row or layout.mapping.get(c0) not in GROUP_FIELDS:
            continue
        if layout.end is not None and r0 >= layout.end:
            continue
        value = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else None
        if is_blank(value):
            continue
        for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
            if c0 < len(rows[r]) and is_blank(rows[r][c0]):
                rows[r][c0] = value


def band_headers(
    rows: Sequence[Sequence[Any]],
    top: int,
    bottom: int,
    specs: tuple[FieldSpec, ...],
    merges: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
) -> list[str]:
    """One header per column for the rows top..bottom: the lowest text if it names a field on its own,
    else the texts from top to bottom joined with " / " (a group header over "Tháng" / "Năm")."""
    width = min(MAX_COLUMNS, max(len(rows[r]) for r in range(top, bottom + 1)))
    band = [[cell_text(rows[r][c]) if c < len(rows[r]) else "" for c in range(width)] for r in range(top, bottom + 1)]
    for (r0, c0), (r1, c1) in merges:  # calamine keeps a merged cell's value in its top-left cell only
        if r1 < top or r0 > bottom or not (top <= r0 <= bottom) or c0 >= width:
            continue
        value = band[r0 - top][c0]
        for r in range(r0, min(r1, bottom) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                if not band[r - top][c]:
                    band[r - top][c] = value
    for r in range(len(band) - 1):  # without merge data: a group header covers the sub-headers to its right
        for c in range(1, width):
            if not band[r][c] and band[r][c - 1] and band[-1][c] and band[-1][c - 1] and band[r + 1][c]:
                band[r][c] = band[r][c - 1]
    headers = []
    for c in range(width):
        texts = list(dict.fromkeys(band[r][c] for r in range(len(band)) if band[r][c]))
        if not texts:
            headers.append("")
        elif len(texts) == 1 or best_score(texts[-1], specs):
            headers.append(texts[-1])
        else:
            headers.append(" / ".join(texts))
    return headers


def title_values(rows: Sequence[Sequence[Any]]) -> tuple[str | None, int | None]:
    """The commune ("UBND XÃ NHA BÍCH" -> "Xã Nha Bích") and the year ("NĂM 2024") from the title rows.
    The year is the list's own: a line naming the list ("DANH SÁCH … NĂM 2024") wins over any other, and the
    date of a cited document ("Thông tư 07/2021 … ngày 18 tháng 7 năm 2021") or of a signature is never taken."""
    commune: str | None = None
    titled: int | None = None
    other: int | None = None
    for row in rows:
        for cell in row[:MAX_COLUMNS]:
            if not isinstance(cell, str) or not cell.strip():
                continue
            text = clean_text(cell)
            if titled is None:
                key = match_key(text)
                year = _own_year(key)
                if year is not None and title_patterns().list_title.search(key):
                    titled = year
                elif year is not None and other is None:
                    other = year
            if commune is None:
                m = title_patterns().commune.search(text) or title_patterns().commune_line.match(text)
                if m and m.group(2).strip():
                    unit = title_patterns().kinds[match_key(m.group(1))]
                    commune = f"{unit} {_name_case(m.group(2).strip())}"
    return commune, titled if titled is not None else other


def _own_year(key: str) -> int | None:
    """The year of a title line (as a match key), leaving out dates and what follows a citation."""
    cited = title_patterns().citation.search(key)  # the rest cites another document
    own = key[: cited.start()] if cited else key
    own = _DATE_YEAR_RE.sub(" ", own)
    found = _YEAR_RE.search(own)
    return int(found.group(1)) if found else None


def _name_case(name: str) -> str:
    return name.title() if name.isupper() else name


