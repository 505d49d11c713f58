"""The public API: the same functions the command line calls."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Mapping

from .domain.run import classify_survey
from .domain.standard import Standard
from .domain.survey import Classification, Survey
from .errors import DataError, PovertoolError
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
    columns: Mapping[str, str] | str | Path | None = None,
    sheet: str | None = None,
    commune: str | None = None,
    area: str | None = None,
    collect_file_errors: bool = False,
) -> Survey:
    """Read survey files and folders into one Survey (canonical fields, original columns, problems).
    ``columns`` maps headers to fields (or names a CSV/TOML file that does); ``collect_file_errors`` lists an
    unreadable file as a problem instead of stopping (what ``check`` does)."""
    return _read_survey(
        _as_list(inputs),
        standard=load_standard(standard, year=year),
        columns=_columns_mapping(columns),
        sheet=sheet,
        commune=commune,
        area=area,
        year=year,
        collect_file_errors=collect_file_errors,
    )


def _columns_mapping(columns: Mapping[str, str] | str | Path | None) -> Mapping[str, str] | None:
    """A --columns mapping given as a mapping or as a CSV/TOML file."""
    if columns is None or isinstance(columns, Mapping):
        return columns
    from .io.columns import read_columns

    return read_columns(columns)


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
        if "columns" in read_options:
            read_options["columns"] = _columns_mapping(read_options["columns"])  # type: ignore[arg-type]
        paths = _as_list(survey)
        survey = _read_survey(paths, standard=std, year=year, **read_options)  # type: ignore[arg-type]
        if standard is None and year is None and survey.year is not None:
            # The year in the title rows ("NĂM 2024") picks the standard in force for that review.
            try:
                titled = load_standard(None, year=survey.year, min_deprivations=min_deprivations,
                                       income_line_rural=income_line_rural, income_line_urban=income_line_urban)
            except PovertoolError:  # no built-in standard for that year: keep this year's
                titled = std
            if titled.id != std.id:
                std = titled
                survey = _read_survey(paths, standard=std, **read_options)  # type: ignore[arg-type]
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
