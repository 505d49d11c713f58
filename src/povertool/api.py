"""The public API: the same functions the command line calls."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd

from .domain.denominators import unit_denominators
from .domain.measures import headline
from .domain.run import classify_survey
from .domain.standard import Standard
from .domain.summary import LEVELS as SUMMARY_LEVELS
from .domain.summary import Summary, summarise_households
from .domain.survey import Classification, Survey
from .errors import DataError, OutputError, UsageError
from .io import standards as _standards
from .io.classified_output import write_classified as _write_classified
from .io.survey_reader import read_survey as _read_survey
from .io.totals import read_totals as _read_totals
from .io.totals import totals_for_year as _totals_for_year
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
    totals: str | Path | pd.DataFrame | None = None,
    **read_options: object,
) -> Classification:
    """Classify every household of a survey (or of the files given); rejected rows are kept aside.
    With ``totals`` the summary's rates divide by all households of the units (see ``summarise``)."""
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
    if totals is not None:
        _apply_totals(result, totals, year)
    if strict:
        rejected = len(result.summary["rejected"])
        warnings = result.summary["warnings"]
        if rejected or warnings:
            raise DataError(
                f"--strict: {rejected} rejected row(s) and {warnings} warning(s).",
                hint="Run 'povertool check' on the same files to list them, fix them, and run again.",
            )
    return result


def write_summary(summary: Summary, path: str | Path, *, inputs: Iterable[str | Path] = (), lang: str = "vi") -> Path:
    """Write a summary as .xlsx, .csv or .json (by extension); never over an input."""
    from .reports.summary_table import write_summary as _write

    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".csv", ".json"):
        raise OutputError(f"Output {path}: a summary is written as .xlsx, .csv or .json.", hint="Change the extension of -o.")
    check_output(path, [Path(p) for p in inputs])
    _write(summary, path, lang=lang)
    return path


def write_classified(result: Classification, path: str | Path, *, inputs: Iterable[str | Path] = (), lang: str = "vi") -> list[Path]:
    """Write a classification as .xlsx, .csv, .parquet or .json (by extension); never over an input."""
    path = Path(path)
    check_output(path, [Path(p) for p in inputs])
    return _write_classified(result, path, lang=lang)


def summarise(
    survey: Classification | Survey | Inputs,
    *,
    by: Iterable[str] | str = ("commune",),
    totals: str | Path | pd.DataFrame | None = None,
    year: int | None = None,
    standard: str | Path | Standard | None = None,
    **read_options: object,
) -> Summary:
    """Counts, rates, deprivations, Alkire–Foster and sub-groups by ``by`` levels, with subtotals and a total.

    Rates divide by all households of each unit from ``totals`` (a file or a frame from read_totals); the
    totals' year is ``year``, else the survey's title year. Without totals the data is taken as a full census.
    """
    levels = [p.strip() for p in by.split(",")] if isinstance(by, str) else list(by)
    unknown = [lv for lv in levels if lv not in SUMMARY_LEVELS]
    if not levels or unknown or len(set(levels)) != len(levels):
        raise UsageError(f"--by: '{','.join(levels)}' is not a list of distinct levels.",
                         hint=f"Use any of {', '.join(SUMMARY_LEVELS)}, comma-separated, coarsest first.")
    result = survey if isinstance(survey, Classification) else classify(survey, standard=standard, year=year, **read_options)
    std = result.standard or load_standard(result.standard_id)
    table = None
    if totals is not None:
        frame = totals if isinstance(totals, pd.DataFrame) else _read_totals(totals)
        table = _totals_for_year(frame, year or _survey_year(result))
    households = result.households
    denominators = unit_denominators(households, levels, table)
    summary = summarise_households(households, std.indicator_codes, levels, denominators)
    summary.standard_id = result.standard_id
    summary.year = year or _survey_year(result)
    summary.indicator_names = {i.code: (i.name, i.name_en or i.name) for i in std.indicators}
    return summary


def _apply_totals(result: Classification, totals: str | Path | pd.DataFrame, year: int | None) -> None:
    """Recompute the headline rates over all households of the units in ``totals`` (summary['denominator'] = 'totals')."""
    frame = totals if isinstance(totals, pd.DataFrame) else _read_totals(totals)
    table = _totals_for_year(frame, year or _survey_year(result))
    households = result.households
    levels = [lv for lv in ("province", "district", "commune", "village") if lv in table.columns and lv in households]
    if not levels:
        raise DataError("The totals file has no unit column (Tỉnh, Huyện, Xã/Phường, Thôn) that the survey also has.",
                        hint="Name the units in the totals file as in the survey, e.g. a Xã/Phường column.")
    denominators = unit_denominators(households, levels, table)
    result.summary.update(headline(households, total_households=denominators.households))
    result.summary["missing_units"] = denominators.missing_units


def _survey_year(result: Classification) -> int | None:
    """The review year written in the title rows, when all files agree."""
    years = {s.year for s in result.sources if s.year}
    return years.pop() if len(years) == 1 else None
