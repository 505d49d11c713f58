"""The summary job: counts, rates, deprivations, Alkire–Foster and sub-groups by level; write them out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from ..choices import accepted
from ..domain.denominators import unit_denominators
from ..domain.standard import Standard
from ..domain.summary import LEVELS as SUMMARY_LEVELS
from ..domain.summary import Summary, summarise_households
from ..domain.survey import Classification, Survey
from ..errors import OutputError, UsageError
from ..read.survey_reader import FileProgress
from ..read.totals import read_totals, totals_for_year
from ..render.writers import check_output
from .classifying import classify_with, survey_files, survey_year
from .guards import check_year, rejected_rows
from .options import Inputs, ReadOptions
from .standards import indicator_dimensions, load_standard
from .units import UnitsMap, UnitsMapping, mapping_for


def summary_levels(by: Iterable[str] | str) -> list[str]:
    """'commune,village' -> ['commune', 'village']; an unknown or repeated level is a usage error."""
    levels = [p.strip() for p in by.split(",")] if isinstance(by, str) else list(by)
    unknown = [lv for lv in levels if lv not in SUMMARY_LEVELS]
    if not levels or unknown or len(set(levels)) != len(levels):
        raise UsageError.of("api.summary_levels", levels=",".join(levels), known=accepted("level", SUMMARY_LEVELS))
    return levels


def summarise(
    survey: Classification | Survey | Inputs,
    *,
    by: Iterable[str] | str = ("commune",),
    totals: str | Path | pd.DataFrame | None = None,
    year: int | None = None,
    standard: str | Path | Standard | None = None,
    strict: bool = False,
    units_map: str | Path | UnitsMap | UnitsMapping | None = None,
    columns: Mapping[str, str] | str | Path | None = None,
    sheet: str | None = None,
    commune: str | None = None,
    area: str | None = None,
    reference_date: dt.date | None = None,
    file_progress: FileProgress | None = None,
) -> Summary:
    """Counts, rates, deprivations, Alkire–Foster and sub-groups by ``by`` levels, with subtotals and a total.

    Rates divide by all households of each unit from ``totals`` (a file or a frame from read_totals); the
    totals' year is ``year``, else the survey's title year. Without totals the data is taken as a full census.
    ``units_map`` gives every figure by the communes after the 2025 reform (totals may name old or new units).
    """
    levels = summary_levels(by)
    check_year(year, standard=standard)
    mapping = mapping_for(units_map, levels)
    options = ReadOptions(columns=columns, sheet=sheet, commune=commune, area=area, reference_date=reference_date,
                          file_progress=file_progress)
    result = survey if isinstance(survey, Classification) else classify_with(survey, standard=standard, year=year,
                                                                             strict=strict, options=options)
    std = result.standard or load_standard(result.standard_id)
    households = mapping.households(result.households, survey_files(result)) if mapping else result.households
    table = None
    if totals is not None:
        frame = totals if isinstance(totals, pd.DataFrame) else read_totals(totals)
        table = totals_for_year(frame, year or survey_year(result))
        table = mapping.totals(table) if mapping else table
    denominators = unit_denominators(households, levels, table)
    summary = summarise_households(households, std.indicator_codes, levels, denominators)
    summary.standard_id = result.standard_id
    summary.year = year or survey_year(result)
    summary.indicator_names = {i.code: (i.name, i.name_en or i.name) for i in std.indicators}
    summary.notes = list(result.summary.get("notes", []))
    summary.rejected = rejected_rows(result.summary["rejected"])
    summary.units_map = mapping.info() if mapping else None
    return summary


SUMMARY_SUFFIXES = (".xlsx", ".csv", ".json")


def write_summary(summary: Summary, path: str | Path, *, inputs: Iterable[str | Path] = (), lang: str = "vi") -> Path:
    """Write a summary as .xlsx, .csv or .json (by extension); never over an input."""
    from ..render.summary_table import write_summary as _write

    path = Path(path)
    if path.suffix.lower() not in SUMMARY_SUFFIXES:
        raise OutputError.of("api.summary_format", path=path)
    check_output(path, [Path(p) for p in inputs])
    dimensions = indicator_dimensions(summary.standard_id) if path.suffix.lower() == ".xlsx" else {}
    _write(summary, path, lang=lang, dimensions=dimensions)
    return path
