"""The year-end summary for people: its tables (built once in render/summary_view.py) on the terminal, the notes,
and the same figures as a workbook, CSV or JSON."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rich.table import Table

from ..domain.roll_up import SUBTOTAL, TOTAL
from ..domain.summary import Summary
from ..labels import label, labels


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


def indicator_names(summary: Summary, lang: str = "vi") -> dict[str, str]:
    """Indicator code -> its name in ``lang`` (the code itself when the standard gives none)."""
    names = getattr(summary, "indicator_names", {}) or {}
    return {c: (names.get(c, (c, c))[0 if lang == "vi" else 1] or c) for c in summary.indicators}


def summary_tables(summary: Summary, lang: str = "vi") -> list[Table]:
    """Every table of the summary on the terminal, in reading order (render/summary_view.py): the results with
    the denominator and what is missing or small in the notes, the deprivations and Alkire–Foster measures, the
    sub-groups."""
    from . import summary_view as view
    from .table_terminal import terminal_table

    results = view.results_table(summary, lang)
    denominator = label("text", "denominator_census" if summary.census else "denominator_totals", lang)
    results.notes = [denominator, *warnings(summary, lang), *results.notes]
    tables = [results]
    if summary.indicators:
        tables += [view.deprivation_table(summary, lang), view.alkire_foster_table(summary, lang)]
    sub = view.subgroup_table(summary, lang)
    return [terminal_table(table, lang) for table in [*tables, *([sub] if sub is not None else [])]]


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
