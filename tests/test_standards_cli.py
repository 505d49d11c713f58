"""The standards engine through the command line: `standards`, --standard/--year/title year, what-if, bad files."""

from __future__ import annotations

import json

import openpyxl
import pandas as pd
import pytest
from conftest import HEADERS, household_row, write_xlsx

from povertool.labels import labels

# ---------------------------------------------------------------------------------------------- povertool standards


def test_standards_lists_national_standards_and_the_example(cli):
    result = cli("standards")
    assert result.exit_code == 0, result.stderr
    for text in ("vn-2016", "vn-2022", "vn-2027", "dong-nai-2022", "2016–2021", "2022–2026", "2027–2030",
                 "chuẩn nghèo:", "chuẩn cận nghèo:", "1.500.000 / 2.000.000", "2.200.000 / 2.800.000",
                 "docs/legal-basis.md"):
        assert text in result.stdout
    assert result.stderr == ""


def test_standards_list_json(cli):
    result = cli("standards", "--json")
    data = json.loads(result.stdout)
    assert [(d["id"], d["kind"]) for d in data] == [
        ("vn-2016", "national"), ("vn-2022", "national"), ("vn-2027", "national"), ("dong-nai-2022", "example")]
    lines = {d["id"]: (d["poverty_line"]["rural"], d["poverty_line"]["urban"]) for d in data}
    assert lines == {"vn-2016": (1_000_000, 1_300_000), "vn-2022": (1_500_000, 2_000_000),
                     "vn-2027": (2_200_000, 2_800_000), "dong-nai-2022": (2_000_000, 2_500_000)}
    assert data[0]["legal_sources"][0].startswith("Quyết định 59/2015/QĐ-TTg")
    assert data[2]["legal_sources"][0].startswith("Nghị định 351/2025/NĐ-CP")


def test_standards_vn2027_shows_what_to_verify(cli):
    result = cli("standards", "vn-2027")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("tên và vị trí trong danh mục cần kiểm chứng") == 12  # a draft list: names too
    assert result.stdout.count("— cần kiểm chứng") == 12  # and every threshold
    assert "Thu gom, xử lý rác thải sinh hoạt" in result.stdout
    assert "Cần kiểm chứng: Mức sống trung bình" in result.stdout
    assert "không có ngưỡng điểm A (TT 07/2021)" in result.stdout
    data = json.loads(cli("standards", "vn-2027", "--json").stdout)
    assert len(data["verify"]) == 12 and data["b1_threshold"] is None and data["average_band_upper"] is None
    assert len(data["verify_notes"]) >= 3


def test_standards_vn2016_in_full(cli):
    result = cli("standards", "vn-2016", "--json")
    data = json.loads(result.stdout)
    assert [i["name"] for i in data["indicators"]] == [
        "Tiếp cận các dịch vụ y tế", "Bảo hiểm y tế", "Trình độ giáo dục của người lớn",
        "Tình trạng đi học của trẻ em", "Chất lượng nhà ở", "Diện tích nhà ở bình quân đầu người",
        "Nguồn nước sinh hoạt", "Hố xí/nhà tiêu hợp vệ sinh", "Sử dụng dịch vụ viễn thông",
        "Tài sản phục vụ tiếp cận thông tin"]
    assert data["extreme_poverty_line"] == {"rural": 700_000, "urban": 900_000}
    assert data["average_band_upper"] == {"rural": 1_500_000, "urban": 1_950_000}
    assert data["rule_in_words"][0].startswith(
        "Hộ nghèo: thu nhập bình quân đầu người/tháng từ chuẩn nghèo (nông thôn 700.000 đồng, thành thị 900.000 đồng)")
    text = cli("standards", "vn-2016").stdout
    assert "Nước sạch và vệ sinh" in text and "thiếu hụt từ 3 trong 10 chỉ số trở lên" in text


def test_standards_local_rule_in_words_follows_its_values(cli):
    data = json.loads(cli("standards", "dong-nai-2022", "--json").stdout)
    assert data["min_deprivations"] == 2 and data["b1_threshold"] is None
    assert "thiếu hụt từ 2 trong 12 chỉ số trở lên" in data["rule_in_words"][0]
    assert "(nông thôn 2.000.000 đồng, thành thị 2.500.000 đồng)" in data["rule_in_words"][0]


def test_unknown_standard_is_a_clear_error(cli):
    result = cli("standards", "vn-2099", "--lang", "en")
    assert result.exit_code == 1
    assert "Unknown standard 'vn-2099'" in result.stderr and "vn-2027" in result.stderr
    assert result.stdout == ""


# ------------------------------------------------------------------------------------------- invalid standard files

GOOD = """
id = "tinh-x"
name = "Chuẩn tỉnh X"
valid_from = 2022
valid_to = 2025
[income]
poverty_line = { rural = 1_600_000, urban = 2_100_000 }
average_band_upper = { rural = 2_400_000, urban = 3_100_000 }
[rule]
min_deprivations = 1
[[indicators]]
code = "employment"
dimension = "Việc làm"
name = "Việc làm"
"""

BAD_FILES = {
    "unknown top key": (GOOD.replace('valid_to = 2025', 'valid_to = 2025\ncolour = "red"'), "'colour' is not known"),
    "unknown income key": (GOOD.replace("poverty_line =", "povrty_line ="), "'income.povrty_line' is not known"),
    "missing line": (GOOD.replace(", urban = 2_100_000 }", " }"), "'income.poverty_line.urban' is missing"),
    "no income line at all": (GOOD.replace("poverty_line = { rural = 1_600_000, urban = 2_100_000 }\n", ""),
                              "'income.poverty_line' is missing"),
    "overlapping band": (GOOD.replace("rural = 2_400_000", "rural = 1_500_000"),
                         "'income.average_band_upper.rural' must be above income.poverty_line (bands overlap)"),
    "indicator without a name": (GOOD.replace('name = "Việc làm"\n', ""), "'indicators[1].name' is missing"),
    "too many deprivations": (GOOD.replace("min_deprivations = 1", "min_deprivations = 2"),
                              "'rule.min_deprivations' must be between 0 and 1"),
    "unset of a key not set": ('extends = "vn-2022"\nunset = ["scores.b3"]\n', "'unset' names 'scores.b3'"),
    "not TOML": ("id = ", "is not valid TOML"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_invalid_standard_file_names_the_file_and_the_key(cli, tmp_path, case):
    text, message = BAD_FILES[case]
    path = tmp_path / "tinh-x.toml"
    path.write_text(text, encoding="utf-8")
    for args in (("standards", path), ("classify", tmp_path / "missing.xlsx", "--standard", path)):
        result = cli(*args, "--lang", "en")
        assert result.exit_code == 1, (case, result.stdout)
        assert "tinh-x.toml" in result.stderr and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stdout == ""


def test_good_local_file_loads(cli, tmp_path):
    path = tmp_path / "tinh-x.toml"
    path.write_text(GOOD, encoding="utf-8")
    result = cli("standards", path, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["poverty_line"] == {"rural": 1_600_000, "urban": 2_100_000}


# -------------------------------------------------------------------------------------------- classify: which standard


def _classified(path) -> dict[str, str]:
    """household_id -> status from a classified CSV."""
    table = pd.read_csv(path, encoding="utf-8-sig", dtype=str)
    return dict(zip(table["Mã hộ"], table["status"]))


def _clean_sheet(tmp_path, rows, *, title: str | None = None, name="ds.xlsx"):
    top = [[title]] if title else []
    return write_xlsx(tmp_path / name, [*top, HEADERS, *rows])


def test_year_2027_applies_the_new_lines(cli, tmp_path):
    src = _clean_sheet(tmp_path, [
        household_row("H1", income=2_100_000, marks=3),  # not poor under vn-2022; poor at ≤ 2,200,000
        household_row("H2", income=2_200_000, marks=0),  # near-poor: 0 deprived + 1 unknown (no waste column) < 3
        household_row("H3", income=2_200_000, marks=2),  # undetermined: the missing waste column could make it 3
        household_row("H4", income=2_200_001, marks=5),
        household_row("H5", income=1_400_000, marks=3),
    ])
    out = tmp_path / "out.csv"
    result = cli("classify", src, "-o", out, "--year", "2027", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["standard"] == "vn-2027" and data["standard_selected_by"] == "--year 2027"
    assert "Chuẩn nghèo: vn-2027" in result.stderr and "[chọn theo --year 2027]" in result.stderr
    assert _classified(out) == {"H1": "poor", "H2": "near_poor", "H3": "undetermined", "H4": "not_poor", "H5": "poor"}

    again = cli("classify", src, "-o", tmp_path / "o22.csv", "--year", "2026", "--json")
    assert json.loads(again.stdout)["standard"] == "vn-2022"
    assert _classified(tmp_path / "o22.csv")["H1"] == "not_poor"


HEADERS_2016 = ["Mã hộ", "Họ và tên chủ hộ", "Xã/Phường", "Số nhân khẩu", "Thu nhập bình quân đầu người/tháng (đồng)",
                "Tiếp cận các dịch vụ y tế", "Bảo hiểm y tế", "Trình độ giáo dục của người lớn",
                "Tình trạng đi học của trẻ em", "Chất lượng nhà ở", "Diện tích nhà ở bình quân đầu người",
                "Nguồn nước sinh hoạt", "Hố xí/nhà tiêu hợp vệ sinh", "Sử dụng dịch vụ viễn thông",
                "Tài sản phục vụ tiếp cận thông tin", "Hộ làm nông, lâm, ngư, diêm nghiệp"]


def _row2016(hid, commune, income, marks, agricultural=""):
    return [hid, "Trần Thị B", commune, 3, income, *(["x"] * marks + [""] * (10 - marks)), agricultural]


# Hand-checked under QĐ 59/2015: rural 700,000 / 1,000,000, urban 900,000 / 1,300,000, ≥ 3 of 10.
SHEET_2016 = [
    (_row2016("A1", "Xã Tân Phú", 650_000, 0), "poor"),
    (_row2016("A2", "Xã Tân Phú", 700_001, 3), "poor"),
    (_row2016("A3", "Xã Tân Phú", 700_001, 2), "near_poor"),
    (_row2016("A4", "Xã Tân Phú", 1_000_000, 4), "poor"),
    (_row2016("A5", "Xã Tân Phú", 1_000_001, 10), "not_poor"),
    (_row2016("A6", "Xã Tân Phú", 1_400_000, 0, "x"), "average"),
    (_row2016("A7", "Phường 2", 900_000, 1), "poor"),
    (_row2016("A8", "Phường 2", 1_300_000, 2), "near_poor"),
    (_row2016("A9", "Phường 2", 1_950_000, 0, "x"), "average"),
    (_row2016("A10", "Phường 2", 1_950_001, 0, "x"), "not_poor"),
]


def test_2016_sheet_is_classified_by_vn2016_from_its_title_year(cli, tmp_path):
    src = write_xlsx(tmp_path / "2019.xlsx", [["DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2019"], HEADERS_2016,
                                               *[row for row, _ in SHEET_2016]])
    out = tmp_path / "out.csv"
    result = cli("classify", src, "-o", out, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["standard"] == "vn-2016"
    assert data["standard_selected_by"] == "năm 2019 ở tiêu đề tệp"
    assert data["warnings"] == 0  # all 10 indicator columns were recognised
    assert "Chuẩn nghèo: vn-2016" in result.stderr and "năm 2019 ở tiêu đề tệp" in result.stderr
    assert _classified(out) == {row[0]: status for row, status in SHEET_2016}
    table = pd.read_csv(out, encoding="utf-8-sig", dtype=str).set_index("Mã hộ")
    assert table.loc["A4", "deprived"] == "health_access;health_insurance;adult_education;child_schooling"


def test_year_flag_beats_the_title_year(cli, tmp_path):
    src = _clean_sheet(tmp_path, [household_row("H1", income=1_600_000, marks=3)], title="DANH SÁCH NĂM 2019")
    result = cli("classify", src, "-o", tmp_path / "o.csv", "--year", "2024", "--json")
    assert json.loads(result.stdout)["standard"] == "vn-2022"


SCORE_HEADERS = ["Mã hộ", "Họ và tên chủ hộ", "Xã/Phường", "Số nhân khẩu", "Điểm B1", "Điểm B2"]
# Hand-checked under TT 07/2021: B1 ≤ 140 (xã) / ≤ 175 (phường); B2 ÷ 10 = deprivations; poor from 3.
SCORE_SHEET = [
    (["S1", "Lê Văn C", "Xã An Bình", 4, 140, 30], "poor"),
    (["S2", "Lê Văn C", "Xã An Bình", 4, 140, 20], "near_poor"),
    (["S3", "Lê Văn C", "Xã An Bình", 4, 141, 60], "not_poor"),
    (["S4", "Lê Văn C", "Phường 1", 4, 175, 40], "poor"),
    (["S5", "Lê Văn C", "Phường 1", 4, 160, 10], "near_poor"),
    (["S6", "Lê Văn C", "Phường 1", 4, 176, 30], "not_poor"),
    (["S7", "Lê Văn C", "Xã An Bình", 4, 95, None], "undetermined"),
]


def test_score_only_sheet(cli, tmp_path):
    src = write_xlsx(tmp_path / "diem.xlsx", [SCORE_HEADERS, *[row for row, _ in SCORE_SHEET]])
    out = tmp_path / "out.csv"
    result = cli("classify", src, "-o", out, "--year", "2024", "--json")
    assert result.exit_code == 0, result.stderr
    assert _classified(out) == {row[0]: status for row, status in SCORE_SHEET}
    assert json.loads(result.stdout)["notes"] == []
    table = pd.read_csv(out, encoding="utf-8-sig", dtype=str).set_index("Mã hộ")
    assert table.loc["S1", "reason"] == (
        "Điểm A (TT 07/2021) 140 ≤ 140 (nông thôn), thiếu hụt 3/12 chỉ số theo điểm B (TT 07/2021) 30 (từ 3 trở lên): "
        "hộ nghèo.")
    assert table.loc["S4", "income_line"] == "175"  # whole numbers as whole numbers


def test_score_only_sheet_under_a_standard_without_b1_is_undetermined(cli, tmp_path):
    src = write_xlsx(tmp_path / "diem.xlsx", [SCORE_HEADERS, *[row for row, _ in SCORE_SHEET]])
    out = tmp_path / "out.csv"
    result = cli("classify", src, "-o", out, "--year", "2027", "--json")
    assert result.exit_code == 0, result.stderr
    assert set(_classified(out).values()) == {"undetermined"}
    assert json.loads(result.stdout)["notes"] == [
        "7 hộ có điểm A (TT 07/2021) nhưng không có thu nhập, mà chuẩn vn-2027 không có ngưỡng điểm A (TT 07/2021): "
        "các hộ này chưa xác định. Bổ sung thu nhập, hoặc dùng chuẩn có ngưỡng điểm (scores.b1_threshold)."]
    assert "7 hộ có điểm A (TT 07/2021) nhưng không có thu nhập" in result.stderr
    reason = pd.read_csv(out, encoding="utf-8-sig", dtype=str)["reason"].iloc[0]
    assert "chuẩn vn-2027 không có ngưỡng điểm A (TT 07/2021)" in reason


# Hand-checked under the Đồng Nai 2022–2025 example: 2,000,000 / 2,500,000; poor from 2; band to 3 M / 3.75 M.
DONG_NAI = [
    (household_row("D1", income=2_000_000, marks=2), "poor"),
    (household_row("D2", income=2_000_000, marks=1), "near_poor"),
    (household_row("D3", income=1_800_000, marks=2), "poor"),  # not poor under vn-2022 (1,500,000)
    (household_row("D4", income=2_000_001, marks=4), "not_poor"),
    (household_row("D5", income=3_000_000, agricultural="x"), "average"),
    (household_row("D6", commune="Phường Tam Hiệp", income=2_500_000, marks=2), "poor"),
    (household_row("D7", commune="Phường Tam Hiệp", income=3_750_000, agricultural="x"), "average"),
    (household_row("D8", commune="Phường Tam Hiệp", income=3_750_001, agricultural="x"), "not_poor"),
]


@pytest.mark.parametrize("how", ["id", "file"])
def test_local_standard_run(cli, tmp_path, how):
    import povertool

    ref = "dong-nai-2022" if how == "id" else povertool.__path__[0] + "/standards/examples/dong-nai-2022.toml"
    src = _clean_sheet(tmp_path, [row for row, _ in DONG_NAI])
    out = tmp_path / "out.csv"
    result = cli("classify", src, "-o", out, "--standard", ref, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["standard"] == "dong-nai-2022"
    assert "Chuẩn nghèo: dong-nai-2022" in result.stderr
    assert _classified(out) == {row[0]: status for row, status in DONG_NAI}


# ------------------------------------------------------------------------------------------------------- what-if


def test_what_if_flags_change_what_they_say_and_every_output_says_so(cli, tmp_path):
    src = _clean_sheet(tmp_path, [
        household_row("W1", income=1_000_000, marks=2),  # near-poor; poor from 2
        household_row("W2", income=1_550_000, marks=3),  # not poor; poor under a 1,600,000 rural line
        household_row("W3", commune="Phường 1", income=2_050_000, marks=3),  # urban line unchanged: not poor
        household_row("W4", income=1_000_000, marks=1),  # near-poor either way
    ])
    base = cli("classify", src, "-o", tmp_path / "base.csv", "--year", "2024", "--json")
    assert json.loads(base.stdout)["overrides"] == []
    assert _classified(tmp_path / "base.csv") == {"W1": "near_poor", "W2": "not_poor", "W3": "not_poor", "W4": "near_poor"}

    out = tmp_path / "whatif.xlsx"
    result = cli("classify", src, "-o", out, "--year", "2024", "--min-deprivations", "2",
                 "--income-line-rural", "1600000", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["overrides"] == ["số chỉ số thiếu hụt để là hộ nghèo 3 → 2",
                                 "chuẩn nghèo nông thôn 1.500.000 → 1.600.000 (chỉ cho hộ xét theo thu nhập; ngưỡng điểm B1 giữ nguyên)"]
    assert "giả định: số chỉ số thiếu hụt để là hộ nghèo 3 → 2" in result.stderr
    assert "giả định: chuẩn nghèo nông thôn 1.500.000 → 1.600.000" in result.stderr
    assert data["status_counts"]["poor"] == 2 and data["status_counts"]["near_poor"] == 1

    wb = openpyxl.load_workbook(out, read_only=True)
    summary_cells = [c for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c]
    assert "số chỉ số thiếu hụt để là hộ nghèo 3 → 2" in summary_cells
    statuses = {r[0]: r[1] for r in _statuses_from_xlsx(wb)}
    assert statuses == {"W1": "Hộ nghèo", "W2": "Hộ nghèo", "W3": "Hộ không nghèo", "W4": "Hộ cận nghèo"}


STATUS_LABEL_HEADER = labels("column", "vi")["status_label"]


def _statuses_from_xlsx(wb):
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    hid, status = header.index("Mã hộ"), header.index(STATUS_LABEL_HEADER)
    return [(r[hid], r[status]) for r in rows[1:] if r[hid]]


def test_what_if_out_of_range_is_a_clear_error(cli, tmp_path):
    src = _clean_sheet(tmp_path, [household_row("H1")])
    result = cli("classify", src, "-o", tmp_path / "o.csv", "--year", "2024", "--min-deprivations", "13")
    assert result.exit_code == 1
    assert "--min-deprivations phải từ 0 đến 12, đang là 13" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("year, expected", [(2019, "vn-2016"), (2026, "vn-2022"), (2027, "vn-2027")])
def test_standards_year_shows_the_one_in_force(cli, year, expected):
    result = cli("standards", "--year", year, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == expected


def test_standard_flag_beats_year_and_says_when_the_year_is_outside_it(cli, tmp_path):
    src = _clean_sheet(tmp_path, [household_row("H1", income=900_000, marks=0)])
    result = cli("classify", src, "-o", tmp_path / "o.csv", "--standard", "vn-2016", "--year", "2024", "--json")
    data = json.loads(result.stdout)
    assert data["standard"] == "vn-2016"
    assert data["standard_selected_by"] == "--standard vn-2016; năm 2024 nằm ngoài thời kỳ 2016–2021 của chuẩn"
    assert "nằm ngoài thời kỳ" in result.stderr


def test_cli_json_equals_the_api_result(cli, tmp_path):
    from povertool import api

    src = _clean_sheet(tmp_path, [row for row, _ in DONG_NAI])
    result = cli("classify", src, "-o", tmp_path / "o.csv", "--standard", "dong-nai-2022", "--min-deprivations", "3",
                 "--json")
    summary = api.classify(src, standard="dong-nai-2022", min_deprivations=3).summary
    data = json.loads(result.stdout)
    for key in ("standard", "standard_selected_by", "overrides", "status_counts", "households"):
        assert data[key] == summary[key]
    assert data["overrides"] == ["số chỉ số thiếu hụt để là hộ nghèo 2 → 3"]


def test_extreme_line_above_the_poverty_line_is_rejected(cli, tmp_path):
    path = tmp_path / "hai-tang.toml"
    path.write_text('extends = "vn-2016"\n[income]\nextreme_poverty_line = { rural = 1_000_000, urban = 900_000 }\n',
                    encoding="utf-8")
    result = cli("standards", path, "--lang", "en")
    assert result.exit_code == 1
    assert "hai-tang.toml: key 'income.extreme_poverty_line.rural' must be below income.poverty_line" in result.stderr
