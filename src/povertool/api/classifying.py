"""The classify job: read the surveys, choose the standard, classify every household, add the notes people
read; write the classified file; the streamed path for one file of any size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..domain.classification_summary import ClassificationSummary
from ..domain.classify import low_income_note, standard_notes
from ..domain.denominators import unit_denominators
from ..domain.measures import headline
from ..domain.run import classify_survey
from ..domain.standard import Standard
from ..domain.survey import Classification, SourceInfo, Survey
from ..errors import DataError, OptionError
from ..messages import location, text
from ..read.headers import personal_columns
from ..read.roster_reader import roster_summary
from ..read.survey_reader import FileProgress
from ..read.survey_reader import read_survey as _read_survey
from ..read.totals import read_totals, totals_for_year
from ..render.classified_output import write_classified as _write_classified
from ..render.notes import note_text, notes_text
from ..render.reasons import add_words
from ..render.writers import check_output
from .guards import (
    check_year,
    classification_notes,
    rejected_rows,
    review_year_note,
    year_of_selection,
)
from .options import Inputs, ReadOptions, WhatIf, as_list, columns_mapping
from .standards import choose_standard
from .units import UnitsMap, UnitsMapping, mapping_for


def read_choosing_standard(inputs: Inputs, standard: str | Path | Standard | None, year: int | None,
                           what_if: WhatIf, options: ReadOptions) -> tuple[Survey, Standard]:
    """Read with the standard asked for; with neither --standard nor --year, the title year decides.

    The indicator headers depend on the standard, so when the title year names another standard the files are
    read again with it (the first read found the year; most surveys need one read)."""
    arguments = {**options.reader_arguments(), "year": year}
    first = choose_standard(standard, year=year, what_if=what_if)
    survey = _read_survey(as_list(inputs), standard=first, **arguments)
    std = choose_standard(standard, year=year, title_year=survey.year, what_if=what_if)
    if std.id != first.id:
        survey = _read_survey(as_list(inputs), standard=std, **arguments)
    return survey, std


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
    reference_date: dt.date | None = None,
    file_progress: FileProgress | None = None,
) -> Survey:
    """Read survey files and folders into one Survey (canonical fields, original columns, problems).
    ``columns`` maps headers to fields (or names a CSV/TOML file that does); ``collect_file_errors`` lists an
    unreadable file as a problem instead of stopping (what ``check`` does). A members sheet or file beside the
    households (a member roster) gives the indicators by the standard's roster rules, ages taken at
    ``reference_date`` (default 1 January of the review year). ``file_progress`` shows the files being read
    (see ``read.survey_reader.FileProgress``)."""
    check_year(year, standard=standard)
    options = ReadOptions(columns=columns, sheet=sheet, commune=commune, area=area,
                          collect_file_errors=collect_file_errors, reference_date=reference_date,
                          file_progress=file_progress)
    survey, _ = read_choosing_standard(inputs, standard, year, WhatIf(), options)
    return survey


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
    units_map: str | Path | UnitsMap | None = None,
    compare_standard: str | Path | Standard | None = None,
    columns: Mapping[str, str] | str | Path | None = None,
    sheet: str | None = None,
    commune: str | None = None,
    area: str | None = None,
    reference_date: dt.date | None = None,
    file_progress: FileProgress | None = None,
) -> Classification:
    """Classify every household of a survey (or of the files given); rejected rows are kept aside.

    The standard: ``standard`` (id, TOML path or Standard), else the one in force for ``year``, else for the
    year in the files' titles, else for the current year. ``summary["standard_selected_by"]`` says which.
    With ``totals`` the summary's rates divide by all households of the units (see ``summarise``); ``units_map``
    (a map file or UnitsMap) gives the households by the communes after the 2025 reform (``summary["units_map"]``).
    ``compare_standard`` classifies the same rows under a second standard too: its status and reason go beside the
    first (compare_* columns) and its counts and rates into ``summary["compare"]``."""
    options = ReadOptions(columns=columns, sheet=sheet, commune=commune, area=area, reference_date=reference_date,
                          file_progress=file_progress)
    return classify_with(survey, standard=standard, year=year, strict=strict, lang=lang, totals=totals,
                         units_map=units_map, compare_standard=compare_standard, options=options,
                         what_if=WhatIf(min_deprivations, income_line_rural, income_line_urban))


def classify_with(
    survey: Survey | Inputs,
    *,
    options: ReadOptions | None = None,
    what_if: WhatIf | None = None,
    standard: str | Path | Standard | None = None,
    year: int | None = None,
    strict: bool = False,
    lang: str = "vi",
    totals: str | Path | pd.DataFrame | None = None,
    units_map: str | Path | UnitsMap | None = None,
    compare_standard: str | Path | Standard | None = None,
) -> Classification:
    """``classify`` with the read options and what-if values already gathered (what the other jobs call)."""
    check_year(year, standard=standard)
    options, what_if = options or ReadOptions(), what_if or WhatIf()
    given = survey  # --compare-standard reads the files again: the indicator headers depend on the standard
    if isinstance(survey, Survey):
        std = choose_standard(standard, year=year, title_year=survey.year, what_if=what_if)
    else:
        survey, std = read_choosing_standard(survey, standard, year, what_if, options.resolved())
    result = classify_survey(survey, std)
    result.households = add_words(result.households, std, lang)
    summary = result.summary
    summary["standard_name"] = (std.name_en or std.name) if lang == "en" else std.name
    summary["standard_selected_by"] = std.selected_by
    review_year = year or survey.year
    summary["guard_notes"] = classification_notes(result.sources, std, year, standard is not None)
    summary["notes"] = (summary["guard_notes"] + notes_text(standard_notes(result.households, std, year=review_year))
                        + _reading_notes(result.problems))
    # NĐ 30/2025 defines low-income workers for 2021–2025: after that the flag is kept but marked to verify.
    summary["low_income_verify"] = note_text(low_income_note(std, review_year))
    summary["rejected_rows"] = len(rejected_rows(summary["rejected"]))
    if result.roster is not None:
        summary["roster"] = roster_summary(result.roster, len(result.households))
    mapping = mapping_for(units_map)
    if mapping is not None:
        result.households = mapping.households(result.households, survey_files(result))
    if totals is not None:
        _apply_totals(result, totals, year, mapping)
    if mapping is not None:
        summary["units_map"] = mapping.info().to_dict()
    if compare_standard is not None:
        other = classify_with(given, standard=compare_standard, year=year, lang=lang, totals=totals,
                              units_map=units_map, options=options)
        _add_comparison(result, other)
    if strict:
        _stop_when_strict(result)
    return result


def _stop_when_strict(result: Classification) -> None:
    """--strict: any rejected row or warning stops the run, naming the first problem."""
    rejected = len(result.summary["rejected"])
    warnings = result.summary["warnings"]
    if rejected or warnings:
        first = result.problems.sort_values("severity").iloc[0]  # errors sort before warnings
        raise DataError.of("api.strict", rejected=rejected, warnings=warnings,
                           where=location(first["file"], first["sheet"], first["row"], first["column"]),
                           problem=first["problem"], value=first["value"], fix=first["fix"])


def _reading_notes(problems: pd.DataFrame) -> list[str]:
    """The notes of reading (files of a folder passed over, sub-folders not read), said on every run."""
    notes = problems[(problems["severity"] == "note") & problems["record"].isna()]
    return [str(p) for p in notes["problem"]]


def _add_comparison(result: Classification, other: Classification) -> None:
    """The second standard's status and reason beside the first, and its headline in summary['compare']."""
    from ..domain.transition import compare_columns

    result.households = pd.concat([result.households, compare_columns(other.households, result.households.index)], axis=1)
    keys = ("standard", "standard_name", "households", "persons", "status_counts", "status_persons", "poor_rate",
            "near_poor_rate", "multidimensional_rate", "denominator", "denominator_households")
    result.summary["compare"] = {k: other.summary[k] for k in keys if k in other.summary}  # type: ignore[literal-required]


def roster_lines(survey: Survey) -> list[str]:
    """One line per members sheet read beside the households (none without a member roster)."""
    from ..read.roster_reader import sheet_lines

    return sheet_lines(survey.roster) if survey.roster is not None else []


def survey_files(result: Classification) -> str:
    """The list a classification came from, for messages ('Danh sách an-binh-2024.xlsx')."""
    files = ", ".join(dict.fromkeys(Path(s.path).name for s in result.sources))
    return text("units_map.what.survey", files=files)


def survey_year(result: Classification) -> int | None:
    """The review year written in the title rows, when all files agree."""
    years = {s.year for s in result.sources if s.year}
    return years.pop() if len(years) == 1 else None


def _apply_totals(result: Classification, totals: str | Path | pd.DataFrame, year: int | None,
                  mapping: UnitsMapping | None = None) -> None:
    """Recompute the headline rates over all households of the units in ``totals`` (summary['denominator'] = 'totals')."""
    frame = totals if isinstance(totals, pd.DataFrame) else read_totals(totals)
    totals_year = year or survey_year(result)
    table = totals_for_year(frame, totals_year)
    if mapping is not None:
        table = mapping.totals(table)
    households = result.households
    levels = [lv for lv in ("province", "district", "commune", "village") if lv in table.columns and lv in households]
    if not levels:
        raise DataError.of("api.totals_no_unit")
    denominators = unit_denominators(households, levels, table)
    result.summary.update(headline(households, total_households=denominators.households))  # type: ignore[typeddict-item]
    result.summary["missing_units"] = denominators.missing_units
    result.summary["totals_year"] = totals_year


def write_classified(result: Classification, path: str | Path, *, inputs: Iterable[str | Path] = (), lang: str = "vi",
                     include_personal: bool = False) -> list[Path]:
    """Write a classification as .xlsx, .csv, .parquet or .json (by extension); never over an input (give every
    file that was read: surveys, totals, columns). A .json leaves out name, ID-card and address columns unless
    ``include_personal``."""
    path = Path(path)
    check_output(path, [Path(p) for p in inputs])
    return _write_classified(result, path, lang=lang, include_personal=include_personal,
                             personal_by_header=personal_columns)


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
    columns: Mapping[str, str] | str | Path | None = None,
    commune: str | None = None,
    area: str | None = None,
) -> tuple[ClassificationSummary, list[Path]]:
    """Classify one .csv/.parquet survey of any size chunk by chunk into a .csv/.parquet output (bounded
    memory); returns (summary, files written). Same output as classify + write_classified."""
    from .stream import DEFAULT_CHUNK_ROWS, title_year
    from .stream import classify_stream as _classify_stream

    what_if = WhatIf(min_deprivations, income_line_rural, income_line_urban)
    input_path, output = Path(input_path), Path(output)
    options = ReadOptions(columns=columns)
    check_output(output, [input_path, *options.files()])
    mapping = dict(columns_mapping(columns) or {})
    std = choose_standard(standard, year=year, what_if=what_if)
    if standard is None and year is None:  # as classify: the year in the file's title picks the standard
        std = choose_standard(None, title_year=title_year(input_path, std, mapping), what_if=what_if)
    summary, written = _classify_stream(input_path, output, standard=std, lang=lang, strict=strict,
                                        chunk_rows=chunk_rows or DEFAULT_CHUNK_ROWS, columns=mapping,
                                        commune=commune, area=area, year=year)
    review = review_year_note(std, year or year_of_selection(std.selected_by), standard is not None)
    summary["notes"] = ([review] if review else []) + list(summary.get("notes", []))
    return summary, written  # type: ignore[return-value]


STREAM_MIN_BYTES = 100 * 1024 * 1024  # one input this large goes through the chunked path by itself


def use_stream(inputs: Inputs, output: str | Path, *, force: bool = False) -> bool:
    """Whether classify should take the chunked path: one .csv/.parquet input, a .csv/.parquet output, and
    ``force`` or an input of STREAM_MIN_BYTES or more."""
    from .stream import can_stream

    paths = [Path(p) for p in as_list(inputs)]
    if not can_stream(paths, Path(output)):
        return False
    return force or paths[0].stat().st_size >= STREAM_MIN_BYTES


@dataclass
class ClassifiedFiles:
    """What ``classify_files`` did: the summary, the sheets read and the files written."""

    summary: ClassificationSummary
    sources: list[SourceInfo]
    written: list[Path]
    streamed: bool = False


def classify_files(
    inputs: Inputs,
    output: str | Path | None = None,
    *,
    standard: str | Path | Standard | None = None,
    year: int | None = None,
    strict: bool = False,
    lang: str = "vi",
    min_deprivations: int | None = None,
    income_line_rural: float | None = None,
    income_line_urban: float | None = None,
    totals: str | Path | None = None,
    census: bool = False,
    units_map: str | Path | None = None,
    compare_standard: str | Path | Standard | None = None,
    columns: str | Path | None = None,
    sheet: str | None = None,
    commune: str | None = None,
    area: str | None = None,
    reference_date: dt.date | None = None,
    include_personal: bool = False,
    stream: bool = False,
    file_progress: FileProgress | None = None,
) -> ClassifiedFiles:
    """``povertool classify``: classify the files and write the classified file (default IN.classified.xlsx
    beside the first input), never over a file read. One large .csv/.parquet goes chunk by chunk (``stream``
    forces it; it cannot be combined with ``totals`` and needs one .csv/.parquet input and output)."""
    from ..render.writers import default_output
    from .guards import check_census_flag

    check_census_flag(totals, census)
    paths = [Path(p) for p in as_list(inputs)]
    target = Path(output) if output is not None else default_output(paths[0])
    protected = [*paths, *(Path(p) for p in (totals, columns, units_map) if p is not None)]  # every file read
    check_output(target, protected)
    if stream and totals is not None:
        raise OptionError.about("--stream", "usage.stream_totals")
    if totals is None and units_map is None and compare_standard is None and use_stream(paths, target, force=stream):
        summary, written = classify_stream(
            paths[0], target, standard=standard, year=year, strict=strict, lang=lang,
            min_deprivations=min_deprivations, income_line_rural=income_line_rural,
            income_line_urban=income_line_urban, columns=columns, commune=commune, area=area,
        )
        summary.setdefault("rejected_rows", sum(f["rejected"] for f in summary["files"]))
        return ClassifiedFiles(summary, summary.pop("sources"), written, streamed=True)
    if stream:
        raise OptionError.about("--stream", "usage.stream_files")
    result = classify(
        paths, standard=standard, year=year, strict=strict, lang=lang,
        min_deprivations=min_deprivations, income_line_rural=income_line_rural, income_line_urban=income_line_urban,
        sheet=sheet, commune=commune, area=area, totals=totals, columns=columns, units_map=units_map,
        compare_standard=compare_standard, reference_date=reference_date, file_progress=file_progress,
    )
    written = write_classified(result, target, inputs=protected, lang=lang, include_personal=include_personal)
    return ClassifiedFiles(result.summary, result.sources, written)
