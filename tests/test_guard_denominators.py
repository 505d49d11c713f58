"""Issue 12 (2): no official rate over the review list unless the user says the list is the whole population.
report refuses without --totals unless --census (then every rate caption says so); summary, classify and progress
warn; rate targets are not judged without real denominators; classify --totals shows only meaningful shares."""

from __future__ import annotations

import json

import openpyxl

from conftest import HEADERS, SAMPLES, household_row, write_xlsx

TOTALS = SAMPLES / "an-binh-totals.csv"
NO_TOTALS = "Không có --totals"


def review_list(path, year: int, rows: list[list]) -> str:
    write_xlsx(path, [[f"DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC RÀ SOÁT NĂM {year}"], [], HEADERS, *rows])
    return str(path)


def two_rounds(tmp_path):
    base = review_list(tmp_path / "ds-2023.xlsx", 2023, [household_row("H1", marks=4), household_row("H2", marks=4),
                                                         household_row("H3", marks=1)])
    cur = review_list(tmp_path / "ds-2024.xlsx", 2024, [household_row("H1", marks=4), household_row("H2", marks=1),
                                                        household_row("H3", marks=1)])
    plan = tmp_path / "plan.toml"
    plan.write_text('year = 2024\n[[targets]]\nunit = "total"\nmetric = "poor_households"\nchange = -1\n'
                    '[[targets]]\nunit = "total"\nmetric = "poor_rate"\nchange = -0.01\n', encoding="utf-8")
    return base, cur, plan


def test_report_without_totals_is_refused_and_names_both_ways_out(cli, tmp_path):
    _, cur, _ = two_rounds(tmp_path)
    out = tmp_path / "bao-cao.xlsx"
    result = cli("report", "--current", cur, "-o", out)
    assert result.exit_code == 2 and result.stdout == ""
    assert "--totals" in result.stderr and "--census" in result.stderr
    assert not out.exists()
    both = cli("report", "--current", cur, "-o", out, "--census", "--totals", TOTALS)
    assert both.exit_code == 2 and not out.exists()


def test_report_with_census_says_over_the_list_on_every_rate(cli, tmp_path):
    base, cur, plan = two_rounds(tmp_path)
    out, html = tmp_path / "bao-cao.xlsx", tmp_path / "bao-cao.html"
    result = cli("report", "--current", cur, "--baseline", base, "--plan", plan, "--census", "-o", out, "--html", html)
    assert result.exit_code == 0, result.stderr
    assert NO_TOTALS not in result.stderr
    wb = openpyxl.load_workbook(out)
    results = [str(v) for r in wb["1. Kết quả"].iter_rows(values_only=True) for v in r if v is not None]
    rate_headers = [v for v in results if v.startswith("Tỷ lệ")]
    assert rate_headers and all("trên số hộ trong danh sách" in v for v in rate_headers)
    cover = " ".join(str(v) for r in wb["Bìa"].iter_rows(values_only=True) for v in r if v is not None)
    assert "số hộ trong danh sách" in cover and "--census" in cover
    targets = " ".join(str(v) for name in wb.sheetnames if "tiêu" in name.lower()
                       for r in wb[name].iter_rows(values_only=True) for v in r if v is not None)
    assert "Tỷ lệ hộ nghèo trên số hộ trong danh sách" in targets and "Không đánh giá được" not in targets
    assert "trên số hộ trong danh sách" in html.read_text("utf-8")


def test_summary_classify_progress_warn_without_totals_and_not_with_census(cli, tmp_path):
    base, cur, _ = two_rounds(tmp_path)
    for args in (["summary", cur], ["classify", cur, "-o", tmp_path / "c.xlsx"],
                 ["progress", "--baseline", base, "--current", cur]):
        plain = cli(*args)
        assert plain.exit_code == 0, plain.stderr
        assert NO_TOTALS in plain.stderr and "--census" in plain.stderr, args
        if args[0] == "classify":
            (tmp_path / "c.xlsx").unlink()
        declared = cli(*args, "--census")
        assert declared.exit_code == 0 and NO_TOTALS not in declared.stderr, args
        if args[0] == "classify":
            (tmp_path / "c.xlsx").unlink()
    english = cli("summary", cur, "--lang", "en")
    assert "No --totals" in english.stderr


def test_rate_targets_are_not_judged_without_denominators(cli, tmp_path):
    base, cur, plan = two_rounds(tmp_path)
    result = cli("progress", "--baseline", base, "--current", cur, "--plan", plan, "--json")
    assert result.exit_code == 0, result.stderr
    status = {t["metric"]: t for t in json.loads(result.stdout)["targets"]}
    assert status["poor_households"]["status"] == "met"  # households are counted, whatever the denominator
    assert status["poor_rate"]["status"] == "not_judged" and status["poor_rate"]["achieved_pct"] is None
    table = cli("progress", "--baseline", base, "--current", cur, "--plan", plan)
    assert "Chỉ tiêu về tỷ lệ không đánh giá được" in table.stderr
    written = tmp_path / "tien-do.csv"
    assert cli("progress", "--baseline", base, "--current", cur, "--plan", plan, "-o", written).exit_code == 0
    assert "Không đánh giá được" in "".join(p.read_text("utf-8-sig") for p in tmp_path.glob("tien-do*.csv"))
    census = cli("progress", "--baseline", base, "--current", cur, "--plan", plan, "--census", "--json")
    assert {t["metric"]: t["status"] for t in json.loads(census.stdout)["targets"]}["poor_rate"] in ("met", "not_met")


def test_classify_with_totals_shows_only_the_poor_and_near_poor_shares(cli, tmp_path):
    result = cli("classify", SAMPLES / "an-binh-2024.xlsx", "--totals", TOTALS, "-o", tmp_path / "c.xlsx")
    assert result.exit_code == 0, result.stderr
    rows = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if line.count("│") >= 4}
    assert "%" in rows["Hộ nghèo"] and "%" in rows["Hộ cận nghèo"]
    for status in ("Hộ không nghèo", "Hộ có mức sống trung bình", "Chưa xác định"):
        assert "%" not in rows[status], rows[status]
    census = cli("classify", SAMPLES / "an-binh-2024.xlsx", "--census", "-o", tmp_path / "d.xlsx")
    rows = {line.split("│")[1].strip(): line for line in census.stdout.splitlines() if line.count("│") >= 4}
    assert "%" in rows["Hộ không nghèo"]  # over the list itself every share means something
