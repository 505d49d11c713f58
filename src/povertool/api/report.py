"""The report job: the official workbook (domain.md §6) from the same figures as summary and progress; the file
side too (output checks, writing both files, the cover's sources and time)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.progress import Progress
from ..domain.standard import Standard
from ..domain.survey import Classification
from ..errors import OutputError, UsageError
from ..messages import text
from ..read.survey_reader import FileProgress
from ..render.report_model import Report
from ..render.writers import check_output, write_atomic
from .classifying import classify_with, survey_year
from .guards import (
    check_denominator_choice,
    check_year,
    rejected_rows,
    review_year_note,
)
from .options import Inputs, ReadOptions, as_list
from .rounds import run_progress
from .standards import load_standard
from .units import UnitsMap, mapping_for

if TYPE_CHECKING:
    import pandas as pd

REPORT_HTML_SUFFIXES = (".html", ".htm")


def check_html_output(path: Path, inputs: list[Path]) -> None:
    """The HTML report: an .html name, not an input, in a folder that exists."""
    if path.suffix.lower() not in REPORT_HTML_SUFFIXES:
        raise OutputError.of("report.html_name", path=path)
    check_output(path.with_suffix(".json"), inputs)  # the same checks (folder, writable) on a sibling name
    if any(path.resolve() == p.resolve() for p in inputs):
        raise OutputError.of("report.html_is_input", path=path)


def write_report_files(report: Report, target: Path, html_target: Path | None) -> None:
    """Write the workbook (and the HTML) atomically; record them in ``report.outputs``."""
    from ..render.workbook import write_report_workbook

    write_atomic(target, lambda tmp: write_report_workbook(report, tmp))
    report.outputs = [target]
    if html_target is not None:
        from ..render.html_report import render_html

        page = render_html(report)
        write_atomic(html_target, lambda tmp: tmp.write_text(page, encoding="utf-8"))
        report.outputs.append(html_target)


VIETNAM_ZONE = "Asia/Ho_Chi_Minh"
_UTC_NAMES = ("UTC", "UCT", "Universal", "Zulu", "GMT", "Etc/UTC", "Etc/UCT", "Etc/GMT", "Etc/Universal", "Etc/Zulu")


def local_zone(*, environ: Mapping[str, str] | None = None, localtime: Path = Path("/etc/localtime")) -> dt.tzinfo:
    """The machine's time zone (TZ, or the system's setting); Asia/Ho_Chi_Minh when none is set (no TZ and a
    system left on UTC, as servers and containers are by default)."""
    local = dt.datetime.now().astimezone().tzinfo or dt.timezone.utc
    environ = os.environ if environ is None else environ
    if environ.get("TZ", "").strip() or os.name == "nt":
        return local
    link = localtime
    if link.exists():
        name = str(link.resolve())
        if not any(name.endswith("/" + utc) for utc in _UTC_NAMES):
            return local
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(VIETNAM_ZONE)
    except Exception:  # no time zone database on this machine: the fixed offset of Viet Nam
        return dt.timezone(dt.timedelta(hours=7), "ICT")


def generation_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now; in local time (``local_zone``)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).astimezone(local_zone())
        except (ValueError, OverflowError, OSError) as exc:
            raise UsageError.of("report.source_date_epoch", value=epoch) from exc
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).astimezone(local_zone())


def report_area(area_name: str | None, sources: list, totals: pd.DataFrame | None,
                households: pd.DataFrame | None) -> str:
    """The area the report is for: ``--area-name``, else the "UBND …" line of the lists' titles, else the one
    district/province of the totals file, else the one commune of the lists; '' when nothing names it."""
    from ..domain.unit_names import UNIT_LEVELS
    from ..read.title_area import title_authority

    if area_name:
        return area_name
    named = title_authority((s.path, s.sheet) for s in sources)
    if named:
        return named
    for frame, levels in ((totals, ("province", "district")), (households, ("district", "commune"))):
        if frame is None:
            continue
        for level in levels:
            if level in frame and level in UNIT_LEVELS:
                names = frame[level].dropna().astype(str).str.strip()
                distinct = names[names != ""].unique()
                if len(distinct) == 1:
                    return str(distinct[0])
    return ""


def report_sources(current: list, baseline: list, history: list[list], plan: object, totals: object,
                    year: int | None, baseline_year: int | None, lang: str) -> list:
    """Every file the report was made from, with its role and SHA-256 checksum."""
    from ..labels import labels
    from ..render.report_model import Source

    t = labels("report", lang)
    roles = [(t["role_current"].format(year=year or ""), current), (t["role_baseline"].format(year=baseline_year or ""), baseline)]
    roles += [(t["role_history"], h) for h in history]
    roles += [(t["role_plan"], [plan] if plan is not None else []), (t["role_totals"], [totals] if totals is not None else [])]
    return [Source(role.strip(), name, digest) for role, items in roles for name, digest in _checksums(items)]


def _checksums(items: list) -> list[tuple[str, str]]:
    """(file name, SHA-256) of each file; a folder gives each file in it, named folder/file."""
    out = []
    for item in items:
        item = Path(item)
        files = sorted(p for p in item.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))) \
            if item.is_dir() else [item]
        for f in files:
            digest = hashlib.sha256(f.read_bytes()).hexdigest()
            out.append((f"{item.name}/{f.name}" if item.is_dir() else f.name, digest))
    return out


def progress_notes(progress_result: Progress | None) -> list[str]:
    """The change of standard between rounds, when allowed: said on the cover."""
    return [progress_result.standard_note] if progress_result is not None and progress_result.standard_note else []


def report_rejected(result: Classification, progress_result: Progress | None) -> dict[str, list[dict]]:
    """Round name -> rejected rows, the current round first."""
    rounds = {"current": rejected_rows(result.summary["rejected"])}
    if progress_result is not None:
        rounds.update({k: v for k, v in progress_result.rejected.items() if k != "current"})
    return {k: v for k, v in rounds.items() if v}


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
    columns: Mapping[str, str] | str | Path | None = None,
    sheet: str | None = None,
    commune: str | None = None,
    area: str | None = None,
    reference_date: dt.date | None = None,
    file_progress: FileProgress | None = None,
) -> Report:
    """Write the official report workbook (domain.md §6) and optionally the same report as one HTML file.

    The figures are those of ``summarise`` and ``progress`` on the same classified households. Rates need
    ``totals`` (all households of the area), or ``census`` to declare that the list holds every household.
    ``generated`` (else the SOURCE_DATE_EPOCH environment variable, else now) is the time written on the cover.
    Returns the Report laid out (its ``outputs`` are the files written, its ``warnings`` are for people).
    With ``units_map`` every table is by the communes after the 2025 reform and the cover's notes say so, naming
    the merged units."""
    from .. import __version__
    from ..domain.area_blocks import unit_areas
    from ..domain.unit_names import canonical_units
    from ..labels import LANGUAGES
    from ..read.plan import read_plan
    from ..read.totals import read_totals
    from ..render.report_build import ReportInput, build_report
    from ..render.standards_view import lines_summary
    from ..render.summary_table import warnings as summary_warnings
    from .guards import (
        check_distinct_rounds,
        check_plan_year,
        check_round_years,
        check_units_in_totals,
        review_year,
    )
    from .reform import effect_notes, report_map_source
    from .summary import summarise

    if lang not in LANGUAGES:
        raise UsageError.of("api.unknown_language", lang=lang)
    check_denominator_choice(totals, census)
    check_year(year, standard=standard)
    options = ReadOptions(columns=columns, sheet=sheet, commune=commune, area=area, reference_date=reference_date,
                          file_progress=file_progress)
    target, html_target = Path(path), Path(html) if html is not None else None
    current_list, baseline_list = as_list(current), as_list(baseline) if baseline is not None else []
    history_lists = [as_list(h) for h in history]
    inputs = [Path(p) for p in [*current_list, *baseline_list, *[p for h in history_lists for p in h]]]
    inputs += [Path(p) for p in (plan, totals) if p is not None]
    inputs += [Path(units_map)] if isinstance(units_map, (str, Path)) else []
    inputs += options.files()
    if target.suffix.lower() != ".xlsx":
        raise OutputError.of("api.report_format", path=target)
    check_output(target, inputs)
    if html_target is not None:
        check_html_output(html_target, inputs)
    options = options.resolved()

    def classified(lists: list[str | Path], year: int | None) -> Classification:
        return classify_with(lists, standard=standard, year=year, strict=strict, options=options)

    check_distinct_rounds({"current": current_list, "baseline": baseline_list,
                           **{f"history {i + 1}": h for i, h in enumerate(history_lists)}})
    result = classified(current_list, year)
    plan_year = read_plan(plan).year if plan is not None else None
    current_year, year_from = review_year(year, survey_year(result), plan_year)  # --year, else the title, else the plan
    if year_from == "plan":
        check_year(plan_year, "year (plan)")
        year = plan_year
        result = classified(current_list, year)
    totals_frame = read_totals(totals) if totals is not None else None
    mapping = mapping_for(units_map, [p.strip() for p in by.split(",")] if isinstance(by, str) else by)
    if mapping is not None:  # the named lists too are by the new communes
        result.households = mapping.households(result.households, text("units_map.what.current"))
    has_previous = "previous_status" in result.households and result.households["previous_status"].notna().any()
    flows_wanted = baseline is not None or has_previous
    base = classified(baseline_list, None) if baseline is not None else None
    check_round_years(survey_year(base) if base else None, current_year, "title", year_from, command="report")
    check_plan_year(plan_year, plan, current_year, year_from, "--year")
    # One spelling per unit in every table ('P. An Lạc' is 'Phường An Lạc'; the totals file's spelling first).
    canonical_units([result.households, base.households if base else None], totals_frame)
    levels = [p.strip() for p in by.split(",")] if isinstance(by, str) else list(by)
    # Urban and rural blocks (I. Thành thị, II. Nông thôn) when the lists hold both and no unit lies in both.
    # (not with a units map: the map regroups the communes, and it is applied by the levels asked for)
    areas = unit_areas(result.households, "commune" if "commune" in levels else levels[-1]) if mapping is None else None
    summary_by = ["area", *levels] if areas is not None and areas.blocks and "area" not in levels else levels
    summary = summarise(result, by=summary_by, totals=totals_frame, year=year, units_map=mapping)
    if totals is not None:  # no silent fallback to the list as a unit's denominator
        check_units_in_totals(summary.missing_units, summary.year)
    progress_result = None
    if flows_wanted:
        # Flows and targets per commune (as the plan names communes); the other tables go down to every --by level.
        levels = [lv for lv in summary.levels if lv != "area"]
        flow_by = levels[: levels.index("commune") + 1] if "commune" in levels else levels
        progress_result = run_progress(
            result, baseline=base, history=history_lists, plan=plan, totals=totals_frame, by=flow_by, standard=standard,
            current_year=summary.year, baseline_year=survey_year(base) if base else None, census=census,
            strict=strict, allow_standard_change=allow_standard_change, units_map=mapping, current_from=year_from,
            command="report", file_progress=file_progress)
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
