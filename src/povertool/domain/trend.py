"""The trend of the poor and near-poor rates over several review rounds, beside the programme's pace."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

TREND_COLUMNS = ("year", "households", "poor_households", "near_poor_households", "poor_rate", "near_poor_rate")


@dataclass
class Trend:
    """Rates per round (oldest first) and the average yearly change in percentage points."""

    table: pd.DataFrame  # columns TREND_COLUMNS
    poor_change_pp: float | None  # average change per year (negative = the rate fell)
    near_poor_change_pp: float | None
    benchmark_low_pp: float  # the programme's yearly reduction, low end (e.g. 1.0)
    benchmark_high_pp: float
    pace: str | None  # 'below', 'within' or 'above' the benchmark (for the poor rate's reduction)


def rate_trend(rounds: pd.DataFrame, *, benchmark_low_pp: float, benchmark_high_pp: float) -> Trend:
    """``rounds``: one row per round with year, households (denominator), poor and near-poor households."""
    table = rounds.sort_values("year", kind="stable").reset_index(drop=True).copy()
    n = table["households"].astype(float).where(table["households"] > 0)
    table["poor_rate"] = table["poor_households"] / n * 100
    table["near_poor_rate"] = table["near_poor_households"] / n * 100
    table = table[list(TREND_COLUMNS)]
    span = float(table["year"].iloc[-1] - table["year"].iloc[0]) if len(table) > 1 else 0.0
    poor = _per_year(table["poor_rate"], span)
    near = _per_year(table["near_poor_rate"], span)
    pace = None
    if poor is not None:
        reduction = -poor
        pace = "below" if reduction < benchmark_low_pp else "above" if reduction > benchmark_high_pp else "within"
    return Trend(table, poor, near, benchmark_low_pp, benchmark_high_pp, pace)


def _per_year(rates: pd.Series, span: float) -> float | None:
    if span <= 0 or rates.isna().iloc[[0, -1]].any():
        return None
    return float((rates.iloc[-1] - rates.iloc[0]) / span)
