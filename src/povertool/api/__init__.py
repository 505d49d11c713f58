"""The public API: the same functions the command line calls."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

import pandas as pd

from ..domain.classify import low_income_note, standard_notes
from ..domain.denominators import unit_denominators
from ..domain.measures import headline
from ..domain.progress import Progress
from ..domain.run import classify_survey
from ..domain.standard import Standard
from ..domain.summary import LEVELS as SUMMARY_LEVELS
from ..domain.summary import Summary, summarise_households
from ..domain.survey import Classification, Survey
from ..domain.targets import Plan
from ..errors import DataError, OutputError, StandardError, UsageError
from .guards import (
    check_denominator_choice,
    check_year,
    classification_notes,
    rejected_rows,
    review_year_note,
    year_of_selection,
)
from ..read import standards as _standards
from ..render.classified_output import write_classified as _write_classified
from ..read.roster_reader import roster_summary
from ..read.survey_reader import read_survey as _read_survey
from ..read.totals import read_totals as _read_totals
from ..read.totals import totals_for_year as _totals_for_year
from ..render.writers import check_output
from ..choices import accepted
from ..messages import location, text
from ..render.reasons import add_words
from .units import UnitsMap, UnitsMapping, mapping_for

if TYPE_CHECKING:  # the report model is imported lazily by write_report
    from ..domain.transition import Transition
    from ..render.report_model import Report

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
    with what-if overrides applied; ``selected_by`` says which of these chose it."""
    if isinstance(ref, Standard):
        standard = ref if ref.selected_by else ref.selected("given")
    elif ref is not None:
        standard = _standards.read_standard(ref)
        outside = year is not None and not standard.valid_from <= year <= standard.valid_to
        note = text("standard.chosen.outside", year=year, start=standard.valid_from, end=standard.valid_to) if outside else ""
        standard = standard.selected(text("standard.chosen.given", ref=ref, note=note))
    elif year is not None:
        standard = _standards.standard_for_year(year).selected(text("standard.chosen.year", year=year))
    else:
        today = dt.date.today().year
        standard = _standards.standard_for_year(today).selected(text("standard.chosen.today", year=today))
    return standard.with_overrides(
        min_deprivations=min_deprivations,
        income_line_rural=income_line_rural,
        income_line_urban=income_line_urban,
    )


def _standard_for_title_year(survey: Survey, standard: Standard) -> Standard | None:
    """The standard in force for the year in the files' titles, when it differs from ``standard``."""
    if survey.year is None:
        return None
    try:
        titled = _standards.standard_for_year(survey.year)
    except StandardError:
        return None  # a title year no standard covers (e.g. a misread number) does not stop the run
    if titled.id == standard.id:
        return None
    return titled.selected(text("standard.chosen.title", year=survey.year))


def _read_choosing_standard(
    inputs: Inputs, standard: str | Path | Standard | None, year: int | None, what_if: dict, read_options: Mapping
) -> tuple[Survey, Standard]:
    """Read with the standard asked for; with neither --standard nor --year, the title year decides.

    The indicator headers depend on the standard, so when the title year names another standard the files are
    read again with it (the first read found the year; most surveys need one read)."""
    std = load_standard(standard, year=year, **what_if)
    survey = _read_survey(_as_list(inputs), standard=std, **read_options)
    if standard is None and year is None:
        titled = _standard_for_title_year(survey, std)
        if titled is not None:
            std = titled.with_overrides(**what_if)
            survey = _read_survey(_as_list(inputs), standard=std, **read_options)
        elif survey.year is not None:
            std = replace(std, selected_by=text("standard.chosen.title", year=survey.year))
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
) -> Survey:
    """Read survey files and folders into one Survey (canonical fields, original columns, problems).
    ``columns`` maps headers to fields (or names a CSV/TOML file that does); ``collect_file_errors`` lists an
    unreadable file as a problem instead of stopping (what ``check`` does). A members sheet or file beside the
    households (a member roster) gives the indicators by the standard's roster rules, ages taken at
    ``reference_date`` (default 1 January of the review year)."""
    check_year(year, standard=standard)
    options = {"columns": _columns_mapping(columns), "sheet": sheet, "commune": commune, "area": area,
               "year": year, "collect_file_errors": collect_file_errors, "reference_date": reference_date}
    survey, _ = _read_choosing_standard(inputs, standard, year, {}, options)
    return survey


def _columns_mapping(columns: Mapping[str, str] | str | Path | None) -> Mapping[str, str] | None:
    """A --columns mapping given as a mapping or as a CSV/TOML file."""
    if columns is None or isinstance(columns, Mapping):
        return columns
    from ..read.columns import read_columns

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
    totals: str | Path | pd.DataFrame | None = None,
    units_map: str | Path | UnitsMap | None = None,
    compare_standard: str | Path | Standard | None = None,
    **read_options: object,
) -> Classification:
    """Classify every household of a survey (or of the files given); rejected rows are kept aside.

    The standard: ``standard`` (id, TOML path or Standard), else the one in force for ``year``, else for the
    year in the files' titles, else for the current year. ``summary["standard_selected_by"]`` says which.
    With ``totals`` the summary's rates divide by all households of the units (see ``summarise``); ``units_map``
    (a map file or UnitsMap) gives the households by the communes after the 2025 reform (``summary["units_map"]``).
    ``compare_standard`` classifies the same rows under a second standard too: its status and reason go beside the
    first (compare_* columns) and its counts and rates into ``summary["compare"]``."""
    what_if = {"min_deprivations": min_deprivations, "income_line_rural": income_line_rural,
               "income_line_urban": income_line_urban}
    check_year(year, standard=standard)
    inputs_given = survey  # --compare-standard reads (or classifies) the same rows again
    if isinstance(survey, Survey):
        std = load_standard(standard, year=year, **what_if)
        if standard is None and year is None:
            titled = _standard_for_title_year(survey, std)
            std = titled.with_overrides(**what_if) if titled is not None else std
    else:
        if "columns" in read_options:
            read_options["columns"] = _columns_mapping(read_options["columns"])  # type: ignore[arg-type]
        survey, std = _read_choosing_standard(survey, standard, year, what_if, {**read_options, "year": year})
    result = classify_survey(survey, std)
    result.households = add_words(result.households, std, lang)
    result.summary["standard_name"] = (std.name_en or std.name) if lang == "en" else std.name
    result.summary["standard_selected_by"] = std.selected_by
    review_year = year or survey.year
    result.summary["guard_notes"] = classification_notes(result.sources, std, year, standard is not None)
    result.summary["notes"] = (result.summary["guard_notes"] + standard_notes(result.households, std, year=review_year)
                               + _reading_notes(result.problems))
    # NĐ 30/2025 defines low-income workers for 2021–2025: after that the flag is kept but marked to verify.
    result.summary["low_income_verify"] = low_income_note(std, review_year)
    result.summary["rejected_rows"] = len(rejected_rows(result.summary["rejected"]))
    if result.roster is not None:
        result.summary["roster"] = roster_summary(result.roster, len(result.households))
    mapping = mapping_for(units_map)
    if mapping is not None:
        result.households = mapping.households(result.households, _what(result))
    if totals is not None:
        _apply_totals(result, totals, year, mapping)
    if mapping is not None:
        result.summary["units_map"] = mapping.info().to_dict()
    if compare_standard is not None:
        other = classify(inputs_given, standard=compare_standard, year=year, lang=lang, totals=totals, units_map=units_map,
                         **read_options)
        _add_comparison(result, other)
    if strict:
        rejected = len(result.summary["rejected"])
        warnings = result.summary["warnings"]
        if rejected or warnings:
            first = result.problems.sort_values("severity").iloc[0]  # errors sort before warnings
            raise DataError.of("api.strict", rejected=rejected, warnings=warnings,
                               where=location(first["file"], first["sheet"], first["row"], first["column"]),
                               problem=first["problem"], value=first["value"], fix=first["fix"])
    return result


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
    result.summary["compare"] = {k: other.summary[k] for k in keys if k in other.summary}


def write_summary(summary: Summary, path: str | Path, *, inputs: Iterable[str | Path] = (), lang: str = "vi") -> Path:
    """Write a summary as .xlsx, .csv or .json (by extension); never over an input."""
    from ..render.summary_table import write_summary as _write

    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".csv", ".json"):
        raise OutputError.of("api.summary_format", path=path)
    check_output(path, [Path(p) for p in inputs])
    dimensions = {}
    if path.suffix.lower() == ".xlsx" and summary.standard_id:
        try:
            dimensions = {i.code: i.dimension for i in load_standard(summary.standard_id).indicators}
        except StandardError:  # a local standard known only by its file: indicators without dimension groups
            dimensions = {}
    _write(summary, path, lang=lang, dimensions=dimensions)
    return path


def write_classified(result: Classification, path: str | Path, *, inputs: Iterable[str | Path] = (), lang: str = "vi",
                     include_personal: bool = False) -> list[Path]:
    """Write a classification as .xlsx, .csv, .parquet or .json (by extension); never over an input (give every
    file that was read: surveys, totals, columns). A .json leaves out name, ID-card and address columns unless
    ``include_personal``."""
    path = Path(path)
    check_output(path, [Path(p) for p in inputs])
    return _write_classified(result, path, lang=lang, include_personal=include_personal)


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
) -> tuple[dict, list[Path]]:
    """Classify one .csv/.parquet survey of any size chunk by chunk into a .csv/.parquet output (bounded
    memory); returns (summary, files written). Same output as classify + write_classified."""
    from .stream import DEFAULT_CHUNK_ROWS, title_year
    from .stream import classify_stream as _classify_stream

    what_if = {"min_deprivations": min_deprivations, "income_line_rural": income_line_rural,
               "income_line_urban": income_line_urban}
    std = load_standard(standard, year=year, **what_if)
    input_path, output = Path(input_path), Path(output)
    check_output(output, [input_path, *([Path(columns)] if isinstance(columns, (str, Path)) else [])])
    columns = dict(_columns_mapping(columns) or {})
    if standard is None and year is None:  # as classify: the year in the file's title picks the standard
        titled_year = title_year(input_path, std, columns)
        if titled_year is not None:
            try:
                titled = _standards.standard_for_year(titled_year)
            except StandardError:
                titled = None
            if titled is not None and titled.id != std.id:
                std = titled.selected(text("standard.chosen.title", year=titled_year)).with_overrides(**what_if)
            else:
                std = replace(std, selected_by=text("standard.chosen.title", year=titled_year))
    summary, written = _classify_stream(input_path, output, standard=std, lang=lang, strict=strict,
                                        chunk_rows=chunk_rows or DEFAULT_CHUNK_ROWS, columns=columns,
                                        commune=commune, area=area, year=year)
    review = review_year_note(std, year or year_of_selection(std.selected_by), standard is not None)
    summary["notes"] = ([review] if review else []) + list(summary.get("notes", []))
    return summary, written


STREAM_MIN_BYTES = 100 * 1024 * 1024  # one input this large goes through the chunked path by itself


def use_stream(inputs: Inputs, output: str | Path, *, force: bool = False) -> bool:
    """Whether classify should take the chunked path: one .csv/.parquet input, a .csv/.parquet output, and
    ``force`` or an input of STREAM_MIN_BYTES or more."""
    from .stream import can_stream

    paths = [Path(p) for p in _as_list(inputs)]
    if not can_stream(paths, Path(output)):
        return False
    return force or paths[0].stat().st_size >= STREAM_MIN_BYTES


DEFAULT_TEMPLATE = "mau-ra-soat.xlsx"
DEFAULT_ROSTER_TEMPLATE = "mau-ra-soat-thanh-vien.xlsx"


def write_template(
    path: str | Path | None = None,
    *,
    standard: str | Path | Standard | None = None,
    year: int | None = None,
    totals: str | Path | None = None,
    lang: str = "vi",
    force: bool = False,
    roster: bool = False,
    area_name: str | None = None,
) -> Path:
    """Write the fill-in survey workbook (default mau-ra-soat.xlsx here); never over an existing file unless ``force``.
    ``roster``: the two-sheet form (households, members) from which the indicators are derived (default
    mau-ra-soat-thanh-vien.xlsx). ``area_name`` ("Xã Tân Phú") fills the "UBND …" line and ``year`` the title's year."""
    from ..errors import OutputError, UsageError
    from ..render.template import write_template as _write_template
    from ..read.totals import read_totals
    from ..labels import LANGUAGES

    if lang not in LANGUAGES:
        raise UsageError.of("api.unknown_language", lang=lang)
    target = Path(path) if path is not None else Path(DEFAULT_ROSTER_TEMPLATE if roster else DEFAULT_TEMPLATE)
    if target.suffix.lower() != ".xlsx":
        raise OutputError.of("api.template_format", path=target, suffix=target.suffix)
    check_output(target, [Path(totals)] if totals is not None else [])
    if target.exists() and not force:
        raise OutputError.of("api.template_exists", path=target)
    check_year(year, standard=standard)
    std = load_standard(standard, year=year)
    unit_totals = read_totals(totals) if totals is not None else None
    if roster:
        from ..render.roster_template import write_roster_template

        write_roster_template(target, std, lang=lang, totals=unit_totals)
    else:
        _write_template(target, std, lang=lang, totals=unit_totals, area_name=area_name, year=year)
    return target
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
    census: bool = False,
    strict: bool = False,
    allow_standard_change: bool = False,
    units_map: str | Path | UnitsMap | None = None,
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
    from .rounds import run_progress

    def _read(inputs: object, **options: object) -> Survey:
        return read_survey(inputs, **options)  # type: ignore[arg-type]

    return run_progress(
        current, baseline=baseline, history=list(history), plan=plan, totals=totals, by=by,  # type: ignore[arg-type]
        baseline_year=baseline_year, current_year=current_year, classify=classify, read=_read, standard=standard,
        census=census, strict=strict, allow_standard_change=allow_standard_change,
        units_map=units_map,
    )


def summarise(
    survey: Classification | Survey | Inputs,
    *,
    by: Iterable[str] | str = ("commune",),
    totals: str | Path | pd.DataFrame | None = None,
    year: int | None = None,
    standard: str | Path | Standard | None = None,
    strict: bool = False,
    units_map: str | Path | UnitsMap | None = None,
    **read_options: object,
) -> Summary:
    """Counts, rates, deprivations, Alkire–Foster and sub-groups by ``by`` levels, with subtotals and a total.

    Rates divide by all households of each unit from ``totals`` (a file or a frame from read_totals); the
    totals' year is ``year``, else the survey's title year. Without totals the data is taken as a full census.
    ``units_map`` gives every figure by the communes after the 2025 reform (totals may name old or new units).
    """
    levels = [p.strip() for p in by.split(",")] if isinstance(by, str) else list(by)
    unknown = [lv for lv in levels if lv not in SUMMARY_LEVELS]
    if not levels or unknown or len(set(levels)) != len(levels):
        raise UsageError.of("api.summary_levels", levels=",".join(levels), known=accepted("level", SUMMARY_LEVELS))
    check_year(year, standard=standard)
    mapping = mapping_for(units_map, levels)
    result = survey if isinstance(survey, Classification) else classify(survey, standard=standard, year=year,
                                                                        strict=strict, **read_options)
    std = result.standard or load_standard(result.standard_id)
    households = mapping.households(result.households, _what(result)) if mapping else result.households
    table = None
    if totals is not None:
        frame = totals if isinstance(totals, pd.DataFrame) else _read_totals(totals)
        table = _totals_for_year(frame, year or _survey_year(result))
        table = mapping.totals(table) if mapping else table
    denominators = unit_denominators(households, levels, table)
    summary = summarise_households(households, std.indicator_codes, levels, denominators)
    summary.standard_id = result.standard_id
    summary.year = year or _survey_year(result)
    summary.indicator_names = {i.code: (i.name, i.name_en or i.name) for i in std.indicators}
    summary.notes = list(result.summary.get("notes", []))
    summary.rejected = rejected_rows(result.summary["rejected"])
    summary.units_map = mapping.info() if mapping else None
    return summary


def _what(result: Classification) -> str:
    """The list a classification came from, for messages ('Danh sách an-binh-2024.xlsx')."""
    files = ", ".join(dict.fromkeys(Path(s.path).name for s in result.sources))
    return text("units_map.what.survey", files=files)


def _apply_totals(result: Classification, totals: str | Path | pd.DataFrame, year: int | None,
                  mapping: UnitsMapping | None = None) -> None:
    """Recompute the headline rates over all households of the units in ``totals`` (summary['denominator'] = 'totals')."""
    frame = totals if isinstance(totals, pd.DataFrame) else _read_totals(totals)
    totals_year = year or _survey_year(result)
    table = _totals_for_year(frame, totals_year)
    if mapping is not None:
        table = mapping.totals(table)
    households = result.households
    levels = [lv for lv in ("province", "district", "commune", "village") if lv in table.columns and lv in households]
    if not levels:
        raise DataError.of("api.totals_no_unit")
    denominators = unit_denominators(households, levels, table)
    result.summary.update(headline(households, total_households=denominators.households))
    result.summary["missing_units"] = denominators.missing_units
    result.summary["totals_year"] = totals_year


def _survey_year(result: Classification) -> int | None:
    """The review year written in the title rows, when all files agree."""
    years = {s.year for s in result.sources if s.year}
    return years.pop() if len(years) == 1 else None


def run_progress_for_report(current: Classification, **options: object) -> Progress:
    """progress() as the report calls it: errors advise the report's options."""
    from .rounds import run_progress

    def _read(inputs: object, **read: object) -> Survey:
        return read_survey(inputs, **read)  # type: ignore[arg-type]

    return run_progress(current, classify=classify, read=_read, command="report", **options)  # type: ignore[arg-type]


def write_report(
    current: Inputs,
    path: str | Path,
    *,
    baseline: Inputs | None = None,
    history: Iterable[Inputs] = (),
    plan: str | Path | None = None,
    totals: str | Path | None = None,
    year: int | None = None,
    standard: str | Path | Standard | None = None,
    by: str | Iterable[str] = "commune",
    lang: str = "vi",
    redact: bool = False,
    html: str | Path | None = None,
    area_name: str | None = None,
    generated: dt.datetime | None = None,
    census: bool = False,
    strict: bool = False,
    allow_standard_change: bool = False,
    units_map: str | Path | UnitsMap | None = None,
    **read_options: object,
) -> "Report":
    """Write the official report workbook (domain.md §6) and optionally the same report as one HTML file.

    The figures are those of ``summarise`` and ``progress`` on the same classified households. Rates need
    ``totals`` (all households of the area), or ``census`` to declare that the list holds every household.
    ``generated`` (else the SOURCE_DATE_EPOCH environment variable, else now) is the time written on the cover.
    Returns the Report laid out (its ``outputs`` are the files written, its ``warnings`` are for people).
    With ``units_map`` every table is by the communes after the 2025 reform and the cover's notes say so, naming
    the merged units."""
    from .. import __version__
    from ..labels import LANGUAGES
    from .reform import effect_notes, report_map_source
    from .report import (
        check_html_output,
        generation_time,
        progress_notes,
        report_area,
        report_rejected,
        report_sources,
        write_report_files,
    )
    from ..render.report_build import ReportInput, build_report
    from ..render.standards_view import lines_summary
    from ..render.summary_table import warnings as summary_warnings

    if lang not in LANGUAGES:
        raise UsageError.of("api.unknown_language", lang=lang)
    check_denominator_choice(totals, census)
    check_year(year, standard=standard)
    target, html_target = Path(path), Path(html) if html is not None else None
    current_list, baseline_list = _as_list(current), _as_list(baseline) if baseline is not None else []
    history_lists = [_as_list(h) for h in history]
    inputs = [Path(p) for p in [*current_list, *baseline_list, *[p for h in history_lists for p in h]]]
    inputs += [Path(p) for p in (plan, totals) if p is not None]
    inputs += [Path(units_map)] if isinstance(units_map, (str, Path)) else []
    if isinstance(read_options.get("columns"), (str, Path)):
        inputs.append(Path(read_options["columns"]))  # type: ignore[arg-type]
    if target.suffix.lower() != ".xlsx":
        raise OutputError.of("api.report_format", path=target)
    check_output(target, inputs)
    if html_target is not None:
        check_html_output(html_target, inputs)
    from ..domain.area_blocks import unit_areas
    from ..domain.unit_names import canonical_units
    from .guards import (
        check_distinct_rounds,
        check_plan_year,
        check_round_years,
        check_units_in_totals,
        review_year,
    )
    from ..read.plan import read_plan

    check_distinct_rounds({"current": current_list, "baseline": baseline_list,
                           **{f"history {i + 1}": h for i, h in enumerate(history_lists)}})
    result = classify(current_list, standard=standard, year=year, strict=strict, **read_options)
    plan_year = read_plan(plan).year if plan is not None else None
    current_year, year_from = review_year(year, _survey_year(result), plan_year)  # --year, else the title, else the plan
    if year_from == "plan":
        check_year(plan_year, "year (plan)")
        year = plan_year
        result = classify(current_list, standard=standard, year=year, strict=strict, **read_options)
    totals_frame = _read_totals(totals) if totals is not None else None
    mapping = mapping_for(units_map, [p.strip() for p in by.split(",")] if isinstance(by, str) else by)
    if mapping is not None:  # the named lists too are by the new communes
        result.households = mapping.households(result.households, text("units_map.what.current"))
    has_previous = "previous_status" in result.households and result.households["previous_status"].notna().any()
    flows_wanted = baseline is not None or has_previous
    base = classify(baseline_list, standard=standard, strict=strict, **read_options) if baseline is not None else None
    check_round_years(_survey_year(base) if base else None, current_year, "title", year_from, command="report")
    check_plan_year(plan_year, plan, current_year, year_from, "--year")
    # One spelling per unit in every table ('P. An Lạc' is 'Phường An Lạc'; the totals file's spelling first).
    canonical_units([result.households, base.households if base else None], totals_frame)
    levels = [p.strip() for p in by.split(",")] if isinstance(by, str) else list(by)
    # Urban and rural blocks (I. Thành thị, II. Nông thôn) when the lists hold both and no unit lies in both.
    areas = unit_areas(result.households, "commune" if "commune" in levels else levels[-1])
    # (not with a units map: the map regroups the communes, and it is applied by the levels asked for)
    areas = areas if mapping is None else None
    summary_by = ["area", *levels] if areas is not None and areas.blocks and "area" not in levels else levels
    summary = summarise(result, by=summary_by, totals=totals_frame, year=year, units_map=mapping)
    if totals is not None:  # no silent fallback to the list as a unit's denominator
        check_units_in_totals(summary.missing_units, summary.year)
    progress_result = None
    if flows_wanted:
        # Flows and targets per commune (as the plan names communes); the other tables go down to every --by level.
        levels = [lv for lv in summary.levels if lv != "area"]
        flow_by = levels[: levels.index("commune") + 1] if "commune" in levels else levels
        progress_result = run_progress_for_report(
            result, baseline=base, history=history_lists, plan=plan, totals=totals_frame, by=flow_by, standard=standard,
            current_year=summary.year, baseline_year=_survey_year(base) if base else None, census=census,
            strict=strict, allow_standard_change=allow_standard_change, units_map=mapping, current_from=year_from)
    if mapping is not None:
        summary.units_map = mapping.info()  # every round the map was applied to, for the cover's notes
    std = result.standard or load_standard(result.standard_id)
    review = review_year_note(std, summary.year, standard is not None) or ""
    data_warnings = sum(progress_result.data_warnings.values()) if progress_result else int(result.summary["warnings"])
    data = ReportInput(
        summary=summary, households=result.households, progress=progress_result,
        dimensions={i.code: i.dimension for i in std.indicators},
        standard=lines_summary(std, lang),  # the lines by their legal names (vn-2016: chuẩn nghèo, chuẩn cận nghèo)
        sources=report_sources(current_list, baseline_list, history_lists, plan, totals, summary.year,
                                progress_result.baseline_year if progress_result else None, lang)
        + report_map_source(units_map, lang),
        generated=generated or generation_time(), software=f"povertool {__version__}",
        area=report_area(area_name, result.sources, totals_frame, result.households),
        plan_given=plan is not None, history_given=bool(history_lists),
        notes=[n for n in summary.notes if n != review] + summary_warnings(summary, lang) + progress_notes(progress_result)
        + effect_notes(progress_result, lang),
        rejected=report_rejected(result, progress_result), census=census and totals is None, standard_note=review,
        data_warnings=data_warnings,
        roster=result.roster, standard_rules=std,
        two_lines=std.extreme_poverty_line is not None, areas=areas,
    )
    report = build_report(data, lang=lang, redact=redact)
    report.warnings = list(dict.fromkeys(summary.notes + summary_warnings(summary, lang)
                                         + (progress_result.warnings if progress_result else [])))
    if data_warnings:  # counted here, listed by 'povertool check'
        report.warnings.append(text("guard.report_data_warnings", n=data_warnings))
    write_report_files(report, target, html_target)
    return report


def transition(
    inputs: Inputs,
    *,
    to: str | Path | Standard,
    from_standard: str | Path | Standard | None = None,
    by: str | Iterable[str] = "commune",
    totals: str | Path | pd.DataFrame | None = None,
    year: int | None = None,
    units_map: str | Path | UnitsMap | None = None,
    **read_options: object,
) -> "Transition":
    """The same households under two standards: status matrix, rates under each, who changes, and bounds for the
    indicators the second standard needs but the lists lack. ``from_standard`` defaults to the one classify would
    choose (the year in the titles); ``.to_dict()`` is the --json output."""
    from .two_standards import run_transition

    return run_transition(inputs, to=to, from_standard=from_standard, by=by, totals=totals, year=year,
                          units_map=units_map, classify=classify, survey_year=_survey_year, read_totals=_read_totals,
                          totals_for_year=_totals_for_year, read_options=dict(read_options))
