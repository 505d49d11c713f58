"""Values and formats as officials have them: money forms, yearly income, formulas, numbers as text, CSV
encodings, Parquet, short headers."""

from __future__ import annotations

import pandas as pd
import pytest
from quirks import QUIRKS

from povertool import api
from povertool.read.values import parse_money


@pytest.mark.parametrize(
    ("written", "amount"),
    [("1.500.000", 1_500_000), ("1,500,000", 1_500_000), ("1 500 000", 1_500_000), ("1500000.0", 1_500_000),
     ("1,5 triệu", 1_500_000), ("1.5tr", 1_500_000), ("1\u00a0500\u00a0000", 1_500_000), (" 800.000 đ ", 800_000),
     (1_200_000, 1_200_000), (1_200_000.0, 1_200_000)],
)
def test_money_forms(written, amount):
    values, bad = parse_money(pd.Series([written], dtype=object))
    assert values.iloc[0] == amount
    assert not bad.iloc[0]


def test_unreadable_money_is_flagged():
    values, bad = parse_money(pd.Series(["khoảng một triệu", ""], dtype=object))
    assert list(bad) == [True, False]
    assert values.isna().all()


def test_yearly_income_is_divided_by_12():
    survey = api.read_survey(QUIRKS / "yearly-income.xlsx")
    assert list(survey.households["income_per_capita"]) == [1_400_000, 2_000_000]
    assert survey.sources[0].columns["income_per_capita_year"] == "Thu nhập bình quân đầu người/năm (đồng)"


def test_formula_cached_value_and_numbers_as_text():
    survey = api.read_survey(QUIRKS / "formulas-text-numbers.xlsx")
    assert list(survey.households["income_per_capita"]) == [1_200_000, 2_100_000]
    assert list(survey.households["members"]) == [4, 3]
    # "Tổng thu nhập năm" is a household total, not income per person per year.
    assert "income_per_capita_year" not in survey.sources[0].columns


@pytest.mark.parametrize("name", ["csv-utf8-bom.csv", "csv-utf8.csv", "csv-utf16.csv", "csv-cp1258.csv", "parquet.parquet"])
def test_csv_encodings_and_parquet(name):
    survey = api.read_survey(QUIRKS / name)
    hh = survey.households
    assert list(hh["head_name"]) == ["Nguyễn Văn Hải", "Trần Thị Mỹ"]  # NFC, whatever the encoding
    assert list(hh["commune"]) == ["Xã Tân Phú", "Phường 2"]
    assert list(hh["area"]) == ["rural", "urban"]
    assert list(hh["income_per_capita"]) == [1_500_000, 1_900_000]
    assert list(hh["members"]) == [4, 3]


def test_short_headers_and_abbreviations():
    survey = api.read_survey(QUIRKS / "abbreviations.xlsx")
    columns = survey.sources[0].columns
    assert columns["household_id"] == "MÃ HỘ GĐ"
    assert columns["members"] == "Số khẩu"
    assert columns["income_per_capita"] == "TN BQ/người/tháng"
    assert columns["health_insurance"] == "BHYT"
    assert columns["sanitation"] == "Nhà tiêu HVS"
    assert columns["child_schooling"] == "Trẻ em đi học"
    assert columns["water_source"] == "Nước sạch"
    assert columns["housing_area"] == "DT nhà ở BQ"
    assert columns["ethnic_minority"] == "Hộ DTTS"
    assert len([c for c in columns if c not in {"household_id", "head_name", "area", "members",
                                                   "income_per_capita", "ethnic_minority"}]) == 12
    result = api.classify(survey)
    assert list(result.households["status"]) == ["poor"]  # 5 deprivations, 1,000,000 rural
