"""Issue 12 (4): year mix-ups stop the run or are said: the plan's year as review year, baseline not before
current, one file given for two rounds, two-digit years, files of one survey naming different years, and advice
that names only options the command has."""

from __future__ import annotations

import json
import shutil

import openpyxl

from conftest import HEADERS, household_row, write_xlsx

ROWS = [household_row("H1", marks=4), household_row("H2", marks=1), household_row("H3", income=5_000_000)]


def review_list(path, year: int | None, rows: list[list] = ROWS) -> str:
    title = [f"DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC RÀ SOÁT NĂM {year}"] if year else ["DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC RÀ SOÁT"]
    write_xlsx(path, [title, [], HEADERS, *rows])
    return str(path)


def plan_file(tmp_path, year: int) -> str:
    plan = tmp_path / "plan.toml"
    plan.write_text(f'year = {year}\n[[targets]]\nunit = "total"\nmetric = "poor_households"\nchange = -1\n', encoding="utf-8")
    return str(plan)


def test_the_plan_year_is_the_review_year_of_report_and_progress(cli, tmp_path):
    base, cur = review_list(tmp_path / "a.xlsx", None), review_list(tmp_path / "b.xlsx", None, ROWS[1:])
    plan = plan_file(tmp_path, 2024)
    out = tmp_path / "r.xlsx"
    result = cli("report", "--current", cur, "--baseline", base, "--plan", plan, "--census", "-o", out, "-q")
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(out)
    cover = [r for r in wb["Bìa"].iter_rows(values_only=True)]
    assert ("Năm rà soát", "2024") in [(r[0], r[1]) for r in cover]
    assert any("(năm 2023)" in str(v) for r in wb["2. Diễn biến hộ nghèo"].iter_rows(values_only=True) for v in r)
    progress = json.loads(cli("progress", "--baseline", base, "--current", cur, "--plan", plan, "--json", "-q").stdout)
    assert (progress["baseline_year"], progress["current_year"]) == (2023, 2024)


def test_baseline_not_before_current_is_an_error_with_advice_the_command_can_follow(cli, tmp_path):
    early, late = review_list(tmp_path / "ds-2023.xlsx", 2023), review_list(tmp_path / "ds-2024.xlsx", 2024, ROWS[1:])
    swapped = cli("progress", "--baseline", late, "--current", early)
    assert swapped.exit_code == 1 and "2024" in swapped.stderr and "2023" in swapped.stderr
    assert "--baseline-year" in swapped.stderr  # progress has it
    report = cli("report", "--baseline", late, "--current", early, "--census", "-o", tmp_path / "r.xlsx")
    assert report.exit_code == 1 and "không trước kỳ hiện tại" in report.stderr
    assert "--baseline-year" not in report.stderr and "--current-year" not in report.stderr  # report has neither
    assert not (tmp_path / "r.xlsx").exists()
    equal = cli("progress", "--baseline", early, "--current", late, "--baseline-year", "2024", "--current-year", "2024")
    assert equal.exit_code == 1 and "theo tùy chọn" in equal.stderr


def test_the_same_file_for_two_rounds_is_an_error(cli, tmp_path):
    cur = review_list(tmp_path / "ds-2024.xlsx", 2024)
    copy = tmp_path / "ban-sao.xlsx"
    shutil.copy(cur, copy)
    for args in (["progress", "--baseline", copy, "--current", cur],
                 ["report", "--baseline", copy, "--current", cur, "--census", "-o", tmp_path / "r.xlsx"]):
        result = cli(*args)
        assert result.exit_code == 1, args
        assert "ds-2024.xlsx = ban-sao.xlsx" in result.stderr and "SHA-256" in result.stderr


def test_a_two_digit_year_is_refused(cli, tmp_path):
    cur = review_list(tmp_path / "ds-2024.xlsx", 2024)
    for args in (["classify", cur, "--year", "24"], ["summary", cur, "--year", "24"],
                 ["report", "--current", cur, "--census", "--year", "24", "-o", tmp_path / "r.xlsx"],
                 ["progress", "--current", cur, "--baseline", cur, "--current-year", "24"],
                 ["check", cur, "--year", "24"]):
        result = cli(*args)
        assert result.exit_code == 2, (args, result.stderr)
        assert "24" in result.stderr and "bốn chữ số" in result.stderr, args
    assert not any(tmp_path.glob("*.classified.*"))


def test_files_of_one_survey_naming_different_years(cli, tmp_path):
    a = review_list(tmp_path / "xa-a.xlsx", 2023)
    b = review_list(tmp_path / "xa-b.xlsx", 2024, [household_row("H9", marks=4)])
    for args in (["classify", a, b, "-o", tmp_path / "c.xlsx"], ["summary", a, b],
                 ["report", "--current", a, "--current", b, "--census", "-o", tmp_path / "r.xlsx"]):
        result = cli(*args)
        assert result.exit_code == 1, (args, result.stderr)
        assert "xa-a.xlsx (2023)" in result.stderr and "xa-b.xlsx (2024)" in result.stderr
    told = cli("summary", a, b, "--year", "2024")
    assert told.exit_code == 0 and "xa-a.xlsx (2023)" in told.stderr and "năm 2024" in told.stderr


def test_a_local_standard_widens_the_years_a_year_may_name(cli, tmp_path):
    local = tmp_path / "tinh-2031.toml"
    local.write_text('extends = "vn-2027"\nid = "tinh-2031"\nname = "Chuẩn địa phương 2031–2035"\n'
                     'valid_from = 2031\nvalid_to = 2035\n', encoding="utf-8")
    cur = review_list(tmp_path / "ds.xlsx", 2031, [household_row("H1", marks=4)])
    built_in = cli("summary", cur, "--year", "2033", "--census")
    assert built_in.exit_code == 2 and "2016–2030" in built_in.stderr
    widened = cli("summary", cur, "--year", "2033", "--standard", local, "--census")
    assert "bốn chữ số" not in widened.stderr, widened.stderr
