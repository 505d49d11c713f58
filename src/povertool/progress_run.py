"""Running the progress job: read and classify the rounds, then hand clean frames to domain.flows/targets/trend.

This is the API layer's helper for ``povertool.progress`` (api.py): it touches files; the domain does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .domain.denominators import Denominators, unit_denominators
from .domain.flows import baseline_from_previous, code_flows, flow_tables, match_rounds
from .domain.models import NEAR_POOR, POOR, UNDETERMINED
from .domain.progress import Progress
from .domain.survey import Classification, Survey
from .domain.targets import Plan, evaluate_targets, unit_values
from .domain.trend import rate_trend
from .choices import accepted, shown
from .errors import DataError, UsageError
from .io.plan import read_benchmark, read_plan
from .io.totals import read_totals, totals_for_year
from .messages import id_list, id_list_of, location, text

LEVELS = ("province", "district", "commune", "village")


@dataclass
class Round:
    """One review round: accepted, classified households and its year."""

    name: str
    households: pd.DataFrame
    year: int | None
    survey: Survey


def levels_for(by: str | Iterable[str] | None) -> list[str]:
    """'commune' -> ['commune']; 'village' -> ['commune', 'village']; 'commune,village' as written."""
    items = [b.strip() for b in (by.split(",") if isinstance(by, str) else list(by or ["commune"])) if b.strip()]
    for item in items:
        if item not in LEVELS:
            raise UsageError.of("progress.not_level", level=item, known=accepted("level", LEVELS))
    if items == ["village"]:
        return ["commune", "village"]
    return items


def run_progress(current: Any, *, baseline: Any = None, history: Iterable[Any] = (), plan: Plan | str | Path | None = None,
                 totals: str | Path | pd.DataFrame | None = None, by: str | Iterable[str] | None = "commune",
                 baseline_year: int | None = None, current_year: int | None = None, classify: Any, read: Any,
                 standard: Any = None) -> Progress:
    """Read the rounds, match them, count the flows, judge the plan; ``classify``/``read`` are the API's functions."""
    levels = levels_for(by)
    plan_obj = read_plan(plan) if isinstance(plan, (str, Path)) else plan
    current_year = current_year or (plan_obj.year if plan_obj else None)
    warnings: list[str] = []
    cur = _round(text("progress.round_current"), current, current_year, standard, read, classify, warnings)
    current_year = current_year or cur.year
    _check_levels(levels, cur.households)
    if baseline is None:
        baseline_year = baseline_year or (current_year - 1 if current_year else None)
    # The plan's year (or --current-year) is the current round and the year before it the baseline.
    baseline_year = baseline_year or (current_year - 1 if current_year else None)
    if baseline is not None:
        base = _round(text("progress.round_baseline"), baseline, baseline_year, standard, read, classify, warnings)
        baseline_year = baseline_year or base.year or (current_year - 1 if current_year else None)
        base_frame, matched_by = base.households, "household_id"
    else:
        if "previous_status" not in cur.households or cur.households["previous_status"].isna().all():
            raise UsageError.of("progress.needs_baseline")
        base_frame, matched_by = baseline_from_previous(cur.households), "previous_status"
    history_rounds = [_round(text("progress.round_history", number=i + 1), h, None, standard, read, classify, warnings)
                      for i, h in enumerate(history)]
    _years_of_history(history_rounds, baseline_year, warnings)

    table = read_totals(totals) if isinstance(totals, (str, Path)) else totals
    den_base = _denominators(base_frame, levels, table, baseline_year, warnings, text("progress.round_baseline"))
    den_cur = _denominators(cur.households, levels, table, current_year, warnings, text("progress.round_current"),
                            current=True)
    units = pd.concat([den_cur.table[levels], den_base.table[levels]], ignore_index=True)
    coded = code_flows(match_rounds(base_frame, cur.households, levels, [r.households for r in history_rounds]))
    flows = flow_tables(coded, levels, units)
    values = unit_values(flows, den_base.table, den_cur.table)
    targets = evaluate_targets(plan_obj.targets, values, levels) if plan_obj else None
    trend = _trend(history_rounds, flows, den_base, den_cur, baseline_year, current_year, table, levels, warnings) if history_rounds else None
    undetermined = {"baseline": int((base_frame["status"] == UNDETERMINED).sum()),
                    "current": int((cur.households["status"] == UNDETERMINED).sum())}
    _flow_warnings(flows, undetermined, warnings)
    return Progress(baseline_year, current_year, levels, matched_by, "census" if table is None else "totals", flows,
                    values, targets, trend, undetermined, warnings)


def _check_levels(levels: list[str], households: pd.DataFrame) -> None:
    for level in levels:
        if level not in households or households[level].isna().all():
            raise UsageError.of("progress.no_level_column", level=shown("level", level))


def _round(name: str, inputs: Any, year: int | None, standard: Any, read: Any, classify: Any, warnings: list[str]) -> Round:
    if isinstance(inputs, Classification):
        return Round(name, inputs.households, year, None)  # type: ignore[arg-type]
    survey = inputs if isinstance(inputs, Survey) else read(inputs, standard=standard, year=year)
    _check_ids(name, survey)
    if year and survey.year and year != survey.year:
        warnings.append(text("progress.title_year", round=name, title_year=survey.year, year=year))
    year = year or survey.year
    result = classify(survey, standard=standard, year=year)
    if result.summary["rejected"]:
        rows = len({(r["file"], r["sheet"], r["row"]) for r in result.summary["rejected"]})
        warnings.append(text("progress.rejected", count=rows, round=name))
    return Round(name, result.households, year, survey)


def _check_ids(name: str, survey: Survey) -> None:
    """Stop when household ids are missing or repeated: the rounds cannot be matched without them."""
    no_column = [s.path for s in survey.sources if "household_id" not in s.columns]
    if no_column:
        raise DataError.of("progress.no_id_column", round=name, files=", ".join(no_column))
    problems = survey.problems
    for code in ("duplicate_id", "id_missing"):
        rows = problems[problems["code"] == code]
        if rows.empty:
            continue
        ids = survey.households.loc[rows["record"].dropna().astype(int), "household_id"].astype(str)
        places = [f"{id_} ({location(f, row=r)})" for id_, f, r in zip(ids, rows["file"], rows["row"])]
        raise DataError.of(f"progress.ids_{code}", round=name, places=id_list_of(places))


def _years_of_history(rounds: list[Round], baseline_year: int | None, warnings: list[str]) -> None:
    for i, r in enumerate(rounds):
        if r.year is None and baseline_year is not None:
            r.year = baseline_year - (len(rounds) - i)
            warnings.append(text("progress.history_year", round=r.name, year=r.year))


def _denominators(frame: pd.DataFrame, levels: list[str], totals: pd.DataFrame | None, year: int | None,
                  warnings: list[str], name: str, *, current: bool = False) -> Denominators:
    chosen = totals_for_year(totals, year) if totals is not None else None
    den = unit_denominators(frame, levels, chosen)
    if totals is None and current:
        warnings.append(text("progress.census"))
    if den.missing_units and totals is not None:
        warnings.append(text("progress.missing_units", round=name, year=year if year is not None else "",
                             units=id_list_of(den.missing_units)))
    return den


def _trend(history: list[Round], flows: Any, den_base: Denominators, den_cur: Denominators, baseline_year: int | None,
           current_year: int | None, totals: pd.DataFrame | None, levels: list[str], warnings: list[str]) -> Any:
    rows = []
    for r in history:
        den = _denominators(r.households, levels, totals, r.year, warnings, r.name)
        status = r.households["status"]
        rows.append({"year": r.year, "households": int(den.table["households"].sum()),
                     "poor_households": int((status == POOR).sum()), "near_poor_households": int((status == NEAR_POOR).sum())})
    poor, near = flows.table(POOR).iloc[-1], flows.table(NEAR_POOR).iloc[-1]
    rows.append({"year": baseline_year, "households": int(den_base.table["households"].sum()),
                 "poor_households": int(poor["start"]), "near_poor_households": int(near["start"])})
    rows.append({"year": current_year, "households": int(den_cur.table["households"].sum()),
                 "poor_households": int(poor["end"]), "near_poor_households": int(near["end"])})
    if any(r["year"] is None for r in rows):
        raise UsageError.of("progress.trend_years")
    bench = read_benchmark()
    return rate_trend(pd.DataFrame(rows), benchmark_low_pp=float(bench["yearly_reduction_low_pp"]),
                      benchmark_high_pp=float(bench["yearly_reduction_high_pp"]))


def _flow_warnings(flows: Any, undetermined: dict[str, int], warnings: list[str]) -> None:
    if flows.missing_ids:
        warnings.append(text("progress.missing_households", count=len(flows.missing_ids),
                             ids=id_list(flows.missing_ids)))
    if flows.moved_ids:
        warnings.append(text("progress.moved_households", count=len(flows.moved_ids), ids=id_list(flows.moved_ids)))
    for name, n in undetermined.items():
        if n:
            warnings.append(text("progress.undetermined", count=n, round=text(f"progress.round_{name}")))
