"""`povertool template --roster` (issue 18): the two-sheet form with drop-downs reads back exactly once filled;
the report's child-deprivation table (11) is built from the roster."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

import povertool
from povertool.cli.app import app
from roster_data import random_roster, write_roster

HOUSEHOLD = {"Mã hộ": "007", "Họ và tên chủ hộ": "Lò Văn Páo", "Xã/Phường": "Xã Mỹ Lộc",
             "Khu vực (Thành thị / Nông thôn)": "Nông thôn", "Thu nhập bình quân đầu người/tháng (đồng)": 1_250_000,
             "Tường bền chắc": "Không", "Cột (khung) bền chắc": "Có", "Mái bền chắc": "Không",
             "Diện tích nhà ở (m²)": 22.5, "Nguồn nước sinh hoạt chính": "Khe/mó không được bảo vệ",
             "Loại nhà tiêu": "Hai ngăn", "Có thành viên sử dụng internet": "Có",
             "Có tivi, radio, máy tính hoặc điện thoại": "Không", "Nghe được loa truyền thanh xã/thôn": "Không",
             "Hộ làm nông, lâm, ngư, diêm nghiệp": "Có"}
MEMBERS = [
    {"Mã hộ": "007", "Họ và tên": "Lò Văn Páo", "Quan hệ với chủ hộ": "Chủ hộ", "Giới tính": "Nam", "Năm sinh": 1979,
     "Có thẻ BHYT": "Có", "Đang đi học đúng cấp": "Không", "Bằng cấp cao nhất": "Tiểu học",
     "Tình trạng việc làm": "Làm công ăn lương không có hợp đồng lao động", "Hưởng trợ cấp xã hội hằng tháng": "Không",
     "Khuyết tật": "Không", "Suy dinh dưỡng (thấp còi/nhẹ cân)": "Không"},
    {"Mã hộ": "007", "Họ và tên": "Lò Thị Mai", "Quan hệ với chủ hộ": "Con", "Giới tính": "Nữ",
     "Ngày sinh": dt.datetime(2012, 9, 2), "Có thẻ BHYT": "Không", "Đang đi học đúng cấp": "Có",
     "Bằng cấp cao nhất": "Tiểu học", "Tình trạng việc làm": "Không tham gia lao động",
     "Hưởng trợ cấp xã hội hằng tháng": "Không", "Khuyết tật": "Không", "Suy dinh dưỡng (thấp còi/nhẹ cân)": "Có"},
]


def fill(path: Path) -> None:
    wb = load_workbook(path)
    for sheet, rows in (("Hộ gia đình", [HOUSEHOLD]), ("Thành viên", MEMBERS)):
        ws = wb[sheet]
        headers = [c.value for c in ws[3]]
        for r, row in enumerate(rows, start=4):
            for header, value in row.items():
                ws.cell(r, headers.index(header) + 1, value)
    wb["Hộ gia đình"]["A1"] = "DANH SÁCH HỘ GIA ĐÌNH RÀ SOÁT NĂM 2024"
    wb.save(path)


def test_filled_roster_form_reads_back_exactly(tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "form.xlsx"
    result = runner.invoke(app, ["template", "--roster", "-o", str(path)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(path)
    assert wb.sheetnames[:2] == ["Hộ gia đình", "Thành viên"]
    validations = {str(v.sqref).split(":")[0][:-1]: v for v in wb["Thành viên"].data_validations.dataValidation}
    assert validations["I"].type == "list"  # Bằng cấp cao nhất: from the lists sheet
    fill(path)
    survey = povertool.read_survey(path)
    h = survey.households.iloc[0]
    assert (h["household_id"], h["commune"], h["area"], h["income_per_capita"]) == ("007", "Xã Mỹ Lộc", "rural", 1_250_000)
    assert [h["wall_durable"], h["frame_durable"], h["roof_durable"], h["uses_internet"], h["information_device"],
            h["hears_loudspeaker"]] == [False, True, False, True, False, False]
    assert (h["floor_area"], h["water_source_type"], h["latrine_type"]) == (22.5, "Khe/mó không được bảo vệ", "Hai ngăn")
    m = survey.roster.members
    assert m["source_row"].tolist() == [4, 5] and m["age"].tolist() == [45, 11]
    assert m["female"].tolist() == [False, True] and m["insured"].tolist() == [True, False]
    assert m["diploma"].tolist() == ["Tiểu học", "Tiểu học"]
    assert m["birth_date"].iloc[1] == pd.Timestamp(2012, 9, 2) and m["birth_year"].iloc[0] == 1979
    marks = survey.households.iloc[0][list(povertool.load_standard("vn-2022").indicator_codes)]
    assert marks.notna().all()
    assert [k for k, v in marks.items() if v] == [
        "employment", "nutrition", "health_insurance", "housing_quality", "water_source", "information_means"]
    assert h["members"] == 2
    assert survey.problems.empty, survey.problems[["code", "row", "column"]]
    assert "Páo" not in runner.invoke(app, ["check", str(path), "--json"]).stdout


def test_report_child_sheet_counts_children_from_the_roster(tmp_path: Path) -> None:
    hh, mm = random_roster(11, 40)
    path = write_roster(tmp_path / "r.xlsx", hh, mm)[0]
    result = povertool.classify(path)
    report = povertool.write_report(path, tmp_path / "bao-cao.xlsx", census=True)
    sheet = next(s for s in report.sheets if s.key == "children")
    assert sheet.number == "11" and "11" not in [n for n, _, _ in report.skipped]
    total = sheet.tables[0].rows[-1]
    status = result.households.set_index("household_id")["status"]
    members = pd.DataFrame(mm)
    members["age"] = 2024 - members["birth_year"]
    members["status"] = members["household_id"].map(status)
    children = members[members["age"] < 16]
    poor = children[children["status"] == "poor"]
    # columns: children (poor), nutrition, insurance, schooling (poor), then the same for near-poor
    assert total[1] == len(poor)
    assert total[2] == int((poor["malnourished"] == "Có").sum())
    assert total[3] == int(((poor["age"] >= 6) & (poor["insured"] == "Không")).sum())
    assert total[4] == int(((poor["age"] >= 3) & (poor["in_school"] == "Không")).sum())
    assert total[5] == int((children["status"] == "near_poor").sum())


def test_report_without_roster_still_skips_table_11(tmp_path: Path) -> None:
    from conftest import HEADERS, household_row, write_xlsx

    path = write_xlsx(tmp_path / "plain.xlsx", [HEADERS, household_row("A1", marks=4)])
    report = povertool.write_report(path, tmp_path / "r.xlsx", census=True)
    assert "11" in [n for n, _, _ in report.skipped]


def test_roster_benchmark_quick_runs(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("roster_bench", Path(__file__).resolve().parents[1] / "benchmarks" / "roster.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["--quick", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for needle in ("derive 12 indicators: 500 households", "roster ÷ marks", "same statuses                ", "0 expected"):
        assert needle in out, needle
    assert "True" in out.split("same statuses")[1].splitlines()[0]
