"""povertool progress: the bundled town, tiny hand-made rounds, errors, outputs and JSON parity."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

import povertool
from conftest import HEADERS, SAMPLES, household_row, write_xlsx

TOWN = ["--baseline", SAMPLES / "an-binh-2023.xlsx", "--current", SAMPLES / "an-binh-2024.xlsx",
        "--totals", SAMPLES / "an-binh-totals.csv"]
POOR, NEAR, ABOVE = dict(income=1_000_000, marks=4), dict(income=1_000_000, marks=1), dict(income=3_000_000, marks=0)


@pytest.fixture(scope="module")
def town_statuses() -> tuple[dict, dict]:
    """id -> status per round, from classify (not from the flow code)."""
    a = povertool.classify(SAMPLES / "an-binh-2023.xlsx", year=2023).households
    b = povertool.classify(SAMPLES / "an-binh-2024.xlsx", year=2024).households
    return dict(zip(a["household_id"], a["status"])), dict(zip(b["household_id"], b["status"]))


def test_bundled_town_meets_both_total_targets_and_flows_add_up(cli, town_statuses):
    result = cli("progress", *TOWN, "--plan", SAMPLES / "an-binh-plan-2024.toml", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["baseline_year"], data["current_year"], data["denominator"]) == (2023, 2024, "totals")
    totals = {(t["unit"], t["metric"]): t for t in data["targets"]}
    assert totals[("total", "poor_households")]["status"] == "met"
    assert totals[("total", "poor_rate")]["status"] == "met"
    rate = totals[("total", "poor_rate")]
    assert rate["baseline_published"] == round(rate["baseline"], 2) and rate["actual_change"] <= -0.01

    # The expected flows, counted by hand with sets from the two classified lists.
    before, now = town_statuses
    poor_b = {i for i, s in before.items() if s == "poor"}
    poor_n = {i for i, s in now.items() if s == "poor"}
    near_b = {i for i, s in before.items() if s == "near_poor"}
    total = data["flows"]["poor"]["households"][-1]
    assert total["unit"] == "total"
    assert total["start"] == len(poor_b) and total["end"] == len(poor_n)
    assert total["to_near_poor"] == sum(1 for i in poor_b if now.get(i) == "near_poor")
    assert total["escaped"] == sum(1 for i in poor_b if now.get(i) in ("average", "not_poor"))
    assert total["other_decrease"] == len(poor_b - set(now))
    assert total["from_near_poor"] == len(poor_n & near_b)
    assert total["re_poor"] == 0  # no --history
    assert total["other_increase"] + total["new_poor"] == len(poor_n - poor_b - near_b)
    assert total["start"] - total["decreases"] + total["increases"] == total["end"]
    assert data["missing"] == sorted(set(before) - set(now))
    assert all(row["balanced"] for g in data["flows"].values() for m in g.values() for row in m)


def test_json_equals_the_api_result(cli):
    result = cli("progress", *TOWN, "--plan", SAMPLES / "an-binh-plan-2024.toml", "--json", "-q")
    api = povertool.progress(SAMPLES / "an-binh-2024.xlsx", baseline=SAMPLES / "an-binh-2023.xlsx",
                             totals=SAMPLES / "an-binh-totals.csv", plan=SAMPLES / "an-binh-plan-2024.toml")
    assert json.loads(result.stdout) == json.loads(json.dumps(api.to_dict(), ensure_ascii=False))
    assert result.stderr == ""


def test_plan_sheet_in_vietnamese_gives_the_same_targets(cli, tmp_path):
    plan = write_xlsx(tmp_path / "ke-hoach-2024.xlsx", [
        ["KẾ HOẠCH GIẢM NGHÈO NĂM 2024"], [],
        ["Đơn vị", "Chỉ tiêu", "Mức thay đổi"],
        ["Toàn thị xã", "Giảm số hộ nghèo", 3],
        ["Toàn thị xã", "Giảm tỷ lệ hộ nghèo", "0,01"],
        ["XÃ TÂN PHÚ", "Giảm số hộ cận nghèo", 5],
    ])
    toml = json.loads(cli("progress", *TOWN, "--plan", SAMPLES / "an-binh-plan-2024.toml", "--json").stdout)
    sheet = json.loads(cli("progress", *TOWN, "--plan", plan, "--json").stdout)
    assert sheet["targets"] == toml["targets"]


def test_tables_on_stdout_warnings_on_stderr(cli):
    result = cli("progress", *TOWN, "--plan", SAMPLES / "an-binh-plan-2024.toml")
    assert result.exit_code == 0
    assert "Diễn biến hộ nghèo từ năm 2023 đến năm 2024" in result.stdout
    assert "Kết quả thực hiện chỉ tiêu kế hoạch năm 2024" in result.stdout
    assert "Đạt" in result.stdout and "0,30%" in result.stdout
    assert "warning" not in result.stdout
    assert "giảm khác" in result.stderr and "AB0100013" in result.stderr and "và 47 hộ khác" in result.stderr
    assert "other_decrease" not in result.stderr  # no internal code in a sentence people read


def _rounds(tmp_path: Path) -> tuple[Path, Path, Path]:
    history = write_xlsx(tmp_path / "2022.xlsx", [HEADERS, household_row("0005", **POOR)])
    baseline = write_xlsx(tmp_path / "2023.xlsx", [
        HEADERS,
        household_row("0001", **POOR), household_row("0002", **POOR), household_row("0003", **NEAR),
        household_row("0004", **POOR), household_row("0005", **ABOVE), household_row("0006", commune="Xã Long Sơn", **POOR),
    ])
    current = write_xlsx(tmp_path / "2024.xlsx", [
        HEADERS,
        household_row("0001", **NEAR), household_row("0002", **ABOVE), household_row("0003", **POOR),
        household_row("0005", **POOR), household_row("0006", commune="Xã Tân Phú", **POOR), household_row("0007", **POOR),
    ])
    return history, baseline, current


def test_hand_made_rounds_with_history_and_a_move(cli, tmp_path):
    history, baseline, current = _rounds(tmp_path)
    result = cli("progress", "--baseline", baseline, "--current", current, "--history", history,
                 "--baseline-year", "2023", "--current-year", "2024", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    rows = {r["unit"]: r for r in data["flows"]["poor"]["households"]}
    tan_phu = rows["Xã Tân Phú"]
    assert (tan_phu["start"], tan_phu["to_near_poor"], tan_phu["escaped"], tan_phu["other_decrease"]) == (4, 1, 1, 1)
    assert (tan_phu["from_near_poor"], tan_phu["re_poor"], tan_phu["new_poor"], tan_phu["end"]) == (1, 1, 1, 4)
    assert rows["Xã Long Sơn"]["start"] == 0  # 0006 moved to Tân Phú and is counted there
    assert data["moved"] == ["0006"] and data["missing"] == ["0004"]
    assert [r["year"] for r in data["trend"]["rounds"]] == [2022, 2023, 2024]
    steps = data["trend"]["steps"]  # each year against the period in force: 2021–2025, QĐ 90/QĐ-TTg, the poor rate
    assert [(s["year_to"], s["metric"], s["period"]) for s in steps] == [(2023, "poor_rate", "2021–2025"),
                                                                         (2024, "poor_rate", "2021–2025")]
    assert steps[0]["source"].startswith("Quyết định 90/QĐ-TTg") and steps[0]["target_low_pp"] == 1.0
    assert "0004" in result.stderr and "0006" in result.stderr and "--totals" in result.stderr


def test_duplicate_ids_stop_with_the_list(cli, tmp_path):
    _, baseline, _ = _rounds(tmp_path)
    current = write_xlsx(tmp_path / "dup.xlsx", [HEADERS, household_row("0009", **POOR), household_row("0009", **NEAR)])
    result = cli("progress", "--baseline", baseline, "--current", current, "--current-year", "2024")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "0009" in result.stderr and "dòng 2" in result.stderr and "dòng 3" in result.stderr
    assert "Nguyễn" not in result.stderr  # no personal data in messages


def test_one_file_needs_a_previous_status_column(cli, tmp_path):
    _, _, current = _rounds(tmp_path)
    result = cli("progress", "--current", current, "--current-year", "2024")
    assert result.exit_code == 2
    assert "--baseline" in result.stderr and result.stdout == ""


def test_one_file_with_previous_status(cli):
    result = cli("progress", "--current", SAMPLES / "an-binh-2024.xlsx", "--totals", SAMPLES / "an-binh-totals.csv", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["matched_by"] == "previous_status" and data["baseline_year"] == 2023
    b = povertool.classify(SAMPLES / "an-binh-2024.xlsx", year=2024).households
    assert data["flows"]["poor"]["households"][-1]["start"] == int((b["previous_status"] == "poor").sum())


def test_workbook_and_csv_outputs(cli, tmp_path):
    out = tmp_path / "tien-do.xlsx"
    result = cli("progress", *TOWN, "--plan", SAMPLES / "an-binh-plan-2024.toml", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:3] == ["Diễn biến hộ nghèo", "Diễn biến hộ cận nghèo", "Chỉ tiêu"]
    ws = wb["Diễn biến hộ nghèo"]  # headed, labelled tables like the report's, not a raw export
    assert ws["A4"].value == "DIỄN BIẾN HỘ NGHÈO NĂM 2024" and ws["A5"].value == "Diễn biến từ năm 2023 đến năm 2024"
    words = {v for r in ws.iter_rows(values_only=True) for v in r if isinstance(v, str)}
    assert {"Thoát nghèo", "Tái nghèo", "Hộ nghèo phát sinh", "Trong đó hộ DTTS", "Đơn vị", "hộ"} <= words
    total = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Tổng cộng")
    assert total[1] == 90 and total[-2] == 80  # start and end of the official table
    targets = wb["Chỉ tiêu"]
    assert {"Còn phải giảm", "Đơn vị tính"} <= {v for r in targets.iter_rows(values_only=True) for v in r if isinstance(v, str)}
    assert targets.page_setup.orientation == "landscape"
    csv = tmp_path / "tien-do.csv"
    assert cli("progress", *TOWN, "--plan", SAMPLES / "an-binh-plan-2024.toml", "-o", csv, "--lang", "en").exit_code == 0
    text = csv.read_text("utf-8-sig")
    assert text.splitlines()[0].startswith("Measure,Unit,Start (2023),Decreases during the period: To near-poor")
    assert (tmp_path / "tien-do-targets.csv").exists() and (tmp_path / "tien-do-near-poor.csv").exists()


def test_by_village_and_a_level_the_files_lack(cli):
    result = cli("progress", *TOWN, "--by", "village", "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["flows"]["poor"]["households"]
    assert rows[0]["commune"] and rows[0]["village"] and " / " in rows[0]["unit"]
    assert rows[-1]["start"] == sum(r["start"] for r in rows[:-1])
    missing = cli("progress", *TOWN, "--by", "district")
    assert missing.exit_code == 2 and "--by huyện" in missing.stderr and missing.stdout == ""


def test_trend_table_in_english(cli, tmp_path):
    history, baseline, current = _rounds(tmp_path)
    result = cli("progress", "--baseline", baseline, "--current", current, "--history", history,
                 "--baseline-year", "2023", "--current-year", "2024", "--lang", "en", "-q")
    assert result.exit_code == 0
    assert "Trend of the poor and near-poor rates" in result.stdout
    assert "Against the programme's targets, year by year" in result.stdout
    assert "down 1–1.5" in result.stdout and "Quyết định 90/QĐ-TTg" in result.stdout
    assert result.stderr == ""
