"""Boundary table for vn-2022 (NĐ 07/2021, domain.md §2 and §4): just below, at and just above each line."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from povertool.render.reasons import classify_with_words
from povertool.read.standards import read_standard

STD = read_standard("vn-2022")
CODES = STD.indicator_codes
NA = None

# (area, income, deprived, unknown, agricultural, b1, expected status, expected low_income)
CASES = [
    # rural line 1,500,000: "từ ... trở xuống" includes the line itself
    ("rural", 1_499_999, 3, 0, False, NA, "poor", NA),
    ("rural", 1_500_000, 3, 0, False, NA, "poor", NA),
    ("rural", 1_500_001, 3, 0, False, NA, "not_poor", True),
    ("rural", 1_500_000, 2, 0, False, NA, "near_poor", NA),
    ("rural", 1_500_000, 0, 0, False, NA, "near_poor", NA),
    ("rural", 1_500_000, 12, 0, False, NA, "poor", NA),
    # unknown marks: undetermined only when they could change the result
    ("rural", 1_500_000, 2, 1, False, NA, "undetermined", NA),
    ("rural", 1_500_000, 1, 2, False, NA, "undetermined", NA),
    ("rural", 1_500_000, 0, 2, False, NA, "near_poor", NA),
    ("rural", 1_500_000, 3, 5, False, NA, "poor", NA),
    ("rural", 1_500_001, 0, 12, False, NA, "not_poor", True),
    # average band (agricultural households only): above the line, at or below 2,250,000
    ("rural", 1_500_001, 0, 0, True, NA, "average", True),
    ("rural", 2_250_000, 0, 0, True, NA, "average", True),
    ("rural", 2_250_001, 0, 0, True, NA, "not_poor", False),
    ("rural", 2_250_000, 5, 0, False, NA, "not_poor", True),
    ("rural", 2_250_001, 5, 0, False, NA, "not_poor", False),
    # urban line 2,000,000; band to 3,000,000
    ("urban", 1_999_999, 2, 0, False, NA, "near_poor", NA),
    ("urban", 2_000_000, 3, 0, False, NA, "poor", NA),
    ("urban", 2_000_001, 3, 0, False, NA, "not_poor", True),
    ("urban", 3_000_000, 0, 0, True, NA, "average", True),
    ("urban", 3_000_001, 0, 0, True, NA, "not_poor", False),
    ("urban", 3_000_000, 0, 0, False, NA, "not_poor", True),
    # score path (TT 07/2021): B1 <= 140 rural / 175 urban when income is absent
    ("rural", NA, 3, 0, False, 140, "poor", NA),
    ("rural", NA, 2, 0, False, 140, "near_poor", NA),
    ("rural", NA, 3, 0, False, 141, "not_poor", NA),
    ("urban", NA, 3, 0, False, 175, "poor", NA),
    ("urban", NA, 3, 0, False, 176, "not_poor", NA),
    # nothing to judge income by
    ("rural", NA, 5, 0, False, NA, "undetermined", NA),
    ("urban", NA, 0, 0, False, NA, "undetermined", NA),
    # income decides when both income and B1 are given
    ("rural", 1_000_000, 3, 0, False, 200, "poor", NA),
]


def _frame(cases) -> pd.DataFrame:
    rows = []
    for area, income, deprived, unknown, agri, b1, *_ in cases:
        row = {"area": area, "income_per_capita": np.nan if income is None else float(income),
               "b1_score": np.nan if b1 is None else float(b1), "agricultural": agri}
        for j, code in enumerate(CODES):
            row[code] = True if j < deprived else (None if j < deprived + unknown else False)
        rows.append(row)
    frame = pd.DataFrame(rows)
    for code in CODES:
        frame[code] = frame[code].astype("boolean")
    frame["agricultural"] = frame["agricultural"].astype("boolean")
    return frame


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}dep-{c[3]}unk-agri{c[4]}-b1{c[5]}" for c in CASES])
def test_boundary(case):
    result = classify_with_words(_frame([case]), STD)
    assert result["status"].iloc[0] == case[6]
    expected_low = case[7]
    got_low = result["low_income"].iloc[0]
    if expected_low is None:
        assert got_low is pd.NA or got_low is False or not bool(got_low)
    else:
        assert bool(got_low) == expected_low


def test_whole_table_at_once_matches_row_by_row():
    """Vectorised over the whole frame gives the same as one row at a time."""
    together = classify_with_words(_frame(CASES), STD)["status"].tolist()
    assert together == [c[6] for c in CASES]


def test_result_columns_and_reason():
    frame = _frame([("rural", 1_200_000, 4, 0, False, NA, "poor", NA)])
    result = classify_with_words(frame, STD).iloc[0]
    assert result["status_label"] == "Hộ nghèo"
    assert result["deprivation_count"] == 4
    assert result["deprived"] == ";".join(CODES[:4])
    assert result["income_line"] == 1_500_000
    assert "1.200.000" in result["reason"] and "1.500.000" in result["reason"] and "4/12" in result["reason"]


def test_score_path_reason_says_b1():
    frame = _frame([("urban", NA, 3, 0, False, 150, "poor", NA)])
    result = classify_with_words(frame, STD).iloc[0]
    assert result["income_line"] == 175
    assert result["reason"].startswith("Điểm A (TT 07/2021) 150 ≤ 175")  # TT 07/2021 calls B1 "điểm A"


def test_deprivations_from_b2_when_no_marks():
    frame = pd.DataFrame({"area": ["rural", "rural"], "b1_score": [120.0, 120.0], "b2_score": [30.0, 20.0]})
    result = classify_with_words(frame, STD)
    assert result["status"].tolist() == ["poor", "near_poor"]
    assert result["deprivation_count"].tolist() == [3, 2]
    assert "theo điểm B (TT 07/2021) 30" in result["reason"].iloc[0]


def test_thresholds_come_from_the_standard():
    """A what-if line moves the boundary: nothing is a literal in code."""
    std = STD.with_overrides(income_line_rural=1_000_000, min_deprivations=2)
    frame = _frame([("rural", 1_200_000, 3, 0, False, NA, "", NA), ("rural", 900_000, 2, 0, False, NA, "", NA)])
    assert classify_with_words(frame, std)["status"].tolist() == ["not_poor", "poor"]
    assert std.overrides
