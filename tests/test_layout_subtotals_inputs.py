"""Issue 20 (a new user's report): subtotal rows not labelled exactly "Cộng", totals/plan/units-map files inside
an input folder, and CSVs whose Vietnamese letters an export replaced by "?". Files from tests/data/bad/layout
(made by bad_layout.py), read through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import data_script

LAYOUT = Path(__file__).resolve().parent / "data" / "bad" / "layout"
CASES = data_script("bad_layout")


def test_subtotal_rows_are_skipped_by_row_number_never_households(cli, tmp_path):
    result = cli("classify", LAYOUT / "subtotals.xlsx", "--json", "-o", tmp_path / "out.csv")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert out["households"] == len(CASES.SUBTOTAL_IDS) and out["persons"] == CASES.SUBTOTAL_PERSONS
    assert out["rejected_rows"] == 0 and out["status_counts"]["undetermined"] == 0
    skipped = [r for run in out["files"][0]["skipped_rows"] if run["reason"] == "total"
               for r in range(run["from"], run["to"] + 1)]
    assert skipped == CASES.SUBTOTAL_SKIPPED
    written = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "Tống Công Minh" in written and "9001" in written  # a row with a household id is never skipped
    assert "Cộng" not in written and "Cong xa" not in written
    check = cli("check", LAYOUT / "subtotals.xlsx", "--lang", "en")
    assert check.exit_code == 0 and "skipped: 6 (totals), 8 (totals), 10–11 (totals)" in check.stderr


def test_totals_plan_and_units_map_in_a_folder_are_passed_over_with_their_option(cli, tmp_path):
    folder = LAYOUT / "side-files"
    result = cli("classify", folder, "-o", tmp_path / "out.csv", "--lang", "en")
    assert result.exit_code == 0
    for name, option in CASES.SIDE_FILES.items():
        assert f"give it with {option} {folder / name}" in result.stderr
    out = json.loads(cli("check", folder, "--json").stdout)
    assert out["households"] == len(CASES.SIDE_IDS) and out["errors"] == 0
    skipped = sorted(Path(p["file"]).name for p in out["problems"] if p["code"] == "side_file_skipped")
    assert skipped == sorted(CASES.SIDE_FILES)


def test_a_totals_file_given_by_name_is_an_error_naming_its_option(cli, tmp_path):
    totals = LAYOUT / "side-files" / "tong-so-ho.csv"
    result = cli("classify", totals, "-o", tmp_path / "out.csv")
    assert result.exit_code == 1
    assert "không có cột thu nhập hay điểm A" in result.stderr and f"--totals {totals}" in result.stderr
    plan = cli("check", LAYOUT / "side-files" / "ke-hoach.csv", "--lang", "en", "--json")
    assert plan.exit_code == 1 and "give it with --plan" in json.loads(plan.stdout)["problems"][0]["problem"]
    # the score is named as the standard in use names it
    units = LAYOUT / "side-files" / "chuyen-don-vi.csv"
    old = cli("classify", units, "--standard", "vn-2016", "--lang", "en", "-o", tmp_path / "o.csv")
    assert old.exit_code == 1 and "no income or B1 column" in old.stderr and f"--units-map {units}" in old.stderr


def test_a_csv_damaged_by_a_non_utf8_export_says_so(cli, tmp_path):
    result = cli("classify", LAYOUT / "damaged-export.csv", "-o", tmp_path / "out.csv", "--lang", "en")
    assert result.exit_code == 1
    assert "replaced by '?'" in result.stderr and "UTF-8" in result.stderr
    assert "no income" not in result.stderr
    vi = cli("check", LAYOUT / "damaged-export.csv", "--json")
    problem = json.loads(vi.stdout)["problems"][0]
    assert vi.exit_code == 1 and problem["code"] == "damaged_export" and "UTF-8" in problem["fix"]
