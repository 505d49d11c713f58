"""The classify command: exit codes, stdout and stderr apart, outputs, and parity with the API."""

from __future__ import annotations

import json

import openpyxl
import pytest

import povertool
from conftest import HEADERS, household_row, write_xlsx
from povertool.render.writers import to_json_text


@pytest.fixture
def survey(tmp_path):
    rows = [
        ["UBND XÃ TÂN PHÚ"],
        ["DANH SÁCH HỘ RÀ SOÁT NĂM 2024"],
        [],
        HEADERS,
        household_row("001", income=1_200_000, marks=4),
        household_row("002", income="1.500.000", marks=2),
        household_row("003", income=1_800_000, marks=1, agricultural="x"),
        household_row("004", income=2_600_000, marks=0),
        household_row("005", commune="Phường An Lạc", income=1_900_000, marks=3),
    ]
    return write_xlsx(tmp_path / "tan-phu-2024.xlsx", rows, sheet="DS")


def test_classify_writes_beside_input_and_prints_table(cli, survey):
    before = survey.read_bytes()
    result = cli("classify", survey)
    assert result.exit_code == 0, result.stderr
    out = survey.with_name("tan-phu-2024.classified.xlsx")
    assert out.exists()
    assert survey.read_bytes() == before  # the input is never touched
    assert "Hộ nghèo" in result.stdout and "Tỷ lệ hộ nghèo" in result.stdout
    assert "Đã ghi" in result.stderr and "Hộ nghèo" not in result.stderr


def test_xlsx_output_has_original_and_result_columns(cli, survey, tmp_path):
    out = tmp_path / "ket-qua.xlsx"
    assert cli("classify", survey, "-o", out).exit_code == 0
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb.sheetnames[:2] == ["Phân loại", "Tổng hợp"]
    rows = list(wb["Phân loại"].iter_rows(values_only=True))
    header = rows[0]
    assert header[: len(HEADERS)] == tuple(HEADERS)
    assert "Kết quả phân loại" in header and "Căn cứ" in header and "Dòng" in header
    status = [r[header.index("Mã phân loại")] for r in rows[1:]]  # the code column; "Kết quả phân loại" in words
    assert status == ["poor", "near_poor", "average", "not_poor", "poor"]
    assert [r[header.index("Dòng")] for r in rows[1:]] == [5, 6, 7, 8, 9]  # Excel rows


def test_json_matches_api(cli, survey, tmp_path):
    result = cli("classify", survey, "-o", tmp_path / "x.csv", "--json")
    assert result.exit_code == 0
    api = povertool.classify(survey)
    assert json.loads(result.stdout) == json.loads(to_json_text(api.summary))
    data = json.loads(result.stdout)
    assert data["status_counts"] == {"poor": 2, "near_poor": 1, "average": 1, "not_poor": 1, "undetermined": 0}
    assert data["denominator"] == "census"
    assert data["poor_rate"] == pytest.approx(40.0)
    assert data["multidimensional_rate"] == pytest.approx(60.0)
    assert set(data) >= {"standard", "files", "households", "persons", "status_counts", "poor_rate",
                         "near_poor_rate", "multidimensional_rate", "denominator", "rejected"}
    assert data["files"][0]["sheet"] == "DS" and data["files"][0]["rows"] == 5


def test_same_input_gives_byte_identical_json(cli, survey, tmp_path):
    a = cli("classify", survey, "-o", tmp_path / "a.csv", "--json").stdout
    b = cli("classify", survey, "-o", tmp_path / "b.csv", "--json").stdout
    assert a == b


def test_csv_output_has_bom_and_neutralised_formulas(cli, tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", [HEADERS, household_row("=1+1", name="=HYPERLINK(\"x\")", marks=3)])
    out = tmp_path / "f.csv"
    assert cli("classify", path, "-o", out).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'=1+1" in text


def test_formula_text_stays_text_in_xlsx(cli, tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", [HEADERS, household_row("H1", name="=cmd|' /C calc'!A0", marks=3)])
    out = tmp_path / "out.xlsx"
    assert cli("classify", path, "-o", out).exit_code == 0
    ws = openpyxl.load_workbook(out)["Phân loại"]
    cell = ws.cell(row=2, column=2)
    assert cell.value == "=cmd|' /C calc'!A0" and cell.data_type == "s"


def test_json_never_carries_head_names(cli, survey, tmp_path):
    result = cli("classify", survey, "-o", tmp_path / "out.json", "--json")
    assert "Nguyễn Văn A" not in result.stdout and "Nguyễn Văn A" not in result.stderr
    assert "Nguyễn Văn A" not in (tmp_path / "out.json").read_text(encoding="utf-8")


def test_bad_cell_is_rejected_and_strict_fails_with_location(cli, tmp_path):
    path = write_xlsx(tmp_path / "bad.xlsx", [HEADERS, household_row("1", marks=3), household_row("2", members=0)],
                      sheet="DS")
    ok = cli("classify", path, "-o", tmp_path / "ok.xlsx", "--json")
    assert ok.exit_code == 0
    data = json.loads(ok.stdout)
    assert data["households"] == 1
    assert data["rejected"] == [{"file": "bad.xlsx", "sheet": "DS", "row": 3, "column": "Số nhân khẩu",
                                 "value": "0", "problem": data["rejected"][0]["problem"]}]
    strict = cli("classify", path, "-o", tmp_path / "strict.xlsx", "--strict")
    assert strict.exit_code == 1
    assert strict.stdout == ""
    assert 'bad.xlsx, trang "DS", dòng 3, cột "Số nhân khẩu"' in strict.stderr
    assert "Traceback" not in strict.stderr
    assert not (tmp_path / "strict.xlsx").exists()


def test_rejected_rows_are_kept_in_the_rejected_sheet(cli, tmp_path):
    path = write_xlsx(tmp_path / "dup.xlsx", [HEADERS, household_row("7", marks=3), household_row("7", marks=1)])
    out = tmp_path / "out.xlsx"
    assert cli("classify", path, "-o", out).exit_code == 0
    ws = openpyxl.load_workbook(out)["Dòng bị loại"]
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 3  # header + both copies of the duplicate id
    assert {r[2] for r in rows[1:]} == {2, 3}


def test_missing_file_is_exit_1_without_traceback(cli, tmp_path):
    result = cli("classify", tmp_path / "nope.xlsx")
    assert result.exit_code == 1
    assert "Không có tệp" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_output_over_input_is_refused(cli, survey):
    before = survey.read_bytes()
    result = cli("classify", survey, "-o", survey)
    assert result.exit_code == 1
    assert "không bao giờ ghi đè tệp đầu vào" in result.stderr
    assert survey.read_bytes() == before


def test_wrong_usage_is_exit_2(cli, survey):
    assert cli("classify", survey, "--lang", "fr").exit_code == 2
    assert cli("classify").exit_code == 2
    assert cli("classify", survey, "--no-such-flag").exit_code == 2


@pytest.mark.slow
def test_python_m_povertool_runs(tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "povertool", "standards"], capture_output=True, text=True)
    assert done.returncode == 0 and "vn-2022" in done.stdout
