"""vn-2016 (QĐ 59/2015; scores TT 17/2016 as amended by TT 14/2018): the two-tier income rule and the two-tier
score rule, 10 indicators; boundary tables, one household per line, at / just below / just above every threshold."""

from __future__ import annotations

import pytest
from classify_tables import classify_rows, household, run_table

from povertool.read.standards import read_standard

R, U = "rural", "urban"
# area, income, deprived, unknown, agricultural, expected status
TABLE = [
    # Rural: poor at or below 700,000 whatever the deprivations ...
    (R, 699_999, 0, 0, None, "poor"),
    (R, 700_000, 0, 0, None, "poor"),
    (R, 700_000, 0, 10, None, "poor"),  # unknown marks cannot change it
    # ... or 700,001–1,000,000 with ≥ 3 of 10 indicators; near-poor there with < 3.
    (R, 700_001, 3, 0, None, "poor"),
    (R, 700_001, 2, 0, None, "near_poor"),
    (R, 700_001, 0, 0, None, "near_poor"),
    (R, 700_001, 2, 1, None, "undetermined"),
    (R, 1_000_000, 3, 0, None, "poor"),
    (R, 1_000_000, 2, 0, None, "near_poor"),
    (R, 1_000_001, 3, 0, None, "not_poor"),
    (R, 1_000_001, 10, 0, None, "not_poor"),
    # Middle band, rural 1.0–1.5 M (agricultural households).
    (R, 1_000_001, 0, 0, True, "average"),
    (R, 1_500_000, 0, 0, True, "average"),
    (R, 1_500_001, 0, 0, True, "not_poor"),
    (R, 1_200_000, 0, 0, False, "not_poor"),
    # Urban 900,000 / 1,300,000; band 1.3–1.95 M.
    (U, 900_000, 0, 0, None, "poor"),
    (U, 900_001, 2, 0, None, "near_poor"),
    (U, 900_001, 3, 0, None, "poor"),
    (U, 1_300_000, 3, 0, None, "poor"),
    (U, 1_300_000, 2, 0, None, "near_poor"),
    (U, 1_300_001, 3, 0, None, "not_poor"),
    (U, 1_300_001, 0, 0, True, "average"),
    (U, 1_950_000, 0, 0, True, "average"),
    (U, 1_950_001, 0, 0, True, "not_poor"),
    (U, 800_000, 0, 0, None, "poor"),  # above the rural 700,000, but urban households use 900,000
]


# area, B1, B2, marks (None: no mark column, B2 carries the count), expected status.
# TT 14/2018 (amending TT 17/2016 Art. 6.2): rural poor if B1 ≤ 120, or 120 < B1 ≤ 150 and B2 ≥ 30; near-poor if
# 120 < B1 ≤ 150 and B2 < 30. Urban: the same with 140 / 175.
SCORE_TABLE = [
    # Rural lower tier: poor whatever B2.
    (R, 119, 0, None, "poor"),
    (R, 120, 0, None, "poor"),
    (R, 120, None, None, "poor"),  # B2 unknown cannot change it
    # Rural upper tier: B2 decides (at / just below / just above 30).
    (R, 121, 30, None, "poor"),
    (R, 121, 29, None, "near_poor"),
    (R, 121, 31, None, "poor"),
    (R, 121, 20, None, "near_poor"),
    (R, 121, None, None, "undetermined"),  # B2 unknown and no marks: it could go either way
    (R, 149, 30, None, "poor"),
    (R, 150, 30, None, "poor"),
    (R, 150, 29, None, "near_poor"),
    (R, 150, 0, None, "near_poor"),
    (R, 151, 30, None, "not_poor"),
    (R, 151, 100, None, "not_poor"),
    (R, 151, None, None, "not_poor"),  # above the upper tier B2 cannot matter
    # Urban lower tier 140.
    (U, 139, 0, None, "poor"),
    (U, 140, 0, None, "poor"),
    (U, 141, 29, None, "near_poor"),
    (U, 141, 30, None, "poor"),
    (U, 141, 31, None, "poor"),
    # Urban upper tier 175.
    (U, 174, 20, None, "near_poor"),
    (U, 175, 30, None, "poor"),
    (U, 175, 29, None, "near_poor"),
    (U, 176, 30, None, "not_poor"),
    # The two areas apart: 130 is the lower tier in town, the upper tier in the countryside; 160 is above the
    # rural upper tier but inside the urban one.
    (U, 130, 0, None, "poor"),
    (R, 130, 0, None, "near_poor"),
    (U, 160, 30, None, "poor"),
    (R, 160, 30, None, "not_poor"),
    # Marks present: they count the deprivations, not B2.
    (R, 130, 0, 3, "poor"),
    (R, 130, 50, 2, "near_poor"),
]


def test_vn2016_has_ten_indicators_in_five_dimensions():
    std = read_standard("vn-2016")
    assert len(std.indicators) == 10
    assert len({i.dimension for i in std.indicators}) == 5
    assert std.indicators[0].name == "Tiếp cận các dịch vụ y tế"
    assert std.low_income_line is None


def test_vn2016_score_tiers_are_data_with_their_source():
    std = read_standard("vn-2016")
    assert (std.b1_poor_threshold.rural, std.b1_poor_threshold.urban) == (120, 140)
    assert (std.b1_threshold.rural, std.b1_threshold.urban) == (150, 175)
    assert std.b2_points_per_indicator * std.min_deprivations == 30  # B2 ≥ 30
    assert "14/2018" in std.score_source and "17/2016" in std.score_source
    assert std.term("b1") == "điểm B1" and std.term("b2") == "điểm B2"


def test_vn2016_boundary_table():
    result, expected = run_table("vn-2016", TABLE)
    assert list(result["status"]) == expected
    assert "low_income" not in result  # NĐ 30/2025 did not exist: the flag is left out


@pytest.mark.parametrize("area, b1, b2, marks, expected", SCORE_TABLE)
def test_vn2016_score_tiers(area, b1, b2, marks, expected):
    std = read_standard("vn-2016")
    row = household(std, area=area, b1=b1, b2=b2, deprived=marks or 0, marks=marks is not None)
    assert classify_rows(std, [row])["status"].iloc[0] == expected


def test_vn2016_score_tiers_whole_table_in_one_call():
    """The same table in one frame: the rule is column arithmetic, so row order and neighbours cannot matter."""
    std = read_standard("vn-2016")
    rows = [household(std, area=a, b1=b1, b2=b2, deprived=m or 0, marks=m is not None) for a, b1, b2, m, _ in SCORE_TABLE]
    # a frame mixing rows with and without marks: rows without marks get unknown marks, as a list without
    # mark columns would give them.
    result = classify_rows(std, rows)
    assert list(result["status"]) == [row[-1] for row in SCORE_TABLE]


def test_vn2016_reasons_name_the_poverty_and_near_poor_lines():
    std = read_standard("vn-2016")
    result = classify_rows(std, [
        household(std, income=650_000, deprived=1), household(std, income=850_000, deprived=3),
        household(std, area=U, income=1_200_000, deprived=2), household(std, income=1_200_000),
    ])
    assert list(result["reason"]) == [
        "Thu nhập 650.000 đồng/người/tháng ≤ chuẩn nghèo 700.000 (nông thôn), nghèo không xét số chỉ số thiếu hụt: hộ nghèo.",
        "Thu nhập 850.000 đồng/người/tháng ≤ chuẩn cận nghèo 1.000.000 (nông thôn), thiếu hụt 3/10 chỉ số (từ 3 trở lên): hộ nghèo.",
        "Thu nhập 1.200.000 đồng/người/tháng ≤ chuẩn cận nghèo 1.300.000 (thành thị), thiếu hụt 2/10 chỉ số (dưới 3): hộ cận nghèo.",
        "Thu nhập 1.200.000 đồng/người/tháng > chuẩn cận nghèo 1.000.000 (nông thôn): hộ không nghèo.",
    ]


def test_vn2016_score_reasons_name_the_tier():
    std = read_standard("vn-2016")
    result = classify_rows(std, [household(std, b1=110, b2=0, marks=False), household(std, b1=130, b2=30, marks=False),
                                 household(std, area=U, b1=150, b2=20, marks=False), household(std, b1=151, b2=30, marks=False)])
    assert list(result["reason"]) == [
        "Điểm B1 110 ≤ 120 (nông thôn), nghèo không xét số chỉ số thiếu hụt: hộ nghèo.",
        "Điểm B1 130 ≤ 150 (nông thôn), thiếu hụt 3/10 chỉ số theo điểm B2 30 (từ 3 trở lên): hộ nghèo.",
        "Điểm B1 150 ≤ 175 (thành thị), thiếu hụt 2/10 chỉ số theo điểm B2 20 (dưới 3): hộ cận nghèo.",
        "Điểm B1 151 > 150 (nông thôn): hộ không nghèo.",
    ]
    assert list(result["income_line"]) == [150, 150, 175, 150]
