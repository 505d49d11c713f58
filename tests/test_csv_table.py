"""The column-by-column CSV writer (render/csv_table.py) writes byte for byte what pandas' to_csv writes for the
same table after frame_for_text and whole_numbers (the CSV contract of povertool's outputs)."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from povertool.render import csv_table
from povertool.render.writers import csv_to, frame_for_text, whole_numbers


def _pandas_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    whole_numbers(frame_for_text(frame)).to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8")


def _ours(frame: pd.DataFrame) -> bytes:
    out = io.BytesIO()
    assert csv_table.write_csv_rows(frame, out)
    return out.getvalue()


def _table(n: int) -> pd.DataFrame:
    texts = ["Nguyễn Văn An", "a, b", 'say "hi"', "line\nbreak", "cr\rx", "", None, "=1+1", "+84", "-x", "@a",
             "\tt", " lead", "06", np.nan, pd.NA]
    floats = [6.0, 1720000.0, 0.1, -0.0, np.nan, np.inf, -np.inf, 1e16, 2.0**53, 2.0**53 + 2, 1 / 3, 1e-7]
    mixed = ["a", 1, 2.0, 2.5, None, True, np.float64(3.0), np.float64(3.5), "=bad", 10**20, dt.date(2024, 1, 2)]
    return pd.DataFrame({
        "=header": [texts[i % len(texts)] for i in range(n)],
        "floats": [floats[i % len(floats)] for i in range(n)],
        "object_floats": pd.Series([floats[i % len(floats)] for i in range(n)], dtype=object),
        "object_ints": pd.Series([i * 7 if i % 5 else None for i in range(n)], dtype=object),
        "ints": np.arange(n, dtype="int64") - 5,
        "nullable": pd.array([i if i % 3 else None for i in range(n)], dtype="Int64"),
        "flag": pd.array([True, False, None] * (n // 3) + [True] * (n % 3), dtype="boolean"),
        "bools": np.arange(n) % 2 == 0,
        "mixed": pd.Series([mixed[i % len(mixed)] for i in range(n)], dtype=object),
        "strings": pd.array([texts[i % len(texts)] if texts[i % len(texts)] is not np.nan else None
                             for i in range(n)], dtype="string"),
        "str": pd.Series([["x", None, "=y", 'q"'][i % 4] for i in range(n)], dtype="str"),
        5: [1.5] * n,
    })


@pytest.mark.parametrize("n", [0, 1, 7, 40])
def test_same_bytes_as_pandas(n):
    frame = _table(n)
    assert _ours(frame) == _pandas_bytes(frame)


def test_one_column_blank_rows_quoted():
    frame = pd.DataFrame({"only": ["", "x", None]})
    assert _ours(frame) == _pandas_bytes(frame)


def test_dates_left_to_pandas(tmp_path):
    frame = pd.DataFrame({"when": pd.to_datetime(["2024-01-02", None])})
    assert not csv_table.write_csv_rows(frame, io.BytesIO())
    csv_to(frame, tmp_path / "x.csv")  # the writer still writes it (pandas' way)
    assert (tmp_path / "x.csv").read_bytes().startswith(b"\xef\xbb\xbfwhen\r\n2024-01-02")


def test_csv_file_has_bom(tmp_path):
    frame = _table(5)
    csv_to(frame, tmp_path / "x.csv")
    assert (tmp_path / "x.csv").read_bytes() == b"\xef\xbb\xbf" + _pandas_bytes(frame)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(st.characters(exclude_categories=("Cs",)), max_size=8), st.floats(),
                          st.integers(-10**17, 10**17), st.booleans()), min_size=1, max_size=10))
def test_any_values_same_bytes(values):
    frame = pd.DataFrame({"any": pd.Series(values, dtype=object),
                          "floats": pd.Series([v if isinstance(v, float) else np.nan for v in values], dtype=float)})
    assert _ours(frame) == _pandas_bytes(frame)
