"""povertool template: the fill-in workbook has the canonical headers, and a filled copy reads back exactly."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

import povertool
from conftest import INDICATOR_HEADERS, SAMPLES
from povertool.read.headers import base_fields, field_specs
from povertool.read.readers import load_grids, locate_table
from povertool.read.values import parse_area, parse_flags, parse_head_female, parse_status
from povertool.labels import labels

HEADER = {spec.name: spec.header for spec in base_fields()}
HEADER |= {"b1_score": "Điểm A (TT 07/2021)", "b2_score": "Điểm B (TT 07/2021)"}  # vn-2022 uses the TT 07/2021 names
EXPECTED_HEADERS = [
    "STT", "Mã hộ", "Họ và tên chủ hộ", "Tỉnh", "Xã/Phường", "Thôn/Ấp/Khu phố", "Khu vực (Thành thị / Nông thôn)",
    "Số nhân khẩu", "Thu nhập bình quân đầu người/tháng (đồng)", "Điểm A (TT 07/2021)", "Điểm B (TT 07/2021)",
    *INDICATOR_HEADERS,
    "Hộ làm nông, lâm, ngư, diêm nghiệp", "Dân tộc", "Không có khả năng lao động", "Hộ có người có công",
    "Giới tính chủ hộ", "Nguyên nhân nghèo", "Phân loại năm trước", "Lý do biến động",
]
CODES = [ind.code for ind in povertool.load_standard("vn-2022").indicators]


def header_row(ws: Any) -> int:
    """The 1-based row whose second cell (after STT) is the canonical 'Mã hộ'."""
    return next(r for r in range(1, 10) if ws.cell(r, 2).value == HEADER["household_id"])


def fill(template: Path, out: Path, households: list[dict[str, Any]]) -> Path:
    """Write households (header -> value) into the data rows of a generated template, as a person would."""
    wb = openpyxl.load_workbook(template)
    ws = wb.worksheets[0]
    top = header_row(ws)
    position = {ws.cell(top, c).value: c for c in range(1, ws.max_column + 1)}
    for i, household in enumerate(households):
        for header, value in household.items():
            ws.cell(top + 1 + i, position[header], value)
    wb.save(out)
    return out


def household(hid: str, *, values: dict[str, str], marks: int = 0, **cells: Any) -> dict[str, Any]:
    """A filled row: the first ``marks`` indicators get 'x'; ``cells`` by field name."""
    row = {HEADER[field]: value for field, value in cells.items()}
    row[HEADER["household_id"]] = hid
    row.update({INDICATOR_HEADERS[j]: values["mark"] for j in range(marks)})
    return row


def hand_made(lang: str) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """Households covering every status and field, with the dropdown words of ``lang``; and what must come back."""
    v = labels("template_values", lang)
    rows = [
        household("007", values=v, marks=3, head_name="Lê Thị Bình", province="Tỉnh Đồng Nai", commune="Phường An Lạc",
                  village="Khu phố 1", area=v["urban"], members=4, income_per_capita=2_000_000, agricultural=v["no"],
                  ethnicity="Kinh", no_labour_capacity=v["no"], merit=v["yes"], head_gender=v["female"],
                  poverty_cause="Thiếu vốn", previous_status=v["near_poor"], change_reason=""),
        household("HN-02", values=v, marks=2, head_name="Trần Văn Cường", commune="Xã Tân Phú", area=v["rural"],
                  members=3, income_per_capita=1_500_000, ethnicity="Tày", head_gender=v["male"],
                  previous_status=v["poor"]),
        household("TB-03", values=v, marks=1, head_name="Phạm Văn Dũng", commune="Xã Tân Phú", members=5,
                  income_per_capita=2_250_000, agricultural=v["yes"], no_labour_capacity=v["yes"],
                  change_reason="Tách hộ"),
        household("KN-04", values=v, marks=4, head_name="Hồ Thị Mai", commune="Phường Bình Minh", members=2,
                  income_per_capita=2_000_001, previous_status=v["average"]),
        household("B1-05", values=v, marks=3, head_name="Đỗ Văn Hải", commune="Xã Long Sơn", area=v["rural"],
                  members=6, b1_score=140, b2_score=30),
        household("CX-06", values=v, marks=0, head_name="Vũ Thị Lan", commune="Xã Mỹ Lộc", members=1,
                  previous_status=v["not_poor"]),
    ]
    expected = {
        "007": dict(status="poor", area="urban", members=4, income_per_capita=2_000_000, deprivation_count=3,
                    head_name="Lê Thị Bình", province="Tỉnh Đồng Nai", commune="Phường An Lạc", village="Khu phố 1",
                    agricultural=False, ethnicity="Kinh", ethnic_minority=False, no_labour_capacity=False, merit=True,
                    head_female=True, poverty_cause="Thiếu vốn", previous_status="near_poor", change_reason=None),
        "HN-02": dict(status="near_poor", area="rural", members=3, income_per_capita=1_500_000, deprivation_count=2,
                      ethnicity="Tày", ethnic_minority=True, head_female=False, previous_status="poor"),
        "TB-03": dict(status="average", area="rural", members=5, deprivation_count=1, agricultural=True,
                      no_labour_capacity=True, change_reason="Tách hộ", previous_status=None, head_female=None),
        "KN-04": dict(status="not_poor", area="urban", deprivation_count=4, previous_status="average",
                      agricultural=False),
        "B1-05": dict(status="poor", area="rural", b1_score=140, b2_score=30, deprivation_count=3),
        "CX-06": dict(status="undetermined", area="rural", members=1, deprivation_count=0, previous_status="not_poor"),
    }
    return rows, expected


def same(actual: Any, wanted: Any) -> bool:
    if wanted is None:
        return actual is None or actual is pd.NA or (isinstance(actual, float) and math.isnan(actual))
    if isinstance(wanted, (int, float)) and not isinstance(wanted, bool):
        return float(actual) == float(wanted)
    return actual == wanted


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The template in both languages, with the sample town's totals."""
    folder = tmp_path_factory.mktemp("templates")
    totals = SAMPLES / "an-binh-totals.csv"
    return {lang: povertool.write_template(folder / f"{lang}.xlsx", standard="vn-2022", totals=totals, lang=lang)
            for lang in ("vi", "en")}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_header_row_is_canonical_in_standard_order(templates, lang):
    ws = openpyxl.load_workbook(templates[lang]).worksheets[0]
    top = header_row(ws)
    assert [ws.cell(top, c).value for c in range(1, ws.max_column + 1)] == EXPECTED_HEADERS
    assert top == (6 if lang == "en" else 5)  # under the UBND line, the motto, the title and the groups
    assert ws.freeze_panes == f"D{top + 1}"  # STT, Mã hộ and the name stay in view


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_reader_finds_only_the_data_sheet_and_every_column(templates, lang):
    specs = field_specs(povertool.load_standard("vn-2022"))
    grids = load_grids(templates[lang])
    tables = [locate_table(g, specs, None) for g in grids]
    data = tables[0]
    assert data is not None and data.header_row == (5 if lang == "en" else 4)
    assert len(data.mapping) == len(EXPECTED_HEADERS) - 1  # every column but STT, the row number
    fields = list(data.mapping.values())
    assert fields[:2] == ["household_id", "head_name"] and fields[10:22] == CODES and "head_gender" in fields
    # The instructions and lists sheets hold one cell per row, so they are never taken for a household table.
    assert tables[1:] == [None, None]
    for grid in grids[1:]:
        assert all(sum(1 for v in row if v not in ("", None)) <= 1 for row in grid.rows)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_filled_template_reads_back_exactly(templates, tmp_path, lang):
    rows, expected = hand_made(lang)
    filled = fill(templates[lang], tmp_path / "filled.xlsx", rows)
    result = povertool.classify(filled, standard="vn-2022")
    assert result.summary["rejected"] == []
    first_row = (7 if lang == "en" else 6)
    # Only the household with neither income nor B1 is named: it is undetermined, never silently.
    assert result.problems[["code", "row"]].to_dict("records") == [{"code": "income_blank", "row": first_row + 5}]
    table = result.households.set_index("household_id")
    assert list(table.index) == list(expected)
    assert list(table["source_row"]) == list(range(first_row, first_row + len(rows)))
    for hid, fields in expected.items():
        for field, wanted in fields.items():
            assert same(table.loc[hid, field], wanted), (hid, field, table.loc[hid, field], wanted)
    marked = table.loc["KN-04", CODES]
    assert list(marked) == [True] * 4 + [False] * 8


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_dropdown_value_is_read_as_meant(lang):
    v = labels("template_values", lang)
    flags, bad = parse_flags(pd.Series([v["mark"], v["yes"], v["no"], ""], dtype=object))
    assert list(flags) == [True, True, False, False] and not bad.any()
    areas, bad = parse_area(pd.Series([v["urban"], v["rural"]], dtype=object))
    assert list(areas) == ["urban", "rural"] and not bad.any()
    female, bad = parse_head_female(pd.Series([v["female"], v["male"]], dtype=object))
    assert list(female) == [True, False] and not bad.any()
    statuses, bad = parse_status(pd.Series([v[k] for k in ("poor", "near_poor", "average", "not_poor")], dtype=object))
    assert list(statuses) == ["poor", "near_poor", "average", "not_poor"] and not bad.any()


def _validations(path: Path) -> dict[str, Any]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    top = header_row(ws)
    letters = {openpyxl.utils.get_column_letter(c): ws.cell(top, c).value for c in range(1, ws.max_column + 1)}
    found = {}
    for dv in ws.data_validations.dataValidation:
        for cells in dv.sqref.ranges:
            assert cells.min_row == top + 1 and cells.max_row >= top + 1000
            found[letters[openpyxl.utils.get_column_letter(cells.min_col)]] = dv
    return found


def test_dropdowns_and_number_checks(templates):
    dv = _validations(templates["vi"])
    assert dv[HEADER["area"]].type == "list" and dv[HEADER["area"]].formula1 == '"Thành thị,Nông thôn"'
    assert dv["Việc làm"].formula1 == '"x"' and dv["Việc làm"].errorStyle in (None, "stop")
    assert dv[HEADER["agricultural"]].formula1 == '"Có,Không"'
    assert dv[HEADER["head_gender"]].formula1 == '"Nam,Nữ"'
    members = dv[HEADER["members"]]
    assert (members.type, members.operator, members.formula1) == ("whole", "greaterThanOrEqual", "1")
    assert members.promptTitle and "1" in members.prompt
    income = dv[HEADER["income_per_capita"]]
    assert (income.type, income.operator, income.formula1) == ("decimal", "greaterThanOrEqual", "0")
    assert (dv[HEADER["b2_score"]].formula1, dv[HEADER["b2_score"]].formula2) == ("0", "120")
    # Every column has an input message; the indicator's message carries its rule from the standard.
    assert len(dv) == len(EXPECTED_HEADERS) and all(d.prompt for d in dv.values())
    assert dv["Dinh dưỡng"].prompt.endswith("suy dinh dưỡng thấp còi hoặc nhẹ cân.")


def test_lists_sheet_feeds_commune_and_cause_dropdowns(templates):
    wb = openpyxl.load_workbook(templates["vi"])
    dv = _validations(templates["vi"])
    lists = wb["Danh mục"]
    communes = pd.read_csv(SAMPLES / "an-binh-totals.csv", encoding="utf-8-sig")["Xã/Phường"].drop_duplicates()

    def cells(formula: str) -> list[str]:
        sheet, area = formula.rsplit("!", 1)
        assert sheet.strip("'") == "Danh mục"
        return [c.value for (c,) in lists[area.replace("$", "")]]

    assert cells(dv[HEADER["commune"]].formula1) == list(communes)
    assert cells(dv[HEADER["poverty_cause"]].formula1) == list(labels("template_causes", "vi").values())
    assert "Tách hộ" in cells(dv[HEADER["change_reason"]].formula1)
    assert dv[HEADER["commune"]].errorStyle == "information"  # another name is still accepted


def test_without_totals_no_unit_lists(tmp_path):
    path = povertool.write_template(tmp_path / "t.xlsx")
    dv = _validations(path)
    assert dv[HEADER["commune"]].type in (None, "any") and dv[HEADER["commune"]].prompt
    lists = [c.value for (c,) in openpyxl.load_workbook(path)["Danh mục"].iter_rows(max_col=1)]
    assert "Phường An Lạc" not in lists and "Thiếu vốn" in lists


def test_totals_with_district_and_village_add_columns_and_lists(tmp_path):
    totals = tmp_path / "totals.csv"
    totals.write_text("Huyện,Xã/Phường,Thôn,Tổng số hộ\nHuyện Bản Xèo,Xã Bản Lầu,Bản Nà,120\n"
                      "Huyện Bản Xèo,Xã Bản Lầu,Bản Mới,80\nHuyện Bản Xèo,Xã Nậm Chạc,Bản Nà,95\n", encoding="utf-8")
    path = povertool.write_template(tmp_path / "t.xlsx", totals=totals)
    dv = _validations(path)
    lists = openpyxl.load_workbook(path)["Danh mục"]
    area = dv[HEADER["village"]].formula1.rsplit("!", 1)[1].replace("$", "")
    assert [c.value for (c,) in lists[area]] == ["Bản Nà", "Bản Mới"]
    filled = fill(path, tmp_path / "filled.xlsx", [{
        "Mã hộ": "1", "Huyện": "Huyện Bản Xèo", "Xã/Phường": "Xã Bản Lầu", "Thôn/Ấp/Khu phố": "Bản Nà",
        "Số nhân khẩu": 7, "Thu nhập bình quân đầu người/tháng (đồng)": 900_000, **{h: "x" for h in INDICATOR_HEADERS[:5]}}])
    # Commune names with words of other headers ("Bản" is a village wording) must not make the lists sheet a table.
    hh = povertool.classify(filled).households.iloc[0]
    assert (hh["district"], hh["commune"], hh["village"], hh["area"], hh["status"]) == (
        "Huyện Bản Xèo", "Xã Bản Lầu", "Bản Nà", "rural", "poor")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_instructions_give_the_standard_in_words(templates, lang):
    rows = [r[0] for r in openpyxl.load_workbook(templates[lang]).worksheets[1].iter_rows(values_only=True) if r[0]]
    text = "\n".join(rows)
    std = povertool.load_standard("vn-2022")
    line = {"vi": ("1.500.000", "2.000.000", "2.250.000"), "en": ("1,500,000", "2,000,000", "2,250,000")}[lang]
    assert all(figure in text for figure in line)
    assert (std.rule_description if lang == "vi" else std.rule_description_en) in text
    for ind in std.indicators:
        assert ind.name in text
        if lang == "vi":
            assert ind.deprived_when in text
        else:
            assert ind.name_en in text and labels("template_indicators", "en")[ind.code] in text
    assert "140" in text and "175" in text  # B1 thresholds


def test_cli_default_name_no_overwrite_force(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = cli("template")
    assert first.exit_code == 0, first.stderr
    assert first.stdout == "" and "mau-ra-soat.xlsx" in first.stderr
    made = (tmp_path / "mau-ra-soat.xlsx").stat().st_mtime_ns
    again = cli("template")
    assert again.exit_code == 1 and "đã có" in again.stderr and "--force" in again.stderr
    assert (tmp_path / "mau-ra-soat.xlsx").stat().st_mtime_ns == made
    forced = cli("template", "--force", "--lang", "en")
    assert forced.exit_code == 0
    assert openpyxl.load_workbook(tmp_path / "mau-ra-soat.xlsx").sheetnames == ["Households", "Instructions", "Lists"]


def test_cli_refuses_other_formats_and_languages(cli, tmp_path):
    bad = cli("template", "-o", tmp_path / "t.csv")
    assert bad.exit_code == 1 and ".xlsx" in bad.stderr and not (tmp_path / "t.csv").exists()
    assert cli("template", "-o", tmp_path / "t.xlsx", "--lang", "fr").exit_code == 2
    missing = cli("template", "-o", tmp_path / "t.xlsx", "--totals", tmp_path / "none.csv")
    assert missing.exit_code == 1 and "none.csv" in missing.stderr and not (tmp_path / "t.xlsx").exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_printed_form_a4_landscape_thirty_numbered_rows_heading_and_signature(tmp_path):
    path = povertool.write_template(tmp_path / "mau.xlsx", standard="vn-2022", area_name="Xã Tân Phú", year=2025)
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and int(ws.page_setup.fitToHeight) == 0
    assert ws["A1"].value == "UBND XÃ TÂN PHÚ"
    assert ws["A3"].value == "DANH SÁCH HỘ GIA ĐÌNH RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2025"
    top = header_row(ws)
    assert ws.cell(top, 1).value == "STT"
    numbers = [ws.cell(r, 1).value for r in range(top + 1, top + 31)]
    assert numbers == list(range(1, 31)) and ws.cell(top + 31, 1).value is None
    for r in (top + 1, top + 30):  # every cell of the thirty rows is bordered
        assert all(ws.cell(r, c).border.left.style == "thin" for c in range(1, ws.max_column + 1))
    below = [v for row in ws.iter_rows(min_row=top + 31, values_only=True) for v in row if isinstance(v, str)]
    assert "NGƯỜI LẬP BIỂU" in below and "CHỦ TỊCH" in below
    assert ws.print_title_rows and ws.print_area
    # The heading names the commune and the year: the filled form reads back with both.
    filled = fill(path, tmp_path / "filled.xlsx", [{HEADER["household_id"]: "H1", HEADER["members"]: 3,
                                                   HEADER["income_per_capita"]: 1_000_000}])
    result = povertool.classify(filled)
    assert result.households["commune"].tolist() == ["Xã Tân Phú"] and result.sources[0].year == 2025
    assert result.summary["standard"] == "vn-2022"


def test_without_area_and_year_the_heading_has_dots_to_fill(tmp_path):
    ws = openpyxl.load_workbook(povertool.write_template(tmp_path / "m.xlsx", standard="vn-2022")).worksheets[0]
    assert ws["A1"].value.startswith("UBND ....") and ws["A3"].value.endswith("NĂM ......")
