"""vn-2016 (QĐ 59/2015): the two-tier income rule, 10 indicators; boundary table, one household per line."""

from __future__ import annotations

from classify_tables import classify_rows, household, run_table

from povertool.io.standards import read_standard

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


def test_vn2016_has_ten_indicators_in_five_dimensions():
    std = read_standard("vn-2016")
    assert len(std.indicators) == 10
    assert len({i.dimension for i in std.indicators}) == 5
    assert std.indicators[0].name == "Tiếp cận các dịch vụ y tế"
    assert std.low_income_line is None and std.b1_threshold is None


def test_vn2016_boundary_table():
    result, expected = run_table("vn-2016", TABLE)
    assert list(result["status"]) == expected
    assert result["low_income"].isna().all()  # NĐ 30/2025 did not exist


def test_vn2016_reason_for_the_lower_tier():
    std = read_standard("vn-2016")
    result = classify_rows(std, [household(std, income=650_000, deprived=1), household(std, income=850_000, deprived=3)])
    assert list(result["reason"]) == [
        "Thu nhập 650.000 đồng/người/tháng ≤ 700.000 (nông thôn), nghèo không xét số chỉ số thiếu hụt: hộ nghèo.",
        "Thu nhập 850.000 đồng/người/tháng ≤ chuẩn nghèo 1.000.000 (nông thôn), thiếu hụt 3/10 chỉ số (từ 3 trở lên): hộ nghèo.",
    ]


def test_vn2016_score_only_household_is_undetermined_with_reason():
    std = read_standard("vn-2016")
    result = classify_rows(std, [household(std, b1=100, b2=30, marks=False)])
    assert result["status"].tolist() == ["undetermined"]
    assert "chuẩn vn-2016 không có ngưỡng điểm B1" in result["reason"].iloc[0]
