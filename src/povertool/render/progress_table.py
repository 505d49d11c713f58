"""The progress tables: flows (households with persons beside them), targets and trend; as rich tables, .xlsx or .csv."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rich.table import Table

from ..domain.flows import flow_columns
from ..domain.progress import Progress
from . import targets_view, trend_view
from .table_frame import table_frame
from .table_terminal import terminal_table
from .writers import write_atomic, write_csv, write_json
from ..labels import labels
from ..messages import text
from ..numbers import format_count

OPTIONAL_CODES = ("to_undetermined", "from_undetermined", "member_change")  # shown only when not all zero


def _words(progress: Progress, lang: str) -> dict[str, str]:
    words = labels("progress", lang)
    years = {"baseline": progress.baseline_year or "?", "current": progress.current_year or "?"}
    return {k: v.format_map(_Keep(years)) for k, v in words.items()}


class _Keep(dict):
    """Fill the years in labels and keep any other {placeholder} for later."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def shown_codes(progress: Progress, group: str) -> list[str]:
    """The columns of a flow table that are shown: all codes, minus the optional ones that are zero everywhere."""
    dec, inc = flow_columns(group)
    columns = ["start", *dec, "decreases", *inc, "increases", "member_change", "end"]
    hh, persons = progress.flows.table(group), progress.flows.table(group, "persons")
    return [c for c in columns if c not in OPTIONAL_CODES or (hh[c] != 0).any() or (persons[c] != 0).any()]


def flows_table(progress: Progress, group: str, lang: str = "vi") -> Table:
    """One flow table: a row per unit and the total; each cell 'households (persons)'."""
    w = _words(progress, lang)
    measure = f"{w['households']} ({w['persons']})"
    title = w["flows_title"].format(group=w[group], measure=measure)
    table = Table(title=title)
    codes = shown_codes(progress, group)
    table.add_column(w["unit"])
    for code in codes:
        table.add_column(w[code], justify="right")
    hh, persons = progress.flows.table(group), progress.flows.table(group, "persons")
    # Re-entry is known only from earlier rounds (--history): without them "—", never 0.
    unknown = set() if progress.trend is not None else {"re_poor", "re_near_poor"}
    for i in range(len(hh)):
        if hh.loc[i, "unit"] == "total":
            table.add_section()
        name = w["total"] if hh.loc[i, "unit"] == "total" else str(hh.loc[i, "unit"])
        table.add_row(name, *["—" if c in unknown else
                              f"{format_count(hh.loc[i, c], lang)} ({format_count(persons.loc[i, c], lang)})" for c in codes])
    if unknown:
        words = labels("report", lang)
        table.caption = text("report.re_unknown_note", lang, re=words[f"{group}_re_entered"], new=w[f"new_{group}"])
        table.caption_justify = "left"
    return table


def targets_table(progress: Progress, lang: str = "vi") -> Table:
    """The plan's targets on the terminal (render/targets_view.py)."""
    return terminal_table(targets_view.targets_table(progress, lang), lang)


def trend_tables(progress: Progress, lang: str = "vi") -> list[Table]:
    """The rates per round and each year against the programme's targets, on the terminal (render/trend_view.py)."""
    assert progress.trend is not None
    return [terminal_table(table, lang) for table in trend_view.trend_tables(progress.trend, lang)]


def flows_frame(progress: Progress, group: str, lang: str = "vi") -> pd.DataFrame:
    """One group's flow tables (households, then persons) in one frame with labelled columns."""
    w = _words(progress, lang)
    parts = []
    codes = shown_codes(progress, group)
    for measure in ("households", "persons"):
        frame = progress.flows.table(group, measure)[["unit", *codes]].copy()
        frame["unit"] = frame["unit"].replace({"total": w["total"]})
        frame.columns = [w["unit"], *[w[c] for c in codes]]
        frame.insert(0, w["measure"], w[measure])
        parts.append(frame)
    return pd.concat(parts, ignore_index=True)


def write_progress(progress: Progress, path: Path, lang: str = "vi") -> list[Path]:
    """Write the tables: .xlsx (headed tables like the report's, one sheet each), .csv (poor flows;
    NAME-near-poor.csv, NAME-targets.csv beside) or .json."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        write_json(progress.to_dict(), path)
        return [path]
    poor, near = flows_frame(progress, "poor", lang), flows_frame(progress, "near_poor", lang)
    targets = None if progress.targets is None or progress.targets.empty else \
        table_frame(targets_view.targets_table(progress, lang), lang)
    if suffix == ".csv":
        write_csv(poor, path)
        near_path = path.with_name(f"{path.stem}-near-poor.csv")
        write_csv(near, near_path)
        written = [path, near_path]
        if targets is not None:
            other = path.with_name(f"{path.stem}-targets.csv")
            write_csv(targets, other)
            written.append(other)
        return written
    from .people_workbook import write_progress_workbook

    frames = []
    if progress.standard_effect is not None:  # the change split in two labelled parts (issue 16)
        from .standard_effect_table import effect_frame, sheet_name

        frames.append((sheet_name(lang), effect_frame(progress.standard_effect, lang, baseline_year=progress.baseline_year,
                                                      current_year=progress.current_year)))
    # The trend sheet carries the yearly steps and the programme's targets (reports/report_sheets.trend_sheet).
    write_atomic(path, lambda tmp: write_progress_workbook(progress, tmp, lang=lang, frames=frames))
    return [path]
