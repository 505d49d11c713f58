"""The export renderer of the table model: a frame with the headers people read and the raw figures (CSV and the
plain sheets of an export), every column including the detail ones; a published figure brings its exact value in
the next column."""

from __future__ import annotations

import pandas as pd

from ..labels import label
from .table import Published, Table
from .table_terminal import header_text


def table_frame(table: Table, lang: str = "vi") -> pd.DataFrame:
    """One column per table column (headed 'group: header'), rows in order; the figures unformatted."""
    exact = label("progress", "exact", lang)
    names: list[str] = []
    columns: list[pd.Series] = []
    for j, column in enumerate(table.columns):
        name = header_text(column.header, column.group)
        values = [row[j] for row in table.rows]
        names.append(name)
        columns.append(pd.Series([float(v) if isinstance(v, Published) else v for v in values], dtype=object))
        if any(isinstance(v, Published) for v in values):
            names.append(f"{name} ({exact})")
            columns.append(pd.Series([v.exact if isinstance(v, Published) else v for v in values], dtype=object))
    frame = pd.concat(columns, axis=1, ignore_index=True) if columns else pd.DataFrame()
    frame.columns = names  # two columns may share a header: both are kept
    return frame
