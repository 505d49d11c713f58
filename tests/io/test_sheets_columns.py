"""Several sheets, --sheet, a folder as one survey, and --columns mappings (CSV and TOML)."""

from __future__ import annotations

import json

import pytest
from quirks import QUIRKS

from povertool import api
from povertool.errors import InputFileError

# These tests read the English sentences (the Vietnamese ones are checked in test_i18n_both_languages.py).
pytestmark = pytest.mark.usefixtures("english")


def test_the_sheet_holding_households_is_taken():
    survey = api.read_survey(QUIRKS / "several-sheets.xlsx")
    assert [s.sheet for s in survey.sources] == ["DS hộ"]
    assert list(survey.households["household_id"]) == ["HB-1", "HB-2"]


def test_sheet_option_picks_one(cli):
    result = cli("check", QUIRKS / "several-sheets.xlsx", "--sheet", "DS hộ")
    assert result.exit_code == 0, result.stderr
    assert 'sheet "DS hộ": header at row 1; 3 row(s) read = 2 household row(s) + 1 skipped' in result.stderr
    wrong = cli("check", QUIRKS / "several-sheets.xlsx", "--sheet", "Tổng hợp", "--json", "--lang", "en")
    assert wrong.exit_code == 1
    problem = json.loads(wrong.stdout)["problems"][0]
    assert "no income or score A column" in problem["problem"]  # the score as vn-2022 names it


def test_unknown_sheet_is_one_message(cli):
    result = cli("classify", QUIRKS / "several-sheets.xlsx", "--sheet", "Nope")
    assert result.exit_code == 1
    assert 'there is no sheet "Nope"' in result.stderr and "Traceback" not in result.stderr


def test_folder_is_one_survey_and_duplicates_across_files_are_errors():
    survey = api.read_survey(QUIRKS / "survey-folder")
    assert [s.sheet for s in survey.sources] == ["DS", "DS"]
    assert list(survey.households["commune"]) == ["Xã A", "Xã A", "Xã B", "Xã B"]  # from each title
    dup = survey.problems[survey.problems["code"] == "duplicate_id"]
    assert list(zip(dup["file"], dup["row"], dup["column"])) == [("xa-a.xlsx", 4, "Mã hộ"), ("xa-b.xlsx", 4, "Mã hộ")]
    assert "xa-b.xlsx row 4" in dup["problem"].iloc[0]


@pytest.mark.parametrize("mapping", ["custom-columns.csv", "custom-columns.toml"])
def test_columns_file_maps_unknown_headers(mapping):
    survey = api.read_survey(QUIRKS / "custom-headers.xlsx", columns=QUIRKS / mapping)
    hh = survey.households
    assert list(hh["household_id"]) == ["C-1"]
    assert list(hh["commune"]) == ["Phường 3"]
    assert list(hh["area"]) == ["urban"]
    assert list(hh["income_per_capita"]) == [1_800_000]


def test_without_columns_file_no_table_is_found():
    with pytest.raises(InputFileError, match="no household table found"):
        api.read_survey(QUIRKS / "custom-headers.xlsx")


def test_columns_file_with_unknown_field(tmp_path, cli):
    bad = tmp_path / "map.csv"
    bad.write_text("Số hiệu,ma_ho\n", encoding="utf-8")
    result = cli("classify", QUIRKS / "custom-headers.xlsx", "--columns", bad, "-o", tmp_path / "o.csv")
    assert result.exit_code == 1
    assert "unknown field 'ma_ho'" in result.stderr


def test_columns_option_on_classify(tmp_path, cli):
    out = tmp_path / "out.csv"
    result = cli("classify", QUIRKS / "custom-headers.xlsx", "--columns", QUIRKS / "custom-columns.csv", "-o", out, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["households"] == 1
