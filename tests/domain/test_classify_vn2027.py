"""vn-2027 (NĐ 351/2025): new lines 2,200,000 / 2,800,000; unknowns left out of the file, not guessed."""

from __future__ import annotations

from classify_tables import classify_rows, household, run_table

from povertool.read.standards import read_standard

R, U = "rural", "urban"
TABLE = [
    (R, 2_199_999, 3, 0, None, "poor"),
    (R, 2_200_000, 3, 0, None, "poor"),
    (R, 2_200_001, 3, 0, None, "not_poor"),
    (R, 2_200_000, 2, 0, None, "near_poor"),
    (R, 2_200_000, 2, 1, None, "undetermined"),
    (R, 1_600_000, 3, 0, None, "poor"),  # not poor under vn-2022 (1,500,000): the new line applies
    (U, 2_800_000, 3, 0, None, "poor"),
    (U, 2_800_001, 3, 0, None, "not_poor"),
    (U, 2_800_000, 0, 0, None, "near_poor"),
    # No average band is known for 2027: an agricultural household above the line is not poor.
    (R, 2_200_001, 0, 0, True, "not_poor"),
]


def test_vn2027_boundary_table():
    result, expected = run_table("vn-2027", TABLE)
    assert list(result["status"]) == expected
    assert "low_income" not in result  # no low-income line in this standard: the flag is left out


def test_vn2027_marks_every_unconfirmed_item():
    std = read_standard("vn-2027")
    assert len(std.indicators) == 12
    assert all(ind.verify and ind.name_verify for ind in std.indicators)  # a draft list: names and thresholds
    assert "waste" in std.indicator_codes and "information_means" not in std.indicator_codes
    assert std.average_band_upper is None and std.b1_threshold is None
    assert any("trung bình" in note for note in std.verify_notes)


def test_vn2027_b1_only_household_is_undetermined():
    std = read_standard("vn-2027")
    result = classify_rows(std, [household(std, b1=120, deprived=3)])
    assert result["status"].tolist() == ["undetermined"]
    assert result["reason"].iloc[0].startswith(
        "Không có thu nhập bình quân; có điểm A (TT 07/2021) 120 nhưng chuẩn vn-2027 không có ngưỡng điểm A")
