"""Where the household table sits on a sheet: the header band (1-3 rows, merged cells), the title values above
it (commune, year), and which rows under it are households (not numbering, totals, notes or signatures)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .headers import FieldSpec, best_score, match_headers
from .text import clean_text, match_key
from .values import is_blank

HEADER_SEARCH_ROWS = 60  # the header must start within these rows
MAX_BAND = 3  # header rows
MIN_HEADER_FIELDS = 2
MAX_COLUMNS = 80

# A data row has a value in one of these, or a name together with any other mapped value.
KEY_FIELDS = frozenset({"household_id", "members", "income_per_capita", "income_per_capita_year", "b1_score", "b2_score"})
NUMERIC_FIELDS = frozenset({"members", "income_per_capita", "income_per_capita_year", "b1_score", "b2_score"})

_YEAR_RE = re.compile(r"\bnam (20\d\d|19\d\d)\b")
_COMMUNE_RE = re.compile(
    r"(?:\bUBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+(XÃ|PHƯỜNG|THỊ TRẤN)\s+([^,;:()\-–]+)", re.IGNORECASE
)
_COMMUNE_LINE_RE = re.compile(r"^(XÃ|PHƯỜNG|THỊ TRẤN)\s*:\s*([^,;()]+)$", re.IGNORECASE)
_UNIT_WORDS = {"xa": "Xã", "phuong": "Phường", "thi tran": "Thị trấn"}
_TOTAL_EXACT = frozenset({"tong cong", "cong", "tong so", "tong", "total", "cong toan xa", "tong toan xa"})
_TOTAL_PREFIX = ("tong cong ", "tong so ho ", "cong thon ", "cong toan ", "tong toan ")
_FOOTER_WORDS = (
    "nguoi lap bieu", "nguoi lap", "chu tich", "pho chu tich", "tm ubnd", "tm uy ban", "xac nhan", "ky ghi ro ho ten",
    "ky ten", "ky va ghi ro", "thu truong", "can bo lao dong", "can bo ldtbxh", "truong ban", "truong thon",
    "ghi chu", "ban chi dao",
)
_DATE_RE = re.compile(r"\bngay\b.*\bthang\b.*\bnam\b")
_NUMBERING_RE = re.compile(r"^\(?[0-9]{1,3}\)?$|^\(?[a-z]\)?$")


@dataclass
class Layout:
    """The household table of one sheet: 0-based rows into the grid."""

    header_top: int
    header_row: int
    headers: list[str]  # per column, as written (a group header joined with " / " where needed)
    mapping: dict[int, str]  # column -> field
    commune: str | None
    year: int | None


def find_layout(
    rows: Sequence[Sequence[Any]],
    specs: tuple[FieldSpec, ...],
    overrides: Mapping[str, str] | None = None,
    merges: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
) -> Layout | None:
    """The header band matching the most fields (ties: fewer rows, then higher up); None if none matches 2."""
    best: tuple[int, int, int, list[str], dict[int, str]] | None = None
    limit = min(len(rows), HEADER_SEARCH_ROWS + MAX_BAND)
    for bottom in range(limit):
        if _filled(rows[bottom]) < 1:
            continue
        for size in range(1, MAX_BAND + 1):
            top = bottom - size + 1
            if top < 0 or top > HEADER_SEARCH_ROWS:
                break
            if size > 1 and _filled(rows[top]) < 2:
                break  # a title or blank row is not part of a header
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


def _text(value: Any) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(value)


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
    band = [[_text(rows[r][c]) if c < len(rows[r]) else "" for c in range(width)] for r in range(top, bottom + 1)]
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
    """The commune ("UBND XÃ NHA BÍCH" -> "Xã Nha Bích") and the year ("NĂM 2024") from the title rows."""
    commune: str | None = None
    year: int | None = None
    for row in rows:
        for cell in row[:MAX_COLUMNS]:
            if not isinstance(cell, str) or not cell.strip():
                continue
            text = clean_text(cell)
            if year is None and (m := _YEAR_RE.search(match_key(text))):
                year = int(m.group(1))
            if commune is None:
                m = _COMMUNE_RE.search(text) or _COMMUNE_LINE_RE.match(text)
                if m and m.group(2).strip():
                    unit = _UNIT_WORDS[match_key(m.group(1))]
                    commune = f"{unit} {_name_case(m.group(2).strip())}"
    return commune, year


def _name_case(name: str) -> str:
    return name.title() if name.isupper() else name


def classify_rows(rows: Sequence[Sequence[Any]], layout: Layout) -> list[int]:
    """The household rows under the header (0-based). Everything else is non-data: blank rows, the numbering
    row "(1) (2) …", totals ("Tổng cộng", "Cộng"), notes, and from the date/signature line down.
    Works column by column on distinct values, not cell by cell."""
    start = layout.header_row + 1
    part = list(rows[start:])
    widths = {len(r) for r in part}
    if len(widths) > 1:  # CSV rows may be ragged; pad them so that every row has every column
        width = max(widths)
        part = [list(r) + [""] * (width - len(r)) for r in part]
    body = pd.DataFrame(part, dtype=object)
    if body.empty:
        return []
    body = body.iloc[:, :MAX_COLUMNS]
    n, width = body.shape
    filled = ~_cells(body, is_blank)
    text = _cells(body, lambda v: isinstance(v, str) and bool(v.strip()))
    cols = {f: c for c, f in layout.mapping.items() if c < width}
    key_cols = [c for f, c in cols.items() if f in KEY_FIELDS]
    num_cols = [c for f, c in cols.items() if f in NUMERIC_FIELDS]
    mapped = list(cols.values())
    candidate = filled[:, key_cols].any(axis=1)
    if "head_name" in cols:
        candidate |= filled[:, cols["head_name"]] & (filled[:, mapped].sum(axis=1) > 1)
    first_text = text.argmax(axis=1)
    # Only each row's first text cell can make it a total row: test those cells, not every cell.
    firsts = pd.Series(body.to_numpy(dtype=object)[np.arange(n), first_text], dtype=object)
    total = text.any(axis=1) & _cells(firsts.to_frame(), lambda v: isinstance(v, str) and _may_be_total(v) and is_total([v]))[:, 0]
    # "(1) (2) (3)" or "A B 1 2 3": a parenthesis or a lone letter tells it from a row of small numbers as text.
    marker = _cells(body, lambda v: isinstance(v, str) and (v.startswith("(") or bool(re.fullmatch(r"[A-Za-z]", v))))
    numbering = (filled.sum(axis=1) >= 3) & (marker & filled).any(axis=1)
    maybe = np.flatnonzero(numbering)  # the number-token test only on the few rows with a marker
    if len(maybe):
        token = _cells(body.iloc[maybe], lambda v: isinstance(v, str) and len(_ASCII_ALNUM.findall(v)) <= 3
                       and bool(_NUMBERING_RE.match(match_key(v).replace(" ", "") or "?")))
        numbering[maybe] = (token | ~filled[maybe]).all(axis=1)
    numbers = _cells(body, lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and not is_blank(v))
    all_numbers = np.flatnonzero(candidate & (filled.sum(axis=1) >= 4) & (numbers | ~filled).all(axis=1))
    for i in all_numbers:  # rare: rows with no text at all
        numbering[i] = is_numbering([v for v in body.iloc[i] if not is_blank(v)])
    # A row with a number in an income/members/score column is never a footer: test the words on the others only.
    maybe = np.ones(n, dtype=bool)
    if num_cols:
        maybe = ~(_cells(body.iloc[:, num_cols], lambda v: not is_blank(v) and _numeric(v))).any(axis=1)
    footer = np.zeros(n, dtype=bool)
    rows = np.flatnonzero(maybe)
    if len(rows):
        footer[rows] = _cells(body.iloc[rows], lambda v: isinstance(v, str) and is_footer([v])).any(axis=1)
    keep = candidate & ~total & ~numbering
    if footer.any():
        keep[int(np.argmax(footer)):] = False  # the signature block: nothing below is a household
    return [start + int(i) for i in np.flatnonzero(keep)]


_ASCII_ALNUM = re.compile(r"[0-9A-Za-z]")
_FIRST_ALNUM = re.compile(r"[^\W_]")


def _may_be_total(text: str) -> bool:
    """False when the text cannot be a total word: its key would start with a letter other than t/c (ids like
    "HH0012" are ruled out without building their key). ASCII letters and digits always reach the key."""
    first = _FIRST_ALNUM.search(text)
    return first is None or not first.group().isascii() or first.group() in "tTcC"


def _cells(body: pd.DataFrame, test: Any) -> np.ndarray:
    """``test`` applied to every cell, evaluated once per distinct value of each column."""
    out = np.zeros(body.shape, dtype=bool)
    for j in range(body.shape[1]):
        codes, uniques = pd.factorize(body.iloc[:, j], use_na_sentinel=True)
        values = np.array([bool(test(u)) for u in uniques] + [bool(test(None))], dtype=bool)
        out[:, j] = values[np.where(codes < 0, len(uniques), codes)]
    return out


def _numeric(value: Any) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    return bool(re.search(r"\d", str(value)))


def is_numbering(cells: Sequence[Any]) -> bool:
    """A column-numbering row: "(1) (2) (3) …", "A B 1 2 …", or 1 2 3 4 … as numbers."""
    texts = [_text(v) for v in cells]
    if len(texts) < 3:
        return False
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in cells):
        nums = [float(v) for v in cells]
        return len(nums) >= 4 and nums[0] in (0.0, 1.0) and nums == [nums[0] + i for i in range(len(nums))]
    return all(_NUMBERING_RE.match(match_key(t).replace(" ", "") or "?") for t in texts) and any(
        t.startswith("(") for t in texts
    )


def is_total(cells: Sequence[Any]) -> bool:
    """A totals row: its first text is "Tổng cộng", "Cộng", "Tổng số" …"""
    first = next((c for c in cells if isinstance(c, str) and c.strip()), None)
    if first is None:
        return False
    key = match_key(first)
    return key in _TOTAL_EXACT or key.startswith(_TOTAL_PREFIX)


def is_footer(cells: Sequence[Any]) -> bool:
    """A date or signature line: "…, ngày … tháng … năm …", "NGƯỜI LẬP BIỂU", "CHỦ TỊCH", "Ghi chú" …"""
    for cell in cells:
        if isinstance(cell, str):
            key = match_key(cell)
            if _DATE_RE.search(key) or any(key == w or key.startswith(w + " ") for w in _FOOTER_WORDS):
                return True
    return False
