"""Which rows under a header are households. Everything else is layout: the numbering row "(1) (2) …",
totals, titles and notes, a repeated header, the date/signature block and what follows it. A row with a
household id and household values is never layout, whatever its note says; every non-blank row skipped under
the header is returned with its reason so that it can be reported by row number.

Work is column by column on distinct values (``cells``), never a Python step per household row."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from .text import match_key
from .values import is_blank

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MAX_COLUMNS = 80
# A data row has a value in one of these, or a name together with any other mapped value.
KEY_FIELDS = frozenset({"household_id", "members", "income_per_capita", "income_per_capita_year", "b1_score", "b2_score"})
NUMERIC_FIELDS = frozenset({"members", "income_per_capita", "income_per_capita_year", "b1_score", "b2_score"})

# Why a row under the header is not a household (codes; the words people read are in messages.toml).
NUMBERING, TOTAL, FOOTER, AFTER_FOOTER, TITLE, HEADER, NO_VALUES = (
    "numbering", "total", "footer", "after_footer", "title", "header", "no_values")
SKIP_REASONS = (NUMBERING, TOTAL, FOOTER, AFTER_FOOTER, TITLE, HEADER, NO_VALUES)

_FOOTER_WORDS = (
    "nguoi lap bieu", "nguoi lap", "chu tich", "pho chu tich", "tm ubnd", "tm uy ban", "xac nhan", "ky ghi ro ho ten",
    "ky ten", "ky va ghi ro", "thu truong", "can bo lao dong", "can bo ldtbxh", "truong ban", "truong thon",
    "ghi chu", "ban chi dao",
)
_DATE_RE = re.compile(r"\bngay\b.*\bthang\b.*\bnam\b")
_NUMBERING_RE = re.compile(r"^\(?[0-9]{1,3}\)?$|^\(?[a-z]\)?$")
_ASCII_ALNUM = re.compile(r"[0-9A-Za-z]")
_FIRST_ALNUM = re.compile(r"[^\W_]")
_PLAIN_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._/-]{0,29}$")  # "HH0012", "NB-001", "12": an id at a glance
_DIGIT = re.compile(r"\d")
_NON_WORD = re.compile(r"[\W_]+")


@dataclass
class Body:
    """The rows under one header: households, and the non-blank rows skipped with their reason (0-based)."""

    households: list[int]
    skipped: list[tuple[int, str]] = field(default_factory=list)
    ended: bool = False  # a date/signature line was met: only rows with an id and values are households after it


def classify_body(
    rows: Sequence[Sequence[Any]],
    mapping: Mapping[int, str],
    *,
    start: int,
    end: int | None = None,
    ended: bool = False,
    layout_rows: Mapping[int, str] | None = None,
) -> Body:
    """Households and skipped rows among ``rows[start:end]`` for a header whose columns map as ``mapping``.
    ``ended``: a signature block was met before ``start`` (a stream's earlier chunk); ``layout_rows``: rows the
    caller already knows are layout (a repeated header), with their reason."""
    end = len(rows) if end is None else end
    part = [list(r) for r in rows[start:end]]
    widths = {len(r) for r in part}
    if len(widths) > 1:  # CSV rows may be ragged; pad them so that every row has every column
        width = max(widths)
        part = [r + [""] * (width - len(r)) for r in part]
    body = pd.DataFrame(part, dtype=object)
    if body.empty or body.shape[1] == 0:
        return Body([], [], ended)
    body = body.iloc[:, :MAX_COLUMNS]
    n, width = body.shape
    filled = ~cells(body, is_blank)
    text = cells(body, lambda v: isinstance(v, str) and bool(v.strip()))
    cols = {f: c for c, f in mapping.items() if c < width}
    key_cols = [c for f, c in cols.items() if f in KEY_FIELDS]
    mapped = list(cols.values())
    count = filled.sum(axis=1)
    candidate = np.any(filled[:, key_cols], axis=1) if key_cols else np.zeros(n, dtype=bool)
    if "head_name" in cols:
        candidate |= filled[:, cols["head_name"]] & (filled[:, mapped].sum(axis=1) > 1)
    total = _totals(body, text)
    numbering = _numbering(body, filled, candidate)
    ids = _ids(body, cols)
    strong = _household_like(body, filled, cols, numbering, ids)
    title = _titles(body, text, count) & ~strong
    footer = np.zeros(n, dtype=bool)
    maybe = np.flatnonzero(~strong & (count > 0))
    if len(maybe):  # the words are tested only on rows that are not plainly households
        footer[maybe] = cells(body.iloc[maybe], lambda v: isinstance(v, str) and is_footer([v])).any(axis=1)
    after = np.zeros(n, dtype=bool)
    if ended:
        after[:] = True
    elif footer.any():
        after[int(np.argmax(footer)):] = True  # the signature block: below it only plain households are read
    known = np.zeros(n, dtype=bool)
    if layout_rows:
        known[[r - start for r in layout_rows if start <= r < start + n]] = True
    # A totals/subtotal row ("Cộng phường An Lạc" with its sums) is never a household unless it has an id.
    keep = candidate & ~numbering & ~(total & ~ids) & ~title & ~footer & ~known & (~after | strong)
    return Body([start + int(i) for i in np.flatnonzero(keep)],
                _reasons(start, count > 0, keep, known, layout_rows or {}, numbering, total, footer, after, title),
                ended or bool(footer.any()))


def _reasons(start: int, nonblank: np.ndarray, keep: np.ndarray, known: np.ndarray, layout_rows: Mapping[int, str],
             numbering: np.ndarray, total: np.ndarray, footer: np.ndarray, after: np.ndarray,
             title: np.ndarray) -> list[tuple[int, str]]:
    """(row, reason) for every non-blank row not kept, the first matching reason in this order."""
    skipped = np.flatnonzero(nonblank & ~keep)
    if not len(skipped):
        return []
    choices = np.select([known, numbering, total, footer, after, title],
                        [HEADER, NUMBERING, TOTAL, FOOTER, AFTER_FOOTER, TITLE], default=NO_VALUES)
    return [(start + int(i), layout_rows.get(start + int(i), str(choices[i]))) for i in skipped]


def _totals(body: pd.DataFrame, text: np.ndarray) -> np.ndarray:
    """Rows whose first text cell is a total word ("Tổng cộng", "Cộng", …)."""
    n = body.shape[0]
    first_text = text.argmax(axis=1)
    # Only each row's first text cell can make it a total row: test those cells, not every cell.
    firsts = pd.Series(body.to_numpy(dtype=object)[np.arange(n), first_text], dtype=object)
    return text.any(axis=1) & cells(firsts.to_frame(), lambda v: isinstance(v, str) and _may_be_total(v) and is_total([v]))[:, 0]


def _titles(body: pd.DataFrame, text: np.ndarray, count: np.ndarray) -> np.ndarray:
    """A row with one filled cell holding words (a title, a group line "Thôn Bắc Sơn", a note): not a household."""
    n = body.shape[0]
    single = np.flatnonzero((count == 1) & text.any(axis=1))
    out = np.zeros(n, dtype=bool)
    if len(single):
        values = pd.Series(body.to_numpy(dtype=object)[single, text[single].argmax(axis=1)], dtype=object)
        out[single] = cells(values.to_frame(), lambda v: len(str(v).split()) >= 2)[:, 0]
    return out


def _ids(body: pd.DataFrame, cols: dict[str, int]) -> np.ndarray:
    """Rows with a household id in the id column (all False without one)."""
    if "household_id" not in cols:
        return np.zeros(body.shape[0], dtype=bool)
    column = body.iloc[:, cols["household_id"]]
    # Most ids are plain codes ("HH0012", "NB-001"): one vectorised match; only the others are looked at.
    plain = column.map(lambda v: v if isinstance(v, str) else "").str.fullmatch(_PLAIN_ID.pattern).to_numpy(dtype=bool)
    ids = plain.copy()
    rest = np.flatnonzero(~plain)
    if len(rest):
        ids[rest] = cells(column.iloc[rest].to_frame(), _id_like)[:, 0]
    return ids


def _household_like(body: pd.DataFrame, filled: np.ndarray, cols: dict[str, int], numbering: np.ndarray,
                    ids: np.ndarray) -> np.ndarray:
    """Rows that are plainly households: an id that looks like one and another household value; without an id
    column, a number in a members/income/score column and another value. No layout rule skips them."""
    others = [c for f, c in cols.items() if f != "household_id"]
    if not others:
        return np.zeros(body.shape[0], dtype=bool)
    with_values = filled[:, others].any(axis=1)
    if "household_id" in cols:
        return ids & with_values & ~numbering
    num_cols = [c for f, c in cols.items() if f in NUMERIC_FIELDS]
    if not num_cols:
        return np.zeros(body.shape[0], dtype=bool)
    numbers = cells(body.iloc[:, num_cols], _value_like).any(axis=1)
    return numbers & (filled[:, others].sum(axis=1) >= 2) & ~numbering


def _id_like(value: Any) -> bool:
    """A household id: a number, a code ("HH-0012"), or text with a digit that is not a total, date or "(2)"."""
    if is_blank(value) or isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    text = str(value).strip()
    if _PLAIN_ID.match(text):
        return True
    if (text.startswith("(") and text.endswith(")")) or len(text) > 40:
        return False
    if is_total([text]) or is_footer([text]):
        return False
    return bool(_DIGIT.search(text)) or " " not in text


def _value_like(value: Any) -> bool:
    """A household value in a members/income/score column: a number, or text with a digit that is not a date."""
    if is_blank(value) or isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    text = str(value)
    return bool(_DIGIT.search(text)) and (len(text) <= 20 or not is_footer([text]))


def _numbering(body: pd.DataFrame, filled: np.ndarray, candidate: np.ndarray) -> np.ndarray:
    """Column-numbering rows: "(1) (2) (3) …", "A B 1 2 3 …" or 1 2 3 4 … as numbers. The numbers follow the
    columns (a blank under a merged header keeps the step) and the letters start at A, so a household with a
    short numeric id and "x" marks ("3, 4, x") is not one."""
    marker = cells(body, lambda v: isinstance(v, str) and (v.startswith("(") or bool(re.fullmatch(r"[A-Za-z]", v))))
    numbering = (filled.sum(axis=1) >= 3) & (marker & filled).any(axis=1)
    maybe = np.flatnonzero(numbering)  # the number-token test only on the few rows with a marker
    if len(maybe):
        sub = body.iloc[maybe]
        token = cells(sub, lambda v: isinstance(v, str) and len(_ASCII_ALNUM.findall(v)) <= 3
                      and bool(_NUMBERING_RE.match(match_key(v).replace(" ", "") or "?")))
        tokens = (token | ~filled[maybe]).all(axis=1)
        numbering[maybe] = tokens
        rows = maybe[tokens]  # the order test only where every cell is a short token
        if len(rows):
            numbering[rows] = _in_sequence(body.iloc[rows])
    numbers = cells(body, lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and not is_blank(v))
    all_numbers = np.flatnonzero(candidate & (filled.sum(axis=1) >= 4) & (numbers | ~filled).all(axis=1))
    for i in all_numbers:  # rare: rows with no text at all
        numbering[i] = is_numbering([v for v in body.iloc[i] if not is_blank(v)])
    return numbering


def _in_sequence(sub: pd.DataFrame) -> np.ndarray:
    """Rows whose number tokens step by one column by column and whose letters run A, B, C … from A."""
    def number(v: Any) -> float:
        digits = re.sub(r"\D", "", str(v)) if isinstance(v, str) else ""
        return float(digits) if digits else np.nan

    def letter(v: Any) -> float:
        core = v.strip("() ") if isinstance(v, str) else ""
        return float(ord(core.lower()) - ord("a")) if len(core) == 1 and core.isalpha() and core.isascii() else np.nan

    cols = np.arange(sub.shape[1], dtype=float)
    nums = _values(sub, number) - cols
    lets = _values(sub, letter)
    ok = _constant(nums) & _constant(lets - cols)
    first_letter = np.where(np.isnan(lets).all(axis=1), 0.0, lets[np.arange(len(sub)), np.argmax(~np.isnan(lets), axis=1)])
    counts = (~np.isnan(nums)).sum(axis=1) + (~np.isnan(lets)).sum(axis=1)
    return ok & (first_letter == 0) & (counts >= 3)


def _values(sub: pd.DataFrame, convert: Callable[[Any], float]) -> np.ndarray:
    out = np.full(sub.shape, np.nan)
    for j in range(sub.shape[1]):
        codes, uniques = pd.factorize(sub.iloc[:, j], use_na_sentinel=True)
        mapped = np.array([convert(u) for u in uniques] + [np.nan], dtype=float)
        out[:, j] = mapped[np.where(codes < 0, len(uniques), codes)]
    return out


def _constant(values: np.ndarray) -> np.ndarray:
    """Rows whose non-NaN values are all equal (a row with none passes)."""
    high = np.where(np.isnan(values), -np.inf, values).max(axis=1)
    low = np.where(np.isnan(values), np.inf, values).min(axis=1)
    return np.isinf(high) | (high == low)


def _may_be_total(text: str) -> bool:
    """False when the text cannot be a total word: its key would start with a letter no totals word starts with
    (ids like "HH0012" are ruled out without building their key). ASCII letters and digits always reach the key."""
    first = _FIRST_ALNUM.search(text)
    return first is None or not first.group().isascii() or first.group().lower() in _total_initials()


def cells(body: pd.DataFrame, test: Callable[[Any], Any]) -> npt.NDArray[np.bool_]:
    """``test`` applied to every cell, evaluated once per distinct value of each column."""
    out = np.zeros(body.shape, dtype=bool)
    for j in range(body.shape[1]):
        codes, uniques = pd.factorize(body.iloc[:, j], use_na_sentinel=True)
        values = np.array([bool(test(u)) for u in uniques] + [bool(test(None))], dtype=bool)
        out[:, j] = values[np.where(codes < 0, len(uniques), codes)]
    return out


def cell_text(value: Any) -> str:
    """A cell as clean text for the layout rules: blank -> '', 3.0 -> '3'."""
    from .text import clean_text

    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(value)


def is_numbering(cells: Sequence[Any]) -> bool:
    """A column-numbering row: "(1) (2) (3) …", "A B 1 2 …", or 1 2 3 4 … as numbers."""
    texts = [cell_text(v) for v in cells]
    if len(texts) < 3:
        return False
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in cells):
        nums = [float(v) for v in cells]
        return len(nums) >= 4 and nums[0] in (0.0, 1.0) and nums == [nums[0] + i for i in range(len(nums))]
    return all(_NUMBERING_RE.match(match_key(t).replace(" ", "") or "?") for t in texts) and any(
        t.startswith("(") for t in texts
    )


@lru_cache(maxsize=1)
def _total_words() -> tuple[tuple[frozenset[str], tuple[str, ...]], tuple[frozenset[str], tuple[str, ...]]]:
    """The totals words of layout_words.toml as (exact, prefixes), with accents and without."""
    words = tomllib.loads(resources.files("povertool.read").joinpath("layout_words.toml").read_text("utf-8"))["totals"]
    opens = [*words["open_leads"], *words["leads"]]  # with accents, a lead may be followed by any word
    plain_prefixes = [f"{lead} {unit}" for lead in words["leads"] for unit in words["units"]] + words["open_leads"]
    accented = (frozenset(_accented_key(w) for w in words["exact"]), tuple(_accented_key(p) + " " for p in opens))
    plain = (frozenset(match_key(w) for w in words["exact"]), tuple(match_key(p) + " " for p in plain_prefixes))
    return accented, plain


@lru_cache(maxsize=1)
def _total_initials() -> frozenset[str]:
    """The first letters (without accents) of the totals words."""
    return frozenset(match_key(w)[0] for group in _total_words() for words in group for w in words)


def _accented_key(text: str) -> str:
    """Lower-case NFC text with punctuation and spacing collapsed, accents kept: 'CỘNG:' -> 'cộng'."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFC", text).lower()).strip()


def is_total(cells: Sequence[Any]) -> bool:
    """A totals or subtotal row: its first text is "Tổng cộng", "Cộng", "Cộng phường An Lạc" … (layout_words.toml)."""
    first = next((c for c in cells if isinstance(c, str) and c.strip()), None)
    if first is None:
        return False
    key = _accented_key(first)
    accented, plain = _total_words()
    exact, prefixes = accented if not key.isascii() else plain
    key = key if not key.isascii() else match_key(key)
    return key in exact or f"{key} ".startswith(prefixes)


def is_footer(cells: Sequence[Any]) -> bool:
    """A date or signature line: "…, ngày … tháng … năm …", "NGƯỜI LẬP BIỂU", "CHỦ TỊCH", "Ghi chú" …"""
    for cell in cells:
        if isinstance(cell, str):
            key = match_key(cell)
            if _DATE_RE.search(key) or any(key == w or key.startswith(w + " ") for w in _FOOTER_WORDS):
                return True
    return False


def header_like_rows(rows: Sequence[Sequence[Any]], mapping: Mapping[int, str], *, start: int,
                     end: int | None = None, words: Callable[[str], bool]) -> list[int]:
    """Rows in ``rows[start:end]`` that may be a header (a repeated one, or a second table's): a cell of the id,
    members, income or score columns holds words without a digit, and at least two cells of the row are header
    words (``words``). Reads only those columns for every row; the rest only for the few rows left."""
    end = len(rows) if end is None else end
    columns = sorted(c for c, f in mapping.items() if f in KEY_FIELDS)
    if not columns or end <= start:
        return []
    wordy = np.zeros(end - start, dtype=bool)
    for c in columns:  # vectorised per column: text with a letter and no digit
        column = pd.Series([r[c] if c < len(r) else None for r in rows[start:end]], dtype=object)
        try:
            text = column.str.strip()  # not text -> NaN
        except AttributeError:  # no text at all in the column (numbers only)
            continue
        wordy |= (text.str.len().fillna(0).to_numpy() > 0) & ~text.str.contains(r"\d", regex=True).fillna(True).to_numpy(dtype=bool)
    found = []
    for i in np.flatnonzero(wordy):
        row = rows[start + int(i)][:MAX_COLUMNS]
        hits = sum(1 for v in row if isinstance(v, str) and v.strip() and not _DIGIT.search(v) and words(v))
        if hits >= 2:
            found.append(start + int(i))
    return found
