"""The column-by-column sheet writer (render/sheet_rows.py) writes byte for byte the workbook the cell-by-cell
writer writes: every part of the .xlsx is compared, for text that needs escaping, numbers of every shape,
blanks with and without a format, per-row status colours, row heights, mixed and date columns."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from povertool.read.headers import personal_columns
from povertool.render import sheet_rows
from povertool.render.xlsx import new_workbook, write_table

STATUSES = ["poor", "near_poor", "not_poor", "average", "undetermined", "unknown-code"]


def _write(path: Path, frame: pd.DataFrame, *, column_wise: bool, monkeypatch, **options) -> dict[str, bytes]:
    """Every part of the workbook written with (or without) the column-by-column writer."""
    with monkeypatch.context() as patch:
        if not column_wise:
            patch.setattr(sheet_rows, "write_rows", lambda *args, **kwargs: False)
        workbook = new_workbook(path)
        write_table(workbook, "Bảng", frame, **options)
        write_table(workbook, "Hai", frame.iloc[:3])  # a second sheet: formats numbered across sheets
        workbook.close()
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _same(tmp_path: Path, frame: pd.DataFrame, monkeypatch, **options) -> None:
    fast = _write(tmp_path / "fast.xlsx", frame, column_wise=True, monkeypatch=monkeypatch, **options)
    slow = _write(tmp_path / "slow.xlsx", frame, column_wise=False, monkeypatch=monkeypatch, **options)
    assert list(fast) == list(slow)
    for name in slow:
        assert fast[name] == slow[name], name


def _hostile_frame(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    texts = ["Nguyễn Văn An", " leading", "trailing ", "a & b < c > d", "\ttab", "line\nbreak", "ctrl\x01x",
             "_x0041_ literal", "<r>rich</r>", "\ufffe", "x" * 20_000, "", "'=1+1", "=SUM(A1)", "\xa0nbsp",
             "Xã Tân Phú", "\u3000ideographic", None]
    numbers = [0.0, -0.0, 1.0, -7.0, 1720000.0, 0.1, 1 / 3, 1e16, 9999999999999998.0, 1e-7, -2.5e20,
               np.nan, np.inf, -np.inf, 123456789.125]
    mixed = ["text", 5, 2.5, True, dt.date(2024, 5, 1), dt.datetime(2024, 5, 1, 13, 30), None, np.int64(9),
             np.float64("nan"), dt.time(8, 15), pd.Timestamp("2025-01-02"), 10**17]
    return pd.DataFrame({
        "text": [texts[i % len(texts)] for i in range(n)],
        "marks": rng.choice(["x", "", None], n).astype(object),
        "number": [numbers[i % len(numbers)] for i in range(n)],
        "ints": np.arange(n, dtype="int64") - 3,
        "flag": pd.array([True, False, None] * (n // 3) + [True] * (n % 3), dtype="boolean"),
        "plain_bool": np.arange(n) % 2 == 0,
        "object_numbers": [float(i) if i % 4 else (None if i % 8 else i) for i in range(n)],
        "mixed": [mixed[i % len(mixed)] for i in range(n)],
        "when": pd.to_datetime(["2024-01-31", None, "2023-12-01"] * (n // 3) + ["2024-02-29"] * (n % 3)),
        "status_label": [STATUSES[i % len(STATUSES)] if i % 7 else None for i in range(n)],
    })


@pytest.mark.parametrize("n", [1, 2, 5, 61])
def test_styled_table_same_bytes(tmp_path, monkeypatch, n):
    frame = _hostile_frame(n)
    statuses = pd.Series([STATUSES[(i * 5) % len(STATUSES)] for i in range(n)])
    heights = [None if i % 3 else 15.0 * (1 + i % 4) + 2 for i in range(n)]
    formats = {c: {"valign": "top"} for c in frame.columns}
    formats["number"] = {"valign": "top", "num_format": "#,##0"}
    _same(tmp_path, frame, monkeypatch, status_column="status_label", statuses=statuses, number_formats=formats,
          row_heights=heights, widths=[10.0] * frame.shape[1], header_formats=[{"rotation": 90}] * frame.shape[1])


def test_plain_table_same_bytes(tmp_path, monkeypatch):
    """No formats: missing values write no cell; a row of missing values writes no row."""
    frame = _hostile_frame(40).drop(columns=["plain_bool", "ints"]).astype(object)
    frame.iloc[10:14] = None
    _same(tmp_path, frame, monkeypatch)


def test_classified_workbook_same_bytes(tmp_path, monkeypatch):
    """The whole classified workbook (status colours, wrapped reasons, row heights) through the API."""
    from conftest import HEADERS, household_row, write_xlsx

    from povertool import api
    from povertool.render import classified_output

    rows = [HEADERS] + [household_row(f"H-{i}", income=500_000 + i * 350_000) for i in range(30)]
    result = api.classify(write_xlsx(tmp_path / "in.xlsx", rows), year=2024)
    classified_output.write_classified(result, tmp_path / "fast.xlsx", personal_by_header=personal_columns)
    with monkeypatch.context() as patch:
        patch.setattr(sheet_rows, "write_rows", lambda *args, **kwargs: False)
        classified_output.write_classified(result, tmp_path / "slow.xlsx", personal_by_header=personal_columns)
    with zipfile.ZipFile(tmp_path / "fast.xlsx") as fast, zipfile.ZipFile(tmp_path / "slow.xlsx") as slow:
        assert fast.namelist() == slow.namelist()
        for name in slow.namelist():
            assert fast.read(name) == slow.read(name), name


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.none(), st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
                          st.floats(), st.integers(-10**18, 10**18), st.booleans()), min_size=2, max_size=12))
def test_any_values_same_bytes(tmp_path, monkeypatch, values):
    frame = pd.DataFrame({"any": pd.Series(values, dtype=object), "text": [str(v) for v in values]})
    _same(tmp_path, frame, monkeypatch, number_formats={"text": {"valign": "top"}})


def test_not_constant_memory_left_to_cell_writer(tmp_path):
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"))
    ws = workbook.add_worksheet()
    assert not sheet_rows.write_rows(ws, pd.DataFrame({"a": ["x", "y"]}), 1, [None], None)
    workbook.close()
