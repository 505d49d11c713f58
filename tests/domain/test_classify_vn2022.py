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
]


def test_vn2022_boundary_table():
    result, expected = run_table("vn-2022", TABLE)
    assert list(result["status"]) == expected


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
