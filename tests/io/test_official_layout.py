"""An official commune list (title rows, merged two-row header, numbering row, text money, NFD names, blank,
totals and signature rows) reads and classifies correctly, as .xlsx and as saved by LibreOffice (.ods, .xls)."""

from __future__ import annotations

import unicodedata

import pytest
from quirks import QUIRKS, generator

from povertool import api


@pytest.mark.parametrize("name", ["official-list.xlsx", "official-list.ods", "official-list.xls"])
def test_official_list_classifies_end_to_end(name):
    result = api.classify(QUIRKS / name)
    got = dict(zip(result.households["household_id"], result.households["status"]))
    assert got == generator().EXPECTED_OFFICIAL
    assert result.summary["rejected"] == []
    source = result.sources[0]
    assert (source.sheet, source.header_row, source.year) == ("Danh sách", 7, 2024)
    # 22 rows on the sheet: 6 households; title, header, numbering, blank, totals, date, signatures skipped.
    assert (source.rows, source.skipped) == (6, 16)
    assert source.columns["members"] == "Số khẩu"
    assert source.columns["employment"] == "Việc làm"


def test_official_list_values_are_clean_unicode():
    survey = api.read_survey(QUIRKS / "official-list.xlsx")
    hh = survey.households
    assert list(hh["source_row"]) == [9, 10, 11, 13, 14, 15]  # Excel rows; row 12 is blank
    assert set(hh["commune"]) == {"Xã Nha Bích"}  # from "UBND XÃ NHA BÍCH"
    assert set(hh["area"]) == {"rural"}
    assert list(hh["income_per_capita"]) == [1_200_000, 1_500_000, 1_800_000, 2_500_000, 1_400_000, 1_500_000]
    names = list(survey.original["Họ và tên chủ hộ"])
    assert names[0] == "Nguyễn Văn An"
    assert all(unicodedata.is_normalized("NFC", n) and "\u00a0" not in n and n == n.strip() for n in names)


def test_title_commune_and_year_can_be_overridden():
    survey = api.read_survey(QUIRKS / "official-list.xlsx", commune="Phường Một", year=2025)
    assert set(survey.households["commune"]) == {"Phường Một"}
    assert set(survey.households["area"]) == {"urban"}
    assert survey.sources[0].year == 2025


def test_area_override_fills_unknown_area():
    survey = api.read_survey(QUIRKS / "planted-problems.xlsx", area="urban")
    last = survey.households.set_index("household_id").loc["P-10"]
    assert last["area"] == "urban"
    assert "area_unknown" not in set(survey.problems["code"])
