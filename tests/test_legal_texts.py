"""Issue 15, faithful to the legal texts, through the command line and the readers: vn-2016 wording and scores,
"điểm A/B" headers, the low-income flag after 2025, areas after the 2025 reform, the legal-basis doc, the
template's note on the average band. (The score tiers' boundary tables are in domain/test_classify_vn2016.py, the
programme periods in domain/test_targets_trend.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import HEADERS, ROOT, household_row, write_xlsx

from povertool.read.values import area_from_unit_name, unit_kind

HEADERS_2016 = ["Mã hộ", "Xã/Phường", "Số nhân khẩu", "Điểm B1", "Điểm B2"]


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str).set_index("Mã hộ")


# ------------------------------------------------------------------- 1, 2: vn-2016 scores and lines by their names

def test_standards_vn2016_shows_both_tiers_and_both_lines_by_their_legal_names(cli):
    result = cli("standards", "vn-2016")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Chuẩn nghèo (nông thôn / thành thị): 700.000 / 900.000" in out
    assert "Chuẩn cận nghèo (nông thôn / thành thị): 1.000.000 / 1.300.000" in out
    assert "Thông tư 14/2018/TT-BLĐTBXH" in out
    assert "điểm B1 đến 120 / 140 là hộ nghèo" in out and "đến 150 / 175" in out and "từ 30 trở lên" in out
    data = json.loads(cli("standards", "vn-2016", "--json").stdout)
    assert data["line_names"] == {"poverty_line": "chuẩn cận nghèo", "extreme_poverty_line": "chuẩn nghèo"}
    assert data["b1_poor_threshold"] == {"rural": 120, "urban": 140}
    assert data["b1_threshold"] == {"rural": 150, "urban": 175}
    assert data["score_names"] == {"b1": "điểm B1", "b2": "điểm B2"}


def test_standards_vn2016_in_english_names_the_lines():
    from povertool import messages
    from povertool.read.standards import read_standard
    from povertool.render.standards_view import render

    messages.set_language("en")
    try:
        shown = "".join(str(part) for part in render(read_standard("vn-2016")))
    finally:
        messages.set_language(None)
    assert "Poverty line (rural / urban): 700,000 / 900,000" in shown
    assert "Near-poor line (rural / urban): 1,000,000 / 1,300,000" in shown
    assert "a B1 score up to 120 / 140 is poor" in shown


def test_a_scored_2019_list_is_classified_by_the_tt14_2018_tiers(cli, tmp_path):
    rows = [["DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2019"], HEADERS_2016,
            ["A1", "Xã Tân Phú", 4, 120, 0], ["A2", "Xã Tân Phú", 4, 121, 30], ["A3", "Xã Tân Phú", 4, 150, 20],
            ["A4", "Xã Tân Phú", 4, 151, 60], ["A5", "Phường 1", 4, 140, 0], ["A6", "Phường 1", 4, 175, 30],
            ["A7", "Phường 1", 4, 176, 30]]
    out = tmp_path / "out.csv"
    result = cli("classify", write_xlsx(tmp_path / "2019.xlsx", rows), "-o", out, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["standard"] == "vn-2016" and data["notes"] == []  # no "no B1 threshold" note any more
    table = _csv(out)
    assert table["status"].to_dict() == {"A1": "poor", "A2": "poor", "A3": "near_poor", "A4": "not_poor",
                                         "A5": "poor", "A6": "poor", "A7": "not_poor"}
    assert table.loc["A3", "reason"] == (
        "Điểm B1 150 ≤ 150 (nông thôn), thiếu hụt 2/10 chỉ số theo điểm B2 20 (dưới 3): hộ cận nghèo.")
    assert "low_income" not in table.columns  # vn-2016 has no low-income worker


def test_vn2016_income_reasons_name_the_near_poor_line(cli, tmp_path):
    headers = ["Mã hộ", "Xã/Phường", "Số nhân khẩu", "Thu nhập bình quân đầu người/tháng (đồng)", "Bảo hiểm y tế"]
    rows = [["NĂM 2018"], headers, ["B1", "Xã Tân Phú", 3, 650_000, ""], ["B2", "Xã Tân Phú", 3, 1_100_000, "x"]]
    out = tmp_path / "out.csv"
    assert cli("classify", write_xlsx(tmp_path / "2018.xlsx", rows), "-o", out).exit_code == 0
    reasons = _csv(out)["reason"]
    assert reasons["B1"].startswith("Thu nhập 650.000 đồng/người/tháng ≤ chuẩn nghèo 700.000 (nông thôn)")
    assert reasons["B2"] == "Thu nhập 1.100.000 đồng/người/tháng > chuẩn cận nghèo 1.000.000 (nông thôn): hộ không nghèo."


def test_the_report_cover_names_the_vn2016_lines(tmp_path):
    import povertool

    rows = [["DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2019"], HEADERS_2016,
            ["A1", "Xã Tân Phú", 4, 120, 0], ["A2", "Xã Tân Phú", 4, 130, 20]]
    totals = tmp_path / "totals.csv"
    totals.write_text("Xã/Phường,Tổng số hộ,Tổng số nhân khẩu\nXã Tân Phú,400,1600\n", encoding="utf-8")
    out = tmp_path / "bao-cao.xlsx"
    povertool.write_report(write_xlsx(tmp_path / "2019.xlsx", rows), out, totals=totals)
    cover = " ".join(str(c.value) for row in openpyxl.load_workbook(out).worksheets[0].iter_rows() for c in row if c.value)
    assert "chuẩn nghèo 700.000 / 900.000; chuẩn cận nghèo 1.000.000 / 1.300.000 đồng/người/tháng" in cover


# ------------------------------------------------------------------------------------ 3: "Điểm A" / "Điểm B" headers

@pytest.mark.parametrize("a_header, b_header", [("Điểm A", "Điểm B"), ("Tổng điểm A", "Tổng điểm B"),
                                                ("ĐIỂM A", "điểm b"), ("Điểm A (TT 07/2021)", "Điểm B (TT 07/2021)")])
def test_score_a_and_b_headers_are_the_two_scores(cli, tmp_path, a_header, b_header):
    rows = [["DANH SÁCH NĂM 2024"], ["Mã hộ", "Xã/Phường", "Số nhân khẩu", a_header, b_header, "Phiếu B"],
            ["S1", "Xã An Bình", 4, 140, 30, "B-01"], ["S2", "Xã An Bình", 4, 140, 20, "B-02"],
            ["S3", "Phường 2", 4, 176, 30, "B-03"]]
    out = tmp_path / "out.csv"
    result = cli("classify", write_xlsx(tmp_path / "diem.xlsx", rows), "-o", out, "--json")
    assert result.exit_code == 0, result.stderr
    table = _csv(out)
    assert table["status"].to_dict() == {"S1": "poor", "S2": "near_poor", "S3": "not_poor"}
    assert table.loc["S1", "reason"].startswith("Điểm A (TT 07/2021) 140 ≤ 140 (nông thôn)")
    assert table.loc["S1", "Phiếu B"] == "B-01"  # the form number stays an ordinary column


def test_phieu_b_alone_is_not_a_score(cli, tmp_path):
    rows = [["Mã hộ", "Xã/Phường", "Số nhân khẩu", "Phiếu B", "Phiếu A"], ["S1", "Xã An Bình", 4, 30, 100]]
    result = cli("check", write_xlsx(tmp_path / "phieu.xlsx", rows), "--json")
    assert result.exit_code == 1
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == ["required_field_missing"]


@pytest.mark.parametrize("year, name", [(2024, "Điểm B (TT 07/2021)"), (2019, "Điểm B2")])
def test_check_names_the_deprivation_score_as_the_standard_does(cli, tmp_path, year, name):
    rows = [[f"DANH SÁCH NĂM {year}"], ["Mã hộ", "Xã/Phường", "Số nhân khẩu", "Điểm B1", "Điểm B2"],
            ["S1", "Xã An Bình", 4, 140, 25]]
    problems = json.loads(cli("check", write_xlsx(tmp_path / f"b2-{year}.xlsx", rows), "--json").stdout)["problems"]
    b2 = next(p for p in problems if p["code"] == "b2_not_multiple")
    assert b2["problem"].startswith(f"{name} phải là bội số của 10") and b2["column"] == "Điểm B2"


def test_template_names_the_scores_by_the_standard(tmp_path):
    import povertool

    for standard, expected in (("vn-2022", ["Điểm A (TT 07/2021)", "Điểm B (TT 07/2021)"]),
                               ("vn-2016", ["Điểm B1", "Điểm B2"])):
        povertool.write_template(tmp_path / f"{standard}.xlsx", standard=standard)
        ws = openpyxl.load_workbook(tmp_path / f"{standard}.xlsx").worksheets[0]
        headers = [c.value for c in ws[5]]  # under the UBND line, the motto, the title and the groups
        assert [h for h in headers if h and h.startswith("Điểm")] == expected
        guide = " ".join(str(c.value) for c in openpyxl.load_workbook(tmp_path / f"{standard}.xlsx").worksheets[1]["A"] if c.value)
        if standard == "vn-2016":
            assert "Thông tư 14/2018" in guide and "từ 120 trở xuống (nông thôn)" in guide
            assert "Chuẩn nghèo (thu nhập" in guide and "Chuẩn cận nghèo (thu nhập" in guide
        else:
            assert "điểm A (TT 07/2021) từ 140 trở xuống" in guide


# ----------------------------------------------------------------------------- 5: low-income workers after 2025

def _low_income_sheet(tmp_path: Path, year: int) -> Path:
    rows = [[f"DANH SÁCH HỘ RÀ SOÁT NĂM {year}"], HEADERS,
            household_row("L1", income=1_600_000), household_row("L2", income=2_500_000)]
    return write_xlsx(tmp_path / f"ds-{year}.xlsx", rows)


def test_low_income_flag_in_2026_is_kept_and_marked_to_verify(cli, tmp_path):
    out = tmp_path / "out.xlsx"
    result = cli("classify", _low_income_sheet(tmp_path, 2026), "-o", out, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["standard"] == "vn-2022"
    assert "năm 2026: cần kiểm chứng" in data["low_income_verify"] and "2021–2025" in data["low_income_verify"]
    assert data["low_income_verify"] in data["notes"]  # beside the 2026 review note of the guards
    assert "cần kiểm chứng" in result.stderr
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    column = headers.index("Thu nhập thấp (NĐ 30/2025) — cần kiểm chứng") + 1
    assert [ws.cell(r, column).value for r in (2, 3)] == ["Có", ""]  # the flag itself is kept, in words
    summary = " ".join(str(c.value) for row in wb.worksheets[1].iter_rows() for c in row if c.value)
    assert "cần kiểm chứng" in summary


def test_low_income_flag_in_2025_is_not_marked(cli, tmp_path):
    out = tmp_path / "out.csv"
    result = cli("classify", _low_income_sheet(tmp_path, 2025), "-o", out, "--json")
    data = json.loads(result.stdout)
    assert data["low_income_verify"] is None and data["notes"] == []
    assert _csv(out)["low_income"].to_dict() == {"L1": "True", "L2": "False"}


def test_low_income_flag_is_left_out_where_the_standard_has_none(cli, tmp_path):
    for year in (2021, 2027):
        out = tmp_path / f"out-{year}.csv"
        result = cli("classify", _low_income_sheet(tmp_path, year), "-o", out, "--json")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["low_income_verify"] is None
        assert "low_income" not in _csv(out).columns


def test_standards_vn2022_marks_the_low_income_line_after_2025(cli):
    out = cli("standards", "vn-2022").stdout
    assert "Thu nhập thấp (NĐ 30/2025): đến 2.250.000 / 3.000.000, xác định cho các năm đến 2025" in out
    assert "năm sau 2025: cần kiểm chứng" in out
    data = json.loads(cli("standards", "vn-2022", "--json").stdout)
    assert data["low_income_valid_to"] == 2025 and data["low_income_verify_note"]


# ------------------------------------------------------------------------- 6: areas from unit names after the reform

@pytest.mark.parametrize("name, year, area", [
    ("Phường An Lạc", 2026, "urban"), ("Xã Tân Phú", 2026, "rural"),
    ("Thị trấn Bến Cầu", 2024, "urban"), ("Thị trấn Bến Cầu", None, "urban"), ("THỊ TRẤN BẾN CẦU", 2019, "urban"),
    ("Thị trấn Bến Cầu", 2025, None), ("Thị trấn Bến Cầu", 2026, None),
    ("Đặc khu Phú Quốc", 2026, None), ("Đặc khu Phú Quốc", None, None),
])
def test_area_from_unit_name_before_and_after_the_reform(name, year, area):
    assert area_from_unit_name(name, year) == area


def test_unit_kinds_are_data():
    assert [unit_kind(n) for n in ("Phường 1", "Xã A", "Thị trấn B", "Đặc khu Côn Đảo", "Khu phố 3")] == [
        "urban", "rural", "urban_before_reform", "no_area", None]


def _unit_sheet(tmp_path: Path, year: int | None, communes: list[str], area_column: list[str] | None = None) -> Path:
    title = [[f"DANH SÁCH HỘ RÀ SOÁT NĂM {year}"]] if year else []
    headers = HEADERS + (["Khu vực"] if area_column else [])
    rows = [household_row(f"U{i}", commune=c, income=1_000_000, marks=3) + ([area_column[i]] if area_column else [])
            for i, c in enumerate(communes)]
    return write_xlsx(tmp_path / f"units-{year}.xlsx", [*title, headers, *rows])


def test_special_zone_needs_the_area_column_or_the_option(cli, tmp_path):
    src = _unit_sheet(tmp_path, 2026, ["Đặc khu Phú Quốc", "Phường An Lạc"])
    result = cli("check", src, "--json")
    problems = json.loads(result.stdout)["problems"]
    zone = [p for p in problems if p["code"] == "area_unknown"]
    assert len(zone) == 1 and zone[0]["row"] == 3 and "Đặc khu không phải phường hay xã" in zone[0]["problem"]
    assert "--area" in zone[0]["fix"]
    out = tmp_path / "out.csv"
    assert cli("classify", src, "-o", out, "--area", "urban").exit_code == 0
    assert _csv(out).loc["U0", "status"] == "poor"
    with_column = _unit_sheet(tmp_path, 2026, ["Đặc khu Phú Quốc"], area_column=["Nông thôn"])
    assert cli("classify", with_column, "-o", out, "--json").exit_code == 0
    assert _csv(out).loc["U0", "income_line"] == "1500000"  # rural line


def test_town_is_urban_before_the_reform_and_needs_the_area_after_it(cli, tmp_path):
    out = tmp_path / "out.csv"
    before = cli("classify", _unit_sheet(tmp_path, 2024, ["Thị trấn Bến Cầu"]), "-o", out, "--json")
    assert json.loads(before.stdout)["rejected"] == [] and _csv(out).loc["U0", "income_line"] == "2000000"
    after = json.loads(cli("check", _unit_sheet(tmp_path, 2026, ["Thị trấn Bến Cầu"]), "--json").stdout)["problems"]
    town = [p for p in after if p["code"] == "area_unknown"]
    assert len(town) == 1 and "từ 1/7/2025 không còn thị trấn" in town[0]["problem"]


def test_town_in_a_list_of_unknown_year_is_urban_with_a_warning(cli, tmp_path):
    result = cli("check", _unit_sheet(tmp_path, None, ["Thị trấn Bến Cầu", "Thị trấn Bến Cầu"]), "--json")
    problems = json.loads(result.stdout)["problems"]
    warned = [p for p in problems if p["code"] == "area_town_year_unknown"]
    assert len(warned) == 1 and warned[0]["severity"] == "warning" and warned[0]["row"] is None
    assert not [p for p in problems if p["code"] == "area_unknown"]


# ---------------------------------------------------------------------------------- 7: the legal basis in the repo

def test_the_legal_basis_doc_ships_and_is_what_readme_and_standards_point_to(cli):
    doc = (ROOT / "docs" / "legal-basis.md").read_text("utf-8")
    for source in ("QĐ 59/2015", "TT 14/2018", "NĐ 07/2021", "TT 07/2021", "NĐ 30/2025", "NĐ 351/2025",
                   "QĐ 24/2021", "QĐ 90/QĐ-TTg", "NQ 257/2025/QH15"):
        assert source in doc, source
    for standard in ("vn-2016", "vn-2022", "vn-2027"):
        assert f"## {standard}" in doc
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "docs/legal-basis.md" in readme and "domain.md" not in readme
    assert "docs/legal-basis.md" in cli("standards", "vn-2022").stdout


def test_only_the_unconfirmed_is_marked_to_verify(cli):
    data = json.loads(cli("standards", "vn-2022", "--json").stdout)
    assert data["verify_names"] == []  # the twelve indicator names are confirmed (NĐ 07/2021)
    assert len(data["verify"]) == 12  # their detailed thresholds are not
    out = cli("standards", "vn-2022").stdout
    assert "Đã xác nhận: tên 12 chỉ số" in out and "tên và vị trí trong danh mục cần kiểm chứng" not in out
    assert "Cần kiểm chứng: ngưỡng thiếu hụt của 12/12 chỉ số" in out
    vn2027 = json.loads(cli("standards", "vn-2027", "--json").stdout)
    assert len(vn2027["verify_names"]) == 12  # a draft list


# ------------------------------------------------------------------------ 8: the template's note on the average band

@pytest.mark.parametrize("lang, words", [("vi", "không tính các khoản trợ cấp xã hội của Nhà nước (QĐ 24/2021/QĐ-TTg, Điều 2)"),
                                         ("en", "leaves out state social assistance (QĐ 24/2021/QĐ-TTg, Art. 2)")])
def test_template_help_says_the_average_band_income_leaves_out_social_assistance(tmp_path, lang, words):
    import povertool

    path = tmp_path / f"mau-{lang}.xlsx"
    povertool.write_template(path, lang=lang)
    wb = openpyxl.load_workbook(path)
    guide = " ".join(str(c.value) for c in wb.worksheets[1]["A"] if c.value)
    assert words in guide
    data = wb.worksheets[0]
    income = next(dv for dv in data.data_validations.dataValidation
                  if dv.prompt and ("Thu nhập bình quân" in dv.prompt or "Monthly income" in dv.prompt))
    assert "QĐ 24/2021" in income.prompt and len(income.prompt) <= 255


def test_template_for_a_standard_without_the_band_has_no_such_note(tmp_path):
    import povertool

    path = tmp_path / "mau-2027.xlsx"
    povertool.write_template(path, standard="vn-2027")
    guide = " ".join(str(c.value) for c in openpyxl.load_workbook(path).worksheets[1]["A"] if c.value)
    assert "QĐ 24/2021" not in guide



def test_streamed_classify_marks_the_low_income_flag_and_areas_alike(cli, tmp_path):
    """The chunked path says the same as the whole-file path: the 2026 low-income note, and a thị trấn of a 2026
    list rejected with its reason."""
    src = tmp_path / "ds.csv"
    rows = [HEADERS, household_row("L1", income=1_600_000), household_row("L2", commune="Thị trấn Bến Cầu")]
    pd.DataFrame(rows[1:], columns=rows[0]).to_csv(src, index=False, encoding="utf-8")
    outs = {}
    for mode in ("whole", "stream"):
        out = tmp_path / f"{mode}.csv"
        args = ["classify", src, "-o", out, "--year", "2026", "--json"] + (["--stream"] if mode == "stream" else [])
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
        outs[mode] = json.loads(result.stdout)
        rejected = pd.read_csv(tmp_path / f"{mode}.rejected.csv", encoding="utf-8-sig", dtype=str)
        assert "từ 1/7/2025 không còn thị trấn" in rejected["problem"].iloc[0]
    assert outs["whole"]["low_income_verify"] == outs["stream"]["low_income_verify"]
    assert "năm 2026: cần kiểm chứng" in outs["stream"]["low_income_verify"]
