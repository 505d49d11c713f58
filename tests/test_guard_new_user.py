"""Issue 12, a new user's findings: the plan's year never overrides a list's own title year (a plan for another
year stops report and progress), a unit missing from --totals stops the report, the report counts the rounds'
data warnings, and progress prints full-width tables when its output is not a terminal."""

from __future__ import annotations

import openpyxl

from conftest import HEADERS, household_row, write_xlsx

BASE_ROWS = [household_row("H1", marks=4), household_row("H2", marks=4), household_row("H3", marks=1)]
CUR_ROWS = [household_row("H1", marks=4), household_row("H2", marks=1), household_row("H3", marks=1)]


def review_list(path, year: int, rows: list[list]) -> str:
    write_xlsx(path, [[f"DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC RÀ SOÁT NĂM {year}"], [], HEADERS, *rows])
    return str(path)


def plan_file(tmp_path, year: int) -> str:
    plan = tmp_path / f"ke-hoach-{year}.toml"
    plan.write_text(f'year = {year}\n[[targets]]\nunit = "total"\nmetric = "poor_households"\nchange = -1\n',
                    encoding="utf-8")
    return str(plan)


def totals_file(tmp_path, units: dict[str, int], years=(2023, 2024, 2025)) -> str:
    path = tmp_path / "tong-so-ho.csv"
    lines = ["Năm,Xã/Phường,Tổng số hộ,Tổng số nhân khẩu"]
    lines += [f"{y},{unit},{n},{n * 4}" for y in years for unit, n in units.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def two_communes(tmp_path) -> tuple[str, str]:
    """Rounds of 2023 and 2024 in two communes (Tân Phú and Mỹ Lộc)."""
    other = [household_row("M1", commune="Xã Mỹ Lộc", marks=4), household_row("M2", commune="Xã Mỹ Lộc", marks=1)]
    return (review_list(tmp_path / "ds-2023.xlsx", 2023, BASE_ROWS + other),
            review_list(tmp_path / "ds-2024.xlsx", 2024, CUR_ROWS + other))


# (1) the plan's year --------------------------------------------------------------------------------------------

def test_a_plan_for_another_year_than_the_list_title_stops_progress_and_report(cli, tmp_path):
    base, cur = two_communes(tmp_path)
    plan, totals = plan_file(tmp_path, 2025), totals_file(tmp_path, {"Xã Tân Phú": 100, "Xã Mỹ Lộc": 50})
    out = tmp_path / "bao-cao.xlsx"
    progress = cli("progress", "--baseline", base, "--current", cur, "--plan", plan, "--totals", totals)
    report = cli("report", "--baseline", base, "--current", cur, "--plan", plan, "--totals", totals, "-o", out)
    for result, option in ((progress, "--current-year"), (report, "--year")):
        assert result.exit_code == 1, result.stderr
        assert result.stdout == "" and "2023 đến năm 2025" not in result.stderr
        assert "năm 2025 (theo tệp kế hoạch ke-hoach-2025.toml)" in result.stderr
        assert "năm 2024 (theo tiêu đề tệp)" in result.stderr and option in result.stderr
    assert not out.exists()
    told = cli("report", "--baseline", base, "--current", cur, "--plan", plan, "--totals", totals, "--year", "2024",
               "-o", out, "--lang", "en")
    assert told.exit_code == 1 and "the current round is 2024 (from --year)" in told.stderr
    assert not out.exists()


def test_the_plan_of_the_title_year_is_judged(cli, tmp_path):
    base, cur = two_communes(tmp_path)
    plan, totals = plan_file(tmp_path, 2024), totals_file(tmp_path, {"Xã Tân Phú": 100, "Xã Mỹ Lộc": 50})
    result = cli("progress", "--baseline", base, "--current", cur, "--plan", plan, "--totals", totals)
    assert result.exit_code == 0, result.stderr
    assert "từ năm 2023 đến năm 2024" in result.stdout


def test_swapped_rounds_say_the_year_came_from_the_title_not_the_plan(cli, tmp_path):
    late = review_list(tmp_path / "ds-2024.xlsx", 2024, CUR_ROWS)
    early = review_list(tmp_path / "ds-2023.xlsx", 2023, BASE_ROWS)
    plan = plan_file(tmp_path, 2023)  # the plan agrees with the (wrongly given) current list's title
    for args in (["progress"], ["report", "--census", "-o", tmp_path / "r.xlsx"]):
        result = cli(*args, "--baseline", late, "--current", early, "--plan", plan)
        assert result.exit_code == 1, result.stderr
        assert "(năm 2023, theo tiêu đề tệp)" in result.stderr and "theo năm của kế hoạch" not in result.stderr


# (2) a unit missing from the totals -----------------------------------------------------------------------------

def test_report_refuses_a_unit_missing_from_the_totals_and_names_it(cli, tmp_path):
    base, cur = two_communes(tmp_path)
    totals = totals_file(tmp_path, {"Xã Mỹ Lộc": 50})  # no Tân Phú rows
    out = tmp_path / "bao-cao.xlsx"
    report = cli("report", "--baseline", base, "--current", cur, "--totals", totals, "-o", out)
    assert report.exit_code == 1 and not out.exists()
    assert "Xã Tân Phú (năm 2024)" in report.stderr and "--census" in report.stderr
    alone = cli("report", "--current", cur, "--totals", totals, "-o", out, "--lang", "en")
    assert alone.exit_code == 1 and "has no Xã Tân Phú (year 2024)" in alone.stderr and not out.exists()
    census = cli("report", "--baseline", base, "--current", cur, "--census", "-o", out)
    assert census.exit_code == 0, census.stderr


def test_the_baseline_rows_of_the_totals_are_checked_too(cli, tmp_path):
    base, cur = two_communes(tmp_path)
    path = tmp_path / "tong-so-ho.csv"  # 2024 complete, 2023 without Tân Phú
    path.write_text("Năm,Xã/Phường,Tổng số hộ\n2023,Xã Mỹ Lộc,50\n2024,Xã Mỹ Lộc,50\n2024,Xã Tân Phú,100\n",
                    encoding="utf-8")
    report = cli("report", "--baseline", base, "--current", cur, "--totals", path, "-o", tmp_path / "r.xlsx")
    assert report.exit_code == 1 and "Xã Tân Phú (năm 2023, kỳ gốc)" in report.stderr


def test_reading_commands_warn_clearly_with_the_year(cli, tmp_path):
    base, cur = two_communes(tmp_path)
    totals = totals_file(tmp_path, {"Xã Mỹ Lộc": 50})
    runs = {"summary": cli("summary", cur, "--totals", totals),
            "classify": cli("classify", cur, "--totals", totals, "-o", tmp_path / "c.xlsx"),
            "progress": cli("progress", "--baseline", base, "--current", cur, "--totals", totals)}
    for name, result in runs.items():
        assert result.exit_code == 0, (name, result.stderr)
        assert "Tệp tổng số hộ không có Xã Tân Phú (năm 2024" in result.stderr, (name, result.stderr)
        assert "tỷ lệ của chúng và của cả địa bàn không đúng" in result.stderr, name
    assert "(năm 2023, kỳ gốc)" in runs["progress"].stderr


# (3) the rounds' data warnings in the report ---------------------------------------------------------------------

def test_report_counts_the_data_warnings_on_stderr_and_the_cover(cli, tmp_path):
    implausible = household_row("H3", income=500, marks=1)  # an implausibly low income: a warning, the row is kept
    base = review_list(tmp_path / "ds-2023.xlsx", 2023, BASE_ROWS)
    cur = review_list(tmp_path / "ds-2024.xlsx", 2024, CUR_ROWS[:2] + [implausible])
    checked = cli("check", cur)
    assert "1 cảnh báo" in checked.stdout + checked.stderr
    out = tmp_path / "bao-cao.xlsx"
    result = cli("report", "--baseline", base, "--current", cur, "--census", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "có 1 cảnh báo" in result.stderr and "povertool check" in result.stderr
    cover = {r[0]: r[1] for r in openpyxl.load_workbook(out)["Bìa"].iter_rows(values_only=True) if r[0]}
    assert cover["Cảnh báo số liệu"].startswith("1 cảnh báo về số liệu")
    clean = cli("report", "--baseline", base, "--current", review_list(tmp_path / "ok.xlsx", 2024, CUR_ROWS),
                "--census", "-o", out)
    assert clean.exit_code == 0 and "povertool check" not in clean.stderr
    cover = {r[0]: r[1] for r in openpyxl.load_workbook(out)["Bìa"].iter_rows(values_only=True) if r[0]}
    assert cover["Cảnh báo số liệu"] == "Không có cảnh báo về số liệu"


# (4) progress tables are not cut when stdout is a file -----------------------------------------------------------

def test_progress_tables_are_full_width_when_redirected(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    base, cur = two_communes(tmp_path)
    result = cli("progress", "--baseline", base, "--current", cur, "--census")
    assert result.exit_code == 0, result.stderr
    assert "…" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) > 80
