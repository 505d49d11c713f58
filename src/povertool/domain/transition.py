"""The same households under two standards (e.g. vn-2022 -> vn-2027): who changes, and what the lists cannot say.

``transition`` takes the households classified under each standard (same rows, same index) and returns, per unit
and in total: the matrix of status under the first x status under the second (households and persons), the rates
under each, the households whose status changes, and for the indicators the second standard needs but the lists
lack: how many households' result depends on them, and poor / near-poor at least and at most.

The bounds follow the undetermined rule of classification: at least = the households the rule already calls poor
(no unknown can undo it); at most = those that would be poor with every unknown mark deprived and an unknown
income at or below the line. Near-poor at most takes every unknown mark as not deprived. All column operations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .classify import classify_frame
from .denominators import Denominators, group_units, key_column
from .models import NEAR_POOR, PERSONAL_FIELDS, POOR, STATUSES, UNDETERMINED
from .roll_up import roll_up
from .standard import Standard

CHANGED_COLUMNS: tuple[str, ...] = ("household_id", "status_from", "status_to", "reason_from", "reason_to",
                                    "source_file", "source_sheet", "source_row")


@dataclass
class Bounds:
    """Per household, under the second standard: depends on the missing indicators; could be poor / near-poor."""

    depends: np.ndarray
    could_be_poor: np.ndarray
    could_be_near_poor: np.ndarray


@dataclass
class Transition:
    """Everything ``povertool transition`` shows; ``to_dict()`` is its --json output."""

    from_id: str
    to_id: str
    levels: list[str]
    units: pd.DataFrame  # row, kind, level, *levels, households, reviewed, counts and rates under each standard, bounds
    matrix: pd.DataFrame  # row, status_from, status_to, households, persons (every pair, zeros included)
    changed: pd.DataFrame  # the households whose status changes (CHANGED_COLUMNS and the unit columns)
    missing_indicators: list[str]  # indicators of the second standard with no column in the lists
    denominator: str = "census"
    year: int | None = None
    warnings: list[str] = field(default_factory=list)
    units_map: Any = None  # domain.crosswalk.MapInfo when a units map was applied
    rejected: list[dict[str, Any]] = field(default_factory=list)  # rejected rows (file, sheet, row, column, problem)

    def to_dict(self) -> dict[str, Any]:
        """Plain data: keys mirror the frames; rates are percentages, unrounded; no personal data."""
        matrix = {row: part for row, part in self.matrix.groupby("row", sort=False)}
        units = []
        for rec in self.units.to_dict("records"):
            part = matrix[rec["row"]]
            units.append({**{k: _plain(v) for k, v in rec.items() if k != "row"},
                          "matrix": {s: {t: {"households": int(h), "persons": int(p)}
                                         for t, h, p in zip(g["status_to"], g["households"], g["persons"])}
                                     for s, g in part.groupby("status_from", sort=False)}})
        out = {"from": self.from_id, "to": self.to_id, "year": self.year, "by": list(self.levels),
               "denominator": self.denominator, "missing_indicators": list(self.missing_indicators),
               "units": units,
               "changed": [{k: _plain(v) for k, v in r.items() if k not in PERSONAL_FIELDS}
                           for r in self.changed.to_dict("records")],
               "warnings": list(self.warnings), "rejected_rows": len(self.rejected)}
        if self.units_map is not None:
            out["units_map"] = self.units_map.to_dict()
        return out


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.bool_):
        return bool(value)
    return value.item() if hasattr(value, "item") else value


def missing_indicators(frame: pd.DataFrame, standard: Standard) -> list[str]:
    """Indicators of ``standard`` the lists hold no column for (every value unknown)."""
    return [c for c in standard.indicator_codes if c not in frame or frame[c].isna().all()]


def bounds(frame: pd.DataFrame, standard: Standard, missing: list[str], labels: dict[str, str]) -> Bounds:
    """Classify the households again with the unknowns resolved each way (four whole-frame passes)."""
    def status(changes: dict[str, Any]) -> np.ndarray:
        return classify_frame(frame.assign(**changes), standard)["status"].to_numpy(dtype=object)

    depends = np.zeros(len(frame), dtype=bool)
    if missing:
        depends = status({c: False for c in missing}) != status({c: True for c in missing})
    present = [c for c in standard.indicator_codes if c in frame]
    income = pd.to_numeric(frame["income_per_capita"], errors="coerce") if "income_per_capita" in frame \
        else pd.Series(np.nan, index=frame.index)
    usable_b1 = standard.b1_threshold is not None and "b1_score" in frame
    no_income = income.isna() & (~frame["b1_score"].notna() if usable_b1 else True)
    urban = (frame["area"] == "urban").to_numpy() if "area" in frame else np.zeros(len(frame), dtype=bool)
    line = np.where(urban, standard.poverty_line.urban, standard.poverty_line.rural)
    marks = {c: frame[c].astype("boolean") for c in present}
    worst = {c: m.fillna(True) for c, m in marks.items()} | {c: True for c in missing}
    best = {c: m.fillna(False) for c, m in marks.items()} | {c: False for c in missing}
    # An unknown income may be anything: at 0 it meets every line (could be poor), at the line it meets it
    # without reaching a lower 'extreme' line (could be near-poor).
    low = income.where(~no_income, 0.0)
    at_line = income.where(~no_income, pd.Series(line, index=frame.index))
    could_poor = status({**worst, "income_per_capita": low}) == POOR
    could_near = status({**best, "income_per_capita": at_line}) == NEAR_POOR
    return Bounds(depends, could_poor, could_near)


def transition(before: pd.DataFrame, after: pd.DataFrame, *, from_id: str, to_id: str, levels: list[str],
               denominators: Denominators, bound: Bounds, missing: list[str]) -> Transition:
    """Counts per unit (and subtotals, total) of the households classified under both standards."""
    status_from = before["status"].to_numpy(dtype=object)
    status_to = after["status"].to_numpy(dtype=object)
    members = pd.to_numeric(after["members"], errors="coerce").fillna(0).to_numpy("float64") \
        if "members" in after else np.zeros(len(after))
    columns: dict[str, np.ndarray] = {"reviewed": np.ones(len(after))}
    for name, status in (("from", status_from), ("to", status_to)):
        for s in (POOR, NEAR_POOR, UNDETERMINED):
            columns[f"{s}_{name}"] = status == s
    poor_from, poor_to = status_from == POOR, status_to == POOR
    columns.update({
        "became_poor": ~poor_from & poor_to, "left_poor": poor_from & ~poor_to, "changed": status_from != status_to,
        "depends_on_missing": bound.depends, "poor_at_least": poor_to, "poor_at_most": bound.could_be_poor,
        "near_poor_at_least": status_to == NEAR_POOR, "near_poor_at_most": bound.could_be_near_poor,
    })
    pairs = [(a, b) for a in STATUSES for b in STATUSES]
    for a, b in pairs:
        pair = (status_from == a) & (status_to == b)
        columns[f"m_h_{a}>{b}"] = pair
        columns[f"m_p_{a}>{b}"] = np.where(pair, members, 0.0)
    gid, leaf = group_units(after, levels)
    for name, values in columns.items():
        leaf[name] = np.bincount(gid, weights=values, minlength=len(leaf))
    leaf = _with_denominators(leaf, denominators, levels)
    rows = roll_up(leaf, levels, [f"_k_{lv}" for lv in levels])
    units, matrix = _derive(rows, levels, pairs)
    changed = _changed(before, after, levels)
    return Transition(from_id, to_id, levels, units, matrix, changed, list(missing),
                      "census" if denominators.census else "totals")


def _with_denominators(leaf: pd.DataFrame, den: Denominators, levels: list[str]) -> pd.DataFrame:
    """Every unit of the denominators joined to the counts (units without a household get zeros)."""
    keys = [f"_k_{lv}" for lv in levels]
    table = den.table.assign(**{k: key_column(den.table[lv]) for lv, k in zip(levels, keys)}).drop_duplicates(keys)
    merged = table[[*keys, *levels, "households"]].merge(leaf.drop(columns=levels), on=keys, how="outer")
    counts = [c for c in leaf.columns if c not in {*keys, *levels}]
    merged[counts] = merged[counts].fillna(0)
    no_den = merged["households"].isna()
    merged.loc[no_den, "households"] = merged.loc[no_den, "reviewed"]
    for lv, k in zip(levels, keys):
        merged[lv] = merged[lv].where(merged[lv].notna(), merged[k])
    return merged


def _derive(rows: pd.DataFrame, levels: list[str], pairs: list[tuple[str, str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Counts as integers, rates under each standard (and bounds), and the long status matrix."""
    matrix_cols = [c for c in rows.columns if c.startswith("m_")]
    units = rows.drop(columns=matrix_cols).copy()
    counted = [c for c in units.columns if c not in {"kind", "level", *levels}]
    units[counted] = units[counted].round().astype("int64")
    n = units["households"].astype("float64").where(units["households"] > 0)
    for name in ("from", "to"):
        units[f"poor_rate_{name}"] = units[f"{POOR}_{name}"] / n * 100
        units[f"near_poor_rate_{name}"] = units[f"{NEAR_POOR}_{name}"] / n * 100
        units[f"multidimensional_rate_{name}"] = units[f"poor_rate_{name}"] + units[f"near_poor_rate_{name}"]
    units["poor_rate_change"] = units["poor_rate_to"] - units["poor_rate_from"]
    for bound in ("poor_at_least", "poor_at_most", "near_poor_at_least", "near_poor_at_most"):
        units[f"{bound}_rate"] = units[bound] / n * 100
    units.insert(0, "row", np.arange(len(units)))
    long = []
    for a, b in pairs:
        long.append(pd.DataFrame({"row": units["row"].to_numpy(), "status_from": a, "status_to": b,
                                  "households": rows[f"m_h_{a}>{b}"].round().astype("int64").to_numpy(),
                                  "persons": rows[f"m_p_{a}>{b}"].round().astype("int64").to_numpy()}))
    matrix = pd.concat(long, ignore_index=True).sort_values("row", kind="stable").reset_index(drop=True)
    return units, matrix


def _changed(before: pd.DataFrame, after: pd.DataFrame, levels: list[str]) -> pd.DataFrame:
    """The households whose status differs, in list order, with both reasons and where they came from."""
    moved = before["status"].to_numpy(dtype=object) != after["status"].to_numpy(dtype=object)
    frame = pd.DataFrame({
        "household_id": after["household_id"] if "household_id" in after else None,
        **{lv: after[lv] if lv in after else None for lv in levels},
        "status_from": before["status"], "status_to": after["status"],
        "reason_from": before["reason"], "reason_to": after["reason"],
        **{c: after[c] if c in after else None for c in ("source_file", "source_sheet", "source_row")},
        **({"head_name": after["head_name"]} if "head_name" in after else {}),
    }, index=after.index)
    return frame.loc[moved].reset_index(drop=True)


COMPARE_FIELDS: tuple[str, ...] = ("compare_status", "compare_status_label", "compare_deprivation_count", "compare_reason")


def compare_columns(other: pd.DataFrame, index: pd.Index) -> pd.DataFrame:
    """A second classification's result columns (compare_*) for the rows of ``index`` (blank where it rejected one)."""
    fields = {"compare_status": "status", "compare_status_label": "status_label",
              "compare_deprivation_count": "deprivation_count", "compare_reason": "reason"}
    return pd.DataFrame({new: other[old].reindex(index) for new, old in fields.items()}, index=index)
