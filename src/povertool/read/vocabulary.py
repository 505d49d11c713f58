"""The readers' words (vocabulary.toml, loaded by povertool.words): one accessor per kind of word.

Every word is returned as a match key (lower case, no accents, punctuation and spacing collapsed: text.match_key)
unless the accessor says otherwise, so matching stays accent- and case-insensitive wherever it is used. The
area a unit's name implies is decided here, once, for the survey reader and the denominators alike. No pandas at
import: ``povertool standards`` reads the roster's words at start-up speed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from ..words import unit_abbreviations, vocabulary
from .text import clean_text, match_key

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "UNIT_KINDS",
    "area_from_unit_name",
    "area_words",
    "authority_words",
    "columns_header_lines",
    "file_fields",
    "first_year_after_reform",
    "flag_words",
    "footer_words",
    "header_abbreviations",
    "is_total_name",
    "majority_ethnicities",
    "money_words",
    "moved_in_reasons",
    "plan_columns",
    "plan_metrics",
    "plan_signs",
    "roster_vocabulary",
    "sex_words",
    "spreadsheet_error_words",
    "status_words",
    "survey_fields",
    "title_patterns",
    "title_words",
    "totals_words",
    "unit_abbreviations",
    "unit_areas",
    "unit_kind",
    "whole_area_names",
]


def _keys(words: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(match_key(w) for w in words))


def _lookup(table: dict[str, Any]) -> dict[str, Any]:
    """{code: [wordings]} -> {wording key: code} (the first code naming a wording keeps it)."""
    out: dict[str, Any] = {}
    for code, words in table.items():
        for word in words:
            out.setdefault(match_key(word), code)
    return out


@lru_cache(maxsize=1)
def survey_fields() -> dict[str, dict[str, Any]]:
    """The survey fields ([fields]): name -> {header, kind, aliases, excludes}, as written in the file."""
    return dict(vocabulary()["fields"])


@lru_cache(maxsize=1)
def header_abbreviations() -> dict[str, str]:
    """Words of a header written out before matching ('hvs' -> 'hop ve sinh')."""
    return {match_key(k): match_key(v) for k, v in vocabulary()["header_abbreviations"].items()}


@lru_cache(maxsize=1)
def roster_vocabulary() -> dict[str, dict[str, Any]]:
    """The roster's fields ([roster]): {"members": {...}, "household": {...}}, as written in the file."""
    return dict(vocabulary()["roster"])


@cache
def file_fields(kind: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The columns of a side file ("totals_file" or "units_map"): (field, header, wording keys), in file order."""
    return tuple((name, spec["header"], _keys(spec["aliases"])) for name, spec in vocabulary()[kind].items())


@lru_cache(maxsize=1)
def plan_columns() -> dict[str, frozenset[str]]:
    """A plan sheet's columns: field -> the header keys that name it."""
    return {name: frozenset(_keys(words)) for name, words in vocabulary()["plan"]["columns"].items()}


@lru_cache(maxsize=1)
def plan_metrics() -> dict[str, str]:
    """A target's wording key -> metric code ('ty le ho ngheo' -> 'poor_rate')."""
    return _lookup(vocabulary()["plan"]["metrics"])


@lru_cache(maxsize=1)
def plan_signs() -> tuple[tuple[str, int], ...]:
    """The first words of a target that give the change its sign: (key, -1 or +1)."""
    signs = vocabulary()["plan"]["signs"]
    return tuple((w, -1) for w in _keys(signs["decrease"])) + tuple((w, 1) for w in _keys(signs["increase"]))


@lru_cache(maxsize=1)
def whole_area_names() -> frozenset[str]:
    """A plan's unit names that mean the whole area ('toan thi xa', 'tong cong')."""
    return frozenset(_keys(vocabulary()["plan"]["whole_area"]["names"]))


@lru_cache(maxsize=1)
def columns_header_lines() -> frozenset[tuple[str, str]]:
    """The first lines of a --columns CSV that are its header (as written, lower case)."""
    return frozenset((a, b) for a, b in vocabulary()["columns_file"]["header_lines"])


@lru_cache(maxsize=1)
def flag_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Marks: (true keys, false keys, check marks read as true, as written)."""
    flags = vocabulary()["values"]["flags"]
    return frozenset(_keys(flags["true"])), frozenset(_keys(flags["false"])), frozenset(flags["true_marks"])


@dataclass(frozen=True)
class MoneyWords:
    """The words around an amount of money."""

    units: dict[str, int]  # a word after an amount multiplies it
    grouping_units: frozenset[str]  # after these, '1.600' groups thousands
    noise: frozenset[str]  # words that change nothing ('đồng/người/tháng')
    header_units: dict[str, int]  # a header naming its unit scales its column


@lru_cache(maxsize=1)
def money_words() -> MoneyWords:
    """The money words of [values.money]."""
    money = vocabulary()["values"]["money"]
    return MoneyWords(
        units={match_key(k): int(v) for k, v in money["units"].items()},
        grouping_units=frozenset(_keys(money["grouping_units"])),
        noise=frozenset(_keys(money["noise"])),
        header_units={match_key(k): int(v) for k, v in money["header_units"].items()},
    )


@lru_cache(maxsize=1)
def area_words() -> dict[str, str]:
    """A Khu vực cell's key -> 'urban' / 'rural'."""
    return _lookup(vocabulary()["values"]["areas"])


@lru_cache(maxsize=1)
def sex_words() -> dict[str, bool]:
    """A sex cell's key -> True for female, False for male."""
    return {k: code == "female" for k, code in _lookup(vocabulary()["values"]["sexes"]).items()}


@lru_cache(maxsize=1)
def status_words() -> dict[str, str]:
    """A status cell's key -> status code ('ho can ngheo' -> 'near_poor')."""
    return _lookup(vocabulary()["values"]["statuses"])


@lru_cache(maxsize=1)
def majority_ethnicities() -> frozenset[str]:
    """Dân tộc keys that are not an ethnic minority ('kinh')."""
    return frozenset(_keys(vocabulary()["values"]["ethnicity"]["majority"]))


@lru_cache(maxsize=1)
def moved_in_reasons() -> tuple[str, ...]:
    """Words of a change reason that mark a household as moved in or split off ('chuyen den')."""
    return _keys(vocabulary()["values"]["change_reasons"]["moved_in"])


@lru_cache(maxsize=1)
def spreadsheet_error_words() -> tuple[frozenset[str], str]:
    """What a failed formula shows: (the values, as written; a regular expression for the others)."""
    errors = vocabulary()["values"]["spreadsheet_errors"]
    return frozenset(errors["values"]), str(errors["pattern"])


@lru_cache(maxsize=1)
def totals_words() -> dict[str, tuple[str, ...]]:
    """The totals-row words ([layout.totals]: exact, leads, open_leads, units), as written (accents kept: a cell
    with accents is matched by its accents)."""
    return {k: tuple(v) for k, v in vocabulary()["layout"]["totals"].items()}


@lru_cache(maxsize=1)
def _total_name_keys() -> tuple[frozenset[str], tuple[str, ...]]:
    words = totals_words()
    prefixes = [f"{lead} {unit}" for lead in words["leads"] for unit in words["units"]] + list(words["open_leads"])
    return frozenset(_keys(words["exact"])), tuple(k + " " for k in _keys(prefixes))


def is_total_name(name: object) -> bool:
    """A unit cell that says "all units" ("Tổng số", "Tổng cộng toàn xã", "Cộng phường An Lạc"): the totals words
    matched as a cell without accents is (a lead must be followed by a unit word), so that "Xã Cộng Hòa" or
    "Tống Trân" stay units."""
    if not isinstance(name, str):
        return False
    key = match_key(name)
    exact, prefixes = _total_name_keys()
    return key in exact or f"{key} ".startswith(prefixes)


@lru_cache(maxsize=1)
def footer_words() -> tuple[str, ...]:
    """Words that begin a signature or note line under a list ('nguoi lap bieu', 'chu tich')."""
    return _keys(vocabulary()["layout"]["footer"]["words"])


@lru_cache(maxsize=1)
def title_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The title rows' words: (words naming a list, words citing another document)."""
    title = vocabulary()["layout"]["title"]
    return _keys(title["list_words"]), _keys(title["citation_words"])


@lru_cache(maxsize=1)
def authority_words() -> tuple[tuple[str, ...], dict[str, str], dict[str, str]]:
    """A title's "UBND XÃ …" line: (the leads as written, commune kinds -> printed, other kinds -> printed); kinds as
    written in capitals, the longest first."""
    authority = vocabulary()["layout"]["title"]["authority"]

    def longest_first(table: dict[str, str]) -> dict[str, str]:
        return dict(sorted(table.items(), key=lambda kv: -len(kv[0])))

    return tuple(authority["leads"]), longest_first(authority["commune"]), longest_first(authority["above"])


@dataclass(frozen=True)
class TitlePatterns:
    """The title rows' words as regular expressions (over match keys, or over the text as written for units)."""

    list_title: re.Pattern[str]  # a line naming the list (key)
    citation: re.Pattern[str]  # from here on a line cites another document (key)
    commune: re.Pattern[str]  # "UBND XÃ NHA BÍCH": group 1 the kind, group 2 the name (text)
    commune_line: re.Pattern[str]  # "XÃ: NHA BÍCH" (text)
    authority: re.Pattern[str]  # "UBND THỊ XÃ AN BÌNH", any kind (text)
    kinds: dict[str, str]  # a kind's key -> the kind as printed ('thi xa' -> 'Thị xã')


def _alternatives(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def title_patterns() -> TitlePatterns:
    """The regular expressions of the title rows, built from [layout.title]."""
    list_words, citation_words = title_words()
    leads, commune, above = authority_words()
    lead = rf"(?:\b(?:{_alternatives(leads)}))"
    communes = _alternatives(commune)
    return TitlePatterns(
        list_title=re.compile(rf"\b(?:{_alternatives(list_words)})\b"),
        citation=re.compile(rf"\b(?:{_alternatives(citation_words)})\b"),
        commune=re.compile(rf"{lead}\s+({communes})\s+([^,;:()\-–]+)", re.IGNORECASE),
        commune_line=re.compile(rf"^({communes})\s*:\s*([^,;()]+)$", re.IGNORECASE),
        authority=re.compile(rf"{lead}\s+({_alternatives({**commune, **above})})\s+([^,;:()\-–]+)", re.IGNORECASE),
        kinds={match_key(k): v for k, v in {**above, **commune}.items()},
    )


# ---- the area a unit's name implies ([units.area_from_name]) -------------------------------------------------------

UNIT_KINDS = ("urban", "rural", "urban_before_reform", "no_area")


@lru_cache(maxsize=1)
def _kind_words() -> dict[str, tuple[str, ...]]:
    table = vocabulary()["units"]["area_from_name"]
    return {kind: _keys(table[kind]) for kind in UNIT_KINDS}


def unit_kind(name: object) -> str | None:
    """What a unit's name says of its area: 'urban' (Phường), 'rural' (Xã), 'urban_before_reform' (Thị trấn),
    'no_area' (Đặc khu), or None. An abbreviated kind ("P. An Lạc", "X.", "TT.") says the same as the full word."""
    from ..domain.unit_names import expand_abbreviation

    text = clean_text(name)
    key = match_key(expand_abbreviation(text) if isinstance(text, str) else text)
    for kind, words in _kind_words().items():
        if any(key == word or key.startswith(word + " ") for word in words):
            return kind
    return None


def first_year_after_reform() -> int:
    """The first review year after the 2025 reform (no thị trấn, đặc khu exist)."""
    return int(vocabulary()["units"]["area_from_name"]["first_year_after"])


def area_from_unit_name(name: object, year: int | None = None) -> str | None:
    """Phường -> urban; Xã -> rural; Thị trấn -> urban in a list before the 2025 reform (or of unknown year);
    Đặc khu and anything else -> None."""
    kind = unit_kind(name)
    if kind == "urban_before_reform":
        return "urban" if year is None or year < first_year_after_reform() else None
    return kind if kind in ("urban", "rural") else None


def unit_areas(year: int | None) -> Callable[[pd.Series], pd.Series]:
    """``area_from_unit_name`` for a whole column of names in a review of ``year``, once per distinct name (the
    form domain.denominators takes for the units of a totals file with no household in the lists)."""

    import numpy as np
    import pandas as pd

    def areas(names: pd.Series) -> pd.Series:
        codes, uniques = pd.factorize(names, use_na_sentinel=True)
        found = np.array([area_from_unit_name(u, year) for u in uniques] + [None], dtype=object)
        return pd.Series(found[np.where(codes < 0, len(uniques), codes)], index=names.index, dtype=object)

    return areas
