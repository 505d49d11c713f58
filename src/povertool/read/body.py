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
import pandas as pd

from .cell_block import CellBlock
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
_FOUR_ASCII_ALNUM = r"[0-9A-Za-z](?:.*[0-9A-Za-z]){3}"  # RE2: text with four or more ASCII letters or digits
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
    block: CellBlock | None = None,
) -> Body:
    """Households and skipped rows among ``rows[start:end]`` for a header whose columns map as ``mapping``.
    ``ended``: a signature block was met before ``start`` (a stream's earlier chunk); ``layout_rows``: rows the
    caller already knows are layout (a repeated header), with their reason; ``block``: ``rows`` as a CellBlock
    when the caller has it."""
    end = len(rows) if end is None else end
    part = _part(rows, start, end, block)
    n, width = part.shape
    if n == 0 or width == 0:
        return Body([], [], ended)
    filled = ~part.at(part.blank)
    text = part.at(part.text)
    cols = {f: c for c, f in mapping.items() if c < width}
    key_cols = [c for f, c in cols.items() if f in KEY_FIELDS]
    mapped = list(cols.values())
    count = filled.sum(axis=1)
    candidate = np.any(filled[:, key_cols], axis=1) if key_cols else np.zeros(n, dtype=bool)
    if "head_name" in cols:
        candidate |= filled[:, cols["head_name"]] & (filled[:, mapped].sum(axis=1) > 1)
    total = _totals(part, text)
    numbering = _numbering(part, filled, candidate)
    ids = _ids(part, cols)
    strong = _household_like(part, filled, cols, numbering, ids)
    title = _titles(part, text, count) & ~strong
    footer = np.zeros(n, dtype=bool)
    maybe = np.flatnonzero(~strong & (count > 0))
    if len(maybe):  # the words are tested only on rows that are not plainly households
        footer[maybe] = part.ask(lambda v: isinstance(v, str) and is_footer([v]), part.codes[maybe]).any(axis=1)
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


def _part(rows: Sequence[Sequence[Any]], start: int, end: int, block: CellBlock | None) -> CellBlock:
    """The block of ``rows[start:end]``, as wide as its longest row (at most MAX_COLUMNS columns)."""
    if block is None:
        part = CellBlock.of(rows[start:end])
        return part.take(slice(None), MAX_COLUMNS)
    lengths = block.lengths[start:end]
    return block.take(slice(start, end), min(int(lengths.max()) if len(lengths) else 0, MAX_COLUMNS))


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


def _totals(part: CellBlock, text: np.ndarray) -> np.ndarray:
    """Rows whose first text cell is a total word ("Tổng cộng", "Cộng", …)."""
    n = part.shape[0]
    rows = np.flatnonzero(text.any(axis=1))
    out = np.zeros(n, dtype=bool)
    if not len(rows):
        return out
    # Only each row's first text cell can make it a total row, and only one whose first letter a totals word
    # can start with (ids like "HH0012" are ruled out as a column, without building their key).
    firsts = part.codes[rows, text[rows].argmax(axis=1)]
    maybe = ~part.str_matches(_not_total_pattern())[firsts]
    out[rows[maybe]] = part.ask(lambda v: _may_be_total(v) and is_total([v]), firsts[maybe])
    return out


def _titles(part: CellBlock, text: np.ndarray, count: np.ndarray) -> np.ndarray:
    """A row with one filled cell holding words (a title, a group line "Thôn Bắc Sơn", a note): not a household."""
    n = part.shape[0]
    single = np.flatnonzero((count == 1) & text.any(axis=1))
    out = np.zeros(n, dtype=bool)
    if len(single):
        out[single] = part.ask(lambda v: len(str(v).split()) >= 2, part.codes[single, text[single].argmax(axis=1)])
    return out


def _ids(part: CellBlock, cols: dict[str, int]) -> np.ndarray:
    """Rows with a household id in the id column (all False without one)."""
    if "household_id" not in cols:
        return np.zeros(part.shape[0], dtype=bool)
    column = cols["household_id"]
    # Most ids are plain codes ("HH0012", "NB-001"): one vectorised match; only the others are looked at.
    ids = part.at(part.str_matches(_PLAIN_ID.pattern), [column])[:, 0]
    rest = np.flatnonzero(~ids)
    if len(rest):
        ids[rest] = part.ask(_id_like, part.codes[rest, column])
    return ids


def _household_like(part: CellBlock, filled: np.ndarray, cols: dict[str, int], numbering: np.ndarray,
                    ids: np.ndarray) -> np.ndarray:
    """Rows that are plainly households: an id that looks like one and another household value; without an id
    column, a number in a members/income/score column and another value. No layout rule skips them."""
    others = [c for f, c in cols.items() if f != "household_id"]
    if not others:
        return np.zeros(part.shape[0], dtype=bool)
    with_values = filled[:, others].any(axis=1)
    if "household_id" in cols:
        return ids & with_values & ~numbering
    num_cols = [c for f, c in cols.items() if f in NUMERIC_FIELDS]
    if not num_cols:
        return np.zeros(part.shape[0], dtype=bool)
    numbers = part.ask(_value_like, part.codes[:, num_cols]).any(axis=1)
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


def _numbering(part: CellBlock, filled: np.ndarray, candidate: np.ndarray) -> np.ndarray:
    """Column-numbering rows: "(1) (2) (3) …", "A B 1 2 3 …" or 1 2 3 4 … as numbers. The numbers follow the
    columns (a blank under a merged header keeps the step) and the letters start at A, so a household with a
    short numeric id and "x" marks ("3, 4, x") is not one."""
    marker = part.at(part.str_matches(r"^(?:\(|[A-Za-z]$)"))  # "(1)", "A": a text cell starting "(" or one letter
    numbering = (filled.sum(axis=1) >= 3) & (marker & filled).any(axis=1)
    maybe = np.flatnonzero(numbering)  # the number-token test only on the few rows with a marker
    if len(maybe):
        # A filled cell that is not text, or text with four ASCII letters or digits, is no token: its row is out
        # at once, column-wise; the token words are tested on the rows left only.
        no_token = ~part.is_str | part.str_matches(_FOUR_ASCII_ALNUM)
        maybe = maybe[~(no_token[part.codes[maybe]] & filled[maybe]).any(axis=1)]
        numbering[:] = False
    if len(maybe):
        token = part.ask(lambda v: isinstance(v, str) and len(_ASCII_ALNUM.findall(v)) <= 3
                         and bool(_NUMBERING_RE.match(match_key(v).replace(" ", "") or "?")), part.codes[maybe])
        tokens = (token | ~filled[maybe]).all(axis=1)
        numbering[maybe] = tokens
        rows = maybe[tokens]  # the order test only where every cell is a short token
        if len(rows):
            numbering[rows] = _in_sequence(pd.DataFrame(part.cells[rows], dtype=object))
    numbers = part.at(part.is_number)
    all_numbers = np.flatnonzero(candidate & (filled.sum(axis=1) >= 4) & (numbers | ~filled).all(axis=1))
    for i in all_numbers:  # rare: rows with no text at all
        numbering[i] = is_numbering([v for v in part.cells[i] if not is_blank(v)])
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


@lru_cache(maxsize=1)
def _not_total_pattern() -> str:
    """RE2: text starting with an ASCII letter or digit that no totals word starts with (a column-wise
    _may_be_total: whatever it rules out, _may_be_total rules out too)."""
    initials = _total_initials()
    ruled_out = [c for c in "0123456789abcdefghijklmnopqrstuvwxyz" if c not in initials]
    return "^[" + "".join(ruled_out) + "".join(c.upper() for c in ruled_out if c.isalpha()) + "]"


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
                     end: int | None = None, words: Callable[[str], bool],
                     block: CellBlock | None = None) -> list[int]:
    """Rows in ``rows[start:end]`` that may be a header (a repeated one, or a second table's): a cell of the id,
    members, income or score columns holds words without a digit, and at least two cells of the row are header
    words (``words``). Reads only those columns for every row (as columns); the rest only for the few rows left.
    ``block``: ``rows`` as a CellBlock when the caller has it."""
    end = len(rows) if end is None else end
    columns = sorted(c for c, f in mapping.items() if f in KEY_FIELDS)
    if not columns or end <= start:
        return []
    part = _part(rows, start, end, block)
    columns = [c for c in columns if c < part.shape[1]]
    if not columns:
        return []
    # Text with something besides spaces and no ASCII digit, column-wise; each row found is checked again below
    # with Python's own digits (any decimal digit).
    wordy = part.at(part.text & ~part.str_matches("[0-9]"), columns).any(axis=1)
    found = []
    for i in np.flatnonzero(wordy):
        row = rows[start + int(i)]
        if not any(c < len(row) and isinstance(row[c], str) and row[c].strip() and not _DIGIT.search(row[c])
                   for c in columns):
            continue
        hits = sum(1 for v in row[:MAX_COLUMNS] if isinstance(v, str) and v.strip() and not _DIGIT.search(v)
                   and words(v))
        if hits >= 2:
            found.append(start + int(i))
    return found
