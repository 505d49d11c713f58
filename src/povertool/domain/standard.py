"""A poverty standard as frozen data: income lines, bands, indicators, the rule, score thresholds.

The values come from TOML files (``povertool/standards/*.toml``); this module only checks and holds them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import StandardError
from ..messages import Phrase, text
from .models import AREAS
from .roster_rules import RosterRules, roster_from_mapping


@dataclass(frozen=True)
class Indicator:
    """One deprivation indicator (chỉ số thiếu hụt)."""

    code: str
    dimension: str
    name: str
    name_en: str = ""
    aliases: tuple[str, ...] = ()
    deprived_when: str = ""
    verify: bool = False  # its deprivation threshold (deprived_when) awaits the official text
    name_verify: bool = False  # the indicator itself (name, place in the list) awaits the official text


@dataclass(frozen=True)
class AreaValues:
    """One value per area (rural, urban)."""

    rural: float
    urban: float

    def for_area(self, area: str) -> float:
        """The value for ``area`` ('rural' or 'urban')."""
        return self.rural if area == "rural" else self.urban


@dataclass(frozen=True)
class Standard:
    """A complete poverty standard; every threshold povertool applies comes from here."""

    id: str
    name: str
    legal_sources: tuple[str, ...]
    valid_from: int
    valid_to: int
    poverty_line: AreaValues
    min_deprivations: int
    indicators: tuple[Indicator, ...]
    name_en: str = ""
    extreme_poverty_line: AreaValues | None = None
    average_band_upper: AreaValues | None = None
    average_agricultural_only: bool = True
    average_income_note: str = ""  # what the income of the average band leaves out (vn-2022: QĐ 24/2021, Art. 2)
    average_income_note_en: str = ""
    low_income_line: AreaValues | None = None
    low_income_valid_to: int | None = None  # the last year the low-income line is confirmed for (NĐ 30/2025: 2025)
    low_income_verify_note: str = ""  # why a later year is to verify (Vietnamese; _en below)
    low_income_verify_note_en: str = ""
    b1_threshold: AreaValues | None = None
    b1_poor_threshold: AreaValues | None = None  # at or below: poor whatever B2 (vn-2016, TT 14/2018)
    b2_points_per_indicator: float | None = None
    score_source: str = ""  # the circular that sets the score path
    # Names of the lines and scores as the legal texts say them ('' = the general name from labels.toml).
    poverty_line_name: str = ""
    poverty_line_name_en: str = ""
    extreme_line_name: str = ""
    extreme_line_name_en: str = ""
    b1_name: str = ""
    b1_name_en: str = ""
    b2_name: str = ""
    b2_name_en: str = ""
    rule_description: str = ""
    rule_description_en: str = ""
    income_unit: str = "VND/person/month"
    verify_notes: tuple[str, ...] = ()
    source: str = ""  # where it was loaded from (a built-in id or a file name)
    selected_by: str = ""  # why this standard was used for a run (--standard, --year, the file's title year, ...)
    overrides: tuple[str, ...] = field(default=())  # what-if changes applied for this run
    roster: RosterRules | None = None  # how the indicators follow from a member roster (issue 18)

    @property
    def indicator_codes(self) -> tuple[str, ...]:
        """Indicator codes in the standard's order."""
        return tuple(ind.code for ind in self.indicators)

    def term(self, key: str, lang: str = "vi") -> str:
        """The legal name of a line or score of this standard ('poverty_line', 'extreme_line', 'b1', 'b2')."""
        own = getattr(self, f"{key}_name_en" if lang == "en" else f"{key}_name")
        if own:
            return own
        from ..labels import label

        return label("standard_terms", key, lang)

    def low_income_to_verify(self, year: int | None) -> bool:
        """True when the low-income flag is given for a year after the one its line is confirmed for (or an
        unknown year of a standard that runs past it)."""
        if self.low_income_line is None or self.low_income_valid_to is None:
            return False
        if year is None:
            return self.valid_to > self.low_income_valid_to
        return year > self.low_income_valid_to

    def with_overrides(
        self,
        *,
        min_deprivations: int | None = None,
        income_line_rural: float | None = None,
        income_line_urban: float | None = None,
    ) -> Standard:
        """A copy with what-if values for one run; ``overrides`` records each change."""
        notes = list(self.overrides)
        std = self
        if min_deprivations is not None:
            if not 0 <= min_deprivations <= len(self.indicators):
                raise StandardError.of("standard.min_deprivations_range", top=len(self.indicators), value=min_deprivations)
            notes.append(text("standard.what_if_min_deprivations", before=self.min_deprivations, after=min_deprivations))
            std = replace(std, min_deprivations=min_deprivations)
        line = std.poverty_line
        # B1 points stand for the legal lines, so a what-if line applies to the income path only.
        tail = "" if std.b1_threshold is None else text("standard.what_if_income_only")
        for area, value in (("rural", income_line_rural), ("urban", income_line_urban)):
            if value is None:
                continue
            if value < 0:
                raise StandardError.of("standard.negative_line", area=area, value=round(value))
            notes.append(text(f"standard.what_if_line_{area}", before=round(line.for_area(area)), after=round(value), tail=tail))
            line = replace(line, **{area: float(value)})
        return replace(std, poverty_line=line, overrides=tuple(notes))

    def selected(self, how: str) -> Standard:
        """A copy that records why it was chosen for this run (printed with the results)."""
        return replace(self, selected_by=how)


_TOP_KEYS = {
    "id", "name", "name_en", "legal_sources", "valid_from", "valid_to", "extends",
    "income", "rule", "scores", "indicators", "verify_notes", "roster",
}
_INCOME_KEYS = {
    "unit", "poverty_line", "extreme_poverty_line", "average_band_upper",
    "average_agricultural_only", "average_income_note", "average_income_note_en", "low_income_line", "low_income_valid_to",
    "low_income_verify_note", "low_income_verify_note_en",
    "poverty_line_name", "poverty_line_name_en", "extreme_poverty_line_name", "extreme_poverty_line_name_en",
}
_RULE_KEYS = {"min_deprivations", "description", "description_en"}
_SCORE_KEYS = {
    "b1_threshold", "b1_poor_threshold", "b2_points_per_indicator", "source",
    "b1_name", "b1_name_en", "b2_name", "b2_name_en",
}
_INDICATOR_KEYS = {"code", "dimension", "name", "name_en", "aliases", "deprived_when", "verify", "name_verify"}


def standard_from_mapping(data: Mapping[str, Any], *, source: str) -> Standard:
    """Check a parsed standard file and build the Standard; errors name ``source`` and the key."""
    checker = _Checker(source)
    checker.keys(data, _TOP_KEYS, "")
    income = checker.table(data, "income", required=True)
    rule = checker.table(data, "rule", required=True)
    scores = checker.table(data, "scores", required=False)
    checker.keys(income, _INCOME_KEYS, "income.")
    checker.keys(rule, _RULE_KEYS, "rule.")
    checker.keys(scores, _SCORE_KEYS, "scores.")

    poverty_line = checker.area_values(income, "poverty_line", "income.", required=True)
    assert poverty_line is not None
    extreme = checker.area_values(income, "extreme_poverty_line", "income.")
    band = checker.area_values(income, "average_band_upper", "income.")
    low_income = checker.area_values(income, "low_income_line", "income.")
    _check_bands(checker, poverty_line, extreme=extreme, band=band, low_income=low_income)

    indicators = checker.indicators(data.get("indicators"))
    min_dep = checker.integer(rule, "min_deprivations", "rule.", required=True)
    assert min_dep is not None
    if not 0 <= min_dep <= len(indicators):
        checker.fail("rule.min_deprivations", "min_deprivations", top=len(indicators))
    valid_from = checker.integer(data, "valid_from", "", required=True)
    valid_to = checker.integer(data, "valid_to", "", required=True)
    assert valid_from is not None and valid_to is not None
    if valid_to < valid_from:
        checker.fail("valid_to", "before_valid_from")
    roster = None
    if data.get("roster") is not None:
        roster = roster_from_mapping(data["roster"], tuple(i.code for i in indicators), checker.fail)
    b2 = scores.get("b2_points_per_indicator")
    if b2 is not None and (not isinstance(b2, (int, float)) or isinstance(b2, bool) or b2 <= 0):
        checker.fail("scores.b2_points_per_indicator", "not_positive")
    b1 = checker.area_values(scores, "b1_threshold", "scores.")
    b1_poor = checker.area_values(scores, "b1_poor_threshold", "scores.")
    _check_score_tiers(checker, b1, b1_poor)

    return Standard(
        id=checker.text(data, "id", "", required=True),
        name=checker.text(data, "name", "", required=True),
        name_en=checker.text(data, "name_en", ""),
        legal_sources=tuple(checker.text_list(data, "legal_sources", "")),
        valid_from=valid_from,
        valid_to=valid_to,
        poverty_line=poverty_line,
        extreme_poverty_line=extreme,
        average_band_upper=band,
        average_agricultural_only=bool(income.get("average_agricultural_only", True)),
        average_income_note=checker.text(income, "average_income_note", "income."),
        average_income_note_en=checker.text(income, "average_income_note_en", "income."),
        low_income_line=low_income,
        low_income_valid_to=checker.integer(income, "low_income_valid_to", "income."),
        low_income_verify_note=checker.text(income, "low_income_verify_note", "income."),
        low_income_verify_note_en=checker.text(income, "low_income_verify_note_en", "income."),
        min_deprivations=min_dep,
        indicators=indicators,
        b1_threshold=b1,
        b1_poor_threshold=b1_poor,
        b2_points_per_indicator=float(b2) if b2 is not None else None,
        score_source=checker.text(scores, "source", "scores."),
        poverty_line_name=checker.text(income, "poverty_line_name", "income."),
        poverty_line_name_en=checker.text(income, "poverty_line_name_en", "income."),
        extreme_line_name=checker.text(income, "extreme_poverty_line_name", "income."),
        extreme_line_name_en=checker.text(income, "extreme_poverty_line_name_en", "income."),
        b1_name=checker.text(scores, "b1_name", "scores."),
        b1_name_en=checker.text(scores, "b1_name_en", "scores."),
        b2_name=checker.text(scores, "b2_name", "scores."),
        b2_name_en=checker.text(scores, "b2_name_en", "scores."),
        rule_description=checker.text(rule, "description", "rule."),
        rule_description_en=checker.text(rule, "description_en", "rule."),
        income_unit=checker.text(income, "unit", "income.") or "VND/person/month",
        verify_notes=tuple(checker.text_list(data, "verify_notes", "")),
        source=source,
        roster=roster,
    )


def _check_bands(
    checker: _Checker, line: AreaValues, *, extreme: AreaValues | None, band: AreaValues | None,
    low_income: AreaValues | None,
) -> None:
    """Income bands must not overlap: extreme line < poverty line < band upper bound (and low-income line)."""
    for name, upper in (("average_band_upper", band), ("low_income_line", low_income)):
        if upper is not None:
            for area in AREAS:
                if upper.for_area(area) <= line.for_area(area):
                    checker.fail(f"income.{name}.{area}", "above_line")
    if extreme is not None:
        for area in AREAS:
            if extreme.for_area(area) >= line.for_area(area):
                checker.fail(f"income.extreme_poverty_line.{area}", "below_line")


def _check_score_tiers(checker: _Checker, b1: AreaValues | None, b1_poor: AreaValues | None) -> None:
    """The lower score tier (poor whatever B2) needs the upper one and must sit below it."""
    if b1_poor is None:
        return
    if b1 is None:
        checker.fail("scores.b1_poor_threshold", "needs_upper_tier")
    assert b1 is not None
    for area in AREAS:
        if b1_poor.for_area(area) >= b1.for_area(area):
            checker.fail(f"scores.b1_poor_threshold.{area}", "below_upper_tier")


class _Checker:
    """Small helpers that raise StandardError naming the file and the key."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, key: str, what: str, **fields: Any) -> None:
        """Stop: key ``key`` of the file is wrong; ``what`` is a code of standard_file.* in the catalogue."""
        from ..messages import catalogue

        # A code of the catalogue (standard_file.*); the roster rules (domain/roster_rules.py) still pass their
        # English phrase as it is.
        phrase = Phrase(f"standard_file.{what}", **fields) if f"standard_file.{what}" in catalogue() else what
        raise StandardError.of("standard_file.bad_key", source=self.source, key=key, what=phrase)

    def keys(self, data: Mapping[str, Any], allowed: set[str], prefix: str) -> None:
        for key in data:
            if key not in allowed:
                self.fail(f"{prefix}{key}", "unknown_key", known=", ".join(sorted(allowed)))

    def table(self, data: Mapping[str, Any], key: str, *, required: bool) -> Mapping[str, Any]:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(key, "missing")
            return {}
        if not isinstance(value, Mapping):
            self.fail(key, "not_table")
        return value

    def text(self, data: Mapping[str, Any], key: str, prefix: str, *, required: bool = False) -> str:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.fail(f"{prefix}{key}", "missing")
            return ""
        if not isinstance(value, str):
            self.fail(f"{prefix}{key}", "not_text")
        return value

    def text_list(self, data: Mapping[str, Any], key: str, prefix: str) -> list[str]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f"{prefix}{key}", "not_text_list")
        return list(value)

    def integer(self, data: Mapping[str, Any], key: str, prefix: str, *, required: bool = False) -> int | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(f"{prefix}{key}", "missing")
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(f"{prefix}{key}", "not_integer", value=repr(value))
        return int(value)

    def area_values(
        self, data: Mapping[str, Any], key: str, prefix: str, *, required: bool = False
    ) -> AreaValues | None:
        value = data.get(key)
        name = f"{prefix}{key}"
        if value is None:
            if required:
                self.fail(name, "missing")
            return None
        if not isinstance(value, Mapping):
            self.fail(name, "not_area_table")
        for extra in set(value) - set(AREAS):
            self.fail(f"{name}.{extra}", "unknown_area")
        numbers = {}
        for area in AREAS:
            v = value.get(area)
            if v is None:
                self.fail(f"{name}.{area}", "missing")
            if not isinstance(v, (int, float)) or isinstance(v, bool) or v < 0:
                self.fail(f"{name}.{area}", "not_amount", value=repr(v))
            numbers[area] = float(v)
        return AreaValues(**numbers)

    def indicators(self, value: Any) -> tuple[Indicator, ...]:
        if not isinstance(value, list) or not value:
            self.fail("indicators", "no_indicators")
        seen: set[str] = set()
        result = []
        for i, item in enumerate(value, start=1):
            prefix = f"indicators[{i}]."
            if not isinstance(item, Mapping):
                self.fail(f"indicators[{i}]", "not_table")
            self.keys(item, _INDICATOR_KEYS, prefix)
            code = self.text(item, "code", prefix, required=True)
            if not code.isidentifier():
                self.fail(f"{prefix}code", "not_identifier", value=repr(code))
            if code in seen:
                self.fail(f"{prefix}code", "repeated", value=repr(code))
            seen.add(code)
            verify, name_verify = item.get("verify", False), item.get("name_verify", False)
            for key, flag in (("verify", verify), ("name_verify", name_verify)):
                if not isinstance(flag, bool):
                    self.fail(f"{prefix}{key}", "not_bool")
            result.append(
                Indicator(
                    code=code,
                    dimension=self.text(item, "dimension", prefix, required=True),
                    name=self.text(item, "name", prefix, required=True),
                    name_en=self.text(item, "name_en", prefix),
                    aliases=tuple(self.text_list(item, "aliases", prefix)),
                    deprived_when=self.text(item, "deprived_when", prefix),
                    verify=verify,
                    name_verify=name_verify,
                )
            )
        return tuple(result)
