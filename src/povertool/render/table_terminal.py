"""The terminal renderer of the table model: a rich table with the figures written as officials write them
(1.234 and 4,03% in Vietnamese, 1,234 and 4.03% in English); the caller prints it on its own console."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table as RichTable

from ..numbers import format_count, format_number, format_rate
from .table import FRACTION, RATE, SUBTOTAL, TEXT, TOTAL, Published, Table

MISSING = "—"


def cell_text(value: Any, kind: str, lang: str, *, signed: bool = False, missing: str = MISSING) -> str:
    """One figure for the terminal: counts with thousands, rates with % (a published rate with its exact value in
    brackets), changes with their sign (rate changes in points, without %), fractions with four decimals."""
    if value is None:
        return missing
    if isinstance(value, str):
        return value
    if kind == TEXT:
        return str(value)
    if signed:
        if value == 0:
            return "0"
        if kind == RATE:
            return format_number(float(value), 2, lang, sign=True, thousands=False)
        return format_number(round(float(value)), 0, lang, sign=True)
    if kind == RATE:
        shown = format_rate(float(value), lang)
        return f"{shown} ({format_rate(value.exact, lang, decimals=4)})" if isinstance(value, Published) else shown
    if kind == FRACTION:
        return format_number(float(value), 4, lang, thousands=False)
    return format_count(value, lang)


def header_text(header: str, group: str, joint: str = ": ") -> str:
    """A column's header where groups cannot merge: 'group: header' (the terminal puts the group on its own
    line)."""
    return f"{group}{joint}{header}" if group else header


def terminal_table(table: Table, lang: str = "vi") -> RichTable:
    """The table as a rich table: its title above, its notes below; a line before the total row and between the
    blocks of subtotals (a block headed by its subtotal, as the urban/rural blocks, or closed by it)."""
    shown = table.printed()
    headed = bool(shown.kinds) and shown.kinds[0] == SUBTOTAL
    out = RichTable(title=shown.title or shown.caption or None)
    for j, column in enumerate(shown.columns):
        text = column.kind == TEXT
        out.add_column(header_text(column.header, column.group, "\n"), justify="left" if text else "right",
                       no_wrap=j == 0, overflow="fold")
    for i, (row, kind) in enumerate(zip(shown.rows, shown.kinds)):
        if i and (kind == TOTAL or (headed and kind == SUBTOTAL)):
            out.add_section()
        cells = []
        for j, value in enumerate(row):
            column = shown.columns[j]
            written = escape(cell_text(value, shown.cell_kind(i, j), lang, signed=column.signed,
                                          missing=column.missing))
            tone = (column.tones.get(value if isinstance(value, str) else "", column.tones.get("")) if column.tones
                    else None)
            cells.append(f"[{tone}]{written}[/]" if tone else written)
        out.add_row(*cells, style="bold" if kind in (SUBTOTAL, TOTAL) else None, end_section=kind == SUBTOTAL and not headed)
    if shown.notes:
        out.caption = escape("\n".join(shown.notes))
        out.caption_justify = "left"
    return out
