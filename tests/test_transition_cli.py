"""transition, classify --compare-standard and --units-map from the command line, on the sample pair across the
2025 reform (data/samples/generate_reform.py): exit codes, stdout and stderr apart, JSON = API, files written."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

import povertool
from conftest import SAMPLES

EARLIER = SAMPLES / "an-binh-reform-2024.xlsx"  # old units, vn-2022 marks
LATER = SAMPLES / "an-binh-reform-2027.xlsx"  # merged communes, vn-2027 marks
MAP = SAMPLES / "an-binh-units-map.csv"
TOTALS = SAMPLES / "an-binh-reform-totals.csv"
NEW_COMMUNES = {"Phường An Bình", "Phường Hòa Thuận", "Xã Long Sơn", "Xã Tân Phú"}


@pytest.fixture(scope="module")
def transition_json() -> dict:
    from typer.testing import CliRunner

    from povertool.cli.app import app

    result = CliRunner().invoke(app, ["transition", str(EARLIER), "--to", "vn-2027", "--units-map", str(MAP),
                                      "--totals", str(TOTALS), "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_transition_json_is_by_new_commune_and_equals_the_api(transition_json: dict) -> None:
    units = [u for u in transition_json["units"] if u["kind"] == "unit"]
    assert {u["commune"] for u in units} == NEW_COMMUNES
    api = povertool.transition(EARLIER, to="vn-2027", units_map=MAP, totals=TOTALS).to_dict()
    assert json.loads(json.dumps(api, default=str)) == transition_json
    assert transition_json["from"] == "vn-2022" and transition_json["to"] == "vn-2027"
    assert transition_json["missing_indicators"] == ["waste"]
    assert transition_json["units_map"]["rounds"] == [{"round": "Danh sách an-binh-reform-2024.xlsx", "mapped": True}]


def test_transition_flows_balance_by_new_unit(transition_json: dict) -> None:
    """Per new commune: the matrix adds up to the list under each standard, and units add up to the total."""
    units = transition_json["units"]
    total = units[-1]
    for u in units:
        m = u["matrix"]
        assert sum(c["households"] for row in m.values() for c in row.values()) == u["reviewed"]
        assert sum(m["poor"][t]["households"] for t in m["poor"]) == u["poor_from"]
        assert sum(m[f]["poor"]["households"] for f in m) == u["poor_to"]
        assert u["poor_at_least"] <= u["poor_to"] + u["undetermined_to"] and u["poor_at_least"] <= u["poor_at_most"]
    leaves = units[:-1]
    for key in ("households", "reviewed", "poor_from", "poor_to", "changed", "depends_on_missing", "poor_at_most"):
        assert sum(u[key] for u in leaves) == total[key], key
    rows = [line.split(",") for line in TOTALS.read_text(encoding="utf-8-sig").splitlines()[1:]]
    assert total["households"] == sum(int(r[3]) for r in rows if r[0] == "2024")  # old units' totals, by new commune
    assert len(transition_json["changed"]) == total["changed"]


def test_transition_writes_a_workbook_with_the_named_list(cli, tmp_path: Path) -> None:
    out = tmp_path / "chuyen-chuan.xlsx"
    result = cli("transition", EARLIER, "--to", "vn-2027", "--units-map", MAP, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and "chuyen-chuan.xlsx" in result.stderr
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb.sheetnames[:3] == ["Theo đơn vị", "Ma trận phân loại", "Hộ thay đổi"]
    header = next(wb["Hộ thay đổi"].iter_rows(values_only=True))
    assert "Họ và tên chủ hộ" in header and "Phân loại theo vn-2027" in header


def test_transition_table_in_english(cli) -> None:
    result = cli("transition", EARLIER, "--to", "vn-2027", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "Status under vn-2022 (rows) and vn-2027 (columns)" in result.stdout
    assert "Phường An Lạc" in result.stdout  # no map: the old units as written


def test_unit_not_covered_by_the_map_stops_with_its_name(cli, tmp_path: Path) -> None:
    short = tmp_path / "map.csv"
    short.write_text("\n".join(MAP.read_text(encoding="utf-8-sig").splitlines()[:-3]) + "\n", encoding="utf-8")
    result = cli("summary", EARLIER, "--units-map", short)
    assert result.exit_code == 1
    assert "Xã Mỹ Lộc" in result.stderr and "an-binh-reform-2024.xlsx, dòng" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_summary_by_new_commune_keeps_the_grand_total(cli) -> None:
    plain = json.loads(cli("summary", EARLIER, "--totals", TOTALS, "--json").stdout)
    result = cli("summary", EARLIER, "--totals", TOTALS, "--units-map", MAP, "--json")
    assert result.exit_code == 0, result.stderr
    mapped = json.loads(result.stdout)
    assert {u["commune"] for u in mapped["units"] if u["kind"] == "unit"} == NEW_COMMUNES
    for key in ("households", "persons", "reviewed_households", "status_counts", "poor_rate"):
        assert mapped["units"][-1][key] == plain["units"][-1][key], key
    merged = {m["new"]: m["old"] for m in mapped["units_map"]["merged"]}
    assert merged["Xã Tân Phú"] == ["Xã Tân Phú", "Xã Phước Hưng", "Xã Mỹ Lộc (Thôn Mỹ Lợi, Thôn Bàu Sen)"]
    assert "Xã Tân Phú gồm" in result.stderr


def test_summary_of_the_later_list_is_kept_and_totals_by_new_units(cli) -> None:
    result = cli("summary", LATER, "--totals", TOTALS, "--units-map", MAP, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["units_map"]["rounds"][0]["mapped"] is False and data["denominator"] == "totals"
    rows = [line.split(",") for line in TOTALS.read_text(encoding="utf-8-sig").splitlines()[1:]]
    assert data["units"][-1]["households"] == sum(int(r[3]) for r in rows if r[0] == "2027")
    assert not data["missing_units"]


def test_by_district_with_a_map_is_refused(cli) -> None:
    result = cli("summary", EARLIER, "--by", "district,commune", "--units-map", MAP)
    assert result.exit_code == 2 and "district" in result.stderr


def test_classify_compare_standard_adds_the_second_status_and_reason(cli, tmp_path: Path) -> None:
    out = tmp_path / "ket-qua.csv"
    result = cli("classify", EARLIER, "--compare-standard", "vn-2027", "--units-map", MAP, "--totals", TOTALS,
                 "-o", out, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["compare"]["standard"] == "vn-2027" and data["compare"]["denominator"] == "totals"
    assert data["compare"]["households"] == data["households"]
    assert data["units_map"]["file"] == "an-binh-units-map.csv"
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert "compare_status" in header and "compare_reason" in header


@pytest.fixture(scope="module")
def progress_json() -> dict:
    from typer.testing import CliRunner

    from povertool.cli.app import app

    result = CliRunner().invoke(app, ["progress", "--baseline", str(EARLIER), "--current", str(LATER), "--units-map",
                                      str(MAP), "--totals", str(TOTALS), "--allow-standard-change", "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_progress_across_the_reform_balances_by_new_unit(progress_json: dict) -> None:
    for group in ("poor", "near_poor"):
        for measure in ("households", "persons"):
            rows = progress_json["flows"][group][measure]
            assert {r["unit"] for r in rows} == NEW_COMMUNES | {"total"}
            assert all(r["balanced"] for r in rows)
            for r in rows:
                assert r["start"] - r["decreases"] + r["increases"] + r["member_change"] == r["end"]
    rounds = {r["round"]: r["mapped"] for r in progress_json["units_map"]["rounds"]}
    assert rounds == {"Danh sách năm hiện tại": False, "Danh sách năm gốc": True}


def test_progress_across_a_change_of_standard_splits_the_change(progress_json: dict) -> None:
    split = progress_json["standard_effect"]
    flows = {r["unit"]: r for r in progress_json["flows"]["poor"]["households"]}
    for rec in split:
        assert rec["standard_effect"] + rec["real_change"] == rec["change"]
        assert rec["change"] == rec["current"] - rec["baseline"]
        if rec["baseline_rate"] is not None:
            assert rec["standard_effect_pp"] + rec["real_change_pp"] == pytest.approx(rec["change_pp"])
        if rec["group"] == "poor":  # the same counts as the flow table's start and end, by new unit
            assert (rec["baseline"], rec["current"]) == (flows[rec["unit"]]["start"], flows[rec["unit"]]["end"])
    assert {r["unit"] for r in split} == NEW_COMMUNES | {"total"}
    assert (progress_json["baseline_year"], progress_json["current_year"]) == (2024, 2027)  # from the titles
    assert progress_json["standards"] == {"current": "vn-2027", "baseline": "vn-2022"}
    assert any("do thay đổi chuẩn" in w for w in progress_json["warnings"])


def test_report_across_the_reform_says_the_map_was_applied(cli, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.xlsx"
    result = cli("report", "--current", LATER, "--baseline", EARLIER, "--units-map", MAP, "--totals", TOTALS, "-o", out,
                 "--allow-standard-change")
    assert result.exit_code == 0, result.stderr
    cover = [str(c) for row in openpyxl.load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True)
             for c in row if c]
    assert "an-binh-units-map.csv" in cover  # among the sources, with its checksum
    assert any("Đã áp dụng bảng chuyển đổi" in c for c in cover)
    assert any(c.startswith("Xã Tân Phú gồm: Xã Tân Phú, Xã Phước Hưng, Xã Mỹ Lộc (Thôn Mỹ Lợi, Thôn Bàu Sen)") for c in cover)
    assert any(c.startswith("Hộ nghèo: tổng thay đổi") for c in cover)
    assert result.stderr.count("Xã Tân Phú gồm") == 1


def test_progress_workbook_has_the_split_sheet_and_transition_csv_its_two_siblings(cli, tmp_path: Path) -> None:
    out = tmp_path / "tien-do.xlsx"
    result = cli("progress", "--baseline", EARLIER, "--current", LATER, "--units-map", MAP, "--totals", TOTALS,
                 "--allow-standard-change", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "Tách thay đổi do chuẩn" in openpyxl.load_workbook(out, read_only=True).sheetnames
    csv = tmp_path / "chuyen-chuan.csv"
    result = cli("transition", EARLIER, "--to", "vn-2027", "-o", csv)
    assert result.exit_code == 0, result.stderr
    assert all(p.exists() for p in (csv, tmp_path / "chuyen-chuan-matrix.csv", tmp_path / "chuyen-chuan-changed.csv"))
