"""The column-wise xlsx writer gives the same cells as writing each value through the plain per-cell
conversion (xlsx.cell_value), for every kind of column a classified table holds."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import openpyxl
import pandas as pd
import pytest

from povertool.render.writers import to_json_text
from povertool.render.xlsx import STATUS_COLOURS, _column_values, cell_value, new_workbook, write_table


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": pd.array(["a", None, "=1+1", "Nguyễn Thị Ánh"], dtype="str"),
            "objtext": pd.Series(["x", None, "", "+84 90"], dtype=object),
            "float": [1.5, np.nan, np.inf, -2.0],
            "int": np.array([1, 2, 3, 4], dtype=np.int64),
            "nullable_int": pd.array([1, None, 3, 0], dtype="Int64"),
            "Float64": pd.array([0.25, None, 3.0, 1e9], dtype="Float64"),
            "boolean": pd.array([True, None, False, True], dtype="boolean"),
            "bool": np.array([True, False, True, False]),
            "objnum": pd.Series([4.0, None, 7, float("nan")], dtype=object),
            "mixed": pd.Series(["HH1", 12.0, None, True], dtype=object),
            "dates": pd.Series([dt.datetime(2024, 1, 2), None, dt.datetime(2023, 12, 31), None], dtype=object),
            "status": ["poor", "near_poor", None, "not_poor"],
        }
    )


def _expected(value: object) -> object:
    value = cell_value(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _read_back(path) -> list[list[object]]:
    ws = openpyxl.load_workbook(path)["T"]
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_column_wise_writer_matches_per_cell_conversion(tmp_path) -> None:
    frame = _frame()
    path = tmp_path / "t.xlsx"
    wb = new_workbook(path)
    write_table(wb, "T", frame, status_column="status", statuses=frame["status"], number_formats={"float": "#,##0"})
    wb.close()
    rows = _read_back(path)
    assert rows[0] == list(frame.columns)
    for i, row in enumerate(rows[1:]):
        for j, col in enumerate(frame.columns):
            got, want = row[j], _expected(frame[col].iloc[i])
            if isinstance(got, float) and got.is_integer():
                got = int(got)
            if isinstance(want, dt.datetime):
                assert got == want, (col, i)
            else:
                assert got == want and type(got) is type(want), (col, i, got, want)


def test_text_is_never_a_formula_and_status_cells_are_coloured(tmp_path) -> None:
    frame = _frame()
    path = tmp_path / "t.xlsx"
    wb = new_workbook(path)
    write_table(wb, "T", frame, status_column="status", statuses=frame["status"])
    wb.close()
    ws = openpyxl.load_workbook(path)["T"]
    assert ws["A4"].value == "=1+1" and ws["A4"].data_type == "s"
    status_col = list(frame.columns).index("status") + 1
    fills = [ws.cell(row=r, column=status_col).fill.fgColor.rgb for r in range(2, 6)]
    assert fills[0].endswith(STATUS_COLOURS["poor"][1:])
    assert fills[1].endswith(STATUS_COLOURS["near_poor"][1:])
    assert fills[3].endswith(STATUS_COLOURS["not_poor"][1:])


@pytest.mark.parametrize(
    "column, kind",
    [("text", "str"), ("objtext", "str"), ("float", "num"), ("nullable_int", "num"), ("boolean", "bool"),
     ("bool", "bool"), ("objnum", "num"), ("mixed", "mixed"), ("dates", "mixed")],
)
def test_column_kinds_are_decided_once_per_column(column: str, kind: str) -> None:
    values, got = _column_values(_frame()[column])
    assert got == kind
    assert all(v is None or not (isinstance(v, float) and not math.isfinite(v)) for v in values)


def test_json_text_handles_numpy_and_pandas_missing_values() -> None:
    text = to_json_text({"a": np.int64(3), "b": np.float64("nan"), "c": pd.NA, "d": np.bool_(True), "e": [1.5]})
    assert text == '{\n  "a": 3,\n  "b": null,\n  "c": null,\n  "d": true,\n  "e": [\n    1.5\n  ]\n}\n'
