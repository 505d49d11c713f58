"""Parsing cell values column by column: flags, money, whole numbers, areas, statuses.

Each parser takes a Series of raw cells and returns (values, unreadable) where ``unreadable`` marks cells that
held something that could not be read (blank cells are never unreadable). Parsing works on the distinct
values of a column, so a column of 100,000 households with a few hundred distinct values parses a few hundred
strings.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from .text import clean_text, contains_words, match_key
from .vocabulary import (
    UNIT_KINDS,
    area_from_unit_name,
    area_words,
    first_year_after_reform,
    flag_words,
    money_words,
    sex_words,
    spreadsheet_error_words,
    status_words,
    unit_kind,
)

__all__ = ["UNIT_KINDS", "area_from_unit_name", "first_year_after_reform", "unit_kind"]  # re-exported: one rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

UNREADABLE = object()  # a parser's "unreadable" result


_MONEY_RE = re.compile(r"^(?P<num>[0-9][0-9 .,']*)(?P<unit>\D*)$")
_NUMBER_PARTS = re.compile(r"([., '])")


@dataclass(frozen=True)
class ValueWords:
    """The money words (vocabulary.toml [values.money]), the limits of values (limits.toml) and the spreadsheet
    error words."""

    money_units: dict[str, int]
    grouping_units: frozenset[str]
    money_noise: frozenset[str]
    header_units: dict[str, int]
    min_income: float
    max_income: float
    unit_column_share: float
    unit_column_min: int
    max_members: int
    error_values: frozenset[str]
    error_pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def value_words() -> ValueWords:
    """The words of the cell parsers (vocabulary.toml) and the limits of values (limits.toml)."""
    limits = tomllib.loads(resources.files("povertool").joinpath("limits.toml").read_text("utf-8"))
    money = money_words()
    errors, pattern = spreadsheet_error_words()
    return ValueWords(
        money_units=money.units,
        grouping_units=money.grouping_units,
        money_noise=money.noise,
        header_units=money.header_units,
        min_income=float(limits["income"]["min_plausible"]),
        max_income=float(limits["income"]["max_plausible"]),
        unit_column_share=float(limits["income"]["unit_column_share"]),
        unit_column_min=int(limits["income"]["unit_column_min"]),
        max_members=int(limits["members"]["max"]),
        error_values=errors,
        error_pattern=re.compile(pattern),
    )


def is_blank(value: object) -> bool:
    """None, NaN, '' or only spaces."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def by_unique(raw: pd.Series, parse: Callable[[object], object]) -> tuple[pd.Series, pd.Series]:
    """Apply ``parse`` once per distinct value; returns (parsed with NA, unreadable mask)."""
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    parsed = [parse(u) for u in uniques]
    blank = np.array([is_blank(u) for u in uniques], dtype=bool)
    bad = np.array([p is UNREADABLE for p in parsed], dtype=bool) & ~blank
    values = np.array([None if (p is UNREADABLE or b) else p for p, b in zip(parsed, blank)] + [None], dtype=object)
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
        return UNREADABLE
    text = clean_text(value)
    true_words, false_words, true_marks = flag_words()
    if text in true_marks:
        return True
    key = match_key(text)
    if key in true_words:
        return True
    if key in false_words:
        return False
    return UNREADABLE


def parse_flags(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """x/X/✓/1/có/c/yes/true -> True; blank/0/không/k/no/false -> False (blank = not marked); else unreadable."""
    values, bad = by_unique(raw, _parse_flag)
    blank_is_false = values.where(values.notna() | bad, False)
    return blank_is_false.astype("boolean"), bad


def parse_optional_flags(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Like parse_flags, but a blank stays unknown (for yes/no facts that are not deprivation marks)."""
    values, bad = by_unique(raw, _parse_flag)
    return values.astype("boolean"), bad


def parse_money_value(value: object, scale: int = 1) -> object:
    """One cell of money: 1500000, 1.500.000, 1,500,000, 1 500 000, '1,5 triệu', '1.5tr', '1.600k', '800.000 đ'.
    A plain number is multiplied by ``scale`` (the unit of its column's header); a unit in the cell wins.
    Malformed grouping ('1.60.000') is unreadable."""
    if isinstance(value, bool):
        return UNREADABLE
    if isinstance(value, (int, float)):
        return float(value) * scale if math.isfinite(value) else UNREADABLE
    text = clean_text(value)
    negative = text.startswith("-")
    m = _MONEY_RE.match(text.lstrip("-").strip())
    if not m:
        return UNREADABLE
    words = value_words()
    unit = [w for w in match_key(m.group("unit")).split() if w not in words.money_noise]
    if len(unit) > 1 or (unit and unit[0] not in words.money_units):
        return UNREADABLE
    multiplier = words.money_units[unit[0]] if unit else scale
    parsed = parse_number_text(m.group("num"), grouping=not unit or unit[0] in words.grouping_units)
    if parsed is None:
        return UNREADABLE
    result = parsed * multiplier
    return -result if negative else result


def parse_number_text(number: str, *, grouping: bool = True) -> float | None:
    """'1.500.000' / '1,500,000' / '1 500 000' -> 1500000; '1.234,5' -> 1234.5; None when the grouping is
    malformed ('1.60.000', '16.00.000'). One '.' or ',' before exactly three digits groups thousands when
    ``grouping`` ('1.600' = 1600), else it is the decimal point ('1,5' with a unit 'triệu')."""
    parts = _NUMBER_PARTS.split(number.strip())
    digits, seps = parts[0::2], parts[1::2]
    if not all(d.isdigit() for d in digits):
        return None
    if not seps:
        return float(digits[0])
    if len(seps) == 1 and seps[0] in ".," and not (grouping and _grouped(digits)):
        return float(f"{digits[0]}.{digits[1]}")
    if len(set(seps)) == 1:
        return float("".join(digits)) if _grouped(digits) else None
    head, last = seps[:-1], seps[-1]
    if last not in ".," or last in head or len(set(head)) != 1 or not _grouped(digits[:-1]):
        return None
    return float("".join(digits[:-1]) + "." + digits[-1])


def _grouped(digits: list[str]) -> bool:
    """Digit groups as thousands are written: 1 to 3 digits (not starting with 0), then groups of three."""
    return 1 <= len(digits[0]) <= 3 and digits[0][0] != "0" and all(len(d) == 3 for d in digits[1:])


def parse_money(raw: pd.Series, scale: int = 1) -> tuple[pd.Series, pd.Series]:
    """Money cells -> float VND (NaN when blank or unreadable); plain numbers times ``scale`` (the unit named in
    the column's header). Text is never read by pandas' own number parser, which would take '1.500'
    (Vietnamese for 1,500) as 1.5."""
    if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
        return raw.astype(float) * scale, pd.Series(False, index=raw.index)
    parsed, unreadable = by_unique(raw, lambda v: parse_money_value(v, scale))
    return pd.to_numeric(parsed, errors="coerce").astype(float), unreadable


def header_scale(header: str) -> int:
    """The unit an income header names: '(nghìn đồng)' -> 1000, '(triệu đồng)' -> 1000000, else 1."""
    key = match_key(header)
    found = [scale for words, scale in value_words().header_units.items() if contains_words(key, words)]
    return max(found) if found else 1


def _parse_count(value: object) -> object:
    if isinstance(value, bool):
        return UNREADABLE
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else UNREADABLE
    parsed = parse_number_text(clean_text(value))
    return UNREADABLE if parsed is None else parsed


def parse_counts(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Counts (members): numbers, also as text with grouping ('4', '4.0'); a unit ('3 tr', '2k') is unreadable."""
    if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
        return raw.astype(float), pd.Series(False, index=raw.index)
    parsed, unreadable = by_unique(raw, _parse_count)
    return pd.to_numeric(parsed, errors="coerce").astype(float), unreadable


class UnsavedFormula(str):
    """A formula cell with no saved value (written by a script, never calculated), as its formula text: an
    unreadable value, never a blank."""


def distinct(raw: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, distinct values) of a column: None and NaN share one last value, None."""
    codes, found = pd.factorize(raw, use_na_sentinel=True)
    uniques = np.append(np.asarray(found, dtype=object), np.array([None], dtype=object))
    return np.where(codes < 0, len(uniques) - 1, codes), uniques


def of_kind(values: np.ndarray, test: Callable[[type], bool]) -> np.ndarray:
    """Which values have a type passing ``test`` (asked once per type)."""
    if not len(values):
        return np.zeros(0, dtype=bool)
    codes, kinds = pd.factorize(np.frompyfunc(type, 1, 1)(values))
    return np.array([bool(test(k)) for k in kinds], dtype=bool)[codes]


def error_cells(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(spreadsheet errors, formulas with no saved value) of a column, each distinct value tested once, as a
    column: an error's trimmed text is one of vocabulary.toml's spreadsheet error values or matches its pattern (#REF!, #N/A,
    Err:502 …); a formula with no saved value is told by its type (UnsavedFormula)."""
    if raw.dtype != object:
        none = pd.Series(False, index=raw.index)
        return none, none
    codes, uniques = distinct(raw)
    formulas = of_kind(uniques, lambda k: issubclass(k, UnsavedFormula))
    return pd.Series(error_values(uniques)[codes], index=raw.index), pd.Series(formulas[codes], index=raw.index)


def spreadsheet_errors(raw: pd.Series) -> pd.Series:
    """The spreadsheet error cells of a column (see error_cells)."""
    return error_cells(raw)[0]


def error_values(uniques: np.ndarray) -> np.ndarray:
    """Which distinct values are spreadsheet errors."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from .text_kernels import WHITESPACE, arrow_strings, matches

    words = value_words()
    found = np.zeros(len(uniques), dtype=bool)
    texts = of_kind(uniques, lambda k: issubclass(k, str))
    strings = arrow_strings(uniques[texts]) if texts.any() else None
    if strings is not None:
        trimmed = pc.utf8_trim(strings, WHITESPACE)
        known = pc.is_in(trimmed, value_set=pa.array(sorted(words.error_values), pa.string()))
        found[texts] = known.to_numpy(zero_copy_only=False).astype(bool) | \
            matches(trimmed, _re2(words.error_pattern.pattern))
    elif texts.any():  # text Arrow cannot hold: one by one
        found[texts] = [v.strip() in words.error_values or bool(words.error_pattern.match(v.strip()))
                        for v in uniques[texts]]
    return found


def _re2(pattern: str) -> str:
    """A vocabulary.toml pattern for pyarrow's RE2: Python's \\d is any decimal digit, RE2's only 0-9."""
    return "^(?:" + pattern.replace("\\d", "\\p{Nd}") + ")"  # re.match: anchored at the start


def parse_numbers(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Plain numbers (scores, counts), also when stored as text with a decimal comma."""
    return parse_money(raw)


def _parse_area(value: object) -> object:
    return area_words().get(match_key(clean_text(value)), UNREADABLE)


def parse_area(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Thành thị / Nông thôn (and TT / NT / urban / rural) -> 'urban' / 'rural'."""
    return by_unique(raw, _parse_area)


def _parse_gender(value: object) -> object:
    return sex_words().get(match_key(clean_text(value)), UNREADABLE)


def parse_head_female(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Giới tính chủ hộ: Nữ -> True, Nam -> False."""
    values, bad = by_unique(raw, _parse_gender)
    return values.astype("boolean"), bad


def _parse_status(value: object) -> object:
    return status_words().get(match_key(clean_text(value)), UNREADABLE)


def parse_status(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Hộ nghèo / Hộ cận nghèo / ... (and the codes) -> status codes."""
    return by_unique(raw, _parse_status)


def parse_text(raw: pd.Series) -> pd.Series:
    """Text cells as NFC strings with spaces cleaned (text.clean_text, as a column of distinct texts); blank ->
    NA. Whole numbers lose their '.0'."""
    from .text_kernels import clean_texts

    codes, uniques = distinct(raw)
    out = np.empty(len(uniques), dtype=object)
    texts = of_kind(uniques, lambda k: issubclass(k, str))
    out[texts] = clean_texts(uniques[texts], zero_width=False)
    for i in np.flatnonzero(~texts):  # numbers, dates, booleans: the few distinct values that are not text
        value = uniques[i]
        out[i] = None if is_blank(value) else \
            str(int(value)) if isinstance(value, float) and value.is_integer() else clean_text(value)
    out[np.asarray(out == "", dtype=bool)] = None
    return pd.Series(out[codes], index=raw.index, dtype=object)
