"""The one table model: a table is built once from the domain results (targets, trend, flows, tallies…) and drawn
by several renderers — the terminal (render/table_terminal.py), CSV and plain exports (render/table_frame.py), the
report and people workbooks (render/workbook.py) and the HTML report (render/html_report.py).

A table holds figures, never formatted text: numbers stay numbers (a count, a rate in %, a 0–1 fraction), a mark
such as "—" is text, None is a blank. Each renderer formats them its own way (1.234 / 4,03% on the terminal,
#,##0 / 0.00 in a workbook).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

TEXT, COUNT, RATE = "text", "count", "rate"  # cell kinds: text, whole number (#,##0), percentage (0.00)
FRACTION = "fraction"  # a 0–1 measure with four decimals (Alkire–Foster M0)
UNIT, SUBTOTAL, TOTAL = "unit", "subtotal", "total"  # row kinds (subtotal and total rows are bold)


class Published(float):
    """A figure as published (a rate rounded to two decimals) that keeps its exact value: workbooks print the
    published figure, the terminal shows both, exports carry both."""

    exact: float

    def __new__(cls, published: float, exact: float) -> Published:  # noqa: PYI034 (3.10 has no Self)
        figure = super().__new__(cls, published)
        figure.exact = exact
        return figure


@dataclass(frozen=True)
class Column:
    """One column: its header, the merged group header above it (consecutive equal groups merge), its units.

    ``key`` names the field it shows; ``signed`` marks a change (+/− on the terminal); ``tones`` gives a terminal
    colour per text value ("" for any other value); ``detail`` columns are exported (CSV) but not printed;
    ``missing`` is what the terminal shows for no figure (a workbook leaves the cell blank)."""

    header: str
    kind: str = COUNT
    group: str = ""
    unit: str = ""
    width: float = 11.0
    key: str = ""
    signed: bool = False
    tones: Mapping[str, str] | None = None
    detail: bool = False
    missing: str = "—"


@dataclass
class Table:
    """Columns and rows of values; ``kinds`` marks unit/subtotal/total rows; ``row_kind`` overrides COUNT cells
    of a row (e.g. RATE for a rate target). ``caption`` heads the table inside a sheet; ``title`` names it when it
    stands alone (the terminal; else the caption); ``notes`` print under it on the terminal, and at the foot of
    the sheet that holds it."""

    columns: list[Column]
    rows: list[list[Any]]
    kinds: list[str]
    caption: str = ""
    row_kind: list[str | None] | None = None
    title: str = ""
    notes: list[str] = field(default_factory=list)

    def cell_kind(self, i: int, j: int) -> str:
        """The kind of cell (i, j)."""
        kind = self.columns[j].kind
        override = self.row_kind[i] if self.row_kind is not None else None
        return override if override is not None and kind == COUNT else kind

    def printed(self) -> Table:
        """The table without its detail (export-only) columns."""
        keep = [j for j, c in enumerate(self.columns) if not c.detail]
        if len(keep) == len(self.columns):
            return self
        return replace(self, columns=[self.columns[j] for j in keep], rows=[[row[j] for j in keep] for row in self.rows])


def plain(value: Any) -> Any:
    """A cell value: None for missing, Python numbers for numpy ones."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value.item() if hasattr(value, "item") else value


def published(value: Any, exact: Any) -> Any:
    """The published figure carrying its exact value (None when none was published)."""
    shown, precise = plain(value), plain(exact)
    if shown is None or precise is None or isinstance(shown, str):
        return shown
    return Published(float(shown), float(precise))
