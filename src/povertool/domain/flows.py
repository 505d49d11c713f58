"""Flows of poor and near-poor households between two review rounds (domain.md §5, spec §6).

Households of the two rounds are matched by household_id. Each household gets at most one code in the poor
flow and at most one in the near-poor flow; per unit, start − decreases + increases = end.

Decisions (documented in the README section of the progress command):
- Review lists hold only reviewed households: a household absent from the baseline was neither poor nor
  near-poor there. Absent from the baseline and marked "chuyển đến" / "tách hộ" in the reason column, it is
  ``other_increase``; poor in a --history round (and not poor at baseline) it is ``re_poor``.
- A household is counted in the unit where it is now (baseline unit when it left); a changed unit is flagged.
- ``undetermined`` is not a flow code of the spec: a household poor at baseline and undetermined now leaves the
  poor count, so it is counted in its own column ``to_undetermined`` (and ``from_undetermined`` the other way);
  both are part of the balance and reported with a warning, never folded into ``escaped``.
- Persons: a household that stays in a group may gain or lose members; that net change is the column
  ``member_change`` of the persons table, so that the persons balance closes too (0 in the households table).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import DataError
from ..messages import Phrase
from .denominators import key_column, unit_key
from .models import AVERAGE, NEAR_POOR, NOT_POOR, POOR, UNDETERMINED

POOR_DECREASES: tuple[str, ...] = ("to_near_poor", "escaped", "other_decrease", "to_undetermined")
POOR_INCREASES: tuple[str, ...] = ("from_near_poor", "re_poor", "new_poor", "other_increase", "from_undetermined")
NEAR_POOR_DECREASES: tuple[str, ...] = ("to_poor", "escaped", "other_decrease", "to_undetermined")
NEAR_POOR_INCREASES: tuple[str, ...] = ("from_poor", "re_near_poor", "new_near_poor", "other_increase", "from_undetermined")
GROUPS: tuple[str, ...] = (POOR, NEAR_POOR)
MEASURES: tuple[str, ...] = ("households", "persons")
TOTAL = "total"
# Reason words (match keys) that mark a household as moved in or split off: absent from the baseline for a reason.
MOVED_IN_REASONS: tuple[str, ...] = ("chuyen den", "tach ho", "nhap ho", "moved in", "split")


def flow_columns(group: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The decrease and increase codes of a group ('poor' or 'near_poor')."""
    return (POOR_DECREASES, POOR_INCREASES) if group == POOR else (NEAR_POOR_DECREASES, NEAR_POOR_INCREASES)


def table_columns(group: str) -> list[str]:
    """Columns of a flow table after the unit columns, in reading order."""
    dec, inc = flow_columns(group)
    return ["start", *dec, "decreases", *inc, "increases", "member_change", "end", "balanced"]


@dataclass
class Flows:
    """Flow tables per unit (one row per unit, then a 'total' row) and the matched households."""

    levels: list[str]
    tables: dict[tuple[str, str], pd.DataFrame]  # (group, measure) -> unit, *levels, start, codes…, end, balanced
    households: pd.DataFrame  # one row per matched household: ids, unit, statuses, poor_flow, near_poor_flow, moved
    missing_ids: list[str] = field(default_factory=list)  # at baseline, absent now (other_decrease)
    moved_ids: list[str] = field(default_factory=list)  # unit changed between rounds

    def table(self, group: str, measure: str = "households") -> pd.DataFrame:
        """The flow table of ``group`` ('poor'/'near_poor') counted in ``measure`` ('households'/'persons')."""
        return self.tables[(group, measure)]


def baseline_from_previous(current: pd.DataFrame) -> pd.DataFrame:
    """A baseline frame from the current round's previous_status column (blank = not on the baseline list)."""
    known = current["previous_status"].notna()
    base = current.loc[known].copy()
    base["status"] = base["previous_status"]
    return base.drop(columns=[c for c in ("change_reason",) if c in base])


def match_rounds(
    baseline: pd.DataFrame,
    current: pd.DataFrame,
    levels: list[str],
    history: list[pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """One row per household of either round: unit (where it is now), members and status in each round."""
    keep = ["household_id", *levels, "members", "status", "ethnic_minority"]
    base = _round_frame(baseline, keep)
    cur = _round_frame(current, keep + (["change_reason"] if "change_reason" in current else []))
    both = cur.merge(base, on="household_id", how="outer", suffixes=("", "_before"), indicator=True)
    both["in_current"] = both["_merge"] != "right_only"
    both["in_baseline"] = both["_merge"] != "left_only"
    moved = pd.Series(False, index=both.index)
    for lv in levels:
        before_key, now_key = key_column(both[f"{lv}_before"]), key_column(both[lv])
        moved |= both["in_current"] & both["in_baseline"] & (before_key != now_key)
        both[lv] = both[lv].where(both["in_current"], both[f"{lv}_before"])
    both["moved"] = moved
    both["status_before"] = _codes(both["status_before"], both["in_baseline"])
    both["status_now"] = _codes(both["status"], both["in_current"])
    reason = both["change_reason"].map(unit_key, na_action="ignore") if "change_reason" in both else pd.Series("", index=both.index)
    pattern = "|".join(MOVED_IN_REASONS)
    reason = reason.astype(object).where(reason.notna(), "").astype(str)
    both["moved_in"] = ~both["in_baseline"] & reason.str.contains(pattern, regex=True)
    for group in GROUPS:
        both[f"{group}_in_history"] = _in_history(both["household_id"], history or [], group)
    both["members_before"] = pd.to_numeric(both["members_before"], errors="coerce").fillna(0)
    both["members_now"] = pd.to_numeric(both["members"], errors="coerce").fillna(0)
    # Ethnic minority as known now, else as known at baseline (the "trong đó hộ DTTS" columns of the forms).
    both["ethnic_minority"] = both["ethnic_minority"].astype(object).where(
        both["ethnic_minority"].notna(), both["ethnic_minority_before"].astype(object))
    out = both[["household_id", *levels, "in_baseline", "in_current", "status_before", "status_now", "members_before",
                "members_now", "moved", "moved_in", f"{POOR}_in_history", f"{NEAR_POOR}_in_history", "ethnic_minority"]]
    return out.sort_values("household_id", kind="stable").reset_index(drop=True)


def _codes(status: pd.Series, present: pd.Series) -> pd.Series:
    """Status codes as plain objects, None where the household is absent (so comparisons never give NA)."""
    values = status.astype(object).where(present & status.notna(), None)
    return pd.Series(values.to_numpy(dtype=object), index=status.index, dtype=object)


def _round_frame(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = pd.DataFrame({c: (frame[c] if c in frame else pd.Series(None, index=frame.index, dtype=object)) for c in columns})
    out["household_id"] = out["household_id"].astype(str).str.strip()
    return out


def _in_history(ids: pd.Series, history: list[pd.DataFrame], status: str) -> pd.Series:
    found: set[str] = set()
    for frame in history:
        found |= set(frame.loc[frame["status"] == status, "household_id"].astype(str).str.strip())
    return ids.isin(found)


def code_flows(matched: pd.DataFrame) -> pd.DataFrame:
    """Add poor_flow and near_poor_flow: the flow code of each household (NA when it neither joined nor left)."""
    out = matched.copy()
    before, now = _status_codes(out["status_before"]), _status_codes(out["status_now"])

    def has(codes: tuple[np.ndarray, dict[object, int]], *statuses: str) -> np.ndarray:
        return np.isin(codes[0], [codes[1].get(s, -2) for s in statuses])

    moved_in = out["moved_in"].to_numpy(dtype=bool)
    for group, other in ((POOR, NEAR_POOR), (NEAR_POOR, POOR)):
        start, end = has(before, group), has(now, group)
        dec, inc = flow_columns(group)
        decrease = np.select(
            [now[0] == -1, has(now, other), has(now, AVERAGE, NOT_POOR), has(now, UNDETERMINED)],
            [dec[2], dec[0], dec[1], dec[3]], default=dec[1],
        )
        increase = np.select(
            [has(before, other), has(before, UNDETERMINED), moved_in, out[f"{group}_in_history"].to_numpy(dtype=bool)],
            [inc[0], inc[4], inc[3], inc[1]], default=inc[2],
        )
        # numpy's stubs do not take None as a value (it makes an object array).
        code = np.where(start & ~end, decrease, np.where(end & ~start, increase, None))  # type: ignore[call-overload]
        out[f"{group}_flow"] = pd.Series(code, index=out.index, dtype=object)
    return out


def flow_tables(coded: pd.DataFrame, levels: list[str], units: pd.DataFrame | None = None) -> Flows:
    """Per-unit flow tables (households and persons) with a total row; every balance is checked."""
    tables: dict[tuple[str, str], pd.DataFrame] = {}
    frame = coded.copy()
    for lv in levels:
        frame[lv] = frame[lv].fillna("")
    # Each household's unit as a number, once: every column of every table is then one weighted count per unit.
    unit_of, units_seen = np.zeros(len(frame), dtype=np.int64), None
    if levels:
        grouped = frame.groupby(levels, sort=False)
        unit_of = grouped.ngroup().to_numpy()
        units_seen = grouped.size().index.to_frame(index=False)  # the units in the order ngroup numbers them
    before = _status_codes(frame["status_before"])
    now = _status_codes(frame["status_now"])
    for group in GROUPS:
        masks = _flow_masks(frame, group, before, now)
        for measure in MEASURES:
            table = _one_table(frame, levels, group, measure, units, unit_of, units_seen, masks)
            check_balance(table, group, measure)
            tables[(group, measure)] = table
    missing = coded.loc[coded["in_baseline"] & ~coded["in_current"], "household_id"].tolist()
    moved = coded.loc[coded["moved"], "household_id"].tolist()
    return Flows(levels, tables, coded, missing, moved)


def _status_codes(values: pd.Series) -> tuple[np.ndarray, dict[object, int]]:
    """Status codes as small integers (-1 for none) and the integer of each code."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    return codes, {v: i for i, v in enumerate(uniques.tolist())}


def _flow_masks(frame: pd.DataFrame, group: str, before: tuple[np.ndarray, dict[object, int]],
                now: tuple[np.ndarray, dict[object, int]]) -> dict[str, np.ndarray]:
    """Households in ``group`` at baseline ('was') and now ('now'), and those with each flow code of the group
    (a code absent from the data, -2, matches no household)."""
    codes, flow_names = _status_codes(frame[f"{group}_flow"])
    masks = {"was": before[0] == before[1].get(group, -2), "now": now[0] == now[1].get(group, -2)}
    dec, inc = flow_columns(group)
    for c in (*dec, *inc):
        masks[c] = codes == flow_names.get(c, -2)
    return masks


def _one_table(frame: pd.DataFrame, levels: list[str], group: str, measure: str, units: pd.DataFrame | None,
               unit_of: np.ndarray, units_seen: pd.DataFrame | None, masks: dict[str, np.ndarray]) -> pd.DataFrame:
    dec, inc = flow_columns(group)
    n = len(frame)
    if measure == "persons":
        w_before = frame["members_before"].to_numpy(dtype=np.float64)
        w_now = frame["members_now"].to_numpy(dtype=np.float64)
    else:
        w_before = w_now = np.ones(n, dtype=np.float64)
    was, now = masks["was"], masks["now"]
    parts = {
        "start": np.where(was, w_before, 0.0),
        "end": np.where(now, w_now, 0.0),
        "member_change": np.where(was & now, w_now - w_before, 0.0),
    }
    for c in dec:
        parts[c] = np.where(masks[c], w_before, 0.0)
    for c in inc:
        parts[c] = np.where(masks[c], w_now, 0.0)
    if levels:
        count = len(units_seen) if units_seen is not None else 0
        sums = {c: np.bincount(unit_of, weights=v, minlength=count) for c, v in parts.items()}
        table = pd.concat([units_seen, pd.DataFrame(sums)], axis=1) if units_seen is not None else pd.DataFrame(sums)
    else:
        table = pd.DataFrame({c: [v.sum()] for c, v in parts.items()})
    if units is not None:
        table = _with_all_units(table, units, levels)
    table["decreases"] = table[list(dec)].sum(axis=1)
    table["increases"] = table[list(inc)].sum(axis=1)
    table = table.sort_values(levels, key=lambda s: s.map(unit_key), kind="stable").reset_index(drop=True) if levels else table
    total = table.drop(columns=levels).sum().to_frame().T.assign(**{lv: "" for lv in levels})
    table.insert(0, "unit", [" / ".join(str(v) for v in row) for row in table[levels].itertuples(index=False)])
    total.insert(0, "unit", TOTAL)
    table = pd.concat([table, total], ignore_index=True)
    numeric = ["start", *dec, "decreases", *inc, "increases", "member_change", "end"]
    table[numeric] = table[numeric].round().astype("int64")
    table["balanced"] = table["start"] - table["decreases"] + table["increases"] + table["member_change"] == table["end"]
    return table[["unit", *levels, *table_columns(group)]]


def _with_all_units(table: pd.DataFrame, units: pd.DataFrame, levels: list[str]) -> pd.DataFrame:
    """Add units that have no household in either round (all zeros), matched by name key."""
    have = set(zip(*[table[lv].map(unit_key) for lv in levels])) if len(table) else set()
    # A unit with a blank name (the "other households" row the denominators add under a commune when the
    # totals stop above the level asked for) holds no reviewed household: it has no flows to show.
    extra = units[[lv for lv in levels]].copy()
    extra = extra[extra.notna().all(axis=1) & (extra.astype(str) != "").all(axis=1)]
    keys = list(zip(*[extra[lv].map(unit_key) for lv in levels]))
    extra = extra[[k not in have for k in keys]].drop_duplicates()
    if extra.empty:
        return table
    zeros = pd.DataFrame(0, index=extra.index, columns=[c for c in table.columns if c not in levels])
    return pd.concat([table, pd.concat([extra, zeros], axis=1)], ignore_index=True)


def check_balance(table: pd.DataFrame, group: str, measure: str) -> None:
    """Stop when start − decreases + increases (+ member change) ≠ end for some unit."""
    bad = table[~table["balanced"]]
    if bad.empty:
        return
    row = bad.iloc[0]
    raise DataError.of("flows.unbalanced", group=Phrase(f"flows.group_{group}"), measure=Phrase(f"flows.measure_{measure}"),
                       unit=row["unit"], start=row["start"],
                       decreases=row["decreases"], increases=row["increases"], end=row["end"])
