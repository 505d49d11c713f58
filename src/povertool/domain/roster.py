"""Deriving the indicator marks from a member roster by the standard's declarative rules (issue 18).

Whole-column work: every member condition is evaluated over all members at once, and households are aggregated
with ``np.bincount`` over their position; no Python step per household or member. Truth values are three-valued
floats (1 true, 0 false, NaN unknown) combined by Kleene's rules, so an unknown fact makes a result unknown only
when it could change it (a child's missing insurance card does not matter once a sibling is known uninsured).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .roster_rules import FieldTest, MemberCondition, MemberGroup, RosterRule, RosterRules

TRUE, FALSE = 1.0, 0.0


def k_and(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Kleene AND: false if either is false, else unknown if either is unknown, else true."""
    out = np.minimum(a, b)
    out[(a == FALSE) | (b == FALSE)] = FALSE
    return out


def k_or(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Kleene OR: true if either is true, else unknown if either is unknown, else false."""
    out = np.maximum(a, b)
    out[(a == TRUE) | (b == TRUE)] = TRUE
    return out


def ages(
    *, reference: dt.date, birth_date: pd.Series | None = None, birth_year: pd.Series | None = None,
    age: pd.Series | None = None, how: str = "year_difference", index: pd.Index,
) -> tuple[np.ndarray, np.ndarray]:
    """(whole years at ``reference`` per member, NaN unknown; born after the reference date beyond the review): from the birth date, else the birth year (``how``:
    reference year − birth year, or 'completed' = one less unless the reference is 31 December), else the age
    as written. Someone born after the reference date but at most a year after it (the review runs into the
    next months) is 0; later births are unknown and flagged."""
    result = np.full(len(index), np.nan)
    if age is not None:
        result = pd.to_numeric(age, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if birth_year is not None:
        years = pd.to_numeric(birth_year, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        by_year = reference.year - years
        if how == "completed" and (reference.month, reference.day) != (12, 31):
            by_year = by_year - 1
        result = np.where(np.isnan(years), result, by_year)
    if birth_date is not None:
        dates = pd.to_datetime(birth_date, errors="coerce")
        y, m, d = (dates.dt.year.to_numpy(dtype=float, na_value=np.nan), dates.dt.month.to_numpy(dtype=float, na_value=np.nan),
                   dates.dt.day.to_numpy(dtype=float, na_value=np.nan))
        before = (m > reference.month) | ((m == reference.month) & (d > reference.day))
        by_date = reference.year - y - before.astype(float)
        result = np.where(np.isnan(y), result, by_date)
    # Born after the reference date but within the review: the youngest age there is.
    late = result < -1
    return np.where((result < 0) & ~late, 0.0, np.where(late, np.nan, result)), late


@dataclass
class Derivation:
    """The derived marks and what decided them, for households in the order given."""

    marks: pd.DataFrame  # one "boolean" column per derived indicator (NA unknown), index = households
    members: np.ndarray  # members listed per household
    counts: dict[str, tuple[np.ndarray, np.ndarray]]  # any/share rules: (members meeting, members unknown)
    first_member: dict[str, np.ndarray]  # any rules: position in the roster of the first member meeting it (-1)
    member_truth: pd.DataFrame = field(default_factory=pd.DataFrame)  # per member: each any rule's condition (1/0/NaN)


class _Evaluator:
    """Member conditions over the whole roster, each group evaluated once."""

    def __init__(self, members: pd.DataFrame, groups: dict[str, MemberGroup]) -> None:
        self.members = members
        self.groups = groups
        self.age = members["age"].to_numpy(dtype=float, na_value=np.nan) if "age" in members else np.full(len(members), np.nan)
        self._group_cache: dict[str, np.ndarray] = {}

    def condition(self, cond: MemberCondition) -> np.ndarray:
        truth = np.full(len(self.members), TRUE)
        if cond.age_min is not None:
            truth = k_and(truth, _compare(self.age, ">=", cond.age_min))
        if cond.age_below is not None:
            truth = k_and(truth, _compare(self.age, "<", cond.age_below))
        if cond.group:
            truth = k_and(truth, self.group(cond.group))
        for test in cond.tests:
            truth = k_and(truth, field_test(self.members, test))
        return truth

    def any_of(self, conditions: tuple[MemberCondition, ...]) -> np.ndarray:
        truth = np.full(len(self.members), FALSE)
        for cond in conditions:
            truth = k_or(truth, self.condition(cond))
        return truth

    def group(self, name: str) -> np.ndarray:
        if name not in self._group_cache:
            self._group_cache[name] = self.any_of(self.groups[name].any)
        return self._group_cache[name]


def _compare(values: np.ndarray, op: str, bound: float) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        hit = {"<": values < bound, ">=": values >= bound, ">": values > bound, "<=": values <= bound}[op]
    return np.where(np.isnan(values), np.nan, hit.astype(float))


_NUMBER_OPS = {"below": "<", "at_least": ">=", "above": ">", "at_most": "<="}


def field_test(frame: pd.DataFrame, test: FieldTest, per: np.ndarray | None = None) -> np.ndarray:
    """One test over a frame's column (1/0/NaN); ``per`` divides numbers (members per household)."""
    n = len(frame)
    if test.field not in frame:
        return np.full(n, np.nan)
    col = frame[test.field]
    if test.op == "is":
        values = col.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        return np.where(np.isnan(values), np.nan, (values == float(test.value)).astype(float))
    if test.op in ("in", "not_in"):
        known = col.notna().to_numpy()
        hit = col.isin(test.value).to_numpy()
        if test.op == "not_in":
            hit = ~hit
        return np.where(known, hit.astype(float), np.nan)
    values = pd.to_numeric(col, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if per is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(per > 0, values / np.where(per > 0, per, 1), np.nan)
    return _compare(values, _NUMBER_OPS[test.op], float(test.value))


def derive(
    households: pd.DataFrame, members: pd.DataFrame, position: np.ndarray, rules: RosterRules, codes: tuple[str, ...],
) -> Derivation:
    """The marks of ``codes`` for every household row. ``position`` gives each member's household row
    (0-based into ``households``); members with no household are left out before."""
    h = len(households)
    pos = np.asarray(position, dtype=np.int64)
    n = np.bincount(pos, minlength=h).astype(float)
    ev = _Evaluator(members, rules.groups)
    marks: dict[str, np.ndarray] = {}
    counts: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    first: dict[str, np.ndarray] = {}
    truths: dict[str, np.ndarray] = {}
    for code in codes:
        rule = rules.rule(code)
        assert rule is not None
        if rule.aggregate == "household":
            marks[code] = _household(households, rule, n)
            continue
        truth = ev.any_of(rule.members)
        truths[code] = truth
        ct = np.bincount(pos, weights=(truth == TRUE).astype(float), minlength=h)
        cu = np.bincount(pos, weights=np.isnan(truth).astype(float), minlength=h)
        counts[code] = (ct, cu)
        if rule.aggregate == "any":
            value = np.where(ct > 0, TRUE, np.where(cu > 0, np.nan, FALSE))
            first[code] = _first_true(truth, pos, h)
        else:
            assert rule.above is not None
            with np.errstate(divide="ignore", invalid="ignore"):
                low, high = ct / n, (ct + cu) / n
            value = np.where(low > rule.above, TRUE, np.where(high <= rule.above, FALSE, np.nan))
        marks[code] = np.where(n > 0, value, np.nan)  # no member listed: nothing is known of its members
    frame = pd.DataFrame({c: pd.arrays.BooleanArray(v == TRUE, np.isnan(v)) for c, v in marks.items()},
                         index=households.index)
    member_truth = pd.DataFrame(truths, index=members.index)
    if rules.child_group and len(members):
        member_truth["_child"] = ev.group(rules.child_group)
    return Derivation(marks=frame, members=n, counts=counts, first_member=first, member_truth=member_truth)


def _household(households: pd.DataFrame, rule: RosterRule, n: np.ndarray) -> np.ndarray:
    """At least ``at_least`` (default: all) of the household tests hold."""
    need = rule.at_least or len(rule.household)
    ct = np.zeros(len(households))
    cu = np.zeros(len(households))
    for test in rule.household:
        truth = field_test(households, test, per=n if test.per_member else None)
        ct += truth == TRUE
        cu += np.isnan(truth)
    return np.where(ct >= need, TRUE, np.where(ct + cu < need, FALSE, np.nan))


def _first_true(truth: np.ndarray, pos: np.ndarray, h: int) -> np.ndarray:
    """Per household, the roster position of its first member for whom ``truth`` holds (-1 when none)."""
    out = np.full(h, -1, dtype=np.int64)
    hits = np.flatnonzero(truth == TRUE)
    if len(hits):
        # Reversed assignment: for repeated households the last write wins, i.e. the first member.
        out[pos[hits][::-1]] = hits[::-1]
    return out
