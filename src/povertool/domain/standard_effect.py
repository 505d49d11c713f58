"""Progress across a change of standard: the change split into the effect of the standard and the real movement.

The baseline round is classified again under the current round's standard. Per unit and in total, for poor and
near-poor households (counts and rates):

    change = current − baseline
           = (baseline under the current standard − baseline)      the effect of the standard
           + (current − baseline under the current standard)       the real movement of households

so the two labelled parts add up to the change by construction. Rates of the baseline (under either standard)
divide by the baseline's denominators, the current rates by the current ones. Households the re-classification
leaves undetermined (an indicator the older list lacks) count in neither group; their number is given beside.
"""

from __future__ import annotations

import pandas as pd

from .denominators import Denominators, key_column
from .models import NEAR_POOR, POOR, UNDETERMINED

TOTAL = "total"
GROUPS: tuple[str, ...] = (POOR, NEAR_POOR)
COLUMNS: tuple[str, ...] = ("baseline", "standard_effect", "baseline_under_current", "real_change", "current", "change",
                            "baseline_rate", "standard_effect_pp", "baseline_under_current_rate", "real_change_pp",
                            "current_rate", "change_pp", "undetermined_under_current")


def _counts(frame: pd.DataFrame, levels: list[str], name: str) -> pd.DataFrame:
    """Poor, near-poor and undetermined households per unit (by name key), first-seen names kept."""
    keys = pd.DataFrame({f"_k_{lv}": key_column(frame[lv]) if lv in frame else "" for lv in levels}, index=frame.index)
    status = frame["status"].to_numpy(dtype=object)
    data = keys.assign(**{f"{name}_{s}": status == s for s in (*GROUPS, UNDETERMINED)},
                       **{lv: frame[lv] if lv in frame else None for lv in levels})
    agg = {c: (c, "sum") for c in data.columns if c.startswith(f"{name}_")}
    return data.groupby(list(keys.columns), sort=False).agg(**agg, **{lv: (lv, "first") for lv in levels}).reset_index()


def _denominator(den: Denominators, levels: list[str], name: str) -> pd.DataFrame:
    table = den.table.assign(**{f"_k_{lv}": key_column(den.table[lv]) for lv in levels})
    return table.groupby([f"_k_{lv}" for lv in levels], sort=False)["households"].sum().rename(name).reset_index()


def standard_effect(baseline: pd.DataFrame, baseline_under_current: pd.DataFrame, current: pd.DataFrame,
                    levels: list[str], den_base: Denominators, den_cur: Denominators) -> pd.DataFrame:
    """One row per (unit, group) and a total per group: the change and its two parts, in households and in rates."""
    keys = [f"_k_{lv}" for lv in levels]
    parts = [_counts(baseline, levels, "b"), _counts(baseline_under_current, levels, "u"), _counts(current, levels, "c"),
             _denominator(den_base, levels, "den_b"), _denominator(den_cur, levels, "den_c")]
    merged = parts[0]
    for part in parts[1:]:
        merged = merged.merge(part, on=keys, how="outer", suffixes=("", "_r"))
        for lv in levels:
            if f"{lv}_r" in merged:
                merged[lv] = merged[lv].where(merged[lv].notna(), merged[f"{lv}_r"])
                merged = merged.drop(columns=f"{lv}_r")
    numeric = [c for c in merged.columns if c not in {*keys, *levels}]
    merged[numeric] = merged[numeric].fillna(0)
    merged = merged.sort_values(keys, kind="stable").reset_index(drop=True)
    total = merged[numeric].sum().to_frame().T.assign(**{lv: None for lv in levels})
    rows = pd.concat([merged.drop(columns=keys), total], ignore_index=True)
    rows["unit"] = [" / ".join("" if pd.isna(v) else str(v) for v in r) for r in rows[levels].itertuples(index=False)]
    rows.loc[rows.index[-1], "unit"] = TOTAL
    out = []
    for group in GROUPS:
        b, u, c = rows[f"b_{group}"], rows[f"u_{group}"], rows[f"c_{group}"]
        den_b = rows["den_b"].astype(float).where(rows["den_b"] > 0)
        den_c = rows["den_c"].astype(float).where(rows["den_c"] > 0)
        frame = pd.DataFrame({"unit": rows["unit"], **{lv: rows[lv] for lv in levels}, "group": group,
                              "baseline": b, "standard_effect": u - b, "baseline_under_current": u,
                              "real_change": c - u, "current": c, "change": c - b,
                              "baseline_rate": b / den_b * 100, "baseline_under_current_rate": u / den_b * 100,
                              "current_rate": c / den_c * 100, "undetermined_under_current": rows["u_undetermined"]})
        frame["standard_effect_pp"] = frame["baseline_under_current_rate"] - frame["baseline_rate"]
        frame["real_change_pp"] = frame["current_rate"] - frame["baseline_under_current_rate"]
        frame["change_pp"] = frame["current_rate"] - frame["baseline_rate"]
        out.append(frame)
    result = pd.concat(out, ignore_index=True)
    counts = ["baseline", "standard_effect", "baseline_under_current", "real_change", "current", "change",
              "undetermined_under_current"]
    result[counts] = result[counts].round().astype("int64")
    return result[["unit", *levels, "group", *COLUMNS]]
