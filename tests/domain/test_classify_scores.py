"""The score path (TT 07/2021, domain.md §4): B1 ≤ 140 rural / ≤ 175 urban; deprivations from the marks, else B2 ÷ 10."""

from __future__ import annotations

import pytest
from classify_tables import classify_rows, household

from povertool.read.standards import read_standard

STD = read_standard("vn-2022")
R, U = "rural", "urban"


# area, B1, B2, marks given? (deprived marks), expected status
SCORE_TABLE = [
    (R, 139, 30, None, "poor"),
    (R, 140, 30, None, "poor"),
    (R, 141, 30, None, "not_poor"),
    (R, 140, 20, None, "near_poor"),
    (R, 140, 0, None, "near_poor"),
    (R, 140, 29, None, "near_poor"),  # 29 points: 2 indicators
    (R, 140, 120, None, "poor"),
    (U, 175, 30, None, "poor"),
    (U, 176, 30, None, "not_poor"),
    (U, 150, 20, None, "near_poor"),  # urban threshold is 175, not 140
    (R, 140, None, None, "undetermined"),  # no B2 and no marks: deprivations unknown
    (R, 141, None, None, "not_poor"),  # above the threshold: deprivations cannot matter
    (R, 120, 0, 3, "poor"),  # marks present: they decide, not B2
    (R, 120, 50, 1, "near_poor"),
    (R, 120, None, 0, "near_poor"),
]


@pytest.mark.parametrize("area, b1, b2, marks, expected", SCORE_TABLE)
def test_score_path(area, b1, b2, marks, expected):
    row = household(STD, area=area, b1=b1, b2=b2, deprived=marks or 0, marks=marks is not None)
    result = classify_rows(STD, [row])
    assert result["status"].iloc[0] == expected


def test_income_beats_the_score_when_both_are_present():
    result = classify_rows(STD, [household(STD, income=1_600_000, b1=100, deprived=5)])
    assert result["status"].iloc[0] == "not_poor"
    assert result["income_line"].iloc[0] == 1_500_000


def test_score_reason_and_line_name_the_path():
    rows = [household(STD, b1=140, b2=30, marks=False), household(STD, area=U, b1=180, b2=40, marks=False),
            household(STD, b1=100, b2=10, deprived=3)]
    result = classify_rows(STD, rows)
    assert list(result["reason"]) == [
        "Điểm A (TT 07/2021) 140 ≤ 140 (nông thôn), thiếu hụt 3/12 chỉ số theo điểm B (TT 07/2021) 30 (từ 3 trở lên): hộ nghèo.",
        "Điểm A (TT 07/2021) 180 > 175 (thành thị): hộ không nghèo.",
        "Điểm A (TT 07/2021) 100 ≤ 140 (nông thôn), thiếu hụt 3/12 chỉ số (từ 3 trở lên): hộ nghèo.",
    ]
    assert list(result["income_line"]) == [140, 175, 140]
    assert list(result["deprivation_count"]) == [3, 4, 3]


def test_what_if_income_line_leaves_the_score_path_alone():
    std = STD.with_overrides(income_line_rural=1_000_000)
    assert std.overrides == ("chuẩn nghèo nông thôn 1.500.000 → 1.000.000 (chỉ cho hộ xét theo thu nhập; ngưỡng điểm B1 "
                             "giữ nguyên)",)
    result = classify_rows(std, [household(std, b1=140, b2=30, marks=False), household(std, income=1_200_000, deprived=3)])
    assert list(result["status"]) == ["poor", "not_poor"]
