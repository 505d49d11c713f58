"""Make the bad-input corpus in tests/data/bad/: broken files and a sheet of bad rows, one fault each.

Run from the repository root:  python tests/data/make_bad.py
The files are committed; the tests read them and do not run this script. Every file is small on disk: the
zip bomb expands to 1.5 GiB from about 1.5 MB, the 1,048,576-row sheet holds a handful of cells. The
password-protected workbook is a copy of tests/data/quirks/bad-protected-ole.xlsx (made by make_protected.py
with LibreOffice); tall-sheet.ods is tall-sheet.xlsx saved by LibreOffice (skipped when soffice is absent). The folder with no survey files is made by the tests (git keeps no empty folder).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
import zipfile
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
OUT = HERE / "bad"
QUIRKS = HERE / "quirks"

INDICATORS = [
    "Việc làm", "Người phụ thuộc trong hộ gia đình", "Dinh dưỡng", "Bảo hiểm y tế",
    "Trình độ giáo dục của người lớn", "Tình trạng đi học của trẻ em", "Chất lượng nhà ở",
    "Diện tích nhà ở bình quân đầu người", "Nguồn nước sinh hoạt", "Nhà tiêu hợp vệ sinh",
    "Sử dụng dịch vụ viễn thông", "Phương tiện phục vụ tiếp cận thông tin",
]
HEADERS = ["Mã hộ", "Họ và tên chủ hộ", "Số CCCD", "Địa chỉ", "Xã/Phường", "Số nhân khẩu",
           "Thu nhập bình quân đầu người/tháng (đồng)", *INDICATORS]

# Personal data planted in every row of bad-rows.xlsx: no message, log or --json may ever show it.
PLANTED_NAME = "Quách Thị Planted Xuyến"
PLANTED_ID_CARD = "079188001234"  # 12 digits, like a CCCD number
PLANTED_ADDRESS = "Số 77 ngõ Zqwx"

BOMB_GIB = 1.5  # what the zip bomb's sheet expands to
ZIP_TIME = (2000, 1, 1, 0, 0, 0)

# bad-rows.xlsx: (id, members, income, area-bearing commune, marks, problem codes expected). Excel rows from 2.
BAD_ROWS = [
    ("BR-01", 4, 1_000_000, "Xã Tân Phú", ["x"] * 3 + [""] * 9, []),                  # fine: poor
    ("BR-02", 3, 2_000_000, "Xã Tân Phú", [""] * 12, ["duplicate_id"]),               # BR-02 three times
    ("BR-02", 5, 1_200_000, "Xã Tân Phú", [""] * 12, ["duplicate_id"]),
    ("BR-03", 0, 1_000_000, "Xã Tân Phú", [""] * 12, ["members_invalid"]),            # members < 1
    ("BR-04", -2, 1_000_000, "Xã Tân Phú", [""] * 12, ["members_invalid"]),
    ("BR-05", 4, -500_000, "Xã Tân Phú", [""] * 12, ["negative_income"]),             # negative income
    ("BR-06", 4, "-1.200.000", "Xã Tân Phú", [""] * 12, ["negative_income"]),
    ("BR-07", 4, "chưa rõ", "Xã Tân Phú", ["?"] + [""] * 11, ["unreadable_income", "unreadable_mark"]),
    ("BR-08", 4, 1_000_000, "Thôn Bắc Sơn", [""] * 12, ["area_unknown"]),             # unknown area
    ("BR-09", "bốn", "một triệu rưỡi", "Xã Tân Phú", ["có lẽ"] * 12,                 # text in every numeric column
     ["members_invalid", "unreadable_income", *["unreadable_mark"] * 12]),
    ("BR-02", 2, 900_000, "Xã Tân Phú", [""] * 12, ["duplicate_id"]),
    ("BR-10", 2, 3_000_000, "Xã Tân Phú", [""] * 12, []),                             # fine: not poor
]
# Text a spreadsheet would run as a formula, planted in the name and address columns of the fine rows.
FORMULAS = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(1,1)"]


def _workbook(path: Path) -> xlsxwriter.Workbook:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    wb.set_properties({"created": dt.datetime(2000, 1, 1)})
    return wb


def bad_rows(path: Path) -> None:
    """One sheet with every kind of bad row, the planted personal data, and formula-like text."""
    wb = _workbook(path)
    ws = wb.add_worksheet("DS hộ")
    ws.write_row(0, 0, HEADERS)
    for i, (hid, members, income, commune, marks, _) in enumerate(BAD_ROWS):
        name = PLANTED_NAME if i % 2 == 0 else FORMULAS[(i // 2) % len(FORMULAS)]
        ws.write_row(i + 1, 0, [hid, name, PLANTED_ID_CARD, PLANTED_ADDRESS, commune, members, income, *marks])
    wb.close()


def small_workbook(path: Path) -> None:
    """A correct two-household workbook (the base of the truncated file)."""
    wb = _workbook(path)
    ws = wb.add_worksheet("DS")
    ws.write_row(0, 0, HEADERS)
    ws.write_row(1, 0, ["T-1", "Lê Văn A", "", "", "Xã Tân Phú", 4, 1_000_000])
    ws.write_row(2, 0, ["T-2", "Lê Văn B", "", "", "Xã Tân Phú", 3, 2_000_000])
    wb.close()


def tall_sheet(path: Path) -> None:
    """Two households, then one stray cell at A1048576: Excel's last row, 1,048,576 × 19 cells to a reader."""
    wb = _workbook(path)
    ws = wb.add_worksheet("DS")
    ws.write_row(0, 0, HEADERS)
    ws.write_row(1, 0, ["T-1", "Lê Văn A", "", "", "Xã Tân Phú", 4, 1_000_000])
    ws.write(1_048_575, 0, ".")
    wb.close()


def huge_cell(path: Path) -> None:
    """A household whose name cell holds 5 million characters (Excel allows 32,767)."""
    wb = _workbook(path)
    ws = wb.add_worksheet("DS")
    ws.write_row(0, 0, HEADERS)
    ws.write_row(1, 0, ["T-1", "", "", "", "Xã Tân Phú", 4, 1_000_000])
    ws.xls_strmax = 10_000_000  # xlsxwriter would cut the text at Excel's limit
    ws.write_string(1, 1, "A" * 5_000_000)
    wb.close()


def zip_bomb(path: Path) -> None:
    """A workbook whose sheet part is 1.5 GiB of blanks between real XML: deflate packs it ~1000 to 1."""
    small_workbook(path.with_suffix(".tmp"))
    with zipfile.ZipFile(path.with_suffix(".tmp")) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            info = zipfile.ZipInfo(item.filename, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            if item.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info, data)
                continue
            head, tail = data.split(b"<sheetData>", 1)
            with dst.open(info, "w", force_zip64=True) as part:
                part.write(head + b"<sheetData>")
                block = b" " * (64 << 20)
                for _ in range(int(BOMB_GIB * 16)):
                    part.write(block)
                part.write(tail)
    path.with_suffix(".tmp").unlink()


def truncated(path: Path) -> None:
    """A correct workbook cut in half (a download that stopped)."""
    small_workbook(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def main() -> None:
    """Write every file of the corpus."""
    OUT.mkdir(exist_ok=True)
    rng = random.Random(9)
    garbage = bytes(rng.randrange(256) for _ in range(4096))
    (OUT / "not-a-zip.xlsx").write_bytes(b"PK\x03\x04" + garbage[:2000])  # a zip's first bytes, then noise
    truncated(OUT / "truncated.xlsx")
    (OUT / "empty.xlsx").write_bytes(b"")
    (OUT / "empty.csv").write_bytes(b"")
    (OUT / "csv-renamed.xlsx").write_text(",".join(HEADERS) + "\nC-1,Lê Văn A,,,Xã Tân Phú,4,1000000\n",
                                          encoding="utf-8")
    shutil.copyfile(QUIRKS / "bad-protected-ole.xlsx", OUT / "protected.xlsx")
    zip_bomb(OUT / "zip-bomb.xlsx")
    tall_sheet(OUT / "tall-sheet.xlsx")
    if shutil.which("soffice"):
        subprocess.run(["soffice", "--headless", "--convert-to", "ods", "--outdir", str(OUT),
                        str(OUT / "tall-sheet.xlsx")], check=True, capture_output=True, timeout=300)
    huge_cell(OUT / "huge-cell.xlsx")
    (OUT / "binary-garbage.xlsx").write_bytes(garbage)
    (OUT / "binary-garbage.csv").write_bytes(b"\x00\x01" + garbage)
    (OUT / "survey.txt").write_text(",".join(HEADERS) + "\nU-1,Lê Văn A,,,Xã Tân Phú,4,1000000\n", encoding="utf-8")
    # Bytes that are neither UTF-8 nor Windows-1258 (0x81, 0x8D, 0x8F, 0x90 have no character there).
    (OUT / "undecodable.csv").write_bytes(b"M\x81 h\x8d,S\x8f nh\x90n kh\x81u\nA-1,4\n")
    bad_rows(OUT / "bad-rows.xlsx")
    import bad_layout  # the layout cases (issue 20, part B), in their own module

    bad_layout.main(OUT / "layout")


if __name__ == "__main__":
    main()
