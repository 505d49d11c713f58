"""The summary of a classification, declared once: the keys ``classify --json`` prints (spec §3) and the
notes the command line says. A plain dict at run time, so the JSON is exactly what it was."""

from __future__ import annotations

from typing import Any, TypedDict


class FileCount(TypedDict, total=False):
    """One sheet read: rows, households classified, rows rejected and skipped."""

    path: str
    sheet: str
    rows: int
    households: int
    rejected: int
    skipped: int
    skipped_rows: list[dict[str, Any]]


class ClassificationSummary(TypedDict, total=False):
    """Counts, rates and what was said about one classification (classify_survey, then the API's notes)."""

    standard: str
    standard_name: str
    standard_selected_by: str
    overrides: list[str]
    files: list[FileCount]
    households: int
    persons: int
    status_counts: dict[str, int]
    status_persons: dict[str, int]
    poor_rate: float | None
    near_poor_rate: float | None
    multidimensional_rate: float | None
    denominator: str  # "census" or "totals"
    denominator_households: int
    rejected: list[dict[str, Any]]  # file, sheet, row, column, value, problem of each rejected row's problem
    rejected_rows: int
    rejected_count: int  # streamed: every rejected row (``rejected`` lists the first ones)
    warnings: int
    notes: list[str]
    guard_notes: list[str]
    low_income_verify: str | None
    roster: dict[str, Any]
    units_map: dict[str, Any]
    missing_units: list[str]
    totals_year: int | None
    compare: dict[str, Any]
    streamed: bool
    sources: list[Any]  # streamed: the SourceInfo of the file (the command line takes it out before printing)
