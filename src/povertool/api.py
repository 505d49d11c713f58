"""The public API: the same functions the command line calls."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Mapping

from .domain.run import classify_survey
from .domain.standard import Standard
from .domain.survey import Classification, Survey
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


def classify_stream(
    input_path: str | Path,
    output: str | Path,
    *,
    standard: str | Path | Standard | None = None,
    year: int | None = None,
    strict: bool = False,
    lang: str = "vi",
    chunk_rows: int | None = None,
    min_deprivations: int | None = None,
    income_line_rural: float | None = None,
    income_line_urban: float | None = None,
    columns: Mapping[str, str] | None = None,
    commune: str | None = None,
    area: str | None = None,
) -> tuple[dict, list[Path]]:
    """Classify one .csv/.parquet survey of any size chunk by chunk into a .csv/.parquet output (bounded
    memory); returns (summary, files written). Same output as classify + write_classified."""
    from .io.stream import DEFAULT_CHUNK_ROWS
    from .io.stream import classify_stream as _classify_stream

    std = load_standard(standard, year=year, min_deprivations=min_deprivations,
                        income_line_rural=income_line_rural, income_line_urban=income_line_urban)
    input_path, output = Path(input_path), Path(output)
    check_output(output, [input_path])
    return _classify_stream(input_path, output, standard=std, lang=lang, strict=strict,
                            chunk_rows=chunk_rows or DEFAULT_CHUNK_ROWS, columns=dict(columns or {}),
                            commune=commune, area=area)


STREAM_MIN_BYTES = 100 * 1024 * 1024  # one input this large goes through the chunked path by itself


def use_stream(inputs: Inputs, output: str | Path, *, force: bool = False) -> bool:
    """Whether classify should take the chunked path: one .csv/.parquet input, a .csv/.parquet output, and
    ``force`` or an input of STREAM_MIN_BYTES or more."""
    from .io.stream import can_stream

    paths = [Path(p) for p in _as_list(inputs)]
    if not can_stream(paths, Path(output)):
        return False
    return force or paths[0].stat().st_size >= STREAM_MIN_BYTES
