"""The official report as plain data: sheets of tables (render/table.py), charts and a cover, laid out once and
drawn twice (render/workbook.py draws the .xlsx, render/html_report.py the HTML)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .table import COUNT, FRACTION, RATE, SUBTOTAL, TEXT, TOTAL, UNIT, Column, Table  # noqa: F401 (the model)


@dataclass
class Sheet:
    """One report sheet: its number in the report set (domain.md §6), name, title, tables and notes."""

    key: str
    number: str
    name: str
    title: str
    units: str
    tables: list[Table]
    notes: list[str] = field(default_factory=list)
    signature: bool = True
    portrait: bool = False  # narrow tables (a redacted list) print more rows per page upright
    basis: str | None = None  # the line under the title; None: the standard and the rate denominator of the report


def sheet_basis(report: Report, sheet: Sheet) -> str:
    """The line under a sheet's title: its own basis (a template with {standard}), else the standard and the
    report's rate denominator."""
    if sheet.basis is not None:
        return sheet.basis.format(standard=report.standard)
    return report.texts["basis"].format(standard=report.standard, denominator=report.denominator)


def sheet_units(sheet: Sheet) -> str:
    """The units line: the sheet's own ``units`` when set, else the units of its columns in order of appearance
    (so it never names a unit no column has)."""
    if sheet.units:
        return sheet.units
    seen: list[str] = []
    for table in sheet.tables:
        for column in table.columns:
            if column.unit and column.unit not in seen:
                seen.append(column.unit)
    return ", ".join(seen)


@dataclass
class Chart:
    """A chart: categories and named series of values (percentages)."""

    key: str
    kind: str  # 'column', 'bar' or 'line'
    title: str
    category_header: str
    categories: list[str]
    series: list[tuple[str, list[float | None]]]
    y_title: str = "%"


@dataclass
class Source:
    """A file the report was made from, with its SHA-256 checksum."""

    role: str
    name: str
    sha256: str


@dataclass
class Report:
    """Everything the report shows."""

    lang: str
    year: int | None
    authority: str
    area: str
    standard: str
    denominator: str
    generated: dt.datetime
    software: str
    sources: list[Source]
    sheets: list[Sheet]
    charts: list[Chart]
    skipped: list[tuple[str, str, str]]  # (number, title, reason)
    notes: list[str] = field(default_factory=list)
    redacted: bool = False
    rejected_line: str = ""  # the cover's line on rejected rows (how many, where listed)
    warnings_line: str = ""  # the cover's line on the rounds' data warnings (how many; 'povertool check' lists them)
    standard_note: str = ""  # why this standard, when the review year's standard ends (the 2026 review)
    rejected: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # round name -> rejected rows
    texts: dict[str, str] = field(default_factory=dict)  # the [report] labels in ``lang``
    warnings: list[str] = field(default_factory=list)  # for people (stderr), not printed in the report
    outputs: list[Any] = field(default_factory=list)  # the paths written
