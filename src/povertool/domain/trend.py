"""The trend of the rates over several review rounds, each year beside the programme target in force that year.

The programmes change metric between periods (2021–2025, QĐ 90/QĐ-TTg: the poverty rate; 2026–2030, NQ
257/2025/QH15: the multidimensional rate), so each year-on-year step is measured on the main metric of the period
in force in its later year and names that period's source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .programme import YEARLY_REDUCTION, ProgrammePeriod, period_for_year

TREND_COLUMNS = ("year", "households", "poor_households", "near_poor_households", "poor_rate", "near_poor_rate",
                 "multidimensional_rate")
RATE_METRICS = ("poor_rate", "near_poor_rate", "multidimensional_rate")  # what review lists and --totals measure
STEP_COLUMNS = ("year_from", "year_to", "period", "source", "metric", "value_from", "value_to", "change_pp",
                "target_low_pp", "target_high_pp", "pace")


@dataclass
class Trend:
    """Rates per round (oldest first), the average yearly changes, and each step against the programme."""

    table: pd.DataFrame  # columns TREND_COLUMNS
    poor_change_pp: float | None  # average change per year over all rounds (negative = the rate fell)
    near_poor_change_pp: float | None
    multidimensional_change_pp: float | None = None
    steps: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(STEP_COLUMNS)))
    periods: tuple[ProgrammePeriod, ...] = ()  # the programme periods the rounds fall in

    def programme(self) -> list[dict[str, Any]]:
        """The periods the rounds fall in, each target with whether povertool measures it (for JSON and notes)."""
        return [
            {"period": f"{p.start}–{p.end}", "name": p.name, "source": p.source, "targets": [
                {"metric": t.metric, "kind": t.kind, "label": t.label, "label_en": t.label_en, "main": t is p.main,
                 "low_pp": t.low_pp, "high_pp": t.high_pp, "strict": t.strict, "level_pct": t.level_pct, "by": t.by,
                 "computed": t.metric in RATE_METRICS and not t.not_computed,
                 "not_computed": t.not_computed or None}
                for t in p.targets]}
            for p in self.periods
        ]


def rate_trend(rounds: pd.DataFrame, *, periods: tuple[ProgrammePeriod, ...] | list[ProgrammePeriod] = ()) -> Trend:
    """``rounds``: one row per round with year, households (denominator), poor and near-poor households;
    ``periods``: the programme periods (io.programme.read_programme)."""
    table = rounds.sort_values("year", kind="stable").reset_index(drop=True).copy()
    n = table["households"].astype(float).where(table["households"] > 0)
    table["poor_rate"] = table["poor_households"] / n * 100
    table["near_poor_rate"] = table["near_poor_households"] / n * 100
    table["multidimensional_rate"] = table["poor_rate"] + table["near_poor_rate"]
    table = table[list(TREND_COLUMNS)]
    span = float(table["year"].iloc[-1] - table["year"].iloc[0]) if len(table) > 1 else 0.0
    changes = {m: _per_year(table[m], span) for m in RATE_METRICS}
    touched = tuple(p for p in periods if any(p.covers(int(y)) for y in table["year"]))
    return Trend(table, changes["poor_rate"], changes["near_poor_rate"], changes["multidimensional_rate"],
                 _steps(table, tuple(periods)), touched)


def _steps(table: pd.DataFrame, periods: tuple[ProgrammePeriod, ...]) -> pd.DataFrame:
    """One row per pair of consecutive rounds: the change per year on the metric of the period in force in the
    later year, beside that period's yearly target ('below', 'within', 'above'; None when none applies)."""
    rows = []
    records = table.to_dict("records")
    for before, after in zip(records, records[1:]):
        y0, y1 = int(before["year"]), int(after["year"])
        period = period_for_year(periods, y1)
        row: dict[str, Any] = dict.fromkeys(STEP_COLUMNS)
        row.update(year_from=y0, year_to=y1)
        if period is not None:
            target = period.main
            row.update(period=f"{period.start}–{period.end}", source=period.source, metric=target.metric)
            if target.metric in RATE_METRICS and target.kind == YEARLY_REDUCTION and y1 > y0:
                v0, v1 = before[target.metric], after[target.metric]
                change = None if pd.isna(v0) or pd.isna(v1) else float((v1 - v0) / (y1 - y0))
                # Judged on the rates as published (two decimals), as plan targets are: 6,80% -> 5,80% is 1 point.
                published = None if change is None else round((round(v1, 2) - round(v0, 2)) / (y1 - y0), 6)
                row.update(value_from=_num(v0), value_to=_num(v1), change_pp=change,
                           target_low_pp=target.low_pp, target_high_pp=target.high_pp,
                           pace=None if published is None else target.pace(-published))
        rows.append(row)
    return pd.DataFrame(rows, columns=list(STEP_COLUMNS))


def _num(value: Any) -> float | None:
    return None if pd.isna(value) else float(value)


def _per_year(rates: pd.Series, span: float) -> float | None:
    if span <= 0 or rates.isna().iloc[[0, -1]].any():
        return None
    return float((rates.iloc[-1] - rates.iloc[0]) / span)
