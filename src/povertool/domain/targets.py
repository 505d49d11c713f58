"""Targets of the yearly plan (spec §6): values per unit in both rounds, and each target judged met or not.

All metrics are "lower is better" (poor households, rates): a change target is met when the actual change is
at or below it (−3 met by −3 or −5), an end-value target when the current value is at or below it. Rate
targets are judged on the rates rounded to two decimals, as published; the exact rates are kept beside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import DataError
from .denominators import unit_key
from .flows import TOTAL, Flows
from .models import NEAR_POOR, POOR

COUNT_METRICS: tuple[str, ...] = ("poor_households", "near_poor_households", "poor_persons")
RATE_METRICS: tuple[str, ...] = ("poor_rate", "near_poor_rate", "multidimensional_rate")
METRICS: tuple[str, ...] = COUNT_METRICS + RATE_METRICS
HOUSEHOLD_METRICS: tuple[str, ...] = ("poor_households", "near_poor_households")
PUBLISHED_DECIMALS = 2  # rates are published with two decimals (4,03%)
TARGET_COLUMNS: tuple[str, ...] = (
    "unit", "metric", "baseline", "current", "baseline_published", "current_published", "actual_change",
    "target_change", "target_value", "achieved_pct", "status", "still_to_move",
)
MET, NOT_MET, NOT_JUDGED = "met", "not_met", "not_judged"  # not_judged: a rate target without real denominators


@dataclass(frozen=True)
class Target:
    """One line of the plan: a unit ('total' or a commune), a metric, and a change or an end value."""

    unit: str
    metric: str
    change: float | None = None  # against the baseline: households/persons, or percentage points for rates
    target: float | None = None  # an end value instead of a change
    source: str = ""  # where it was read (file, row) for messages


@dataclass
class Plan:
    """The yearly plan: its year (the current round) and its targets."""

    year: int | None
    targets: list[Target] = field(default_factory=list)
    source: str = ""


def is_total(name: str) -> bool:
    """True for the whole area's row ('total'); the plan reader gives that code to "Toàn thị xã", "Tổng cộng" …
    (vocabulary.toml [plan.whole_area])."""
    return unit_key(name) == TOTAL


def unit_values(flows: Flows, households_baseline: pd.DataFrame, households_current: pd.DataFrame) -> pd.DataFrame:
    """Per unit (and total): every metric at baseline and now. ``households_*`` are Denominators.table frames."""
    levels = flows.levels
    poor, near = flows.table(POOR), flows.table(NEAR_POOR)
    poor_p = flows.table(POOR, "persons")
    out = poor[["unit", *levels]].copy()
    for when, col in (("baseline", "start"), ("current", "end")):
        out[f"poor_households_{when}"] = poor[col]
        out[f"near_poor_households_{when}"] = near[col]
        out[f"poor_persons_{when}"] = poor_p[col]
    out["households_baseline"] = _denominator(out, levels, households_baseline)
    out["households_current"] = _denominator(out, levels, households_current)
    for when in ("baseline", "current"):
        n = out[f"households_{when}"].astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            poor_rate = np.where(n > 0, out[f"poor_households_{when}"] / n * 100, np.nan)
            near_rate = np.where(n > 0, out[f"near_poor_households_{when}"] / n * 100, np.nan)
        out[f"poor_rate_{when}"] = poor_rate
        out[f"near_poor_rate_{when}"] = near_rate
        out[f"multidimensional_rate_{when}"] = poor_rate + near_rate
    return out


def _denominator(values: pd.DataFrame, levels: list[str], table: pd.DataFrame) -> pd.Series:
    keys = table[levels].apply(lambda r: tuple(unit_key(v) for v in r), axis=1) if len(table) else pd.Series([], dtype=object)
    lookup = dict(zip(keys, table["households"]))
    mine = values[levels].apply(lambda r: tuple(unit_key(v) for v in r), axis=1)
    result = mine.map(lookup).fillna(0).astype("int64")
    result[values["unit"] == TOTAL] = int(table["households"].sum())
    return result


def resolve_unit(name: str, values: pd.DataFrame, levels: list[str]) -> str:
    """The unit row a plan names: 'total', else a unit matched by name ignoring case and accents."""
    if is_total(name):
        return TOTAL
    key = unit_key(name)
    units = values.loc[values["unit"] != TOTAL, "unit"]
    full = units[units.map(unit_key) == key]
    if full.empty and levels:
        full = units[values.loc[units.index, levels[-1]].map(unit_key) == key]
    if len(full) == 1:
        return str(full.iloc[0])
    known = ", ".join(units.tolist())
    if len(full) > 1:
        raise DataError.of("plan.unit_ambiguous", name=name, units=", ".join(full))
    raise DataError.of("plan.unit_unknown", name=name, units=known)


def evaluate_targets(targets: list[Target], values: pd.DataFrame, levels: list[str], *,
                     rates_judged: bool = True) -> pd.DataFrame:
    """One row per target: baseline, current, actual change, target, % achieved, met/not_met, still to move.
    Without real denominators (``rates_judged`` False) a rate target is not_judged: its rates are shares of a list."""
    rows = [_evaluate(t, values, levels) for t in targets]
    if not rates_judged:
        for row in rows:
            if row["metric"] in RATE_METRICS:
                row.update(status=NOT_JUDGED, achieved_pct=None)
    return pd.DataFrame(rows, columns=list(TARGET_COLUMNS), dtype=object)


def _evaluate(target: Target, values: pd.DataFrame, levels: list[str]) -> dict:
    if target.metric not in METRICS:
        raise DataError.of("plan.metric_unknown", metric=target.metric, where=_where(target), known=", ".join(METRICS))
    if (target.change is None) == (target.target is None):
        raise DataError.of("plan.change_or_target", unit=target.unit, metric=target.metric, where=_where(target))
    unit = resolve_unit(target.unit, values, levels)
    row = values.loc[values["unit"] == unit].iloc[0]
    baseline, current = float(row[f"{target.metric}_baseline"]), float(row[f"{target.metric}_current"])
    rate = target.metric in RATE_METRICS
    digits = PUBLISHED_DECIMALS if rate else 0
    base_pub, cur_pub = _round(baseline, digits), _round(current, digits)
    actual = _round(cur_pub - base_pub, digits) if base_pub is not None and cur_pub is not None else None
    if target.change is not None:
        wanted = _round(float(target.change), digits)
        goal = _round(base_pub + wanted, digits) if base_pub is not None and wanted is not None else None
    else:
        goal = _round(float(target.target), digits)  # type: ignore[arg-type]
        wanted = _round(goal - base_pub, digits) if base_pub is not None and goal is not None else None
    met = actual is not None and wanted is not None and actual <= wanted + 1e-9
    achieved = _round(actual / wanted * 100 + 0.0, 2) if actual is not None and wanted else None  # printed with two decimals
    still = None
    if not rate and not met and actual is not None and wanted is not None:
        still = int(round(actual - wanted))
    return {
        "unit": unit, "metric": target.metric, "baseline": _plain(baseline, rate), "current": _plain(current, rate),
        "baseline_published": base_pub, "current_published": cur_pub, "actual_change": actual,
        "target_change": wanted, "target_value": goal, "achieved_pct": achieved,
        "status": MET if met else NOT_MET, "still_to_move": still,
    }


def _where(target: Target) -> str:
    return f" ({target.source})" if target.source else ""


def _round(value: float | None, digits: int) -> float | int | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    # Round half away from zero on the decimal text, as a person rounding 0.305 would (not banker's rounding).
    from decimal import ROUND_HALF_UP, Decimal

    rounded = float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)) + 0.0
    return rounded if digits else int(rounded)


def _plain(value: float, rate: bool) -> float | int | None:
    if np.isnan(value):
        return None
    return float(value) if rate else int(round(value))
