"""Layout cases of the bad-input corpus (issue 20, part B): lists whose layout used to eat or misread
households, files whose messages used to show personal data, folders that made false duplicates.

Called by make_bad.py (python tests/data/make_bad.py); the files go to tests/data/bad/layout/. Every expected
value the tests check is defined here, beside the file that carries it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import xlsxwriter

INDICATORS = [
    "Việc làm", "Người phụ thuộc trong hộ gia đình", "Dinh dưỡng", "Bảo hiểm y tế",
    "Trình độ giáo dục của người lớn", "Tình trạng đi học của trẻ em", "Chất lượng nhà ở",
    "Diện tích nhà ở bình quân đầu người", "Nguồn nước sinh hoạt", "Nhà tiêu hợp vệ sinh",
    "Sử dụng dịch vụ viễn thông", "Phương tiện phục vụ tiếp cận thông tin",
]
HEADERS = ["Mã hộ", "Họ và tên chủ hộ", "Xã/Phường", "Số nhân khẩu", "Thu nhập bình quân đầu người/tháng (đồng)",
           *INDICATORS, "Ghi chú hộ"]
# Personal data planted in the privacy cases: no message, log or --json may show it.
NAME = "Quách Thị Planted Xuyến"
ID_CARD = "079188001234"
ADDRESS = "Số 77 ngõ Zqwx"
DATE_NOTE = "Chuyển đến ngày 5 tháng 3 năm 2024"
SIGNATURES = [["", "Tân Phú, ngày 20 tháng 12 năm 2024"], ["", "NGƯỜI LẬP BIỂU", "", "", "", "CHỦ TỊCH UBND XÃ"],
              ["", "(Ký, ghi rõ họ tên)"], ["", "Lê Văn Tám", "", "", "", "Hồ Thị Chín"]]


def _row(hid: object, *, members: object = 4, income: object = 1_000_000, marks: int = 0, note: str = "",
         name: str = "Nguyễn Văn A") -> list[object]:
    return [hid, name, "Xã Tân Phú", members, income, *(["x"] * marks + [""] * (12 - marks)), note]


def _workbook(path: Path) -> xlsxwriter.Workbook:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    wb.set_properties({"created": dt.datetime(2000, 1, 1)})
    return wb


def _write(path: Path, rows: list[list[object]], sheet: str = "DS hộ") -> Path:
    wb = _workbook(path)
    ws = wb.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value not in ("", None):
                ws.write(r, c, value)
    wb.close()
    return path


# 1. A household whose note carries a date ("Chuyển đến ngày 5 tháng 3 năm 2024"), its income unreadable (no
#    number in the row's income or members columns): it and every household under it are read.
DATE_NOTE_IDS = [f"DN-{i}" for i in range(1, 7)]


def date_in_note(path: Path) -> None:
    rows: list[list[object]] = [["DANH SÁCH HỘ NGHÈO NĂM 2024"], [], HEADERS]
    for i, hid in enumerate(DATE_NOTE_IDS):
        if i == 2:
            rows.append(_row(hid, members="", income="chưa rõ", marks=3, note=DATE_NOTE))
        else:
            rows.append(_row(hid, income=900_000 + 100_000 * i, marks=i % 4))
    rows += [["", "Tổng cộng", "", 20]] + SIGNATURES
    _write(path, rows)


# 2. The poor list, its signature block, then the near-poor list with its own title and the same header, and a
#    third run of households under a title only. Every household of both lists is read.
POOR_IDS = ["P-1", "P-2", "P-3"]
NEAR_POOR_IDS = ["C-1", "C-2", "C-3", "C-4"]
LATE_IDS = ["L-1", "L-2"]


def second_list(path: Path) -> None:
    rows: list[list[object]] = [["UBND XÃ TÂN PHÚ"], ["DANH SÁCH HỘ NGHÈO NĂM 2024"], [], HEADERS]
    rows += [_row(h, income=800_000, marks=4) for h in POOR_IDS] + [[]] + SIGNATURES + [[], []]
    rows += [["DANH SÁCH HỘ CẬN NGHÈO NĂM 2024"], [], HEADERS]
    rows += [_row(h, income=1_200_000, marks=1) for h in NEAR_POOR_IDS] + [[]] + SIGNATURES[:2] + [[]]
    rows += [["Bổ sung sau họp thôn"]] + [_row(h, income=1_300_000) for h in LATE_IDS]
    _write(path, rows)


# 3. A CSV with short numeric ids, scores and "x" marks (the commune in the title): "3,4,120,30,x,x,x,," is a
#    household, not the column-numbering row; the real numbering row "(1) (2) …" still is one.
SHORT_ID_HEADERS = ["Mã hộ", "Số nhân khẩu", "Điểm B1", "Điểm B2", *INDICATORS]
SHORT_ID_ROWS = [[str(i), str(2 + i % 4), str(100 + 10 * i), "30" if i % 2 else "10",
                  *(["x", "x", "x"] if i % 2 else ["x", "", ""]), *[""] * 9] for i in range(1, 9)]


def short_ids(path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["UBND XÃ TÂN PHÚ"])
    writer.writerow(SHORT_ID_HEADERS)
    writer.writerow([f"({i})" for i in range(1, len(SHORT_ID_HEADERS) + 1)])
    writer.writerows(SHORT_ID_ROWS)
    path.write_text(buffer.getvalue(), encoding="utf-8")


# 4. Two tables on one sheet: the second lists members and income in swapped columns under its own header, and
#    its title sits in the id column. Each table is read with its own columns; the title is not a household.
TABLE_TWO_HEADERS = ["Mã hộ", "Họ và tên chủ hộ", "Xã/Phường", "Thu nhập bình quân đầu người/tháng (đồng)",
                     "Số nhân khẩu", *INDICATORS]
TABLE_ONE = {"T1-1": (4, 900_000), "T1-2": (2, 2_600_000)}
TABLE_TWO = {"T2-1": (5, 1_100_000), "T2-2": (3, 700_000), "T2-3": (6, 3_100_000)}


def second_table(path: Path) -> None:
    rows: list[list[object]] = [["DANH SÁCH HỘ NGHÈO NĂM 2024"], HEADERS]
    rows += [_row(h, members=m, income=i, marks=3) for h, (m, i) in TABLE_ONE.items()]
    rows += [[], ["DANH SÁCH HỘ CẬN NGHÈO (bổ sung)"], TABLE_TWO_HEADERS]
    rows += [[h, "Trần Văn B", "Xã Tân Phú", i, m, *(["x"] + [""] * 11)] for h, (m, i) in TABLE_TWO.items()]
    _write(path, rows)


# 5. A cited circular's date above the list's own title: the review year is 2024 (vn-2022), not 2021 (vn-2016).
CITED_YEAR = 2024


def cited_year(path: Path) -> None:
    rows: list[list[object]] = [
        ["UBND XÃ TÂN PHÚ"],
        ["Căn cứ Thông tư 07/2021/TT-BLĐTBXH ngày 18 tháng 7 năm 2021 của Bộ Lao động - Thương binh và Xã hội"],
        ["DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024"], [], HEADERS,
        _row("Y-1", income=1_000_000, marks=3), _row("Y-2", income=1_400_000, marks=1),
    ]
    _write(path, rows)


# 6. Headers nobody recognises, over households carrying a name, an ID number, an address, a commune and a
#    village: the first household must never be taken as the header and shown in a message.
def unrecognised_header(path: Path) -> None:
    rows: list[list[object]] = [["DANH SÁCH NĂM 2024"], ["No", "Full name", "Card", "Addr", "Unit", "Hamlet", "Size", "Earn"]]
    for i in range(1, 6):
        rows.append([i, NAME, ID_CARD, ADDRESS, "Xã Tân Phú", "Thôn 1", 4, 1_000_000])
    _write(path, rows)


# 7. ID-card and address columns under several wordings: recognised, and left out of -o OUT.json.
PERSONAL_HEADERS = ["Mã hộ", "Họ và tên chủ hộ", "Số định danh cá nhân", "Số CCCD", "Địa chỉ", "Nơi ở hiện nay",
                    "Xã/Phường", "Số nhân khẩu", "Thu nhập bình quân đầu người/tháng (đồng)"]


def personal_columns(path: Path) -> None:
    rows: list[list[object]] = [PERSONAL_HEADERS]
    for i in range(1, 4):
        rows.append([f"PD-{i}", NAME, ID_CARD, ID_CARD, ADDRESS, ADDRESS, "Xã Tân Phú", 3, 1_100_000])
    _write(path, rows)


# 8. Commune and village cells merged down the household rows: every household gets the merged value.
MERGED_VILLAGES = {"M-1": "Thôn Bắc", "M-2": "Thôn Bắc", "M-3": "Thôn Bắc", "M-4": "Thôn Nam", "M-5": "Thôn Nam"}


def merged_down(path: Path) -> None:
    wb = _workbook(path)
    ws = wb.add_worksheet("DS hộ")
    ws.write_row(0, 0, ["Mã hộ", "Họ và tên chủ hộ", "Xã/Phường", "Thôn", "Số nhân khẩu",
                        "Thu nhập bình quân đầu người/tháng (đồng)"])
    for r, hid in enumerate(MERGED_VILLAGES, start=1):
        ws.write_row(r, 0, [hid, "Lê Thị C"])
        ws.write_row(r, 4, [3, 1_000_000])
    ws.merge_range(1, 2, 5, 2, "Xã Tân Phú")
    ws.merge_range(1, 3, 3, 3, "Thôn Bắc")
    ws.merge_range(4, 3, 5, 3, "Thôn Nam")
    wb.close()


# 9. Two columns with the same header (the hidden one is last year's): an error naming both, no silent pick.
def same_header(path: Path) -> None:
    wb = _workbook(path)
    ws = wb.add_worksheet("DS hộ")
    income = "Thu nhập bình quân đầu người/tháng (đồng)"
    ws.write_row(0, 0, ["Mã hộ", "Họ và tên chủ hộ", "Xã/Phường", "Số nhân khẩu", income, income])
    ws.write_row(1, 0, ["S-1", "Lê Văn D", "Xã Tân Phú", 4, 2_600_000, 900_000])
    ws.set_column(4, 4, None, None, {"hidden": True})
    wb.close()


SAME_HEADER_COLUMNS = "E, F"


# 10. Totals whose units differ only by capitals and accents: one unit written twice, refused, not added up.
def totals_case(path: Path) -> None:
    path.write_text("Xã/Phường,Tổng số hộ,Tổng số nhân khẩu\nXã Tân Phú,300,1200\nXÃ TÂN PHÚ,20,80\n"
                    "Xa Tan Phu,5,20\nXã Bình An,150,600\n", encoding="utf-8")


# 11. Plan and standard files that are valid TOML of the wrong shape: a message, not an internal error.
def malformed_toml(folder: Path) -> None:
    (folder / "plan-targets-not-tables.toml").write_text('year = 2024\ntargets = ["poor_households"]\n', encoding="utf-8")
    (folder / "plan-targets-one-table.toml").write_text('year = 2024\n[targets]\nunit = "total"\n', encoding="utf-8")
    (folder / "standard-lines-text.toml").write_text('extends = "vn-2022"\nincome = 5\n', encoding="utf-8")


# 12. Folders: two villages' files with the same name and no id column; a folder holding a macOS "._" file, an
#     earlier povertool output saved there, and a sub-folder of old lists.
FOLDER_HEADERS = ["Họ và tên chủ hộ", "Xã/Phường", "Số nhân khẩu", "Thu nhập bình quân đầu người/tháng (đồng)"]


def folders(folder: Path) -> None:
    for village in ("thon-1", "thon-2"):
        (folder / "same-names" / village).mkdir(parents=True, exist_ok=True)
        _write(folder / "same-names" / village / "danh-sach.xlsx",
               [FOLDER_HEADERS, ["Lê Văn E", "Xã Tân Phú", 3, 900_000], ["Lê Văn G", "Xã Tân Phú", 2, 2_000_000]])
    mixed = folder / "mixed"
    (mixed / "nam-truoc").mkdir(parents=True, exist_ok=True)
    _write(mixed / "danh-sach.xlsx", [HEADERS, _row("F-1"), _row("F-2", income=2_000_000)])
    _write(mixed / "nam-truoc" / "danh-sach-2023.xlsx", [HEADERS, _row("F-1")])
    # AppleDouble: magic 00 05 16 07, version 2, then filler (what macOS leaves on a FAT/SMB share).
    (mixed / "._danh-sach.xlsx").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00" + b"Mac OS X        " + bytes(4072))
    from povertool import api

    result = api.classify(mixed / "danh-sach.xlsx")
    api.write_classified(result, mixed / "ket-qua.xlsx")  # an output saved in the input folder, any name
    api.write_classified(result, mixed / "ket-qua.csv")
    api.write_summary(api.summarise(result), mixed / "tong-hop.csv")  # a summary saved there too


# 13. Subtotal rows not labelled exactly "Cộng" (issue 20): "Cộng Phường An Lạc" in the name column with the
#     ward's sums, "Cộng phường Bình Minh" in the STT column with 180 persons, "Cộng thôn 3" with no commune, an
#     unaccented "Cong xa Tan Phu". None is a household or a rejected household; each is skipped by row number.
#     A row with a household id is never skipped this way (9001, a numeric id, over the name "Tổng Văn Hải").
SUBTOTAL_HEADERS = ["STT", "Mã hộ", "Họ và tên chủ hộ", "Xã/Phường", "Thôn/Ấp/Khu phố", "Số nhân khẩu",
                    "Thu nhập bình quân đầu người/tháng (đồng)", *INDICATORS]
SUBTOTAL_ROWS: list[list[object]] = [
    [1, "SB-1", "Phạm Thị Nga", "Phường An Lạc", "Khu phố 2", 6, 1_720_000, "x"],
    [2, "SB-2", "Tống Công Minh", "Phường An Lạc", "Khu phố 1", 3, 1_100_000, "x", "x", "x"],
    [3, 9001, "Tổng Văn Hải", "Phường An Lạc", "Khu phố 1", 4, 2_500_000],
    ["", "", "Cộng Phường An Lạc", "Phường An Lạc", "", 30, "", 7],
    [4, "SB-4", "Hoàng Hữu Nam", "Phường Bình Minh", "Khu phố 3", 5, 1_300_000, "x"],
    ["Cộng phường Bình Minh", "", "", "Phường Bình Minh", "", 180],
    [5, "SB-5", "Lê Văn Tâm", "Xã Tân Phú", "Thôn 3", 2, 900_000, "x", "x", "x", "x"],
    ["", "", "Cộng thôn 3", "", "", 12, "", 4],
    ["", "", "Cong xa Tan Phu", "", "", 9],
]
SUBTOTAL_IDS = ["SB-1", "SB-2", "9001", "SB-4", "SB-5"]
SUBTOTAL_PERSONS = 6 + 3 + 4 + 5 + 2
SUBTOTAL_SKIPPED = [6, 8, 10, 11]  # Excel rows of the subtotals (header at row 2)


def subtotals(path: Path) -> None:
    _write(path, [["DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC RÀ SOÁT NĂM 2024"], SUBTOTAL_HEADERS, *SUBTOTAL_ROWS])


# 14. A folder of lists holding a totals file, a plan and a units map (issue 20): each is passed over with a note
#     naming the option it goes with; given by name, the error says which option.
SIDE_FILES = {"tong-so-ho.csv": "--totals", "ke-hoach.csv": "--plan", "chuyen-don-vi.csv": "--units-map"}
SIDE_IDS = ["SF-1", "SF-2"]


def side_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "danh-sach.xlsx", [["DANH SÁCH HỘ NGHÈO NĂM 2024"], HEADERS, _row("SF-1", marks=3),
                                       _row("SF-2", income=2_600_000)])
    (folder / "tong-so-ho.csv").write_text("Năm,Xã/Phường,Thôn,Tổng số hộ,Tổng số nhân khẩu\n"
                                           "2024,Xã Tân Phú,,1200,4800\n", encoding="utf-8")
    (folder / "ke-hoach.csv").write_text("Đơn vị,Chỉ tiêu,Mức thay đổi\nXã Tân Phú,Giảm số hộ nghèo,3\n",
                                         encoding="utf-8")
    (folder / "chuyen-don-vi.csv").write_text("Huyện cũ,Xã/Phường cũ,Thôn,Xã/Phường mới\n"
                                              "Huyện Tân Phú,Xã Tân Phú,,Xã Tân Phú Mới\n", encoding="utf-8")


# 15. A list saved by LibreOffice as CSV in a non-UTF-8 character set (its default on many machines): every
#     Vietnamese letter that set lacks became '?' ("M\u00e3 h?", "S? nh\u00e2n kh?u"). The message says the text
#     was damaged by the export and to save as UTF-8, not that the income column is missing.
def damaged_export(path: Path) -> None:
    rows = [HEADERS] + [_row(f"DE-{i}", marks=i) for i in range(1, 4)]
    text = "\n".join(",".join(str(v) for v in row) for row in rows) + "\n"
    path.write_bytes(text.encode("cp1252", errors="replace"))


def main(out: Path) -> None:
    """Write every layout case into ``out`` (tests/data/bad/layout)."""
    out.mkdir(parents=True, exist_ok=True)
    date_in_note(out / "date-in-note.xlsx")
    second_list(out / "second-list.xlsx")
    short_ids(out / "short-ids.csv")
    second_table(out / "second-table.xlsx")
    cited_year(out / "cited-year.xlsx")
    unrecognised_header(out / "unrecognised-header.xlsx")
    personal_columns(out / "personal-columns.xlsx")
    merged_down(out / "merged-down.xlsx")
    same_header(out / "same-header.xlsx")
    totals_case(out / "totals-case.csv")
    malformed_toml(out)
    folders(out)
    subtotals(out / "subtotals.xlsx")
    side_files(out / "side-files")
    damaged_export(out / "damaged-export.csv")
