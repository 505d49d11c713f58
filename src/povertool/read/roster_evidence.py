"""The facts that decided a derived indicator, as one short clause per household (for `check` warnings).

Only the households that need a clause are written, column by column: a message template is filled with a
marker per varying field, split once, and joined with the households' values (no Python step per household).
No personal data: a member is named by its sheet row, never by name.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from ..domain.roster import Derivation
from ..domain.roster_rules import RosterRule, RosterRules
from ..messages import current_language, text
from ..numbers import format_number
from ..words import roster_fields


def format_number_vi(value: float) -> str:
    """A figure as the run's language writes it (1.500.000 / 120,5 in Vietnamese; 1,500,000 / 120.5 in English)."""
    return format_number(value, 0 if float(value).is_integer() else 2, current_language())

_MARK = "\ue001"  # stands for a varying value in a template; never in real text


def compose(code: str, index: pd.Index, **fields: Any) -> pd.Series:
    """The message ``code`` per row: Series fields vary by row, other fields are the same for all."""
    varying = {k: v for k, v in fields.items() if isinstance(v, pd.Series)}
    markers = {k: chr(0xE100 + i) for i, k in enumerate(varying)}
    template = text(code, **{k: v for k, v in fields.items() if k not in varying}, **markers)
    by_marker = {m: k for k, m in markers.items()}
    result = pd.Series("", index=index, dtype=object)
    for piece in re.split(f"([{''.join(markers.values())}])", template) if markers else [template]:
        if piece in by_marker:
            result = result + varying[by_marker[piece]].reindex(index).astype(str)
        elif piece:
            result = result + piece
    return result


def member_values(values: pd.Series, field: str) -> pd.Series:
    """A member or household fact as people read it (Có/Không, Nam/Nữ, the choice, the number); unknown said so."""
    spec = roster_fields().get(field)
    kind = spec.kind if spec is not None else "number"
    unknown = text("roster.unknown_value")
    if kind in ("flag", "gender"):
        words = ({True: text("roster.female"), False: text("roster.male")} if kind == "gender"
                 else {True: text("roster.yes"), False: text("roster.no")})
        out = values.astype("boolean").astype(object).map(lambda v: words.get(v, unknown) if v is not pd.NA else unknown)
        return out
    if kind == "date":
        dates = pd.to_datetime(values, errors="coerce")
        return dates.dt.strftime("%d/%m/%Y").fillna(unknown)
    if kind in ("number", "year", "age"):
        numbers = pd.to_numeric(values, errors="coerce")
        distinct = {v: format_number_vi(v) for v in numbers.dropna().unique()}
        return numbers.map(distinct).astype(object).where(numbers.notna(), unknown)
    return values.astype(object).where(values.notna(), unknown).astype(str)


def _labelled(field: str, values: pd.Series) -> pd.Series:
    spec = roster_fields().get(field)
    header = spec.header if spec is not None else field
    return header + ": " + member_values(values, field)


def _member_clause(members: pd.DataFrame, positions: np.ndarray, fields: list[str], index: pd.Index) -> pd.Series:
    """'member on row 14: aged 34; Giới tính: Nam; Tình trạng việc làm: Thất nghiệp' for the given roster rows."""
    chosen = members.iloc[positions]
    ages = chosen["age"].map(lambda a: text("roster.age", age=format_number_vi(a)) if a == a else text("roster.unknown_value"))
    parts = ages.astype(str)
    for field in fields:
        if field in chosen:
            parts = parts + "; " + _labelled(field, chosen[field])
    parts.index = index
    rows = pd.Series(chosen["source_row"].to_numpy(), index=index).astype(str)
    sheets = pd.Series(chosen["source_sheet"].to_numpy(), index=index).astype(str)
    return compose("roster.facts_member", index, row=rows, sheet=sheets, values=parts)


def _first_where(hit: np.ndarray, household_pos: np.ndarray, size: int) -> np.ndarray:
    out = np.full(size, -1, dtype=np.int64)
    rows = np.flatnonzero(hit)
    out[household_pos[rows][::-1]] = rows[::-1]
    return out


def evidence(rule: RosterRule, rules: RosterRules, households: pd.DataFrame, mask: np.ndarray, members: pd.DataFrame,
             derivation: Derivation) -> pd.Series:
    """Per household where ``mask`` is true: the facts that decided (or left unknown) ``rule``'s indicator."""
    pos = np.flatnonzero(mask)
    index = households.index[pos]
    n = pd.Series(derivation.members[pos], index=index)
    n_text = n.map(lambda v: str(int(v)))
    if rule.aggregate == "household":
        return _household_clause(rule, households.iloc[pos], n, index)
    code = rule.indicator
    ct, cu = (pd.Series(a[pos], index=index) for a in derivation.counts[code])
    if rule.aggregate == "share":
        group = next((rules.groups[c.group].label for c in rule.members if c.group), "") or code
        out = compose("roster.facts_share", index, count=ct.map(lambda v: str(int(v))), n=n_text, group=group,
                      above=format_number_vi((rule.above or 0) * 100))
        extra = compose("roster.facts_share_unknown", index, unknown=cu.map(lambda v: str(int(v))))
        return out.where(cu == 0, out + extra)
    fields = [f for f in rule.fields(rules.groups) if roster_fields()[f].table == "members"]
    household_pos = households.index.get_indexer(pd.Index(members["household"]))
    truth = derivation.member_truth[code].to_numpy()
    first_true = derivation.first_member[code][pos]
    first_unknown = _first_where(np.isnan(truth), household_pos, len(households))[pos]
    out = compose("roster.facts_none", index, n=n_text)
    unknown = (first_true < 0) & (first_unknown >= 0)
    if unknown.any():
        head = compose("roster.facts_unknown_members", index[unknown], unknown=cu[unknown].map(lambda v: str(int(v))),
                       n=n_text[unknown])
        out[unknown] = head + "; " + _member_clause(members, first_unknown[unknown], fields, index[unknown])
    met = first_true >= 0
    if met.any():
        out[met] = _member_clause(members, first_true[met], fields, index[met])
    return out


def _household_clause(rule: RosterRule, chosen: pd.DataFrame, n: pd.Series, index: pd.Index) -> pd.Series:
    """'Tường bền chắc: Không; Cột (khung) bền chắc: Có' or '20 for 4 persons = 5 per person'."""
    parts = pd.Series("", index=index, dtype=object)
    for i, test in enumerate(rule.household):
        values = chosen[test.field] if test.field in chosen else pd.Series(pd.NA, index=index, dtype=object)
        if test.per_member:
            numbers = pd.to_numeric(values, errors="coerce")
            per = (numbers / n.where(n > 0)).round(2)
            clause = _labelled(test.field, numbers) + " (" + compose(
                "roster.facts_per_member", index, value=member_values(numbers, test.field),
                n=n.map(lambda v: str(int(v))), per=member_values(per, test.field)) + ")"
        else:
            clause = _labelled(test.field, values)
        parts = clause if i == 0 else parts + "; " + clause
    return parts
