"""`povertool check` lists every planted problem at its Excel row, and bad files give one message each."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "io"))
from quirks import QUIRKS  # noqa: E402

# These tests read the English sentences (the Vietnamese ones are checked in test_i18n_both_languages.py).
pytestmark = pytest.mark.usefixtures("english")

EXPECTED = {
    ("error", "members_invalid", 5, "Số nhân khẩu", "0"),
    ("error", "negative_income", 6, "Thu nhập bình quân đầu người/tháng", "-5"),
    ("warning", "unreadable_income", 7, "Thu nhập bình quân đầu người/tháng", "khoảng một triệu"),
    ("warning", "unreadable_mark", 8, "Việc làm", "k rõ"),
    ("error", "b2_not_multiple", 9, "Điểm B2", "25"),
    ("warning", "b2_disagrees", 10, "Điểm B2", "40"),
    ("warning", "total_disagrees", 11, "Tổng số chỉ số thiếu hụt", "3"),
    ("error", "duplicate_id", 4, "Mã hộ", "P-01"),
    ("error", "duplicate_id", 12, "Mã hộ", "P-01"),
    ("error", "area_unknown", 13, "Khu vực", ""),
}


def test_check_lists_planted_problems_at_their_rows(cli):
    result = cli("check", QUIRKS / "planted-problems.xlsx", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    rows = {(p["severity"], p["code"], p["row"], p["column"], p["value"]) for p in data["problems"]}
    assert rows == EXPECTED
    assert {p["sheet"] for p in data["problems"]} == {"Rà soát"}
    assert {p["file"] for p in data["problems"]} == {"planted-problems.xlsx"}
    assert all(p["fix"] for p in data["problems"])
    assert (data["errors"], data["warnings"]) == (6, 4)
    assert "Hộ" not in result.stdout.replace("Hộ nghèo", "")  # no head names in JSON


def test_check_table_on_terminal(cli):
    result = cli("check", QUIRKS / "planted-problems.xlsx")
    assert result.exit_code == 1
    assert "b2_not_multiple" not in result.stdout  # the table shows words, not codes
    assert "Điểm B2" in result.stdout and "25" in result.stdout
    assert "6 error(s), 4 warning(s)" in result.stderr


def test_classify_rejects_the_error_rows(cli, tmp_path):
    out = tmp_path / "out.csv"
    result = cli("classify", QUIRKS / "planted-problems.xlsx", "-o", out, "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert sorted({r["row"] for r in summary["rejected"]}) == [4, 5, 6, 9, 12, 13]
    f = summary["files"][0]
    assert (f["rows"], f["households"], f["rejected"], f["skipped"]) == (10, 4, 6, 3)
    assert (tmp_path / "out.rejected.csv").exists()
    assert "13 row(s) read = 4 classified + 6 rejected + 3 skipped" in result.stderr


def test_warnings_only_exit_0(cli):
    result = cli("check", QUIRKS / "yearly-income.xlsx", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["errors"] == 0 and data["warnings"] == 1


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bad-empty.xlsx", "is empty"),
        ("bad-not-a-workbook.xlsx", "is not a spreadsheet"),
        ("bad-csv-renamed.xlsx", "is a text (CSV) file with a .xlsx name"),
        ("bad-protected.xls", "is password-protected"),
        ("bad-protected-ole.xlsx", "is password-protected"),
        ("bad-no-data.xlsx", "has no data rows"),
        ("bad-no-income.xlsx", "has no income or score A column"),
    ],
)
@pytest.mark.parametrize("command", ["classify", "check"])
def test_bad_files_one_message(cli, tmp_path, name, message, command):
    args = [command, QUIRKS / name] + (["-o", tmp_path / "o.csv"] if command == "classify" else ["--json"])
    result = cli(*args)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    if command == "classify":
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert lines[0].startswith("error:") and name in lines[0] and message in result.stderr.replace("\n", " ")
    else:
        problems = json.loads(result.stdout)["problems"]
        assert len(problems) == 1 and problems[0]["file"] == name and message in problems[0]["problem"]
        assert problems[0]["fix"]


def test_check_goes_on_past_a_bad_file(cli):
    result = cli("check", QUIRKS / "bad-empty.xlsx", QUIRKS / "yearly-income.xlsx", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["households"] == 2
    assert [p["code"] for p in data["problems"] if p["severity"] == "error"] == ["file_unreadable"]


@pytest.mark.parametrize(
    ("name", "code"),
    [("bad-no-income.xlsx", "required_field_missing"), ("bad-no-data.xlsx", "no_data_rows"),
     ("custom-headers.xlsx", "no_header"), ("bad-empty.xlsx", "file_unreadable")],
)
def test_structure_problem_codes(cli, name, code):
    result = cli("check", QUIRKS / name, "--json")
    assert result.exit_code == 1
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == [code]


@pytest.mark.parametrize("how", ["plain", "columns", "strict"])
def test_check_json_is_the_api_result(cli, tmp_path, how):
    """Parity: `check --json` prints exactly api.check(...).to_dict() (the CLI adds nothing and drops nothing),
    and the exit code is the result's."""
    from povertool import api
    from povertool.render.writers import to_json_text

    inputs = [QUIRKS / "planted-problems.xlsx", Path(__file__).resolve().parents[1] / "data" / "samples"
              / "an-binh-2024.xlsx"]
    mapping = tmp_path / "columns.csv"
    mapping.write_text("Thu nhập bình quân đầu người/tháng,income_per_capita\n", encoding="utf-8")
    options = {"plain": [], "columns": ["--columns", mapping], "strict": ["--strict"]}[how]
    result = cli("check", *inputs, "--json", *options)
    expected = api.check(inputs, columns=mapping if how == "columns" else None)
    assert json.loads(result.stdout) == json.loads(to_json_text(expected.to_dict()))
    assert expected.problems and expected.survey.sources
    assert result.exit_code == (1 if expected.failed(strict=how == "strict") else 0)
