"""Parquet columns as the cells a spreadsheet would hold: text, numbers, true/false and plain dates.

A script may write a household list with Arrow types no sheet has (decimals, dates with a time zone, times,
durations, bytes, dictionaries). Each such column is turned into its nearest cell type once, as a whole
column; a column of lists, records or maps holds no cell values and stops the read with its name."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputFileError
from ..messages import text

if TYPE_CHECKING:
    import pyarrow as pa


def plain_columns(table: pa.Table, path: Path) -> pa.Table:
    """``table`` with every column of a type a spreadsheet cell cannot hold converted (or InputFileError)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = []
    for name, column in zip(table.column_names, table.columns):
        kind = column.type
        if pa.types.is_dictionary(kind):
            column, kind = column.cast(kind.value_type), kind.value_type
        if pa.types.is_nested(kind):
            raise InputFileError(text("read.parquet_nested", path=path, column=name, kind=str(kind)),
                                 hint=text("read.parquet_nested_fix"))
        if pa.types.is_decimal(kind):
            column = column.cast(pa.float64())
        elif pa.types.is_timestamp(kind) and kind.tz is not None:
            column = pc.local_timestamp(column)  # the wall-clock time of its own zone, as a sheet shows it
        elif pa.types.is_date(kind):
            column = column.cast(pa.timestamp("s"))
        elif pa.types.is_time(kind) or pa.types.is_duration(kind) or pa.types.is_interval(kind):
            column = column.cast(pa.string()) if not pa.types.is_interval(kind) else \
                pa.array([None if v is None else str(v) for v in column.to_pylist()], pa.string())
        elif pa.types.is_binary(kind) or pa.types.is_large_binary(kind) or pa.types.is_fixed_size_binary(kind):
            column = pa.array([None if v is None else v.decode("utf-8", "replace") for v in column.to_pylist()],
                              pa.string())
        columns.append(column)
    return pa.table(columns, names=table.column_names)
