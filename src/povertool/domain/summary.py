"""The year-end summary (spec §5): counts, rates, deprivations, Alkire–Foster and sub-groups per unit.

``summarise_households`` takes classified households (Classification.households), the standard's indicator
codes, the levels and the denominators, and returns plain frames that a table, a workbook or the official
report can lay out:

- ``units``: one row per unit of the finest level, one subtotal row per unit of each coarser level (after its
  units) and a grand total row last. Columns: row, kind ('unit', 'subtotal', 'total'), level (the level the row
  stands for, 'total' for the grand total), the level names (blank where rolled up), households and persons
  (the denominators: all households of the unit), denominator_source, reviewed_households/_persons (in the
  data), <status>_households/_persons, poor_rate, near_poor_rate, multidimensional_rate (percentages),
  small_base, poor_deprivations/near_poor_deprivations (Σ deprivations), H, A, M0 and <subgroup>_households,
  _poor, _near_poor.
- ``indicators``: one row per (row, indicator): poor_deprived, poor_deprived_pct, near_poor_deprived,
  near_poor_deprived_pct, censored_headcount, contribution.

Every figure is a sum of household counts or a ratio of such sums, so subtotals add up exactly.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .alkire_foster import alkire_foster_measures, indicator_measures
from .denominators import DATA_SOURCE, TOTALS_SOURCE, Denominators, group_units, key_column, unit_denominators
from .models import NEAR_POOR, POOR, STATUSES
from .roll_up import roll_up

LEVELS: tuple[str, ...] = ("province", "district", "commune", "village", "area")
SUBGROUPS: tuple[str, ...] = ("ethnic_minority", "no_labour_capacity", "merit", "head_female")
SMALL_BASE_HOUSEHOLDS = 30  # spec §5: fewer households than this gets a small-base warning
_SEP = "__"  # joins a measure and an indicator/sub-group in the wide count columns


@dataclass
class Summary:
    """A summary: the units frame, the per-indicator frame and how the denominators were found."""

    levels: list[str]
    indicators: list[str]
    units: pd.DataFrame
    indicators_table: pd.DataFrame
    denominators: Denominators
    subgroups: list[str] = field(default_factory=list)
    absent_indicators: list[str] = field(default_factory=list)  # indicators with no column in the data
    standard_id: str = ""
    year: int | None = None
    indicator_names: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (Vietnamese, English)
    small_base: int = SMALL_BASE_HOUSEHOLDS
    notes: list[str] = field(default_factory=list)  # for people: mixed years, the review year's standard
    rejected: list[dict[str, Any]] = field(default_factory=list)  # one problem per rejected row (no values)
    units_map: Any = None  # domain.crosswalk.MapInfo when --units-map gave the figures by the new communes

    @property
    def census(self) -> bool:
        """True when the data is taken as a full census (no totals given)."""
        return self.denominators.census

    @property
    def missing_units(self) -> list[str]:
        """Units of the data absent from the totals (their own count is their denominator)."""
        return list(self.denominators.missing_units)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for --json: keys mirror spec §5, rates unrounded (percentages), H/A/M0 as fractions."""
        by_row = {row: part for row, part in self.indicators_table.groupby("row", sort=False)}
        return {
            "standard": self.standard_id,
            "year": self.year,
            "levels": list(self.levels),
            "denominator": "census" if self.census else "totals",
            "missing_units": self.missing_units,
            "uncovered_levels": list(self.denominators.uncovered_levels),
            "indicators": list(self.indicators),
            "absent_indicators": list(self.absent_indicators),
            "small_base_households": self.small_base,
            "rejected_rows": len(self.rejected),
            "units": [self._unit_record(rec, by_row.get(rec["row"])) for rec in self.units.to_dict("records")],
            **({"units_map": self.units_map.to_dict()} if self.units_map is not None else {}),
        }

    def _unit_record(self, rec: dict[Hashable, Any], ind: pd.DataFrame | None) -> dict[str, Any]:
        ind = ind.set_index("indicator") if ind is not None else pd.DataFrame()

        def per(column: str) -> dict[str, Any]:
            return {c: _plain(ind.at[c, column]) for c in self.indicators} if len(ind) else {}

        def deprivation(status: str) -> dict[str, Any]:
            return {"deprivations": rec[f"{status}_deprivations"],
                    "indicators": {c: {"count": _plain(ind.at[c, f"{status}_deprived"]),
                                       "pct": _plain(ind.at[c, f"{status}_deprived_pct"])}
                                   for c in self.indicators} if len(ind) else {}}

        return {
            "kind": rec["kind"], "level": rec["level"], **{lv: _plain(rec[lv]) for lv in self.levels},
            "households": rec["households"], "persons": _plain(rec["persons"]),
            "denominator_source": rec["denominator_source"],
            "reviewed_households": rec["reviewed_households"], "reviewed_persons": _plain(rec["reviewed_persons"]),
            "status_counts": {s: rec[f"{s}_households"] for s in STATUSES},
            "status_persons": {s: _plain(rec[f"{s}_persons"]) for s in STATUSES},
            **{k: _plain(rec[k]) for k in ("poor_rate", "near_poor_rate", "multidimensional_rate")},
            "small_base": bool(rec["small_base"]),
            "deprivation": {POOR: deprivation(POOR), NEAR_POOR: deprivation(NEAR_POOR)},
            "alkire_foster": {"n": rec["households"], "q": rec["poor_households"],
                              **{k: _plain(rec[k]) for k in ("H", "A", "M0")},
                              "censored_headcount": per("censored_headcount"), "contribution": per("contribution")},
            "subgroups": {sg: {"households": rec[f"{sg}_households"], POOR: rec[f"{sg}_poor"],
                               NEAR_POOR: rec[f"{sg}_near_poor"]} for sg in self.subgroups},
        }


def _plain(value: Any) -> Any:
    """A Python scalar (None for missing values)."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def summarise_households(
    households: pd.DataFrame,
    indicators: Sequence[str],
    levels: Sequence[str] = ("commune",),
    denominators: Denominators | None = None,
    *,
    small_base: int = SMALL_BASE_HOUSEHOLDS,
) -> Summary:
    """The summary of classified households by ``levels`` (coarsest first), with subtotals and a total."""
    levels = list(levels)
    if not levels or len(set(levels)) != len(levels) or any(lv not in LEVELS for lv in levels):
        raise ValueError(f"levels must be distinct names among {', '.join(LEVELS)}; got {', '.join(levels) or 'none'}")
    indicators = list(indicators)
    if denominators is None:
        denominators = unit_denominators(households, levels, None)
    subgroups = [sg for sg in SUBGROUPS if sg in households]
    keys = [f"_k_{lv}" for lv in levels]
    gid, leaf = group_units(households, levels)
    for name, values in _household_counts(households, indicators, subgroups):
        leaf[name] = np.bincount(gid, weights=values, minlength=len(leaf))  # one pass per count, no row loop
    leaf = leaf.drop(columns=levels).set_index(keys)
    leaf = _with_denominators(leaf, denominators, levels, keys)
    rows = roll_up(leaf, levels, keys)
    units = _derive(rows, indicators, subgroups, small_base)
    table = _indicator_table(units, rows, indicators)
    columns = ["row", "kind", "level", *levels, *[c for c in units.columns if c not in {"row", "kind", "level", *levels}]]
    return Summary(levels, indicators, units[columns], table, denominators, subgroups,
                   [c for c in indicators if c not in households], small_base=small_base)


def _household_counts(households: pd.DataFrame, indicators: list[str], subgroups: list[str]) -> Iterator[tuple[str, np.ndarray]]:
    """Per-household 0/1 counts (and persons) by name, ready to be summed by unit."""
    members = pd.to_numeric(households["members"], errors="coerce").fillna(0).to_numpy("float64") \
        if "members" in households else np.zeros(len(households))
    codes, uniques = pd.factorize(households["status"])  # per distinct status, not per household
    position = {value: i for i, value in enumerate(uniques)}
    masks = {s: codes == position.get(s, -2) for s in STATUSES}
    poor, near = masks[POOR], masks[NEAR_POOR]
    yield "reviewed_households", np.ones(len(households))
    yield "reviewed_persons", members
    for s in STATUSES:
        yield f"{s}_households", masks[s]
        yield f"{s}_persons", np.where(masks[s], members, 0.0)
    poor_total = np.zeros(len(households), dtype="int64")
    near_total = np.zeros(len(households), dtype="int64")
    for code in indicators:
        marks = _flags(households, code)
        yield f"poor_deprived{_SEP}{code}", marks & poor
        yield f"near_poor_deprived{_SEP}{code}", marks & near
        poor_total += marks & poor
        near_total += marks & near
    yield "poor_deprivations", poor_total
    yield "near_poor_deprivations", near_total
    for sg in subgroups:
        flag = _flags(households, sg)
        yield f"{sg}_households", flag
        yield f"{sg}_poor", flag & poor
        yield f"{sg}_near_poor", flag & near


def _flags(households: pd.DataFrame, column: str) -> np.ndarray:
    """A nullable boolean column as True/False (unknown counts as not marked); all False when absent."""
    if column not in households:
        return np.zeros(len(households), dtype=bool)
    return households[column].astype("boolean").fillna(False).to_numpy(dtype=bool)


def _with_denominators(leaf: pd.DataFrame, den: Denominators, levels: list[str], keys: list[str]) -> pd.DataFrame:
    """Every unit of the denominators (with zero counts when it has no household) joined to the data counts."""
    table = den.table.assign(**{k: key_column(den.table[lv]) for lv, k in zip(levels, keys)})
    table = table.drop_duplicates(keys)
    merged = table.merge(leaf.reset_index(), on=keys, how="outer", indicator=True)
    count_cols = list(leaf.columns)
    merged[count_cols] = merged[count_cols].fillna(0)
    no_den = (merged["_merge"] == "right_only").to_numpy()
    if no_den.any():  # data units the denominators do not know: their own count (as a missing unit would)
        merged.loc[no_den, "households"] = merged.loc[no_den, "reviewed_households"]
        merged.loc[no_den, "persons"] = merged.loc[no_den, "reviewed_persons"]
        merged.loc[no_den, "source"] = DATA_SOURCE
        for lv, k in zip(levels, keys):
            merged.loc[no_den, lv] = merged.loc[no_den, k]
    merged["persons_unknown"] = merged["persons"].isna().astype("int64")
    merged["persons"] = pd.to_numeric(merged["persons"]).astype("float64").fillna(0)
    merged["from_data"] = (merged["source"] == DATA_SOURCE).astype("int64")
    return merged.drop(columns=["_merge", "source"])


def _derive(rows: pd.DataFrame, indicators: list[str], subgroups: list[str], small_base: int) -> pd.DataFrame:
    """Counts as integers, then the rates, the small-base flag and the Alkire–Foster measures."""
    out = rows[["kind", "level"] + [c for c in rows.columns if c not in {"kind", "level"} and _SEP not in c]].copy()
    for c in out.columns:
        if c.endswith(("_households", "_deprivations")) or c in {"households", "from_data", "persons_unknown"} \
                or c.endswith(("_poor", "_near_poor")):
            out[c] = out[c].round().astype("int64")
    for c in ["persons", "reviewed_persons", *[f"{s}_persons" for s in STATUSES]]:
        out[c] = out[c].round().astype("Int64")
    out["persons"] = out["persons"].mask(out["persons_unknown"] > 0)
    out["denominator_source"] = np.where(out["from_data"] > 0, DATA_SOURCE, TOTALS_SOURCE)
    n = out["households"]
    out["poor_rate"] = _pct(out["poor_households"], n)
    out["near_poor_rate"] = _pct(out["near_poor_households"], n)
    out["multidimensional_rate"] = out["poor_rate"] + out["near_poor_rate"]
    out["small_base"] = n < small_base
    af = alkire_foster_measures(n, out["poor_households"], out["poor_deprivations"], max(len(indicators), 1))
    out = pd.concat([out, af], axis=1).drop(columns=["persons_unknown", "from_data"])
    out.insert(0, "row", np.arange(len(out)))
    return out


def _pct(part: pd.Series, whole: pd.Series) -> pd.Series:
    """part / whole × 100 (NaN without a denominator)."""
    whole = whole.astype("float64")
    return (part.astype("float64") / whole.where(whole > 0)) * 100


def _indicator_table(units: pd.DataFrame, rows: pd.DataFrame, indicators: list[str]) -> pd.DataFrame:
    """Long frame: one row per (summary row, indicator) with counts, shares and Alkire–Foster per indicator."""
    if not indicators:
        return pd.DataFrame(columns=["row", "indicator", "poor_deprived", "poor_deprived_pct", "near_poor_deprived",
                                     "near_poor_deprived_pct", "censored_headcount", "contribution"])
    poor = rows[[f"poor_deprived{_SEP}{c}" for c in indicators]].set_axis(indicators, axis=1).round().astype("int64")
    near = rows[[f"near_poor_deprived{_SEP}{c}" for c in indicators]].set_axis(indicators, axis=1).round().astype("int64")
    af = indicator_measures(units["households"], units["poor_deprivations"], poor, indicators)
    parts = []
    for code in indicators:
        parts.append(pd.DataFrame({
            "row": units["row"].to_numpy(),
            "indicator": code,
            "poor_deprived": poor[code].to_numpy(),
            "poor_deprived_pct": _pct(poor[code], units["poor_households"]).to_numpy(),
            "near_poor_deprived": near[code].to_numpy(),
            "near_poor_deprived_pct": _pct(near[code], units["near_poor_households"]).to_numpy(),
            "censored_headcount": af[f"censored_headcount{_SEP}{code}"].to_numpy(),
            "contribution": af[f"contribution{_SEP}{code}"].to_numpy(),
        }))
    table = pd.concat(parts, ignore_index=True)
    order = {c: i for i, c in enumerate(indicators)}
    return table.sort_values(["row", "indicator"], key=lambda s: s.map(order) if s.name == "indicator" else s,
                             kind="stable").reset_index(drop=True)
