"""The classified workbook people print (issue 14): Vietnamese values in the Vietnamese result columns, A4
landscape fitted to the page width with the header repeated, readable widths, the reason wrapped, and a summary
sheet with its denominator and rates as numbers formatted as %."""

from __future__ import annotations

import openpyxl
import pytest

import povertool
from conftest import SAMPLES


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    out = tmp_path_factory.mktemp("classified") / "ket-qua.xlsx"
    result = povertool.classify(SAMPLES / "an-binh-2024.xlsx", totals=SAMPLES / "an-binh-totals.csv")
    povertool.write_classified(result, out)
    return result, openpyxl.load_workbook(out)


def test_vietnamese_values_in_the_result_columns(workbook):
    result, wb = workbook
    ws = wb["Phân loại"]
    header = [c.value for c in ws[1]]
    first = dict(zip(header, [c.value for c in ws[2]]))
    assert first["Kết quả phân loại"] == "Hộ nghèo" and first["Mã phân loại"] == "poor"
    assert first["Các chỉ số thiếu hụt"] == "Việc làm; Bảo hiểm y tế; Trình độ giáo dục của người lớn; Chất lượng nhà ở"
    low = [r[header.index("Thu nhập thấp (NĐ 30/2025)")] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert set(low) <= {"Có", "", None} and low.count("Có") == int(result.households["low_income"].fillna(False).sum())
    assert "Có" in low


def test_printed_a4_landscape_fitted_to_width_header_repeated(workbook):
    _, wb = workbook
    ws = wb["Phân loại"]
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and int(ws.page_setup.fitToHeight) == 0
    assert ws.print_title_rows == "$1:$1"
    header = [c.value for c in ws[1]]
    reason = header.index("Căn cứ")
    letter = openpyxl.utils.get_column_letter(reason + 1)
    assert ws.cell(row=2, column=reason + 1).alignment.wrap_text
    assert 30 <= ws.column_dimensions[letter].width <= 45  # readable, not the whole sentence on one line
    assert ws.row_dimensions[2].height and ws.row_dimensions[2].height > 15  # room for the wrapped reason
    mark = openpyxl.utils.get_column_letter(header.index("Việc làm") + 1)
    assert ws.column_dimensions[mark].width < 6 and ws.cell(row=1, column=header.index("Việc làm") + 1).alignment.textRotation == 90


def test_summary_sheet_denominator_and_rates_as_percent(workbook):
    result, wb = workbook
    rows = {r[0]: r[1] for r in wb["Tổng hợp"].iter_rows(values_only=True) if r[0]}
    cells = {c[0].value: c[1] for c in wb["Tổng hợp"].iter_rows() if c[0].value}
    assert rows["Tổng số hộ của địa bàn (mẫu số)"] == 30202
    assert rows["Tỷ lệ hộ nghèo"] == pytest.approx(result.summary["poor_rate"] / 100)
    assert cells["Tỷ lệ hộ nghèo"].number_format == "0.00%" and cells["Tỷ lệ nghèo đa chiều"].number_format == "0.00%"
