"""The year-end summary laid out for people: rich tables, and the same figures as a workbook or CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from rich.table import Table

from ..domain.roll_up import SUBTOTAL, TOTAL, UNIT
from ..domain.summary import Summary
from ..labels import label, labels
from ..numbers import format_count, format_number, format_rate

MAIN_COLUMNS = ("households", "persons", "poor_households", "poor_persons", "near_poor_households",
                "near_poor_persons", "average_households", "undetermined_households")
RATE_COLUMNS = ("poor_rate", "near_poor_rate", "multidimensional_rate")
SMALL_BASE_MARK = " (*)"


def unit_names(summary: Summary, lang: str = "vi") -> list[str]:
    """One display name per summary row: the unit, 'Cộng <unit>' for a subtotal, 'Tổng cộng' for the total."""
    text = labels("summary", lang)
    areas = labels("area", lang)
    names = []
    for rec in summary.units[["kind", "level", *summary.levels]].to_dict("records"):
        if rec["kind"] == TOTAL:
            names.append(text["total"])
            continue
        value = rec[rec["level"]]
        name = areas.get(value, value) if rec["level"] == "area" else value
        blank = name is None or (isinstance(name, float) and pd.isna(name)) or name == ""
        name = text["other_units"] if blank else str(name)
        depth = summary.levels.index(rec["level"])
        names.append(("  " * depth) + (f"{text['subtotal']} {name}" if rec["kind"] == SUBTOTAL else name))
    return names


def warnings(summary: Summary, lang: str = "vi") -> list[str]:
    """Units missing from the totals, levels the totals lack, indicators the data lacks."""
    text = labels("summary", lang)
    lines = []
    if summary.missing_units:
        from .guard_notes import units_not_in_totals

        lines.append(units_not_in_totals(summary.missing_units, summary.year, lang=lang))
    if summary.denominators.uncovered_levels:
        levels = ", ".join(text.get(lv, lv) for lv in summary.denominators.uncovered_levels)
        lines.append(text["uncovered_levels"].format(levels=levels))
    if summary.absent_indicators:
        names = getattr(summary, "indicator_names", {}) or {}
        shown = [names[c][0 if lang == "vi" else 1] if c in names else c for c in summary.absent_indicators]
        lines.append(text["absent_indicators"].format(codes=", ".join(shown)))
    if summary.units_map is not None:  # the 2025 reform: the map applied, merged communes, unused village rules
        lines += summary.units_map.notes(lang) + summary.units_map.warnings
    return lines


def notes(summary: Summary, lang: str = "vi") -> list[str]:
    """The lines that explain the denominators and flag what is missing or small."""
    lines = [label("text", "denominator_census" if summary.census else "denominator_totals", lang)]
    lines += warnings(summary, lang)
    if summary.units["small_base"].any():
        lines.append(labels("summary", lang)["small_base_note"].format(n=summary.small_base))
    return lines


def _rate(value: Any, small: bool, lang: str) -> str:
    shown = format_rate(None if pd.isna(value) else float(value), lang)
    return shown + (SMALL_BASE_MARK if small else "")


def results_table(summary: Summary, lang: str = "vi") -> Table:
    """Households and persons by status, one row per unit, subtotal and total."""
    text = labels("summary", lang)
    title = text["title"] + (f" — {text['year']} {summary.year}" if summary.year else "")
    table = Table(title=title)
    table.add_column(text["unit"], no_wrap=True)
    for key in MAIN_COLUMNS:
        table.add_column(text[key], justify="right")
    for name, rec in zip(unit_names(summary, lang), summary.units.to_dict("records")):
        counts = [format_count(None if pd.isna(rec[k]) else rec[k], lang) for k in MAIN_COLUMNS]
        table.add_row(name, *counts, style="bold" if rec["kind"] != UNIT else None, end_section=rec["kind"] == SUBTOTAL)
    return table


def rates_table(summary: Summary, lang: str = "vi") -> Table:
    """The three rates over all households of each unit, with the small-base mark and the denominator notes."""
    text = labels("summary", lang)
    table = Table(title=f"{text['poor_rate']}, {text['near_poor_rate']}, {text['multidimensional_rate']}",
                  caption="\n".join(notes(summary, lang)), caption_justify="left")
    table.add_column(text["unit"], no_wrap=True)
    for key in ("households", "poor_households", "near_poor_households", *RATE_COLUMNS):
        table.add_column(text[key], justify="right")
    for name, rec in zip(unit_names(summary, lang), summary.units.to_dict("records")):
        counts = [format_count(rec[k], lang) for k in ("households", "poor_households", "near_poor_households")]
        rates = [_rate(rec[k], rec["small_base"], lang) for k in RATE_COLUMNS]
        table.add_row(name, *counts, *rates, style="bold" if rec["kind"] != UNIT else None,
                      end_section=rec["kind"] == SUBTOTAL)
    return table


def indicator_names(summary: Summary, lang: str = "vi") -> dict[str, str]:
    """Indicator code -> its name in ``lang`` (the code itself when the standard gives none)."""
    names = getattr(summary, "indicator_names", {}) or {}
    return {c: (names.get(c, (c, c))[0 if lang == "vi" else 1] or c) for c in summary.indicators}


def deprivation_table(summary: Summary, lang: str = "vi", row: int | None = None) -> Table:
    """Per indicator for one row (default: the grand total): deprived poor/near-poor and Alkire–Foster."""
    text = labels("summary", lang)
    units = summary.units
    row = int(units["row"].iloc[-1]) if row is None else row
    rec = units.set_index("row").loc[row]
    ind = summary.indicators_table[summary.indicators_table["row"] == row].set_index("indicator")
    table = Table(title=text["deprivation_title"])
    table.add_column(text["indicator"], no_wrap=True)
    for key in ("poor_deprived", "poor_deprived_pct", "near_poor_deprived", "near_poor_deprived_pct",
                "censored_headcount", "contribution"):
        table.add_column(text[key], justify="right")
    for code, name in indicator_names(summary, lang).items():
        r = ind.loc[code]
        table.add_row(name, format_count(r["poor_deprived"], lang), _pct(r["poor_deprived_pct"], lang),
                      format_count(r["near_poor_deprived"], lang), _pct(r["near_poor_deprived_pct"], lang),
                      _fraction(r["censored_headcount"], lang), _pct(r["contribution"], lang))
    table.add_section()
    table.add_row(text["deprivations_total"],
                  format_count(rec["poor_deprivations"], lang), "", format_count(rec["near_poor_deprivations"], lang),
                  "", "", _pct(100.0 if rec["poor_deprivations"] else None, lang))
    return table


def alkire_foster_table(summary: Summary, lang: str = "vi") -> Table:
    """H, A and M0 for every row."""
    text = labels("summary", lang)
    table = Table(title=text["af_title"])
    table.add_column(text["unit"], no_wrap=True)
    table.add_column(text["households"], justify="right")
    table.add_column(text["poor_households"], justify="right")
    for key in ("H", "A", "M0"):
        table.add_column(text[key], justify="right")
    for name, rec in zip(unit_names(summary, lang), summary.units.to_dict("records")):
        table.add_row(name, format_count(rec["households"], lang), format_count(rec["poor_households"], lang),
                      _pct(_times(rec["H"], 100), lang), _pct(_times(rec["A"], 100), lang), _fraction(rec["M0"], lang),
                      style="bold" if rec["kind"] != UNIT else None)
    return table


def subgroup_table(summary: Summary, lang: str = "vi") -> Table | None:
    """Poor and near-poor households of each sub-group per row (None when the data has no sub-group)."""
    if not summary.subgroups:
        return None
    text = labels("summary", lang)
    table = Table(title=text["subgroup_title"])
    table.add_column(text["unit"], no_wrap=True)
    for sg in summary.subgroups:
        table.add_column(f"{text['short_' + sg]}: {text['sg_poor']}", justify="right")
        table.add_column(f"{text['short_' + sg]}: {text['sg_near_poor']}", justify="right")
    for name, rec in zip(unit_names(summary, lang), summary.units.to_dict("records")):
        cells = [format_count(rec[f"{sg}_{s}"], lang) for sg in summary.subgroups for s in ("poor", "near_poor")]
        table.add_row(name, *cells, style="bold" if rec["kind"] != UNIT else None)
    return table


def summary_tables(summary: Summary, lang: str = "vi") -> list[Table]:
    """Every table of the summary, in reading order."""
    tables = [results_table(summary, lang), rates_table(summary, lang)]
    if summary.indicators:
        tables += [deprivation_table(summary, lang), alkire_foster_table(summary, lang)]
    sub = subgroup_table(summary, lang)
    return tables + ([sub] if sub is not None else [])


def _times(value: Any, factor: float) -> float | None:
    return None if value is None or pd.isna(value) else float(value) * factor


def _pct(value: Any, lang: str) -> str:
    return format_rate(None if value is None or pd.isna(value) else float(value), lang)


def _fraction(value: Any, lang: str) -> str:
    """A 0–1 measure with four decimals: 0,0011 (vi) or 0.0011 (en)."""
    if value is None or pd.isna(value):
        return "—"
    return format_number(float(value), 4, lang, thousands=False)


def units_frame(summary: Summary, lang: str = "vi") -> pd.DataFrame:
    """The units frame with labelled headers and per-indicator columns, as written to xlsx/csv (rates unrounded)."""
    text = labels("summary", lang)
    frame = summary.units.drop(columns=["row"]).copy()
    frame.insert(0, text["unit"], [n.strip() for n in unit_names(summary, lang)])
    frame["denominator_source"] = frame["denominator_source"].map(
        {"totals": text["source_totals"], "data": text["source_data"]})
    wide = summary.indicators_table.pivot(index="row", columns="indicator")
    names = indicator_names(summary, lang)
    for measure in ("poor_deprived", "poor_deprived_pct", "near_poor_deprived", "near_poor_deprived_pct",
                    "censored_headcount", "contribution"):
        for code in summary.indicators:
            frame[f"{text[measure]}: {names[code]}"] = wide[(measure, code)].reindex(summary.units["row"]).to_numpy()
    columns = {c: text.get(c, label("status", c, lang) if c in labels("status", lang) else c) for c in frame.columns}
    for sg in summary.subgroups:
        for s in ("households", "poor", "near_poor"):
            columns[f"{sg}_{s}"] = f"{text[sg]}: {text['sg_' + s]}"
    return frame.rename(columns=columns)


def write_summary(summary: Summary, path: Path, lang: str = "vi", dimensions: dict[str, str] | None = None) -> None:
    """Write the summary as .xlsx (headed tables like the report's: results, deprivations, notes), .csv or .json."""
    from .writers import write_atomic, write_csv, write_json

    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_csv(units_frame(summary, lang), path)
    elif suffix == ".json":
        write_json(summary.to_dict(), path)
    else:
        from .people_workbook import write_summary_workbook

        write_atomic(path, lambda tmp: write_summary_workbook(summary, tmp, lang=lang, dimensions=dimensions,
                                                             notes=notes(summary, lang)))
