"""CSV output writes whole numbers as whole numbers (6, 1720000), never 6.0; text and fractions untouched."""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd

import povertool
from conftest import SAMPLES
from povertool.render.writers import whole_numbers, write_csv


def test_whole_numbers_in_float_and_mixed_columns(tmp_path):
    frame = pd.DataFrame({
        "members": [6.0, 7.0, np.nan],
        "income": pd.Series([1720000.0, "1.500.000", None], dtype=object),
        "rate": [0.25, 1.0, 2.5],
        "id": pd.Series(["06", "007", "8"], dtype=object),
    })
    out = tmp_path / "x.csv"
    write_csv(frame, out)
    rows = list(csv.reader(out.read_text("utf-8-sig").splitlines()))
    assert rows[1] == ["6", "1720000", "0.25", "06"]
    assert rows[2] == ["7", "1.500.000", "1", "007"]
    assert rows[3] == ["", "", "2.5", "8"]
    assert whole_numbers(frame)["rate"].tolist() == [0.25, 1, 2.5]  # a fraction stays a fraction


def test_classified_csv_has_no_point_zero(tmp_path):
    out = tmp_path / "c.csv"
    povertool.write_classified(povertool.classify(SAMPLES / "an-binh-2024.xlsx"), out)
    header, first = list(csv.reader(out.read_text("utf-8-sig").splitlines()))[:2]
    row = dict(zip(header, first))
    assert row["Số nhân khẩu"] == "6" and row["Thu nhập bình quân đầu người/tháng (đồng)"] == "1720000"
    assert row["income_line"] == "2000000" and row["STT"] == "1"
    assert not any(v.endswith(".0") for v in first)
