"""The roster rules of a standard as frozen data: how each indicator follows from who lives in the household.

A rule is declarative (the standard file's ``[roster]`` table, issue 18): a member condition is age bounds, an
optional named group and field tests; a rule aggregates members (``any`` meets a condition, or the ``share``
meeting it is above a threshold) or tests household fields (all of them, or ``at_least`` N). No Python per
indicator and no ``eval``: the evaluator (domain/roster.py) knows only these shapes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

AGGREGATES = ("any", "share", "household")
# One comparison per test: the operator and the kind of value it takes.
OPERATORS = {"is": "bool", "in": "texts", "not_in": "texts", "below": "number", "at_least": "number",
             "above": "number", "at_most": "number"}
AGE_FROM_BIRTH_YEAR = ("year_difference", "completed")


@dataclass(frozen=True)
class FieldTest:
    """One test of one field: ``field op value`` (``per_member`` divides a household number by the members)."""

    field: str
    op: str
    value: Any  # bool, tuple of texts, or a number
    per_member: bool = False


@dataclass(frozen=True)
class MemberCondition:
    """A member meets it when age_min ≤ age < age_below (bounds optional), is in ``group`` and passes every test."""

    age_min: float | None = None
    age_below: float | None = None
    group: str = ""
    tests: tuple[FieldTest, ...] = ()


@dataclass(frozen=True)
class MemberGroup:
    """A named set of members (working age, dependants, children): any of its conditions; with its legal source."""

    name: str
    any: tuple[MemberCondition, ...]
    label: str = ""
    source: str = ""
    verify: bool = False


@dataclass(frozen=True)
class RosterRule:
    """How one indicator is derived from the roster."""

    indicator: str
    aggregate: str  # any | share | household
    members: tuple[MemberCondition, ...] = ()  # any / share: a member counts when it meets one of these
    above: float | None = None  # share: deprived when the share of members counted is above this
    household: tuple[FieldTest, ...] = ()  # household: the tests
    at_least: int | None = None  # household: deprived when at least this many tests hold (default: all)
    source: str = ""
    verify: bool = False

    def fields(self, groups: Mapping[str, MemberGroup]) -> tuple[str, ...]:
        """Every field the rule reads (through its groups too), in first-use order."""
        names: list[str] = [t.field for t in self.household]
        for cond in self.members:
            names += [t.field for t in cond.tests]
            if cond.group:
                names += [t.field for c in groups[cond.group].any for t in c.tests]
        return tuple(dict.fromkeys(names))

    def uses_age(self, groups: Mapping[str, MemberGroup]) -> bool:
        """Whether the rule needs members' ages."""
        conds = list(self.members) + [c for m in self.members if m.group for c in groups[m.group].any]
        return any(c.age_min is not None or c.age_below is not None for c in conds)


@dataclass(frozen=True)
class RosterRules:
    """The standard's ``[roster]`` table."""

    rules: tuple[RosterRule, ...]
    group_list: tuple[MemberGroup, ...]
    age_from_birth_year: str = "year_difference"
    child_group: str = ""  # the group counted in the report's child-deprivation table
    child_indicators: tuple[str, ...] = ()  # indicators shown per child in that table (those with an ``any`` rule)
    verify_notes: tuple[str, ...] = ()

    @property
    def groups(self) -> dict[str, MemberGroup]:
        """The named member groups."""
        return {g.name: g for g in self.group_list}

    def rule(self, indicator: str) -> RosterRule | None:
        """The rule of one indicator, if the standard has one."""
        return next((r for r in self.rules if r.indicator == indicator), None)


_ROSTER_KEYS = {"rules", "groups", "age_from_birth_year", "child_group", "child_indicators", "verify_notes"}
_RULE_KEYS = {"indicator", "aggregate", "members", "above", "household", "at_least", "source", "verify"}
_GROUP_KEYS = {"any", "label", "source", "verify"}
_CONDITION_KEYS = {"age_min", "age_below", "group", "test"}


def roster_from_mapping(data: Any, indicator_codes: tuple[str, ...], fail: Callable[[str, str], None]) -> RosterRules:
    """Check a ``[roster]`` table and build RosterRules; ``fail(key, what)`` raises naming the file and key."""
    if not isinstance(data, Mapping):
        fail("roster", "must be a table")
    _keys(data, _ROSTER_KEYS, "roster.", fail)
    groups_data = data.get("groups", {})
    if not isinstance(groups_data, Mapping):
        fail("roster.groups", "must be a table of named groups")
    groups = {name: _group(name, g, f"roster.groups.{name}.", fail) for name, g in groups_data.items()}
    rules_data = data.get("rules")
    if not isinstance(rules_data, list) or not rules_data:
        fail("roster.rules", "is missing or empty (give one [[roster.rules]] table per indicator)")
    rules: list[RosterRule] = []
    for i, item in enumerate(rules_data, start=1):
        rule = _rule(item, f"roster.rules[{i}].", groups, fail)
        if rule.indicator not in indicator_codes:
            fail(f"roster.rules[{i}].indicator", f"names {rule.indicator!r}, which is not an indicator of the standard")
        if any(r.indicator == rule.indicator for r in rules):
            fail(f"roster.rules[{i}].indicator", f"repeats {rule.indicator!r}")
        rules.append(rule)
    how = data.get("age_from_birth_year", "year_difference")
    if how not in AGE_FROM_BIRTH_YEAR:
        fail("roster.age_from_birth_year", f"must be one of {', '.join(AGE_FROM_BIRTH_YEAR)}")
    child_group = data.get("child_group", "")
    if child_group and child_group not in groups:
        fail("roster.child_group", f"names {child_group!r}, which is not in roster.groups")
    child_indicators = data.get("child_indicators", [])
    if not isinstance(child_indicators, list):
        fail("roster.child_indicators", "must be a list of indicator codes")
    for code in child_indicators:
        if code not in indicator_codes:  # (an indicator without an 'any' rule is left out of the child table)
            fail("roster.child_indicators", f"names {code!r}, which is not an indicator of the standard")
    notes = data.get("verify_notes", [])
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        fail("roster.verify_notes", "must be a list of text")
    return RosterRules(rules=tuple(rules), group_list=tuple(groups.values()), age_from_birth_year=how, child_group=child_group,
                       child_indicators=tuple(child_indicators), verify_notes=tuple(notes))


def _keys(data: Mapping[str, Any], allowed: set[str], prefix: str, fail: Callable[[str, str], None]) -> None:
    for key in data:
        if key not in allowed:
            fail(f"{prefix}{key}", f"is not known (known keys: {', '.join(sorted(allowed))})")


def _group(name: str, data: Any, prefix: str, fail: Callable[[str, str], None]) -> MemberGroup:
    if not isinstance(data, Mapping):
        fail(prefix.rstrip("."), "must be a table")
    _keys(data, _GROUP_KEYS, prefix, fail)
    conditions = _conditions(data.get("any"), f"{prefix}any", None, fail)
    return MemberGroup(name=name, any=conditions, label=_text(data, "label", prefix, fail),
                       source=_text(data, "source", prefix, fail), verify=_flag(data, "verify", prefix, fail))


def _rule(data: Any, prefix: str, groups: Mapping[str, MemberGroup], fail: Callable[[str, str], None]) -> RosterRule:
    if not isinstance(data, Mapping):
        fail(prefix.rstrip("."), "must be a table")
    _keys(data, _RULE_KEYS, prefix, fail)
    indicator = data.get("indicator")
    if not isinstance(indicator, str) or not indicator:
        fail(f"{prefix}indicator", "is missing")
    aggregate = data.get("aggregate")
    if aggregate not in AGGREGATES:
        fail(f"{prefix}aggregate", f"must be one of {', '.join(AGGREGATES)}, got {aggregate!r}")
    members: tuple[MemberCondition, ...] = ()
    household: tuple[FieldTest, ...] = ()
    above = at_least = None
    if aggregate in ("any", "share"):
        members = _conditions(data.get("members"), f"{prefix}members", groups, fail)
        for other in ("household", "at_least"):
            if other in data:
                fail(f"{prefix}{other}", f"does not apply to aggregate '{aggregate}'")
        if aggregate == "share":
            above = data.get("above")
            if not _number(above) or not 0 <= above < 1:
                fail(f"{prefix}above", "must be a share between 0 and 1 (0.5 for 50%)")
        elif "above" in data:
            fail(f"{prefix}above", "applies to aggregate 'share' only")
    else:
        for other in ("members", "above"):
            if other in data:
                fail(f"{prefix}{other}", "does not apply to aggregate 'household'")
        household = _tests(data.get("household"), f"{prefix}household", fail, household=True)
        if not household:
            fail(f"{prefix}household", "must list at least one test")
        at_least = data.get("at_least")
        if at_least is not None and (not isinstance(at_least, int) or isinstance(at_least, bool)
                                     or not 1 <= at_least <= len(household)):
            fail(f"{prefix}at_least", f"must be a whole number from 1 to {len(household)}")
    return RosterRule(indicator=indicator, aggregate=aggregate, members=members, above=above, household=household,
                      at_least=at_least, source=_text(data, "source", prefix, fail),
                      verify=_flag(data, "verify", prefix, fail))


def _conditions(data: Any, key: str, groups: Mapping[str, MemberGroup] | None,
                fail: Callable[[str, str], None]) -> tuple[MemberCondition, ...]:
    """A list of member conditions; ``groups`` None means group references are not allowed (inside a group)."""
    if not isinstance(data, list) or not data:
        fail(key, "must be a non-empty list of member conditions such as { age_min = 6, test = [...] }")
    result = []
    for i, item in enumerate(data, start=1):
        prefix = f"{key}[{i}]."
        if not isinstance(item, Mapping):
            fail(f"{key}[{i}]", "must be a table")
        _keys(item, _CONDITION_KEYS, prefix, fail)
        bounds = {}
        for bound in ("age_min", "age_below"):
            value = item.get(bound)
            if value is not None and (not _number(value) or value < 0):
                fail(f"{prefix}{bound}", "must be an age in years (a number ≥ 0)")
            bounds[bound] = float(value) if value is not None else None
        if bounds["age_min"] is not None and bounds["age_below"] is not None and bounds["age_below"] <= bounds["age_min"]:
            fail(f"{prefix}age_below", "must be above age_min")
        group = item.get("group", "")
        if group:
            if groups is None:
                fail(f"{prefix}group", "cannot be used inside a group")
            elif group not in groups:
                fail(f"{prefix}group", f"names {group!r}, which is not in roster.groups")
        tests = _tests(item.get("test", []), f"{prefix}test", fail, household=False)
        result.append(MemberCondition(age_min=bounds["age_min"], age_below=bounds["age_below"], group=group, tests=tests))
    return tuple(result)


def _tests(data: Any, key: str, fail: Callable[[str, str], None], *, household: bool) -> tuple[FieldTest, ...]:
    if not isinstance(data, list):
        fail(key, "must be a list of tests such as { field = \"health_insurance\", is = false }")
    result = []
    for i, item in enumerate(data, start=1):
        prefix = f"{key}[{i}]."
        if not isinstance(item, Mapping):
            fail(f"{key}[{i}]", "must be a table")
        _keys(item, {"field", "per_member", *OPERATORS}, prefix, fail)
        field = item.get("field")
        if not isinstance(field, str) or not field.isidentifier():
            fail(f"{prefix}field", "must be a field name such as 'health_insurance'")
        ops = [op for op in OPERATORS if op in item]
        if len(ops) != 1:
            fail(prefix.rstrip("."), f"must have exactly one of {', '.join(OPERATORS)}")
        op = ops[0]
        value = item[op]
        kind = OPERATORS[op]
        if kind == "bool" and not isinstance(value, bool):
            fail(f"{prefix}{op}", "must be true or false")
        if kind == "number" and not _number(value):
            fail(f"{prefix}{op}", "must be a number")
        if kind == "texts":
            if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
                fail(f"{prefix}{op}", "must be a non-empty list of text values")
            value = tuple(value)
        per_member = item.get("per_member", False)
        if not isinstance(per_member, bool) or (per_member and (kind != "number" or not household)):
            fail(f"{prefix}per_member", "must be true or false, and only on a household number test")
        result.append(FieldTest(field=field, op=op, value=value, per_member=per_member))
    return tuple(result)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _text(data: Mapping[str, Any], key: str, prefix: str, fail: Callable[[str, str], None]) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        fail(f"{prefix}{key}", "must be text")
    return value


def _flag(data: Mapping[str, Any], key: str, prefix: str, fail: Callable[[str, str], None]) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        fail(f"{prefix}{key}", "must be true or false")
    return value
