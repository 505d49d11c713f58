"""The progress result for people: its tables (flows, targets, trend; built once in flows_view, targets_view and
trend_view) on the terminal, and the same tables as .xlsx or .csv, or the figures as .json."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rich.table import Table

from ..domain.progress import Progress
from ..labels import labels
from . import flows_view, targets_view, trend_view
from .table_frame import table_frame
from .table_terminal import terminal_table
from .writers import write_atomic, write_csv, write_json


def flows_tables(progress: Progress, group: str, lang: str = "vi") -> list[Table]:
    """One group's flows on the terminal (render/flows_view.py): the official aggregates, then the detail in
    households and in persons."""
    return [terminal_table(table, lang) for table in flows_view.flow_tables(progress, group, lang,
                                                                            re_known=progress.trend is not None)]


def targets_table(progress: Progress, lang: str = "vi") -> Table:
    """The plan's targets on the terminal (render/targets_view.py)."""
    return terminal_table(targets_view.targets_table(progress, lang), lang)


def trend_tables(progress: Progress, lang: str = "vi") -> list[Table]:
    """The rates per round and each year against the programme's targets, on the terminal (render/trend_view.py)."""
    assert progress.trend is not None
    return [terminal_table(table, lang) for table in trend_view.trend_tables(progress.trend, lang)]


def flows_frame(progress: Progress, group: str, lang: str = "vi") -> pd.DataFrame:
    """One group's detail flows (households, then persons) in one frame, the measure in the first column."""
    _, households, persons = flows_view.flow_tables(progress, group, lang, re_known=progress.trend is not None)
    measure = labels("progress", lang)["measure"]
    parts = [table_frame(table, lang) for table in (households, persons)]
    for part, word in zip(parts, ("households", "persons")):
        part.insert(0, measure, labels("progress", lang)[word])
    return pd.concat(parts, ignore_index=True)[list(parts[-1].columns)]  # member change: persons only


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
