"""Issue 12 (5, 6): rounds classified under different standards are not compared silently, and the review of a
year whose standard ends (2026: the review decides who is poor in 2027) says which standard it used and how to
run the other one."""

from __future__ import annotations

import json

import openpyxl

from conftest import HEADERS, household_row, write_xlsx

ROWS = [household_row("H1", marks=4), household_row("H2", marks=1), household_row("H3", income=5_000_000)]


def review_list(path, year: int, rows: list[list] = ROWS) -> str:
    write_xlsx(path, [[f"DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC RÀ SOÁT NĂM {year}"], [], HEADERS, *rows])
    return str(path)


def test_rounds_under_different_standards_stop_unless_allowed(cli, tmp_path):
    base, cur = review_list(tmp_path / "ds-2021.xlsx", 2021), review_list(tmp_path / "ds-2022.xlsx", 2022, ROWS[:2])
    for args in (["progress", "--baseline", base, "--current", cur],
                 ["report", "--baseline", base, "--current", cur, "--census", "-o", tmp_path / "r.xlsx"]):
        result = cli(*args)
        assert result.exit_code == 1, (args, result.stderr)
        assert "kỳ gốc: vn-2016" in result.stderr and "kỳ hiện tại: vn-2022" in result.stderr
        assert "--allow-standard-change" in result.stderr
    assert not (tmp_path / "r.xlsx").exists()
    allowed = cli("progress", "--baseline", base, "--current", cur, "--allow-standard-change", "--json")
    assert allowed.exit_code == 0, allowed.stderr
    data = json.loads(allowed.stdout)
    assert data["standard_changed"] is True and data["standards"] == {"current": "vn-2022", "baseline": "vn-2016"}
    assert "Chuẩn nghèo thay đổi giữa các kỳ" in allowed.stderr
    out = tmp_path / "r.xlsx"
    report = cli("report", "--baseline", base, "--current", cur, "--census", "--allow-standard-change", "-o", out, "-q")
    assert report.exit_code == 0, report.stderr
    cover = " ".join(str(v) for r in openpyxl.load_workbook(out)["Bìa"].iter_rows(values_only=True) for v in r if v)
    assert "Chuẩn nghèo thay đổi giữa các kỳ" in cover
    flows = " ".join(str(v) for r in openpyxl.load_workbook(out)["2. Diễn biến hộ nghèo"].iter_rows(values_only=True)
                     for v in r if v)
    assert "Chuẩn nghèo thay đổi giữa các kỳ" in flows
    same = cli("progress", "--baseline", base, "--current", cur, "--standard", "vn-2022", "--json", "-q")
    assert same.exit_code == 0 and json.loads(same.stdout)["standard_changed"] is False


def test_history_round_under_another_standard_is_caught(cli, tmp_path):
    old = review_list(tmp_path / "ds-2021.xlsx", 2021)
    base, cur = review_list(tmp_path / "ds-2022.xlsx", 2022, ROWS[:2]), review_list(tmp_path / "ds-2023.xlsx", 2023, ROWS[:1])
    result = cli("progress", "--baseline", base, "--current", cur, "--history", old)
    assert result.exit_code == 1 and "kỳ lịch sử 1: vn-2016" in result.stderr


def test_the_2026_review_says_which_standard_and_how_to_run_the_other(cli, tmp_path):
    list_2026 = review_list(tmp_path / "ds-2026.xlsx", 2026)
    result = cli("classify", list_2026, "-o", tmp_path / "c.xlsx")
    assert result.exit_code == 0, result.stderr
    assert "rà soát năm 2026" in result.stderr and "vn-2022" in result.stderr and "2027" in result.stderr
    assert "--standard vn-2027" in result.stderr
    for args in (["summary", list_2026, "--census"], ["summary", list_2026, "--year", "2026", "--census"]):
        assert "--standard vn-2027" in cli(*args).stderr, args
    out = tmp_path / "r.xlsx"
    assert cli("report", "--current", list_2026, "--census", "-o", out, "-q").exit_code == 0
    rows = {r[0]: r[1] for r in openpyxl.load_workbook(out)["Bìa"].iter_rows(values_only=True) if r and r[0]}
    assert "--standard vn-2027" in rows["Lưu ý về chuẩn"]  # beside the standard, not only among the notes
    english = cli("summary", list_2026, "--census", "--lang", "en")
    assert "review year 2026" in english.stderr and "decides who is poor in 2027" in english.stderr
    chosen = cli("classify", list_2026, "--standard", "vn-2022", "-o", tmp_path / "d.xlsx")
    assert chosen.exit_code == 0 and "--standard vn-2027" not in chosen.stderr
    other_year = cli("summary", review_list(tmp_path / "ds-2024.xlsx", 2024), "--census")
    assert "--standard vn-2027" not in other_year.stderr


def test_progress_of_the_2026_review_says_it_too(cli, tmp_path):
    base, cur = review_list(tmp_path / "ds-2025.xlsx", 2025), review_list(tmp_path / "ds-2026.xlsx", 2026, ROWS[:2])
    result = cli("progress", "--baseline", base, "--current", cur, "--census")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("--standard vn-2027") == 1
