"""Issue 20, part B: layouts that ate or misread households, messages that showed personal data, folders that
made false duplicates. Each case reads its file from tests/data/bad/layout (made by make_bad.py via
bad_layout.py), through the CLI where people meet it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES, data_script

from povertool import api
from povertool.read.layout import title_values

LAYOUT = Path(__file__).resolve().parent / "data" / "bad" / "layout"
CASES = data_script("bad_layout")
SECRETS = (CASES.NAME, "Planted", CASES.ID_CARD, CASES.ADDRESS, "Zqwx")


def _ids(survey) -> list[str]:
    return list(survey.households["household_id"])


def _skipped(survey) -> dict[int, str]:
    return {row: reason for s in survey.sources for row, reason in s.skipped_rows}


def test_a_date_in_a_note_does_not_end_the_list(cli):
    survey = api.read_survey(LAYOUT / "date-in-note.xlsx")
    assert _ids(survey) == CASES.DATE_NOTE_IDS
    skipped = _skipped(survey)
    assert skipped[10] == "total" and {skipped[r] for r in (11, 12, 13)} == {"footer"}
    result = cli("check", LAYOUT / "date-in-note.xlsx", "--lang", "en")
    assert "rows that are not households, skipped: 10 (totals), 11–13 (date/signature)" in result.stderr


def test_a_second_list_under_the_signatures_is_read(cli):
    survey = api.read_survey(LAYOUT / "second-list.xlsx")
    assert _ids(survey) == CASES.POOR_IDS + CASES.NEAR_POOR_IDS + CASES.LATE_IDS
    reasons = set(_skipped(survey).values())
    assert {"footer", "after_footer", "header"} <= reasons  # the signer names, the title, the repeated header
    out = json.loads(cli("check", LAYOUT / "second-list.xlsx", "--json").stdout)
    runs = out["sources"][0]["skipped_rows"]
    assert {"from": 17, "to": 17, "reason": "header"} in runs


def test_short_numeric_ids_with_marks_are_households(cli, tmp_path):
    survey = api.read_survey(LAYOUT / "short-ids.csv")
    assert _ids(survey) == [row[0] for row in CASES.SHORT_ID_ROWS]
    assert _skipped(survey) == {3: "numbering"}
    assert list(survey.households["b1_score"]) == [float(row[2]) for row in CASES.SHORT_ID_ROWS]
    # the streamed path decides the same rows
    summary, _ = api.classify_stream(LAYOUT / "short-ids.csv", tmp_path / "o.csv")
    assert summary["households"] + summary["files"][0]["rejected"] == len(CASES.SHORT_ID_ROWS)
    assert summary["files"][0]["skipped_rows"] == [{"from": 3, "to": 3, "reason": "numbering"}]


def test_a_second_table_gets_its_own_columns(cli):
    survey = api.read_survey(LAYOUT / "second-table.xlsx")
    expected = {**CASES.TABLE_ONE, **CASES.TABLE_TWO}
    households = survey.households.set_index("household_id")
    assert sorted(households.index) == sorted(expected)  # the second title is not a household
    for hid, (members, income) in expected.items():
        assert households.loc[hid, "members"] == members and households.loc[hid, "income_per_capita"] == income
    assert [s.header_row for s in survey.sources] == [2, 7]
    assert survey.problems[survey.problems["severity"] == "error"].empty


def test_a_second_table_cannot_be_streamed_silently(tmp_path):
    csv = tmp_path / "two.csv"
    one = ",".join(CASES.HEADERS[:5])
    two = ",".join(CASES.TABLE_TWO_HEADERS[:5])
    csv.write_text(f"{one}\nA-1,Lê A,Xã Tân Phú,4,900000\n\n{two}\nB-1,Lê B,Xã Tân Phú,1100000,5\n", encoding="utf-8")
    with pytest.raises(Exception, match="bảng thứ hai"):
        api.classify_stream(csv, tmp_path / "o.csv")
    assert api.read_survey(csv).households.set_index("household_id").loc["B-1", "members"] == 5


def test_the_review_year_is_the_lists_own(cli, tmp_path):
    result = api.classify(LAYOUT / "cited-year.xlsx")
    assert result.sources[0].year == CASES.CITED_YEAR and result.standard_id == "vn-2022"
    assert title_values([["Căn cứ Nghị định 07/2021/NĐ-CP ngày 27 tháng 01 năm 2021"], ["DANH SÁCH NĂM 2023"]])[1] == 2023
    assert title_values([["DANH SÁCH HỘ NGHÈO NĂM 2024 (Kèm theo Quyết định số 5 ngày 2 tháng 1 năm 2025)"]])[1] == 2024
    assert title_values([["Tân Phú, ngày 20 tháng 12 năm 2023"], ["NĂM 2024"]])[1] == 2024
    assert title_values([["Theo Thông tư 07/2021, năm 2021"]])[1] is None


def test_unrecognised_headers_never_show_a_household(cli, tmp_path):
    path = LAYOUT / "unrecognised-header.xlsx"
    for args in (["check", path], ["check", path, "--json"], ["classify", path, "-o", tmp_path / "o.json", "--json"],
                 ["classify", path, "--debug", "-o", tmp_path / "o.csv"], ["summary", path, "--json"]):
        result = cli(*args)
        assert result.exit_code == 1
        for secret in SECRETS:
            assert secret not in result.stdout + result.stderr, (args, secret)


def test_a_header_without_income_is_named_by_recognised_columns(tmp_path):
    from conftest import write_xlsx

    path = write_xlsx(tmp_path / "no-income.xlsx", [["Xã/Phường", "Thôn", "Ghi chép"], ["Xã Tân Phú", "Thôn 1", CASES.NAME]])
    with pytest.raises(Exception) as err:
        api.read_survey(path)
    message = str(err.value)
    assert "A: Xã/Phường; B: Thôn/Ấp/Khu phố" in message and "Ghi chép" not in message


def test_id_card_and_address_columns_stay_out_of_json(cli, tmp_path):
    out = tmp_path / "o.json"
    assert cli("classify", LAYOUT / "personal-columns.xlsx", "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    for secret in SECRETS:
        assert secret not in text
    row = json.loads(text)["households_table"][0]
    assert not {"Số định danh cá nhân", "Số CCCD", "Địa chỉ", "Nơi ở hiện nay", "Họ và tên chủ hộ"} & set(row)
    assert cli("classify", LAYOUT / "personal-columns.xlsx", "-o", out, "--include-personal").exit_code == 0
    kept = json.loads(out.read_text(encoding="utf-8"))["households_table"][0]
    assert kept["Số CCCD"] == CASES.ID_CARD and kept["Nơi ở hiện nay"] == CASES.ADDRESS
    columns = api.read_survey(LAYOUT / "personal-columns.xlsx").sources[0].columns
    assert columns["id_number"] == "Số định danh cá nhân" and columns["address"] in ("Địa chỉ", "Nơi ở hiện nay")


def test_merged_group_cells_fill_the_rows_below():
    survey = api.read_survey(LAYOUT / "merged-down.xlsx")
    households = survey.households.set_index("household_id")
    assert households["village"].to_dict() == CASES.MERGED_VILLAGES
    assert set(households["commune"]) == {"Xã Tân Phú"} and set(households["area"]) == {"rural"}
    assert survey.problems[survey.problems["severity"] == "error"].empty


def test_two_columns_with_one_header_are_an_error_naming_both(cli, tmp_path):
    result = cli("classify", LAYOUT / "same-header.xlsx", "-o", tmp_path / "o.csv", "--lang", "en")
    assert result.exit_code == 1 and "internal error" not in result.stderr
    assert f"columns {CASES.SAME_HEADER_COLUMNS} have the same header" in result.stderr
    problems = json.loads(cli("check", LAYOUT / "same-header.xlsx", "--json").stdout)["problems"]
    assert [p["code"] for p in problems] == ["repeated_header"]


def test_totals_units_differing_by_case_or_accents_are_one_unit_twice(cli):
    result = cli("summary", SAMPLES / "an-binh-2024.xlsx", "--totals", LAYOUT / "totals-case.csv", "--lang", "en")
    assert result.exit_code == 1 and "internal error" not in result.stderr
    assert "(dòng 2, 3, 4)" in result.stderr or "(rows 2, 3, 4)" in result.stderr


@pytest.mark.parametrize("case", ["plan-targets-not-tables.toml", "plan-targets-one-table.toml"])
def test_plan_of_the_wrong_shape_is_a_message(cli, case):
    result = cli("progress", "--baseline", SAMPLES / "an-binh-2023.xlsx", "--current", SAMPLES / "an-binh-2024.xlsx",
                 "--plan", LAYOUT / case)
    assert result.exit_code == 1 and "internal error" not in result.stderr and "[[targets]]" in result.stderr


def test_standard_of_the_wrong_shape_is_a_message(cli, tmp_path):
    result = cli("classify", SAMPLES / "an-binh-2024.xlsx", "--standard", LAYOUT / "standard-lines-text.toml",
                 "-o", tmp_path / "o.csv")
    assert result.exit_code == 1 and "internal error" not in result.stderr and "standard-lines-text.toml" in result.stderr


def test_every_file_read_is_protected_from_the_output(cli, tmp_path):
    totals = shutil.copy(SAMPLES / "an-binh-totals.csv", tmp_path / "totals.csv")
    plan = shutil.copy(SAMPLES / "an-binh-plan-2024.toml", tmp_path / "plan.toml")
    columns = tmp_path / "columns.csv"
    columns.write_text("Mã hộ,household_id\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (Path(totals), Path(plan), columns)}
    survey, base = SAMPLES / "an-binh-2024.xlsx", SAMPLES / "an-binh-2023.xlsx"
    for args in (["classify", survey, "--totals", totals, "-o", totals],
                 ["classify", survey, "--columns", columns, "-o", columns],
                 ["summary", survey, "--totals", totals, "-o", totals],
                 ["progress", "--baseline", base, "--current", survey, "--plan", plan, "-o", tmp_path / "plan.csv"],
                 ["progress", "--baseline", base, "--current", survey, "--totals", totals, "-o", totals]):
        result = cli(*args)
        if args[-1] == tmp_path / "plan.csv":
            continue  # a different name: allowed
        assert result.exit_code == 1, args
    assert all(p.read_bytes() == data for p, data in before.items())


def test_the_same_file_twice_is_read_once_with_a_warning(cli):
    path = LAYOUT / "date-in-note.xlsx"
    out = json.loads(cli("check", path, path, "--json").stdout)
    assert out["households"] == len(CASES.DATE_NOTE_IDS)
    assert [p["code"] for p in out["problems"] if p["code"] == "input_repeated"] == ["input_repeated"]
    assert not [p for p in out["problems"] if p["code"] == "duplicate_id"]


def test_same_file_names_in_two_folders_make_no_false_duplicates(cli, tmp_path):
    folders = [LAYOUT / "same-names" / "thon-1", LAYOUT / "same-names" / "thon-2"]
    result = api.classify(folders)
    assert len(result.households) == 4 and result.rejected.empty
    assert result.households["household_id"].is_unique
    assert all(h.startswith(("thon-1/danh-sach-", "thon-2/danh-sach-")) for h in result.households["household_id"])
    message = cli("check", LAYOUT / "same-names", "--lang", "en")
    assert message.exit_code == 1 and "sub-folders have some: thon-1, thon-2" in message.stderr


def test_a_folder_passes_over_outputs_resource_files_and_says_so(cli, tmp_path):
    out = json.loads(cli("check", LAYOUT / "mixed", "--json").stdout)
    assert out["households"] == 2 and out["errors"] == 0 and out["warnings"] == 0
    notes = sorted((p["code"], Path(p["file"]).name) for p in out["problems"])
    assert notes == [("own_output_skipped", "ket-qua.csv"), ("own_output_skipped", "ket-qua.xlsx"),
                     ("own_output_skipped", "tong-hop.csv"), ("resource_file_skipped", "._danh-sach.xlsx"),
                     ("subfolders_not_read", "mixed")]
    result = cli("classify", LAYOUT / "mixed", "-o", tmp_path / "o.csv", "--lang", "en")
    assert result.exit_code == 0 and "nam-truoc" in result.stderr and "._danh-sach.xlsx" in result.stderr
    # a filled-in template is a survey, not an output
    template = api.write_template(tmp_path / "mau.xlsx")
    from povertool.read.input_files import is_own_output

    assert not is_own_output(template) and is_own_output(LAYOUT / "mixed" / "ket-qua.xlsx")


def test_an_output_given_by_name_is_read(cli):
    """Last year's classified list given as a file (a baseline) is a survey: only folders pass outputs over."""
    out = json.loads(cli("check", LAYOUT / "mixed" / "ket-qua.xlsx", "--json").stdout)
    assert out["households"] == 2 and not [p for p in out["problems"] if p["code"] == "own_output_skipped"]


def test_no_band_of_a_title_and_a_household_is_a_header(cli, tmp_path):
    """A two-cell title over households, no header at all: no band that holds a household row is a header."""
    from conftest import write_xlsx

    row = [1, CASES.NAME, CASES.ID_CARD, CASES.ADDRESS, "Xã Tân Phú", "Thôn 1", 4, 1_000_000]
    path = write_xlsx(tmp_path / "no-header.xlsx", [["UBND XÃ TÂN PHÚ", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"], row, row])
    result = cli("check", path, "--json")
    assert result.exit_code == 1 and json.loads(result.stdout)["problems"][0]["code"] == "no_header"
    for secret in SECRETS:
        assert secret not in result.stdout + result.stderr
