"""Assemble the official report (domain.md §6) from one classification's summary and progress results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from ..domain.area_blocks import UnitAreas
from ..domain.models import NEAR_POOR, POOR
from ..domain.progress import Progress
from ..domain.summary import Summary
from ..labels import labels
from ..messages import text
from .report_children import child_sheet
from .report_lists import causes_sheet, ethnicity_sheet, list_sheet
from .report_model import RATE, UNIT, Chart, Report, Sheet, Source
from .report_rejected import cover_line, rejected_sheet, warnings_line
from .report_sheets import (
    deprivation_sheet,
    flow_sheet,
    groups_sheet,
    indicator_labels,
    plain,
    results_sheet,
    subgroup_sheet,
    targets_sheet,
    trend_sheet,
)


@dataclass
class ReportInput:
    """What the report is made from: the summary and (optional) progress of the same classified households."""

    summary: Summary
    households: pd.DataFrame
    progress: Progress | None
    dimensions: dict[str, str]  # indicator code -> dimension (Vietnamese, from the standard)
    standard: str
    sources: list[Source]
    generated: dt.datetime
    software: str
    area: str = ""
    plan_given: bool = False
    history_given: bool = False
    two_lines: bool = False  # the standard has a near-poor line above the poverty line (vn-2016)
    areas: UnitAreas | None = None  # each unit's area, for the urban and rural blocks
    notes: list[str] = field(default_factory=list)
    rejected: dict[str, list[dict]] = field(default_factory=dict)  # round name -> rejected rows (no values)
    data_warnings: int = 0  # the rounds' reading warnings (rows kept), counted on the cover
    census: bool = False  # --census: the list is declared to hold every household; rate captions say so
    standard_note: str = ""  # the review year's standard (guards.review_year_note), under the standard on the cover
    roster: Any = None  # the member roster (io.roster_reader.Roster): table 11, child deprivations
    standard_rules: Any = None  # the Standard, for the roster's child group and indicators


def build_report(data: ReportInput, *, lang: str = "vi", redact: bool = False) -> Report:
    """Every sheet the data can fill, in the order of the report set; the others listed with the reason."""
    t = labels("report", lang)
    s, p = data.summary, data.progress
    sheets: list[Sheet] = [results_sheet(s, t, lang, data.areas)]
    skipped: list[tuple[str, str, str]] = []

    def add(number: str, title_key: str, sheet: Sheet | None, reason: str) -> None:
        if sheet is not None:
            sheets.append(sheet)
        else:
            skipped.append((number, t[title_key], t[reason]))

    flows: dict[str, Any] = {"re_known": data.history_given, "two_lines": data.two_lines, "areas": data.areas}
    add("2", "title_poor_flow", flow_sheet(p, POOR, t, lang, **flows) if p else None, "skip_no_baseline")
    add("3", "title_near_poor_flow", flow_sheet(p, NEAR_POOR, t, lang, **flows) if p else None, "skip_no_baseline")
    has_indicators = bool(s.indicators) and len(s.absent_indicators) < len(s.indicators)
    for number, key, status, pct in (("4", "dep_poor_count", POOR, False), ("5", "dep_poor_pct", POOR, True),
                                     ("6", "dep_near_count", NEAR_POOR, False), ("7", "dep_near_pct", NEAR_POOR, True)):
        sheet = deprivation_sheet(s, status, pct, t, lang, data.dimensions) if has_indicators else None
        add(number, f"title_{key}", sheet, "skip_no_indicators")
    add("8", "title_subgroups", subgroup_sheet(s, t, lang), "skip_no_subgroups")
    add("9", "title_ethnicity", ethnicity_sheet(data.households, t, lang), "skip_no_ethnicity")
    add("10", "title_causes", causes_sheet(data.households, t, lang), "skip_no_causes")
    child_level = "commune" if "commune" in s.levels else s.levels[0] if s.levels else None
    add("11", "title_child", child_sheet(data.households, data.roster, data.standard_rules, child_level, t, lang),
        "skip_child")
    add("12–13", "title_groups", groups_sheet(s, t, lang), "skip_no_ethnic_minority")
    indicators = indicator_labels(s, data.dimensions, lang)
    add("14", "title_poor_list", list_sheet(data.households, POOR, indicators, t, redact=redact, lang=lang), "skip_empty_list")
    add("15", "title_near_poor_list", list_sheet(data.households, NEAR_POOR, indicators, t, redact=redact, lang=lang), "skip_empty_list")
    add("", "title_targets", targets_sheet(p, t, lang) if p else None, "skip_no_plan" if not data.plan_given else "skip_no_baseline")
    add("", "title_trend", trend_sheet(p, t, lang) if p else None, "skip_no_history" if not data.history_given else "skip_no_baseline")
    if p is not None and p.standard_note:  # --allow-standard-change: the flows say the standard changed
        for sheet in sheets:
            if sheet.key in ("poor_flow", "near_poor_flow"):
                sheet.notes.append(p.standard_note)
    rejected = rejected_sheet(data.rejected, t, lang)
    if rejected is not None:
        sheets.append(rejected)
    denominator = t["denominator_census"] if s.census else t["denominator_totals"]
    charts = build_charts(data, t, lang)
    if data.census:
        denominator = text("guard.denominator_listed", lang=lang)
        census_captions(sheets, charts, text("guard.rate_census_caption", lang=lang))
    area = area_text(data.area, _unit_names(s), t)
    return Report(lang=lang, year=s.year, authority=_authority(data.area, t, lang), area=area, standard=data.standard,
                  denominator=denominator, generated=data.generated, software=data.software, sources=data.sources,
                  sheets=sheets, charts=charts, skipped=skipped, notes=list(data.notes),
                  redacted=redact, texts=t, rejected_line=cover_line(data.rejected, t, lang),
                  warnings_line=warnings_line(data.data_warnings, lang),
                  rejected=dict(data.rejected), standard_note=data.standard_note)


def census_captions(sheets: list[Sheet], charts: list[Chart], phrase: str) -> None:
    """With --census every rate caption says it divides by the households in the list: the rate columns of the
    results and trend sheets, the rate targets and the rates chart."""
    for sheet in sheets:
        for table in sheet.tables:
            if sheet.key in ("results", "trend"):
                table.columns = [replace(c, header=f"{c.header} {phrase}") if c.kind == RATE else c for c in table.columns]
            if sheet.key == "targets" and table.row_kind is not None:
                for row, kind in zip(table.rows, table.row_kind):
                    if kind == RATE:
                        row[1] = f"{row[1]} {phrase}"
    for chart in charts:
        if chart.key in ("rates", "trend"):
            chart.title = f"{chart.title} — {phrase}"


FEW_UNITS = 5  # the cover names the communes when there are at most this many


def _unit_names(summary: Summary) -> list[str]:
    """The communes (else the units of the first geographic level) the report covers, in its order."""
    levels = [lv for lv in summary.levels if lv != "area"]
    level = "commune" if "commune" in levels else (levels[0] if levels else summary.levels[0])
    from ..domain.denominators import unit_key

    names = summary.units.loc[summary.units[level].notna(), level].astype(str).str.strip()
    return sorted(dict.fromkeys(n for n in names if n), key=unit_key)


def area_text(area: str, units: list[str], t: dict[str, str]) -> str:
    """The cover's "Địa bàn": the area's name, the communes named when few, else how many there are."""
    from ..domain.denominators import unit_key

    listing = ", ".join(units) if len(units) <= FEW_UNITS else t["area_communes"].format(n=len(units))
    if not area:
        return listing
    if [unit_key(u) for u in units] in ([unit_key(area)], []):
        return area
    return f"{area} ({listing})"


def _authority(area: str, t: dict[str, str], lang: str) -> str:
    """'UBND THỊ XÃ AN BÌNH' from the area name; a blank line to fill in when none was given."""
    if not area:
        return t["authority_blank"]
    return f"UBND {area.upper()}" if lang == "vi" else f"People's Committee of {area}"


def build_charts(data: ReportInput, t: dict[str, str], lang: str) -> list[Chart]:
    """Poor and near-poor rate by unit; % of poor households deprived per indicator; the trend with history."""
    s = data.summary
    units = s.units
    # One bar pair per commune (its subtotal row when the tables go down to villages), else per finest unit.
    level = "commune" if "commune" in s.levels else s.levels[-1]
    leaves = [i for i, (k, lv) in enumerate(zip(units["kind"], units["level"])) if k != "total" and lv == level]
    from .summary_table import unit_names

    names = [n.strip() for n in unit_names(s, lang)]
    categories = [str(units[level].iloc[i]) if units["kind"].iloc[i] != UNIT and units[level].iloc[i] else names[i]
                  for i in leaves]  # a commune's subtotal row is labelled by the commune alone
    charts = [Chart("rates", "column", t["chart_rates"], t["unit"], categories, [
        (t["g_poor"], [plain(units["poor_rate"].iloc[i]) for i in leaves]),
        (t["g_near_poor"], [plain(units["near_poor_rate"].iloc[i]) for i in leaves]),
    ])]
    if s.indicators and len(s.absent_indicators) < len(s.indicators):
        ind = s.indicators_table[s.indicators_table["row"] == units["row"].iloc[-1]].set_index("indicator")
        labelled = indicator_labels(s, data.dimensions, lang)
        charts.append(Chart("deprivation", "bar", t["chart_deprivation"], t["indicator"], [name for _, name, _ in labelled],
                            [(t["g_poor"], [plain(ind.at[code, "poor_deprived_pct"]) for code, _, _ in labelled])]))
    if data.progress is not None and data.progress.trend is not None:
        trend = data.progress.trend.table
        charts.append(Chart("trend", "line", t["chart_trend"], t["year"], [str(y) for y in trend["year"]], [
            (t["g_poor"], [plain(v) for v in trend["poor_rate"]]),
            (t["g_near_poor"], [plain(v) for v in trend["near_poor_rate"]]),
        ]))
    return charts
