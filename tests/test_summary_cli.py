"""povertool summary from the command line: exit codes, stdout and stderr apart, JSON = API, files written."""

from __future__ import annotations

import json

import openpyxl
import pytest

import povertool
from conftest import HEADERS, SAMPLES, household_row, write_xlsx

SAMPLE = SAMPLES / "an-binh-2024.xlsx"
TOTALS = SAMPLES / "an-binh-totals.csv"


@pytest.fixture(scope="module")
def sample_json():
    """The JSON of the bundled town by commune, over the 2024 totals (computed once for the module)."""
    from typer.testing import CliRunner

    from povertool.cli.app import app

    result = CliRunner().invoke(app, ["summary", str(SAMPLE), "--by", "commune", "--totals", str(TOTALS), "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _review_list_length() -> int:
    """Household rows of the sample, counted straight from the sheet (cells with a household id under the header)."""
    import openpyxl

    ws = openpyxl.load_workbook(SAMPLE, read_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r and "Mã hộ" in r)
    col = rows[header].index("Mã hộ")
    return sum(1 for r in rows[header + 1 :] if r[col])


def test_town_rate_is_over_all_30000_households_not_the_review_list(sample_json):
    total = sample_json["units"][-1]
    assert total["kind"] == "total"
    assert total["households"] == 30202  # the 2024 totals, not the 501 households reviewed
    assert total["reviewed_households"] == _review_list_length()
    poor = total["status_counts"]["poor"]
    assert total["poor_rate"] == pytest.approx(poor / 30202 * 100)
    assert total["poor_rate"] < 1  # over the review list it would be about 20%
    assert sample_json["denominator"] == "totals" and sample_json["year"] == 2024
    units = [u for u in sample_json["units"] if u["kind"] == "unit"]
    assert len(units) == 9
    assert sum(u["households"] for u in units) == total["households"]
    assert sum(u["status_counts"]["poor"] for u in units) == poor
    assert total["multidimensional_rate"] == pytest.approx(total["poor_rate"] + total["near_poor_rate"])
    contributions = total["alkire_foster"]["contribution"]
    assert sum(contributions.values()) == pytest.approx(100)
    assert "head_name" not in json.dumps(sample_json)


def test_json_equals_the_api_result(sample_json):
    api = povertool.summarise(SAMPLE, by="commune", totals=TOTALS)
    assert json.loads(json.dumps(api.to_dict(), ensure_ascii=False)) == sample_json


def test_table_in_vietnamese_with_decimal_comma(cli):
    result = cli("summary", SAMPLE, "--by", "commune", "--totals", TOTALS)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Tổng cộng" in out and "Tỷ lệ (%)" in out and "Tỷ lệ nghèo đa chiều" in out and "Phường An Lạc" in out
    assert "30.202" in out
    data = povertool.summarise(SAMPLE, by="commune", totals=TOTALS).to_dict()
    rate = data["units"][-1]["poor_rate"]
    assert f"{rate:.2f}%".replace(".", ",") in out
    assert "Mẫu số: tổng số hộ của địa bàn" in out
    assert result.stderr == ""


def test_english_and_census_note(cli):
    result = cli("summary", SAMPLE, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "Rate (%)" in result.stdout and "Poor households" in result.stdout and "Total" in result.stdout
    assert "taken as a full census" in result.stdout
    data = povertool.summarise(SAMPLE).to_dict()
    assert data["denominator"] == "census" and data["units"][-1]["households"] == _review_list_length()
    assert f"{data['units'][-1]['poor_rate']:.2f}%" in result.stdout  # 19.56% style: a decimal point in English


def test_villages_under_commune_totals_keep_the_commune_rate(cli):
    result = cli("summary", SAMPLE, "--by", "commune,village", "--totals", TOTALS, "--json")
    assert result.exit_code == 0
    assert "Thôn/Khu phố" in result.stderr  # the warning names the level the totals lack
    data = json.loads(result.stdout)
    subtotals = [u for u in data["units"] if u["kind"] == "subtotal"]
    assert sum(u["households"] for u in subtotals) == data["units"][-1]["households"] == 30202
    an_lac = next(u for u in subtotals if u["commune"] == "Phường An Lạc")
    assert an_lac["households"] == 4262
    assert data["uncovered_levels"] == ["village"]
    table = cli("summary", SAMPLE, "--by", "commune,village", "--totals", TOTALS)
    assert "Khác (ngoài danh sách)" in table.stdout and "Cộng Phường An Lạc" in table.stdout


def survey(tmp_path):
    rows = [HEADERS,
            household_row("A1", commune="Xã Tân Phú", marks=4),
            household_row("A2", commune="Xã Tân Phú", marks=1),
            household_row("B1", commune="Xã Mới", marks=3),
            household_row("B2", commune="Xã Mới", income=5_000_000)]
    return write_xlsx(tmp_path / "ds.xlsx", rows)


def test_missing_unit_is_named_on_stderr_and_small_base_marked(cli, tmp_path):
    path = survey(tmp_path)
    totals = tmp_path / "tong.csv"
    totals.write_text("Xã/Phường,Tổng số hộ,Tổng số nhân khẩu\nXã Tân Phú,400,1600\nXã Khác,100,\n", encoding="utf-8")
    result = cli("summary", path, "--totals", totals, "--json")
    assert result.exit_code == 0, result.stderr
    assert "Xã Mới" in result.stderr and "cảnh báo:" in result.stderr
    data = json.loads(result.stdout)
    assert data["missing_units"] == ["Xã Mới"]
    units = {u["commune"]: u for u in data["units"] if u["kind"] == "unit"}
    assert units["Xã Mới"]["households"] == 2 and units["Xã Mới"]["small_base"] is True
    assert units["Xã Tân Phú"]["poor_rate"] == pytest.approx(0.25)
    assert units["Xã Khác"]["households"] == 100 and units["Xã Khác"]["poor_rate"] == 0
    assert data["units"][-1]["households"] == 502
    table = cli("summary", path, "--totals", totals)  # the small base named under the table, as in the report
    assert "tỷ lệ dao động mạnh, cần thận trọng khi so sánh (Xã Mới)." in table.stdout


def test_xlsx_and_csv_outputs(cli, tmp_path):
    xlsx = tmp_path / "tong-hop.xlsx"
    result = cli("summary", SAMPLE, "--totals", TOTALS, "--by", "area,commune", "-o", xlsx)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and "Đã ghi" in result.stderr
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["Tổng hợp", "Thiếu hụt", "Nhóm đối tượng", "Ghi chú"]
    ws = wb["Tổng hợp"]
    # a headed, labelled table like the report's: title rows, a header band with groups, a units row
    assert ws["A1"].value.startswith("UBND") and ws["A4"].value == "KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024"
    words = {v for r in ws.iter_rows(values_only=True) for v in r if isinstance(v, str)}
    assert {"Đơn vị", "Tổng số hộ", "Hộ nghèo", "Tỷ lệ (%)", "hộ", "người", "%"} <= words
    assert not words & {"kind", "level", "row", "small_base", "denominator_source"}  # no internal column names
    rows = {r[0]: r[1:] for r in ws.iter_rows(values_only=True) if isinstance(r[0], str) and isinstance(r[1], (int, float))}
    assert rows["Tổng cộng"][0] == 30202
    assert list(rows)[0] == "I. Thành thị" and "II. Nông thôn" in rows  # area blocks as the official forms
    total_row = next(r for r in ws.iter_rows() if r[0].value == "Tổng cộng")
    assert total_row[1].number_format == "#,##0" and total_row[5].number_format == "0.00"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows
    deprivation = {v for r in wb["Thiếu hụt"].iter_rows(values_only=True) for v in r if isinstance(v, str)}
    assert "Việc làm" in deprivation and any(v.startswith("Chỉ số nghèo đa chiều Alkire") for v in deprivation)
    csv = tmp_path / "tong-hop.csv"
    assert cli("summary", SAMPLE, "--totals", TOTALS, "-o", csv, "--lang", "en").exit_code == 0
    raw = csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "Poverty rate" in raw.decode("utf-8-sig").splitlines()[0]


@pytest.mark.parametrize("args", [("--by", "ward"), ("--by", "commune,commune"), ("--json", "-o", "x.xlsx"),
                                  ("--lang", "fr")])
def test_usage_errors_exit_2(cli, tmp_path, args):
    args = [a if a != "x.xlsx" else str(tmp_path / a) for a in args]
    result = cli("summary", SAMPLE, *args)
    assert result.exit_code == 2
    assert result.stdout == ""


def test_bad_output_and_bad_totals_exit_1(cli, tmp_path):
    result = cli("summary", SAMPLE, "-o", tmp_path / "x.parquet")
    assert result.exit_code == 1 and "xlsx, .csv hoặc .json" in result.stderr
    bad = tmp_path / "t.csv"
    bad.write_text("Tên,Số\nA,1\n", encoding="utf-8")
    result = cli("summary", SAMPLE, "--totals", bad)
    assert result.exit_code == 1 and "Tệp tổng số hộ" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_totals_year_chosen_by_year_option(cli):
    result = cli("summary", SAMPLE, "--totals", TOTALS, "--year", "2023", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["units"][-1]["households"] == 29940  # the 2023 row of each commune


def test_classify_with_totals_divides_by_all_households(cli, tmp_path):
    result = cli("classify", SAMPLE, "-o", tmp_path / "out.csv", "--totals", TOTALS, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["denominator"] == "totals" and data["denominator_households"] == 30202
    assert data["poor_rate"] == pytest.approx(data["status_counts"]["poor"] / 30202 * 100)
