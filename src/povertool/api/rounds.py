"""The progress job: read and classify the rounds, then hand clean frames to domain.flows/targets/trend;
write the tables. It touches files; the domain does not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..choices import accepted, shown
from ..domain.denominators import Denominators, unit_denominators
from ..domain.flows import baseline_from_previous, code_flows, flow_tables, match_rounds
from ..domain.models import NEAR_POOR, POOR, UNDETERMINED
from ..domain.progress import Progress
from ..domain.standard import Standard
from ..domain.survey import Classification, Survey
from ..domain.targets import NOT_JUDGED, Plan, evaluate_targets, unit_values
from ..domain.trend import rate_trend
from ..errors import DataError, UsageError
from ..messages import fix, id_list, id_list_of, location, text
from ..read.plan import read_plan
from ..read.programme import read_programme
from ..read.survey_reader import FileProgress
from ..read.totals import read_totals, totals_for_year
from ..render.guard_notes import round_name, units_not_in_totals
from ..render.writers import check_output
from .classifying import classify_with, read_survey
from .guards import (
    check_distinct_rounds,
    check_plan_year,
    check_round_standards,
    check_round_years,
    check_units_in_totals,
    check_year,
    rejected_rows,
    review_year,
)
from .options import Inputs
from .reform import reform_rounds, reform_split
from .units import UnitsMap, mapping_for

LEVELS = ("province", "district", "commune", "village")
RoundInput = Inputs | Survey | Classification


def progress(
    current: RoundInput,
    *,
    baseline: RoundInput | None = None,
    history: Iterable[RoundInput] = (),
    plan: str | Path | Plan | None = None,
    totals: str | Path | pd.DataFrame | None = None,
    by: str | Iterable[str] | None = "commune",
    baseline_year: int | None = None,
    current_year: int | None = None,
    standard: str | Path | Standard | None = None,
    census: bool = False,
    strict: bool = False,
    allow_standard_change: bool = False,
    units_map: str | Path | UnitsMap | None = None,
    file_progress: FileProgress | None = None,
) -> Progress:
    """Flows of poor and near-poor households between two review rounds, and progress against the plan.

    Returns a Progress: ``flows.table(group, measure)`` per unit with the spec's codes as columns, ``values``
    (every metric per unit in both rounds), ``targets``, ``trend``; ``.to_dict()`` is the --json output.
    Without ``baseline``, the current file's previous_status column (Phân loại năm trước) gives the baseline.
    Rounds classified under different standards stop the run unless ``allow_standard_change``; without ``totals``
    rate targets are not judged unless ``census`` says the lists hold every household.
    ``units_map`` gives every round by the communes after the 2025 reform; when the rounds' standards differ,
    ``standard_effect`` splits the change into the effect of the standard and the real movement.
    """
    return run_progress(
        current, baseline=baseline, history=list(history), plan=plan, totals=totals, by=by,
        baseline_year=baseline_year, current_year=current_year, standard=standard,
        census=census, strict=strict, allow_standard_change=allow_standard_change, units_map=units_map,
        file_progress=file_progress,
    )


def write_progress(result: Progress, path: str | Path, *, inputs: Iterable[str | Path] = (), lang: str = "vi") -> list[Path]:
    """Write the progress tables as .xlsx, .csv (one file per table) or .json (by extension); never over an input."""
    from ..render.progress_table import write_progress as _write

    path = Path(path)
    check_output(path, [Path(p) for p in inputs])
    return _write(result, path, lang)


@dataclass
class Round:
    """One review round: accepted, classified households and its year."""

    name: str
    households: pd.DataFrame
    year: int | None
    survey: Survey
    standard_id: str = ""
    titled: bool = False  # the year came from the title rows
    rejected: list = field(default_factory=list)  # the rejected rows' problems (file, sheet, row, column, problem)
    data_warnings: int = 0  # reading warnings of the round's rows (counted; 'povertool check' lists them)


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
                 baseline_year: int | None = None, current_year: int | None = None,
                 standard: Any = None, census: bool = False, strict: bool = False,
                 allow_standard_change: bool = False, command: str = "progress",
                 units_map: Any = None, current_from: str | None = None,
                 file_progress: FileProgress | None = None) -> Progress:
    """Read the rounds, match them, count the flows, judge the plan.

    Stops when a file is given for two rounds, the baseline is not before the current round, or the rounds were
    classified under different standards (unless ``allow_standard_change``), or the plan is for another year than
    the current round. Without totals, rate targets are judged only when ``census`` says the lists hold every
    household; with totals, ``command="report"`` stops on a unit of the lists missing from them."""
    check_year(baseline_year, "--baseline-year")
    check_year(current_year, "--current-year")
    history = list(history)
    check_distinct_rounds({"current": current, "baseline": baseline,
                           **{f"history {i + 1}": h for i, h in enumerate(history)}})
    levels = levels_for(by)
    plan_obj = read_plan(plan) if isinstance(plan, (str, Path)) else plan
    plan_year = plan_obj.year if plan_obj else None
    baseline_from = "option" if baseline_year else "title"
    warnings: list[str] = []
    # The current round's year: --current-year, else its title, else the plan's year (guards.review_year).
    cur = _round("current", current, current_year, standard, warnings, strict, fallback_year=plan_year,
                 read_again=True, file_progress=file_progress)
    current_year, found_from = review_year(current_year, cur.year if cur.titled else None, plan_year)
    current_from = current_from or found_from  # the report decided its year (and says where from) itself
    _check_levels(levels, cur.households)
    if baseline is None:
        baseline_year = baseline_year or (current_year - 1 if current_year else None)
    # The plan's year (or --current-year) is the current round and the year before it the baseline.
    baseline_year = baseline_year or (current_year - 1 if current_year else None)
    rounds = [cur]
    if baseline is not None:
        base = _round("baseline", baseline, baseline_year if baseline_from == "option" else None, standard,
                      warnings, strict, fallback_year=baseline_year, file_progress=file_progress)
        rounds.append(base)
        if baseline_from != "option":
            baseline_from = "title" if base.titled else "default"
        baseline_year = base.year or baseline_year
        base_frame, matched_by = base.households, "household_id"
    else:
        if "previous_status" not in cur.households or cur.households["previous_status"].isna().all():
            raise UsageError.of("progress.needs_baseline")
        base_frame, matched_by = baseline_from_previous(cur.households), "previous_status"
    if baseline is None and baseline_from != "option":
        baseline_from = "default"
    check_round_years(baseline_year, current_year, baseline_from, current_from, command=command)
    check_plan_year(plan_year, plan, current_year, current_from, "--year" if command == "report" else "--current-year")
    history_rounds = [_round(f"history {i + 1}", h, None, standard, warnings, strict, file_progress=file_progress)
                      for i, h in enumerate(history)]
    rounds += history_rounds
    standards = {r.name: r.standard_id for r in rounds if r.standard_id}
    changed = check_round_standards(standards, allow_standard_change)
    if changed:
        warnings.append(changed)
    _years_of_history(history_rounds, baseline_year, warnings)

    mapping = mapping_for(units_map, levels)  # --units-map: every round and the totals by the new communes
    base_frame = reform_rounds(mapping, cur, base_frame, history_rounds)
    table = read_totals(totals) if isinstance(totals, (str, Path)) else totals
    if mapping is not None:
        table = mapping.totals_of_years(table, [baseline_year, current_year, *(r.year for r in history_rounds)])
    den_base = _denominators(base_frame, levels, table, baseline_year, warnings, "baseline", census, command)
    den_cur = _denominators(cur.households, levels, table, current_year, warnings, "current", census, command)
    units = pd.concat([den_cur.table[levels], den_base.table[levels]], ignore_index=True)
    coded = code_flows(match_rounds(base_frame, cur.households, levels, [r.households for r in history_rounds]))
    flows = flow_tables(coded, levels, units)
    values = unit_values(flows, den_base.table, den_cur.table)
    rates_judged = table is not None or census
    targets = evaluate_targets(plan_obj.targets, values, levels, rates_judged=rates_judged) if plan_obj else None
    if targets is not None and not rates_judged and (targets["status"] == NOT_JUDGED).any():
        warnings.append(text("guard.rate_targets_not_judged"))
    trend = _trend(history_rounds, flows, den_base, den_cur, baseline_year, current_year, table, levels, warnings,
                   command) if history_rounds else None
    undetermined = {"baseline": int((base_frame["status"] == UNDETERMINED).sum()),
                    "current": int((cur.households["status"] == UNDETERMINED).sum())}
    _flow_warnings(flows, undetermined, warnings)
    effect = reform_split(base_frame, cur.households, standards, matched_by, levels, den_base, den_cur, warnings)
    result = Progress(baseline_year, current_year, levels, matched_by, "census" if table is None else "totals", flows,
                      values, targets, trend, undetermined, warnings, standards=standards, standard_note=changed or "",
                      rejected={r.name: r.rejected for r in rounds if r.rejected},
                      data_warnings={r.name: r.data_warnings for r in rounds})
    result.standard_effect = effect
    result.units_map = mapping.info() if mapping is not None else None
    if result.units_map is not None:
        warnings += result.units_map.notes() + result.units_map.warnings
    return result


def _check_levels(levels: list[str], households: pd.DataFrame) -> None:
    for level in levels:
        if level not in households or households[level].isna().all():
            raise UsageError.of("progress.no_level_column", level=shown("level", level))


def _round(name: str, inputs: Any, year: int | None, standard: Any, warnings: list[str],
           strict: bool = False, fallback_year: int | None = None, read_again: bool = False,
           file_progress: FileProgress | None = None) -> Round:
    """Read and classify one round; its year: ``year`` (options), else its title, else ``fallback_year``
    (``read_again``: files without a title year are read again with it, as the year picks the standard)."""
    if isinstance(inputs, Classification):
        return Round(name, inputs.households, year, None, inputs.standard_id,  # type: ignore[arg-type]
                     rejected=rejected_rows(inputs.summary["rejected"]),
                     data_warnings=int(inputs.summary.get("warnings", 0)))
    survey = inputs if isinstance(inputs, Survey) else read_survey(inputs, standard=standard, year=year,
                                                                   file_progress=file_progress)
    if read_again and not year and not survey.year and fallback_year and not isinstance(inputs, Survey):
        survey = read_survey(inputs, standard=standard, year=fallback_year, file_progress=file_progress)
    _check_ids(name, survey)
    titles = {s.title_year for s in survey.sources if s.title_year}
    if year and len(titles) == 1 and year not in titles:
        warnings.append(text("guard.title_year_overridden", round=round_name(name), title=titles.pop(), year=year))
    titled = not year and bool(survey.year)
    year = year or survey.year or fallback_year
    result = classify_with(survey, standard=standard, year=year, strict=strict)  # files naming several years stop here
    warnings += [note for note in result.summary.get("guard_notes", []) if note not in warnings]
    return Round(name, result.households, year, survey, result.standard_id, titled,
                 rejected_rows(result.summary["rejected"]), int(result.summary.get("warnings", 0)))


def _check_ids(name: str, survey: Survey) -> None:
    """Stop when household ids are missing or repeated: the rounds cannot be matched without them."""
    no_column = [s.path for s in survey.sources if "household_id" not in s.columns]
    if no_column:
        raise DataError.of("progress.no_id_column", round=round_name(name), files=", ".join(no_column))
    problems = survey.problems
    for code in ("duplicate_id", "id_missing"):
        rows = problems[problems["code"] == code]
        if rows.empty:
            continue
        ids = survey.households.loc[rows["record"].dropna().astype(int), "household_id"].astype(str)
        places = [f"{id_} ({location(f, row=r)})" for id_, f, r in zip(ids, rows["file"], rows["row"])]
        raise DataError.of(f"progress.ids_{code}", round=round_name(name), places=id_list_of(places))


def _years_of_history(rounds: list[Round], baseline_year: int | None, warnings: list[str]) -> None:
    for i, r in enumerate(rounds):
        if r.year is None and baseline_year is not None:
            r.year = baseline_year - (len(rounds) - i)
            warnings.append(text("progress.history_year", round=round_name(r.name), year=r.year))


def _denominators(frame: pd.DataFrame, levels: list[str], totals: pd.DataFrame | None, year: int | None,
                  warnings: list[str], name: str, census: bool = False, command: str = "progress") -> Denominators:
    """All households of each unit for one round; a unit missing from the totals is said (the report stops)."""
    chosen = totals_for_year(totals, year) if totals is not None else None
    den = unit_denominators(frame, levels, chosen)
    if totals is None and name == "current" and not census:
        warnings.append(text("guard.no_totals"))
    if den.missing_units and totals is not None:
        if command == "report":
            check_units_in_totals(den.missing_units, year, name)
        warnings.append(units_not_in_totals(den.missing_units, year, name))
    return den


def _trend(history: list[Round], flows: Any, den_base: Denominators, den_cur: Denominators, baseline_year: int | None,
           current_year: int | None, totals: pd.DataFrame | None, levels: list[str], warnings: list[str],
           command: str = "progress") -> Any:
    rows = []
    for r in history:
        den = _denominators(r.households, levels, totals, r.year, warnings, r.name, command=command)
        status = r.households["status"]
        rows.append({"year": r.year, "households": int(den.table["households"].sum()),
                     "poor_households": int((status == POOR).sum()), "near_poor_households": int((status == NEAR_POOR).sum())})
    poor, near = flows.table(POOR).iloc[-1], flows.table(NEAR_POOR).iloc[-1]
    rows.append({"year": baseline_year, "households": int(den_base.table["households"].sum()),
                 "poor_households": int(poor["start"]), "near_poor_households": int(near["start"])})
    rows.append({"year": current_year, "households": int(den_cur.table["households"].sum()),
                 "poor_households": int(poor["end"]), "near_poor_households": int(near["end"])})
    if any(r["year"] is None for r in rows):
        raise UsageError(text("guard.trend_needs_years"), hint=fix("guard.trend_needs_years", lang=None)
                         if command != "report" else text("guard.trend_needs_years_report"))
    return rate_trend(pd.DataFrame(rows), periods=read_programme())


def _flow_warnings(flows: Any, undetermined: dict[str, int], warnings: list[str]) -> None:
    if flows.missing_ids:
        warnings.append(text("progress.missing_households", count=len(flows.missing_ids),
                             ids=id_list(flows.missing_ids)))
    if flows.moved_ids:
        warnings.append(text("progress.moved_households", count=len(flows.moved_ids), ids=id_list(flows.moved_ids)))
    for name, n in undetermined.items():
        if n:
            warnings.append(text("progress.undetermined", count=n, round=round_name(name)))
