"""The public API: the same functions the command line calls."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Mapping

from .domain.progress import Progress
from .domain.run import classify_survey
from .domain.standard import Standard
from .domain.survey import Classification, Survey
from .domain.targets import Plan
from .errors import DataError
from .io import standards as _standards
from .io.classified_output import write_classified as _write_classified
from .io.survey_reader import read_survey as _read_survey
from .io.writers import check_output

Inputs = Iterable["str | Path"] | str | Path


def _as_list(inputs: Inputs) -> list[str | Path]:
    return [inputs] if isinstance(inputs, (str, Path)) else list(inputs)


def list_standards() -> list[Standard]:
    """Every built-in standard, oldest first."""
    return sorted((_standards.read_standard(i) for i in _standards.builtin_ids()), key=lambda s: s.valid_from)


def load_standard(
    ref: str | Path | Standard | None = None,
    *,
    year: int | None = None,
    min_deprivations: int | None = None,
    income_line_rural: float | None = None,
    income_line_urban: float | None = None,
) -> Standard:
    """A standard by id or TOML path, else the one in force for ``year`` (default: this year's review),
    with what-if overrides applied."""
    if isinstance(ref, Standard):
        standard = ref
    elif ref is not None:
        standard = _standards.read_standard(ref)
    else:
        standard = _standards.standard_for_year(year or dt.date.today().year)
    return standard.with_overrides(
        min_deprivations=min_deprivations,
        income_line_rural=income_line_rural,
        income_line_urban=income_line_urban,
    )


def read_survey(
    inputs: Inputs,
    *,
    standard: str | Path | Standard | None = None,
    year: int | None = None,
    columns: Mapping[str, str] | None = None,
    sheet: str | None = None,
    commune: str | None = None,
    area: str | None = None,
) -> Survey:
    """Read survey files and folders into one Survey (canonical fields, original columns, problems)."""
    return _read_survey(
        _as_list(inputs),
        standard=load_standard(standard, year=year),
        columns=columns,
        sheet=sheet,
        commune=commune,
        area=area,
    )


def classify(
    survey: Survey | Inputs,
    *,
    standard: str | Path | Standard | None = None,
    year: int | None = None,
    strict: bool = False,
    lang: str = "vi",
    min_deprivations: int | None = None,
    income_line_rural: float | None = None,
    income_line_urban: float | None = None,
    **read_options: object,
) -> Classification:
    """Classify every household of a survey (or of the files given); rejected rows are kept aside."""
    std = load_standard(
        standard,
        year=year,
        min_deprivations=min_deprivations,
        income_line_rural=income_line_rural,
        income_line_urban=income_line_urban,
    )
    if not isinstance(survey, Survey):
        survey = _read_survey(_as_list(survey), standard=std, **read_options)  # type: ignore[arg-type]
    result = classify_survey(survey, std, lang=lang)
    if strict:
        rejected = len(result.summary["rejected"])
        warnings = result.summary["warnings"]
        if rejected or warnings:
            raise DataError(
                f"--strict: {rejected} rejected row(s) and {warnings} warning(s).",
                hint="Run 'povertool check' on the same files to list them, fix them, and run again.",
            )
    return result


def write_classified(result: Classification, path: str | Path, *, inputs: Iterable[str | Path] = (), lang: str = "vi") -> list[Path]:
    """Write a classification as .xlsx, .csv, .parquet or .json (by extension); never over an input."""
    path = Path(path)
    check_output(path, [Path(p) for p in inputs])
    return _write_classified(result, path, lang=lang)


def progress(
    current: Inputs | Survey | Classification,
    *,
    baseline: Inputs | Survey | Classification | None = None,
    history: Iterable[Inputs | Survey | Classification] = (),
    plan: str | Path | Plan | None = None,
    totals: str | Path | None = None,
    by: str | Iterable[str] | None = "commune",
    baseline_year: int | None = None,
    current_year: int | None = None,
    standard: str | Path | Standard | None = None,
) -> Progress:
    """Flows of poor and near-poor households between two review rounds, and progress against the plan.

    Returns a Progress: ``flows.table(group, measure)`` per unit with the spec's codes as columns, ``values``
    (every metric per unit in both rounds), ``targets``, ``trend``; ``.to_dict()`` is the --json output.
    Without ``baseline``, the current file's previous_status column (Phân loại năm trước) gives the baseline.
    """
    from .progress_run import run_progress

    def _read(inputs: object, **options: object) -> Survey:
        return read_survey(inputs, **options)  # type: ignore[arg-type]

    return run_progress(
        current, baseline=baseline, history=list(history), plan=plan, totals=totals, by=by,  # type: ignore[arg-type]
        baseline_year=baseline_year, current_year=current_year, classify=classify, read=_read, standard=standard,
    )
