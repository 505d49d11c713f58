"""vn-2022 (NĐ 07/2021 + NĐ 30/2025), domain.md §2: boundary table, one household per line."""

from __future__ import annotations

import pandas as pd
import pytest
from classify_tables import classify_rows, household, run_table

from povertool.read.standards import read_standard

R, U = "rural", "urban"
# area, income (VND/person/month), deprived indicators, unknown indicators, agricultural, expected status
TABLE = [
    # Rural line 1,500,000 ("từ ... trở xuống": at or below), poor from 3 of 12 indicators.
    (R, 1_499_999, 3, 0, None, "poor"),
    (R, 1_500_000, 3, 0, None, "poor"),
    (R, 1_500_001, 3, 0, None, "not_poor"),
    (R, 1_500_000, 2, 0, None, "near_poor"),
    (R, 1_500_000, 0, 0, None, "near_poor"),
    (R, 1_500_000, 12, 0, None, "poor"),
    (R, 1_500_001, 12, 0, None, "not_poor"),  # above the line: deprivations do not matter
    # Unknown marks matter only when they could change the result.
    (R, 1_500_000, 2, 1, None, "undetermined"),
    (R, 1_500_000, 0, 2, None, "near_poor"),
    (R, 1_500_000, 3, 9, None, "poor"),
    (R, 1_600_000, 0, 12, None, "not_poor"),
    (R, None, 5, 0, None, "undetermined"),
    # Average band: > 1,500,000 to ≤ 2,250,000, only for agricultural households.
    (R, 1_500_001, 0, 0, True, "average"),
    (R, 2_250_000, 0, 0, True, "average"),
    (R, 2_250_001, 0, 0, True, "not_poor"),
    (R, 2_000_000, 0, 0, False, "not_poor"),
    (R, 2_000_000, 0, 0, None, "not_poor"),
    (R, 1_500_000, 3, 0, True, "poor"),
    # Urban line 2,000,000; band to 3,000,000.
    (U, 1_999_999, 3, 0, None, "poor"),
    (U, 2_000_000, 3, 0, None, "poor"),
    (U, 2_000_001, 3, 0, None, "not_poor"),
    (U, 2_000_000, 2, 0, None, "near_poor"),
    (U, 2_000_001, 0, 0, True, "average"),
    (U, 3_000_000, 0, 0, True, "average"),
    (U, 3_000_001, 0, 0, True, "not_poor"),
    (U, 1_500_001, 2, 0, None, "near_poor"),  # the rural line is not applied to urban households
    (U, 1_999_999, 2, 0, None, "near_poor"),
    (U, 3_000_000, 0, 0, False, "not_poor"),  # the band is for agricultural households only
    (R, 2_250_000, 5, 0, False, "not_poor"),
    (R, 1_500_000, 1, 2, None, "undetermined"),  # two unknown marks could make it 3
    (R, 1_500_001, 0, 12, None, "not_poor"),
    (U, None, 0, 0, None, "undetermined"),  # nothing to judge income by
]

# The score path (TT 07/2021): with no income, B1 ("điểm A") at or under 140 rural / 175 urban; income decides
# when both are given. (area, income, B1, deprived, expected status)
SCORES = [
    (R, None, 140, 3, "poor"),
    (R, None, 140, 2, "near_poor"),
    (R, None, 141, 3, "not_poor"),
    (U, None, 175, 3, "poor"),
    (U, None, 176, 3, "not_poor"),
    (R, None, None, 5, "undetermined"),
    (R, 1_000_000, 200, 3, "poor"),
]


def test_vn2022_boundary_table():
    result, expected = run_table("vn-2022", TABLE)
    assert list(result["status"]) == expected


def test_whole_table_at_once_matches_row_by_row():
    """Vectorised over the whole frame gives what one household at a time gives."""
    together, _ = run_table("vn-2022", TABLE)
    one_by_one = [run_table("vn-2022", [row])[0]["status"].iloc[0] for row in TABLE]
    assert list(together["status"]) == one_by_one


def test_vn2022_score_path():
    std = read_standard("vn-2022")
    rows = [household(std, area=a, income=i, b1=b1, deprived=d) for a, i, b1, d, _ in SCORES]
    assert list(classify_rows(std, rows, words=False)["status"]) == [row[-1] for row in SCORES]


def test_result_columns_and_reason():
    std = read_standard("vn-2022")
    result = classify_rows(std, [household(std, income=1_200_000, deprived=4)]).iloc[0]
    assert result["status_label"] == "Hộ nghèo"
    assert result["deprivation_count"] == 4
    assert result["deprived"] == ";".join(std.indicator_codes[:4])
    assert result["income_line"] == 1_500_000
    assert "1.200.000" in result["reason"] and "1.500.000" in result["reason"] and "4/12" in result["reason"]


def test_score_path_reason_says_diem_a():
    std = read_standard("vn-2022")
    result = classify_rows(std, [household(std, area=U, b1=150, deprived=3)]).iloc[0]
    assert result["income_line"] == 175
    assert result["reason"].startswith("Điểm A (TT 07/2021) 150 ≤ 175")  # TT 07/2021 calls B1 "điểm A"


def test_deprivations_from_b2_when_no_marks():
    std = read_standard("vn-2022")
    result = classify_rows(std, [household(std, b1=120, b2=30, marks=False), household(std, b1=120, b2=20, marks=False)])
    assert result["status"].tolist() == ["poor", "near_poor"]
    assert result["deprivation_count"].tolist() == [3, 2]
    assert "theo điểm B (TT 07/2021) 30" in result["reason"].iloc[0]


def test_thresholds_come_from_the_standard():
    """A what-if line moves the boundary: nothing is a literal in code."""
    std = read_standard("vn-2022").with_overrides(income_line_rural=1_000_000, min_deprivations=2)
    rows = [household(std, income=1_200_000, deprived=3), household(std, income=900_000, deprived=2)]
    assert classify_rows(std, rows, words=False)["status"].tolist() == ["not_poor", "poor"]
    assert std.overrides


# NĐ 30/2025: neither poor nor near-poor and at or under 2,250,000 rural / 3,000,000 urban.
LOW_INCOME = [
    (R, 1_500_001, 0, 0, None, True),
    (R, 2_250_000, 0, 0, None, True),
    (R, 2_250_001, 0, 0, None, False),
    (R, 2_250_000, 0, 0, True, True),  # an average household is neither poor nor near-poor either
    (R, 1_500_000, 3, 0, None, False),  # poor
    (R, 1_500_000, 0, 0, None, False),  # near-poor
    (U, 3_000_000, 0, 0, None, True),
    (U, 3_000_001, 0, 0, None, False),
    (U, 2_250_001, 0, 0, None, True),
    (R, None, 0, 0, None, None),  # no income: not known
]


def test_low_income_worker_flag():
    result, expected = run_table("vn-2022", LOW_INCOME)
    got = [None if v is pd.NA else bool(v) for v in result["low_income"]]
    assert got == expected


def test_reason_names_the_figures_and_the_rule():
    std = read_standard("vn-2022")
    result = classify_rows(std, [
        household(std, income=1_500_000, deprived=3),
        household(std, area=U, income=2_500_000, agricultural=True),
        household(std, income=1_200_000, deprived=2, unknown=1),
    ])
    assert list(result["reason"]) == [
        "Thu nhập 1.500.000 đồng/người/tháng ≤ chuẩn nghèo 1.500.000 (nông thôn), thiếu hụt 3/12 chỉ số (từ 3 trở lên): hộ nghèo.",
        "Thu nhập 2.500.000 đồng/người/tháng > chuẩn nghèo 2.000.000 (thành thị) và ≤ 3.000.000, hộ làm nông, lâm, ngư, diêm nghiệp: hộ có mức sống trung bình.",
        "Thu nhập 1.200.000 đồng/người/tháng ≤ chuẩn nghèo 1.500.000 (nông thôn), thiếu hụt 2/12 chỉ số, 1 chỉ số chưa rõ (dưới 3): chưa xác định.",
    ]
    assert list(result["income_line"]) == [1_500_000, 2_000_000, 1_500_000]
    assert list(result["deprived"]) == ["employment;dependants;nutrition", "", "employment;dependants"]


@pytest.mark.parametrize("k, status", [(2, "poor"), (3, "near_poor")])
def test_what_if_min_deprivations_changes_only_that(k, status):
    std = read_standard("vn-2022").with_overrides(min_deprivations=k)
    result = classify_rows(std, [household(std, income=1_000_000, deprived=2), household(std, income=1_600_000, deprived=5)])
    assert list(result["status"]) == [status, "not_poor"]
