"""The Đồng Nai 2022–2025 example: a local standard extending vn-2022 (2,000,000 / 2,500,000; poor from 2)."""

from __future__ import annotations

from classify_tables import classify_rows, household, run_table

import pandas as pd

from povertool.read.standards import read_standard

R, U = "rural", "urban"
TABLE = [
    (R, 1_999_999, 2, 0, None, "poor"),
    (R, 2_000_000, 2, 0, None, "poor"),
    (R, 2_000_001, 2, 0, None, "not_poor"),
    (R, 2_000_000, 1, 0, None, "near_poor"),
    (R, 2_000_000, 1, 1, None, "undetermined"),
    (R, 1_500_000, 1, 0, None, "near_poor"),
    (R, 1_700_000, 2, 0, None, "poor"),  # near-poor or not poor nationally; poor under the local standard
    # Band 2–3 M rural, 2.5–3.75 M urban (agricultural households).
    (R, 2_000_001, 0, 0, True, "average"),
    (R, 3_000_000, 0, 0, True, "average"),
    (R, 3_000_001, 0, 0, True, "not_poor"),
    (U, 2_500_000, 2, 0, None, "poor"),
    (U, 2_500_000, 1, 0, None, "near_poor"),
    (U, 2_500_001, 2, 0, None, "not_poor"),
    (U, 2_500_001, 0, 0, True, "average"),
    (U, 3_750_000, 0, 0, True, "average"),
    (U, 3_750_001, 0, 0, True, "not_poor"),
]


def test_dong_nai_boundary_table():
    result, expected = run_table("dong-nai-2022", TABLE)
    assert list(result["status"]) == expected


def test_dong_nai_inherits_what_it_does_not_change():
    local, national = read_standard("dong-nai-2022"), read_standard("vn-2022")
    assert local.indicators == national.indicators
    assert local.low_income_line == national.low_income_line
    assert local.b2_points_per_indicator == national.b2_points_per_indicator
    assert local.b1_threshold is None  # unset: the national B1 points stand for the national lines
    assert (local.valid_from, local.valid_to, local.min_deprivations) == (2022, 2025, 2)


def test_dong_nai_low_income_uses_the_inherited_national_line():
    std = read_standard("dong-nai-2022")
    result = classify_rows(std, [household(std, income=2_100_000), household(std, income=2_250_001)])
    assert list(result["status"]) == ["not_poor", "not_poor"]
    assert [None if v is pd.NA else bool(v) for v in result["low_income"]] == [True, False]
