"""Make the small test files in tests/data/quirks/, one quirk of real commune lists each.

Run from the repository root:  python tests/data/make_quirks.py
The files are committed; the tests read them and do not run this script. The .ods and .xls copies of
official-list.xlsx are saved by LibreOffice:
    soffice --headless --convert-to ods --outdir tests/data/quirks tests/data/quirks/official-list.xlsx
    soffice --headless --convert-to xls --outdir tests/data/quirks tests/data/quirks/official-list.xlsx
"""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from pathlib import Path

import pandas as pd
import xlsxwriter

OUT = Path(__file__).resolve().parent / "quirks"

INDICATORS = [
    "Việc làm", "Người phụ thuộc trong hộ gia đình", "Dinh dưỡng", "Bảo hiểm y tế",
    "Trình độ giáo dục của người lớn", "Tình trạng đi học của trẻ em", "Chất lượng nhà ở",
    "Diện tích nhà ở bình quân đầu người", "Nguồn nước sinh hoạt", "Nhà tiêu hợp vệ sinh",
    "Sử dụng dịch vụ viễn thông", "Phương tiện phục vụ tiếp cận thông tin",
]
# Invented households: (id, name, members, income as written, marked indicators, agricultural).
# Rural commune: poverty line 1,500,000; average band up to 2,250,000.
OFFICIAL_ROWS = [
    ("NB-001", "Nguyễn Văn An", 4, "1.200.000", 4, "x"),       # poor
    ("NB-002", "Trần Thị Bình", 3, "1,5 triệu", 1, ""),         # near-poor (at the line)
    ("NB-003", "Lê Văn Cường", 5, "1 800 000", 0, "x"),         # average (agricultural)
    ("NB-004", "Phạm Thị Dung", 2, "2,500,000", 5, ""),         # not poor
    ("NB-005", "Hoàng Văn Em", 6, "1.4tr", 3, ""),              # poor
    ("NB-006", "Đặng Thị Phượng", 1, "1500000.0", 2, "x"),      # near-poor
]
EXPECTED_OFFICIAL = {"NB-001": "poor", "NB-002": "near_poor", "NB-003": "average",
                     "NB-004": "not_poor", "NB-005": "poor", "NB-006": "near_poor"}


def _workbook(path: Path) -> xlsxwriter.Workbook:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    wb.set_properties({"created": dt.datetime(2000, 1, 1)})
    return wb


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def official_list(path: Path) -> None:
    """Title rows, a merged two-row header, a numbering row, text money, NFD names, blank, totals, signatures."""
    wb = _workbook(path)
    ws = wb.add_worksheet("Danh sách")
    bold = wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True})
    last = 4 + len(INDICATORS)  # columns: STT, Mã hộ, Họ tên, Số khẩu, TN, 12 indicators, Hộ NN
    ws.merge_range(0, 0, 0, 4, "UBND XÃ NHA BÍCH", bold)
    ws.merge_range(0, 8, 0, last, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold)
    ws.merge_range(2, 0, 2, last + 1, "DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO TRÊN ĐỊA BÀN XÃ NĂM 2024", bold)
    ws.merge_range(3, 0, 3, last + 1, "(Kèm theo Quyết định số 123/QĐ-UBND ngày 20/12/2024 của UBND xã)", bold)
    # Header: rows 6-7 (0-based 5-6); the group header spans the 12 indicators.
    for col, text in enumerate(["STT", "Mã hộ", "Họ và tên chủ hộ", "Số khẩu", "Thu nhập BQ/người/tháng (đồng)"]):
        ws.merge_range(5, col, 6, col, text, bold)
    ws.merge_range(5, 5, 5, 4 + len(INDICATORS), "Các chỉ số thiếu hụt dịch vụ xã hội cơ bản", bold)
    for i, name in enumerate(INDICATORS):
        ws.write(6, 5 + i, name, bold)
    ws.merge_range(5, last + 1, 6, last + 1, "Hộ làm nông, lâm, ngư, diêm nghiệp", bold)
    for col in range(last + 2):
        ws.write(7, col, f"({col + 1})")
    row = 8
    for n, (hid, name, members, income, marks, agri) in enumerate(OFFICIAL_ROWS, start=1):
        cells = [n, hid, _nfd(name) + "\u00a0", members, income, *(["x"] * marks + [""] * (12 - marks)), agri]
        for col, value in enumerate(cells):
            if value != "":
                ws.write(row, col, value)
        row += 1
        if n == 3:
            row += 1  # a blank row inside the list
    ws.write(row, 2, "Tổng cộng")
    ws.write(row, 3, sum(r[2] for r in OFFICIAL_ROWS))
    ws.write(row + 2, 12, "Nha Bích, ngày 25 tháng 12 năm 2024")
    ws.write(row + 3, 2, "NGƯỜI LẬP BIỂU")
    ws.write(row + 3, 12, "CHỦ TỊCH")
    ws.write(row + 6, 2, "Vũ Thị Lan")
    ws.write(row + 6, 12, "Bùi Văn Minh")
    wb.close()


# TCVN3 (ABC) codes as Excel shows them with the .VnTime fonts, per vowel: plain, grave, acute, hook, tilde, dot.
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_TCVN3_ROWS = {
    "a": "a µ ¸ ¶ · ¹", "ă": "¨ » ¾ ¼ ½ Æ", "â": "© Ç Ê È É Ë", "e": "e Ì Ð Î Ï Ñ", "ê": "ª Ò Õ Ó Ô Ö",
    "i": "i × Ý Ø Ü Þ", "o": "o ß ã á â ä", "ô": "« å è æ ç é", "ơ": "¬ ê í ë ì î", "u": "u ï ó ñ ò ô",
    "ư": "\u00ad õ ø ö ÷ ù", "y": "y ú ý û ü þ",
}
_TCVN3 = {"đ": "®", "Đ": "§", "Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦"}
for _base, _codes in _TCVN3_ROWS.items():
    for _tone, _code in zip(_TONES, _codes.split(" ")):
        _TCVN3[unicodedata.normalize("NFC", _base + _tone)] = _code


def tcvn3(text: str) -> str:
    """Unicode -> TCVN3 (a capital with a tone is written with the lower-case code, as .VnTimeH does)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        out.append(_TCVN3.get(ch) or (None if ch.isascii() else _TCVN3.get(ch.lower())) or ch)
    return "".join(out)


def legacy_tcvn3(path: Path) -> None:
    """A whole sheet typed with the .VnTime fonts: title, headers and names in TCVN3."""
    wb = _workbook(path)
    ws = wb.add_worksheet("DS")
    ws.write(0, 0, tcvn3("UBND XÃ TÂN PHÚ"))
    headers = ["Mã hộ", "Họ và tên chủ hộ", "Số nhân khẩu", "Thu nhập bình quân đầu người/tháng", *INDICATORS]
    for col, text in enumerate(headers):
        ws.write(2, col, tcvn3(text))
    rows = [("TP-01", "Nguyễn Thị Hường", 3, 1_000_000, 3), ("TP-02", "Đỗ Văn Đức", 4, 2_600_000, 0)]
    for r, (hid, name, members, income, marks) in enumerate(rows, start=3):
        for col, value in enumerate([hid, tcvn3(name), members, income, *(["x"] * marks)]):
            ws.write(r, col, value)
    wb.close()


_VNI_TONE = {"\u0300": "ø", "\u0301": "ù", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRCUMFLEX = {"": "â", "\u0300": "à", "\u0301": "á", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE = {"": "ê", "\u0300": "è", "\u0301": "é", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0300": "ì", "\u0301": "í", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def _vni_char(ch: str) -> str:
    if ch in "đĐ":
        return "ñ" if ch == "đ" else "Ñ"
    parts = unicodedata.normalize("NFD", ch)
    base, marks = parts[0], parts[1:]
    tone = next((m for m in marks if m in _VNI_TONE), "")
    upper = base.isupper()
    case = (lambda t: t.upper()) if upper else (lambda t: t)
    if "\u031b" in marks:  # horn: ơ = ô, ư = ö
        return case("ô" if base.lower() == "o" else "ö") + case(_VNI_TONE.get(tone, ""))
    if "\u0302" in marks:
        return base + case(_VNI_CIRCUMFLEX[tone])
    if "\u0306" in marks:
        return base + case(_VNI_BREVE[tone])
    if base.lower() == "i" and tone:
        return case(_VNI_I[tone])
    if base.lower() == "y" and tone == "\u0323":
        return case("î")
    return base + case(_VNI_TONE.get(tone, "")) if tone else ch


def vni(text: str) -> str:
    """Unicode -> VNI Windows, letter by letter."""
    return "".join(_vni_char(ch) for ch in unicodedata.normalize("NFC", text))


def legacy_vni(path: Path) -> None:
    """Names and headers typed with the VNI fonts."""
    wb = _workbook(path)
    ws = wb.add_worksheet("DS")
    headers = ["Mã hộ", "Họ và tên chủ hộ", "Xã/Phường", "Số nhân khẩu", "Thu nhập bình quân đầu người/tháng"]
    for col, text in enumerate(headers):
        ws.write(0, col, vni(text))
    rows = [("V-01", "Nguyễn Văn Được", "Phường Bến Thành", 2, 1_900_000), ("V-02", "Trần Thị Thơ", "Xã Tân Hội", 5, 900_000)]
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            ws.write(r, col, vni(value) if isinstance(value, str) else value)
    wb.close()


def several_sheets(path: Path) -> None:
    """An instructions sheet, a summary sheet with unit headers, then the household list on the third sheet."""
    wb = _workbook(path)
    guide = wb.add_worksheet("Hướng dẫn")
    guide.write(0, 0, "Hướng dẫn ghi phiếu: đánh x vào chỉ số thiếu hụt.")
    summary = wb.add_worksheet("Tổng hợp")
    for col, text in enumerate(["Xã", "Thôn", "Số hộ nghèo", "Số hộ cận nghèo"]):
        summary.write(0, col, text)
    summary.write_row(1, 0, ["Xã Hoà Bình", "Thôn 1", 1, 1])
    ws = wb.add_worksheet("DS hộ")
    ws.write_row(0, 0, ["Mã hộ", "Xã/Phường", "Số nhân khẩu", "Thu nhập bình quân đầu người/tháng (đồng)", *INDICATORS])
    ws.write_row(1, 0, ["HB-1", "Xã Hoà Bình", 3, 1_100_000, "x", "x", "x"])
    ws.write_row(2, 0, ["HB-2", "Xã Hoà Bình", 2, 1_300_000, "x"])
    wb.close()


def abbreviations(path: Path) -> None:
    """Short headers: STT, Mã hộ GĐ, Số khẩu, TN BQ/người/tháng, BHYT, Nhà tiêu HVS, Trẻ em đi học, Nước sạch …"""
    wb = _workbook(path)
    ws = wb.add_worksheet("Sheet1")
    headers = ["STT", "MÃ HỘ GĐ", "Họ tên chủ hộ", "Khu vực", "Số khẩu", "TN BQ/người/tháng", "Việc làm", "Phụ thuộc",
               "Dinh dưỡng", "BHYT", "GD người lớn", "Trẻ em đi học", "Nhà ở", "DT nhà ở BQ", "Nước sạch",
               "Nhà tiêu HVS", "Viễn thông", "Tiếp cận thông tin", "Hộ DTTS"]
    ws.write_row(0, 0, headers)
    ws.write_row(1, 0, [1, "A-1", "Lò Văn Pâng", "NT", 7, 1_000_000, "x", "", "", "x", "", "x", "", "", "x", "x", "", "", "x"])
    wb.close()


def yearly_income(path: Path) -> None:
    """Income per person per year (÷ 12)."""
    wb = _workbook(path)
    ws = wb.add_worksheet("Sheet1")
    ws.write_row(0, 0, ["Mã hộ", "Xã/Phường", "Số nhân khẩu", "Thu nhập bình quân đầu người/năm (đồng)"])
    ws.write_row(1, 0, ["Y-1", "Xã An Lạc", 4, 16_800_000])  # 1,400,000 a month
    ws.write_row(2, 0, ["Y-2", "Xã An Lạc", 2, "24.000.000"])  # 2,000,000 a month
    wb.close()


def formulas_and_text_numbers(path: Path) -> None:
    """Income as a formula with its cached value; members and income stored as text."""
    wb = _workbook(path)
    ws = wb.add_worksheet("Sheet1")
    ws.write_row(0, 0, ["Mã hộ", "Xã/Phường", "Số nhân khẩu", "Tổng thu nhập năm", "Thu nhập bình quân đầu người/tháng"])
    ws.write_row(1, 0, ["F-1", "Xã An Lạc", "4", 57_600_000])
    ws.write_formula(1, 4, "=D2/C2/12", None, 1_200_000)
    ws.write_row(2, 0, ["F-2", "Xã An Lạc", " 3 ", 0, " 2.100.000 "])
    wb.close()


PLANTED_HEADERS = ["Mã hộ", "Họ và tên chủ hộ", "Xã/Phường", "Số nhân khẩu", "Thu nhập bình quân đầu người/tháng",
                   "Điểm B2", "Tổng số chỉ số thiếu hụt", *INDICATORS]
# (Excel row, cells) — the title and header take rows 1-3; problems are planted on known rows.
PLANTED = [
    (4, ["P-01", "Hộ một", "Xã Tân Phú", 4, 1_000_000, 30, 3, "x", "x", "x"]),            # clean
    (5, ["P-02", "Hộ hai", "Xã Tân Phú", 0, 1_000_000, 0, 0]),                              # members < 1
    (6, ["P-03", "Hộ ba", "Xã Tân Phú", 3, -5, 0, 0]),                                      # negative income
    (7, ["P-04", "Hộ bốn", "Xã Tân Phú", 3, "khoảng một triệu", 0, 0]),                     # unreadable income
    (8, ["P-05", "Hộ năm", "Xã Tân Phú", 3, 900_000, 0, 0, "k rõ"]),                         # unreadable mark
    (9, ["P-06", "Hộ sáu", "Xã Tân Phú", 3, 900_000, 25, 0]),                               # B2 not a multiple of 10
    (10, ["P-07", "Hộ bảy", "Xã Tân Phú", 3, 900_000, 40, 2, "x", "x"]),                    # B2 disagrees with marks
    (11, ["P-08", "Hộ tám", "Xã Tân Phú", 3, 900_000, 10, 3, "x"]),                         # total disagrees
    (12, ["P-01", "Hộ chín", "Xã Tân Phú", 3, 900_000, 0, 0]),                              # duplicate id of row 4
    (13, ["P-10", "Hộ mười", "", 3, 900_000, 0, 0]),                                        # area unknown
]


def planted_problems(path: Path) -> None:
    """One problem per row at a known Excel row."""
    wb = _workbook(path)
    ws = wb.add_worksheet("Rà soát")
    ws.write(0, 0, "DANH SÁCH RÀ SOÁT NĂM 2024")
    ws.write_row(2, 0, PLANTED_HEADERS)
    for excel_row, cells in PLANTED:
        for col, value in enumerate(cells):
            if value != "":
                ws.write(excel_row - 1, col, value)
    wb.close()


def custom_headers(path: Path) -> None:
    """Headers no wording list knows; --columns maps them."""
    wb = _workbook(path)
    ws = wb.add_worksheet("Sheet1")
    ws.write_row(0, 0, ["Số hiệu", "Đơn vị hành chính", "Người trong nhà", "Tiền mỗi người"])
    ws.write_row(1, 0, ["C-1", "Phường 3", 2, 1_800_000])
    wb.close()
    (path.parent / "custom-columns.csv").write_text(
        "header,field\nSố hiệu,household_id\nĐơn vị hành chính,commune\nNgười trong nhà,members\nTiền mỗi người,income_per_capita\n",
        encoding="utf-8")
    (path.parent / "custom-columns.toml").write_text(
        '"Số hiệu" = "household_id"\n"Đơn vị hành chính" = "commune"\n"Người trong nhà" = "members"\n'
        '"Tiền mỗi người" = "income_per_capita"\n', encoding="utf-8")


CSV_HEADERS = ["Mã hộ", "Họ và tên chủ hộ", "Xã/Phường", "Số nhân khẩu", "Thu nhập bình quân đầu người/tháng"]
CSV_ROWS = [["C-1", "Nguyễn Văn Hải", "Xã Tân Phú", "4", "1.500.000"], ["C-2", "Trần Thị Mỹ", "Phường 2", "3", "1 900 000"]]


def csv_files(folder: Path) -> None:
    """The same list as CSV in UTF-8 with BOM, UTF-8 without BOM (;), UTF-16 and Windows-1258 (decomposed)."""
    for name, encoding, delimiter in (("csv-utf8-bom.csv", "utf-8-sig", ","), ("csv-utf8.csv", "utf-8", ";"),
                                      ("csv-utf16.csv", "utf-16", "\t"), ("csv-cp1258.csv", "cp1258", ",")):
        with (folder / name).open("w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter)
            rows = [CSV_HEADERS, *CSV_ROWS]
            if encoding == "cp1258":  # Windows-1258 writes tones as combining marks
                rows = [[_cp1258_form(c) for c in r] for r in rows]
            writer.writerows(rows)


def _cp1258_form(text: str) -> str:
    """Letters with their tone as a separate combining mark (the form Windows-1258 can hold)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in parts[1:] if m in "\u0300\u0301\u0303\u0309\u0323")
        rest = parts[0] + "".join(m for m in parts[1:] if m not in tones)
        out.append(unicodedata.normalize("NFC", rest) + tones)
    return "".join(out)


def parquet_file(path: Path) -> None:
    """A Parquet table with the template headers."""
    pd.DataFrame([dict(zip(CSV_HEADERS, r)) for r in CSV_ROWS]).assign(**{"Số nhân khẩu": [4, 3]}).to_parquet(path)


def bad_files(folder: Path) -> None:
    """Files that are not what their name says, or hold no list."""
    (folder / "bad-empty.xlsx").write_bytes(b"")
    (folder / "bad-not-a-workbook.xlsx").write_bytes(bytes(range(256)) * 4)
    (folder / "bad-csv-renamed.xlsx").write_text("Mã hộ,Số nhân khẩu\nA,3\n", encoding="utf-8")
    wb = _workbook(folder / "bad-no-data.xlsx")
    ws = wb.add_worksheet("Sheet1")
    ws.write_row(0, 0, CSV_HEADERS)
    ws.write(2, 1, "Tổng cộng")
    wb.close()
    wb = _workbook(folder / "bad-no-income.xlsx")
    ws = wb.add_worksheet("Sheet1")
    ws.write_row(0, 0, ["Mã hộ", "Họ và tên chủ hộ", "Số nhân khẩu"])
    ws.write_row(1, 0, ["A", "Người A", 3])
    wb.close()


def survey_folder(folder: Path) -> None:
    """One file per commune; the same household id in both files."""
    folder.mkdir(exist_ok=True)
    for name, commune, ids in (("xa-a.xlsx", "Xã A", ["A-1", "X-9"]), ("xa-b.xlsx", "Xã B", ["B-1", "X-9"])):
        wb = _workbook(folder / name)
        ws = wb.add_worksheet("DS")
        ws.write(0, 0, f"UBND {commune.upper()}")
        ws.write_row(1, 0, ["Mã hộ", "Số nhân khẩu", "Thu nhập bình quân đầu người/tháng"])
        for r, hid in enumerate(ids, start=2):
            ws.write_row(r, 0, [hid, 3, 1_000_000])
        wb.close()


def main() -> None:
    """Write every quirk file."""
    OUT.mkdir(parents=True, exist_ok=True)
    official_list(OUT / "official-list.xlsx")
    legacy_tcvn3(OUT / "legacy-tcvn3.xlsx")
    legacy_vni(OUT / "legacy-vni.xlsx")
    several_sheets(OUT / "several-sheets.xlsx")
    abbreviations(OUT / "abbreviations.xlsx")
    yearly_income(OUT / "yearly-income.xlsx")
    formulas_and_text_numbers(OUT / "formulas-text-numbers.xlsx")
    planted_problems(OUT / "planted-problems.xlsx")
    custom_headers(OUT / "custom-headers.xlsx")
    csv_files(OUT)
    parquet_file(OUT / "parquet.parquet")
    bad_files(OUT)
    survey_folder(OUT / "survey-folder")


if __name__ == "__main__":
    main()
