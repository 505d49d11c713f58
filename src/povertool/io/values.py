"""Parsing cell values column by column: flags, money, whole numbers, areas, statuses.

Each parser takes a Series of raw cells and returns (values, unreadable) where ``unreadable`` marks cells that
held something that could not be read (blank cells are never unreadable). Parsing works on the distinct
values of a column, so a column of 100,000 households with a few hundred distinct values parses a few hundred
strings.
"""

from __future__ import annotations

import math
import re
from typing import Callable

import numpy as np
import pandas as pd

from .text import clean_text, match_key

_MISSING = object()  # a parser's "unreadable" result

TRUE_WORDS = frozenset({"x", "1", "co", "c", "yes", "y", "true", "dung", "v", "thieu hut", "thieu"})
FALSE_WORDS = frozenset({"0", "khong", "k", "ko", "no", "n", "false", "sai", "du", "khong thieu hut"})
_CHECK_MARKS = frozenset({"✓", "✔", "☑", "√", "✗", "✘"})  # ✗ is used as "deprived" on some lists

_MONEY_UNITS = {"trieu": 1_000_000, "tr": 1_000_000, "nghin": 1_000, "ngan": 1_000, "k": 1_000}
_MONEY_RE = re.compile(r"^(?P<num>[0-9][0-9 .,']*)(?P<unit>\D*)$")
# Words that may follow an amount without changing it: "800.000 đồng/người/tháng".
_MONEY_NOISE = frozenset({"dong", "d", "vnd", "vnd", "nguoi", "thang", "ng", "th"})
_THOUSANDS_RE = re.compile(r"^\d{1,3}([., ']\d{3})+$")


def is_blank(value: object) -> bool:
    """None, NaN, '' or only spaces."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _by_unique(raw: pd.Series, parse: Callable[[object], object]) -> tuple[pd.Series, pd.Series]:
    """Apply ``parse`` once per distinct value; returns (parsed with NA, unreadable mask)."""
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    parsed = [parse(u) for u in uniques]
    blank = np.array([is_blank(u) for u in uniques], dtype=bool)
    bad = np.array([p is _MISSING for p in parsed], dtype=bool) & ~blank
    values = np.array([None if (p is _MISSING or b) else p for p, b in zip(parsed, blank)] + [None], dtype=object)
    flags = np.append(bad, False)
    index = np.where(codes < 0, len(uniques), codes)
    return pd.Series(values[index], index=raw.index, dtype=object), pd.Series(flags[index], index=raw.index)


def _parse_flag(value: object) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if value == 1:
            return True
        if value == 0:
            return False
        return _MISSING
    text = clean_text(value)
    if text in _CHECK_MARKS:
        return True
    key = match_key(text)
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    return _MISSING


def parse_flags(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """x/X/✓/1/có/c/yes/true -> True; blank/0/không/k/no/false -> False (blank = not marked); else unreadable."""
    values, bad = _by_unique(raw, _parse_flag)
    blank_is_false = values.where(values.notna() | bad, False)
    return blank_is_false.astype("boolean"), bad


def parse_optional_flags(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Like parse_flags, but a blank stays unknown (for yes/no facts that are not deprivation marks)."""
    values, bad = _by_unique(raw, _parse_flag)
    return values.astype("boolean"), bad


def parse_money_value(value: object) -> object:
    """One cell of money: 1500000, 1.500.000, 1,500,000, 1 500 000, '1,5 triệu', '1.5tr', '800.000 đ'."""
    if isinstance(value, bool):
        return _MISSING
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else _MISSING
    text = clean_text(value)
    negative = text.startswith("-")
    m = _MONEY_RE.match(text.lstrip("-").strip())
    if not m:
        return _MISSING
    words = [w for w in match_key(m.group("unit")).split() if w not in _MONEY_NOISE]
    if len(words) > 1 or (words and words[0] not in _MONEY_UNITS):
        return _MISSING
    multiplier = _MONEY_UNITS[words[0]] if words else 1
    parsed = _parse_number_text(m.group("num"), multiplier > 1)
    if parsed is None:
        return _MISSING
    result = parsed * multiplier
    return -result if negative else result


def _parse_number_text(number: str, scaled: bool) -> float | None:
    """'1.500.000' / '1,500,000' / '1 500 000' -> 1500000; with a unit ('1,5 triệu') a separator is decimal."""
    number = number.strip()
    if not number:
        return None
    if not scaled and _THOUSANDS_RE.match(number):
        return float(re.sub(r"[., ']", "", number))
    compact = number.replace(" ", "").replace("'", "")
    if compact.count(",") + compact.count(".") > 1:
        # 1.234,5 or 1,234.5: the last separator is the decimal point.
        last = max(compact.rfind(","), compact.rfind("."))
        compact = re.sub(r"[.,]", "", compact[:last]) + "." + compact[last + 1 :]
    else:
        compact = compact.replace(",", ".")
    try:
        return float(compact)
    except ValueError:
        return None


def parse_money(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Money cells -> float VND (NaN when blank or unreadable). Text is never read by pandas' own
    number parser, which would take '1.500' (Vietnamese for 1,500) as 1.5."""
    if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
        return raw.astype(float), pd.Series(False, index=raw.index)
    parsed, unreadable = _by_unique(raw, parse_money_value)
    return pd.to_numeric(parsed, errors="coerce").astype(float), unreadable


def parse_numbers(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Plain numbers (scores, counts), also when stored as text with a decimal comma."""
    return parse_money(raw)


def _parse_area(value: object) -> object:
    key = match_key(clean_text(value))
    if key in {"thanh thi", "tt", "urban", "do thi", "thanh pho", "u", "1"}:
        return "urban"
    if key in {"nong thon", "nt", "rural", "r", "2"}:
        return "rural"
    return _MISSING


def parse_area(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Thành thị / Nông thôn (and TT / NT / urban / rural) -> 'urban' / 'rural'."""
    return _by_unique(raw, _parse_area)


def area_from_unit_name(name: object) -> str | None:
    """Phường, Thị trấn -> urban; Xã -> rural (also abbreviated: P., TT., X.); anything else -> None."""
    from ..domain.unit_names import expand_abbreviation

    text = clean_text(name)
    key = match_key(expand_abbreviation(text) if isinstance(text, str) else text)
    if key.startswith(("phuong ", "thi tran ", "p ")) or key in {"phuong", "thi tran"}:
        return "urban"
    if key.startswith("xa ") or key == "xa":
        return "rural"
    return None


def _parse_gender(value: object) -> object:
    key = match_key(clean_text(value))
    if key in {"nu", "female", "f", "gai"}:
        return True
    if key in {"nam", "male", "m", "trai"}:
        return False
    return _MISSING


def parse_head_female(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Giới tính chủ hộ: Nữ -> True, Nam -> False."""
    values, bad = _by_unique(raw, _parse_gender)
    return values.astype("boolean"), bad


_STATUS_WORDS = {
    "poor": ("ho ngheo", "ngheo", "poor", "hn"),
    "near_poor": ("ho can ngheo", "can ngheo", "near poor", "near_poor", "hcn", "cn"),
    "average": ("ho co muc song trung binh", "muc song trung binh", "trung binh", "average"),
    "not_poor": ("ho khong ngheo", "khong ngheo", "not poor", "not_poor", "thoat ngheo", "thoat can ngheo"),
}
_STATUS_LOOKUP = {match_key(w): code for code, words in _STATUS_WORDS.items() for w in words}


def _parse_status(value: object) -> object:
    return _STATUS_LOOKUP.get(match_key(clean_text(value)), _MISSING)


def parse_status(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Hộ nghèo / Hộ cận nghèo / ... (and the codes) -> status codes."""
    return _by_unique(raw, _parse_status)


def parse_text(raw: pd.Series) -> pd.Series:
    """Text cells as NFC strings with spaces cleaned; blank -> NA. Whole numbers lose their '.0'."""

    def one(value: object) -> object:
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return clean_text(value)

    values, _ = _by_unique(raw, one)
    return values.where(values != "", None)
