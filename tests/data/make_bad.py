"""Make the bad-input corpus in tests/data/bad/: broken files and a sheet of bad rows, one fault each.

Run from the repository root:  python tests/data/make_bad.py
The files are committed; the tests read them and do not run this script. Every file is small on disk: the
zip bomb expands to 1.5 GiB from about 1.5 MB, the 1,048,576-row sheet holds a handful of cells. The
password-protected workbook is a copy of tests/data/quirks/bad-protected-ole.xlsx (made by make_protected.py
with LibreOffice); tall-sheet.ods is tall-sheet.xlsx saved by LibreOffice (skipped when soffice is absent). The folder with no survey files is made by the tests (git keeps no empty folder).

values_corpus() writes the files of issue 20, part A: error cells (error-cells.xlsx, and .ods/.xls saved from it
by LibreOffice), money units and header units, members written like money, numeric ids, a cell at XFD1048576
behind a missing or lying <dimension>, a 600-million-character shared string (0.6 MB packed), a 1 KB .ods
repeating over 16,384 columns, CSVs with an unclosed or stray quote, a trailing ',', Excel's sep= line,
CR-only line endings or UTF-16 without a BOM, Parquet columns of odd or nested types, and a grouped plan cell.
"""

from __future__ import annotations

import datetime as dt
import random
import re
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
    values_corpus()
    import bad_layout  # the layout cases (issue 20, part B), in their own module

    bad_layout.main(OUT / "layout")


# --- Issue 20, part A: values and files that used to be misread or lost (one fault each) ---------------------

ERROR_ROWS = [  # (id, members, income, marks): error cells as Excel writes them (t="e", cached value)
    ("E-01", 4, 1_000_000, ["x", "x", "#REF!"] + [""] * 9),   # 2 marks + #REF!: undetermined, not near-poor
    ("E-02", "#DIV/0!", 2_500_000, [""] * 12),                 # members unknown: rejected (no 0-person household)
    ("E-03", 3, "#N/A", [""] * 12),                            # income unknown: undetermined
    ("#VALUE!", 5, 3_000_000, [""] * 12),                      # id unknown: made from file and row
    ("E-05", 2, 900_000, ["x"] * 3 + [""] * 9),                # fine: poor
    ("E-06", 4, "Err:502", [""] * 12),                         # LibreOffice's error text: income unknown
]
MONEY_ROWS = [  # (id, income as written, income in đồng or None when unreadable)
    ("M-01", "1.600k", 1_600_000), ("M-02", "1,600k", 1_600_000), ("M-03", "1.600 nghìn", 1_600_000),
    ("M-04", "1.60.000", None), ("M-05", "16.00.000", None), ("M-06", "1,5 triệu", 1_500_000),
    ("M-07", "1.500.000", 1_500_000), ("M-08", "5.000", None), ("M-09", "1,5k", None),  # 5.000 đ, 1.500 đ: implausible, unknown
]
MEMBER_ROWS = [("N-01", "4"), ("N-02", "3 tr"), ("N-03", "2k"), ("N-04", 60), ("N-05", "1.000"), ("N-06", 5)]
CSV_HEADER = "Mã hộ,Họ và tên chủ hộ,Xã/Phường,Số nhân khẩu,Thu nhập bình quân đầu người/tháng (đồng),Việc làm"
CSV_LINES = [f"Q-{i:02d},Nguyễn Văn {i},Xã Tân Phú,4,{1_000_000 + i * 100_000}," for i in range(1, 31)]


def error_cells(path: Path) -> None:
    """Cells whose formulas failed (#REF!, #DIV/0!, #N/A, #VALUE!), saved with their error value."""
    wb = _workbook(path)
    ws = wb.add_worksheet("DS")
    ws.write_row(0, 0, HEADERS)
    for r, (hid, members, income, marks) in enumerate(ERROR_ROWS, start=1):
        cells = [hid, "Lê Văn A", "", "", "Xã Tân Phú", members, income, *marks]
        for c, value in enumerate(cells):
            if isinstance(value, str) and value.startswith("#"):
                ws.write_formula(r, c, "=" + value if value == "#REF!" else "=NA()", None, value)
            else:
                ws.write(r, c, value)
    wb.close()


def money_units(path: Path) -> None:
    """Incomes written with units in the cell, and malformed grouping."""
    wb = _workbook(path)
    ws = wb.add_worksheet("DS")
    ws.write_row(0, 0, HEADERS)
    for r, (hid, income, _) in enumerate(MONEY_ROWS, start=1):
        ws.write_row(r, 0, [hid, "Lê Văn A", "", "", "Xã Tân Phú", 4, income])
    wb.close()


def header_units(path: Path, unit: str, values: list) -> None:
    """An income column whose header names its unit ("(nghìn đồng)"), the values written without it."""
    wb = _workbook(path)
    ws = wb.add_worksheet("DS")
    ws.write_row(0, 0, ["Mã hộ", "Xã/Phường", "Số nhân khẩu", f"Thu nhập bình quân đầu người/tháng ({unit})"])
    for r, value in enumerate(values, start=1):
        ws.write_row(r, 0, [f"U-{r}", "Xã Tân Phú", 4, value])
    wb.close()


def member_money(path: Path) -> None:
    """Member counts written like money ("3 tr", "2k") or far beyond a household."""
    wb = _workbook(path)
    ws = wb.add_worksheet("DS")
    ws.write_row(0, 0, HEADERS)
    for r, (hid, members) in enumerate(MEMBER_ROWS, start=1):
        ws.write_row(r, 0, [hid, "Lê Văn A", "", "", "Xã Tân Phú", members, 1_200_000])
    wb.close()


def numeric_ids(path: Path) -> None:
    """Household ids stored as numbers (the sheet shows 1, 2 and a 17-digit id it has rounded)."""
    wb = _workbook(path)
    ws = wb.add_worksheet("DS")
    ws.write_row(0, 0, HEADERS)
    for r, hid in enumerate([1, 2, 12345678901234567], start=1):
        ws.write_row(r, 0, [hid, "Lê Văn A", "", "", "Xã Tân Phú", 4, 1_200_000])
    wb.close()


def far_cell(path: Path, dimension: bytes) -> None:
    """A 2-household list and one cell at XFD1048576, the sheet's <dimension> replaced by ``dimension`` (b"":
    none). A reader that trusts it builds 17 billion cells."""
    wb = _workbook(path.with_suffix(".tmp"))
    ws = wb.add_worksheet("DS")
    ws.write_row(0, 0, HEADERS)
    ws.write_row(1, 0, ["T-1", "Lê Văn A", "", "", "Xã Tân Phú", 4, 1_000_000])
    ws.write(1_048_575, 16_383, ".")
    wb.close()
    _rewrite_part(path.with_suffix(".tmp"), path, "xl/worksheets/sheet1.xml",
                  lambda data: re.sub(rb'<dimension ref="[^"]*"/>', dimension, data))


def long_shared_string(path: Path) -> None:
    """One shared string of 600 million characters (0.6 MB packed): 3.5 GB once a reader holds it."""
    small_workbook(path.with_suffix(".tmp"))
    with zipfile.ZipFile(path.with_suffix(".tmp")) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(item.filename)
            if item.filename != "xl/sharedStrings.xml":
                dst.writestr(info, data)
                continue
            head, tail = data.split("<t>Lê Văn A</t>".encode(), 1)
            with dst.open(info, "w", force_zip64=True) as part:
                part.write(head + b"<t>")
                block = b"A" * (60 << 20)
                for _ in range(10):
                    part.write(block)
                part.write(b"</t>" + tail)
    path.with_suffix(".tmp").unlink()


def repeated_columns_ods(path: Path) -> None:
    """A 1 KB .ods whose last row repeats a value over 16,384 columns and a million rows."""
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    row = "<table:table-row>{}</table:table-row>"
    header = row.format("".join(cell.format(h) for h in ["Mã hộ", "Xã/Phường", "Số nhân khẩu", "Thu nhập"]))
    household = row.format("".join(cell.format(v) for v in ["R-1", "Xã Tân Phú", "4", "1000000"]))
    flood = ('<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated='
             '"16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>')
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="DS">'
               f"{header}{household}{flood}</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type='
                '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype", ZIP_TIME), "application/vnd.oasis.opendocument.spreadsheet")
        for name, data in (("content.xml", content), ("META-INF/manifest.xml", manifest)):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def _rewrite_part(source: Path, path: Path, part: str, change) -> None:
    """Copy a workbook, changing one part's bytes; ``source`` is removed."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            info = zipfile.ZipInfo(item.filename, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, change(data) if item.filename == part else data)
    source.unlink()


def csv_files() -> None:
    """The same 30 households as CSV written in ways that used to lose or misread rows."""
    def write(name: str, lines: list[str], *, end: str = "\n", encoding: str = "utf-8") -> None:
        (OUT / name).write_bytes(end.join(lines + [""]).encode(encoding))

    unclosed = list(CSV_LINES)
    unclosed[4] = unclosed[4].replace("Nguyễn", '"Nguyễn')  # line 6: a quote opened, never closed
    write("csv-quote-unclosed.csv", [CSV_HEADER] + unclosed)
    stray = list(unclosed)
    stray[11] = stray[11].replace(",Xã", '",Xã')  # line 13: a second stray quote closes the first
    write("csv-quote-stray.csv", [CSV_HEADER] + stray)
    write("csv-trailing-comma.csv", [CSV_HEADER] + [line + "," for line in CSV_LINES])
    whole = list(CSV_LINES)
    whole[6] = '"' + whole[6] + '"'  # line 8: the whole row inside one quoted cell
    write("csv-whole-row-in-a-cell.csv", [CSV_HEADER] + whole)
    write("csv-sep-line.csv", ["sep=;", CSV_HEADER.replace(",", ";")] + [line.replace(",", ";") for line in CSV_LINES])
    write("csv-cr-only.csv", [CSV_HEADER] + CSV_LINES, end="\r")
    write("csv-utf16-no-bom.csv", [CSV_HEADER] + CSV_LINES, encoding="utf-16-le")
    # A household list given to --columns by mistake (larger than a mapping may be).
    write("survey-as-columns.csv", [CSV_HEADER] + CSV_LINES)
    (OUT / "plan-grouped.csv").write_text("Đơn vị,Chỉ tiêu,Mức thay đổi\nTổng,Giảm số hộ nghèo,1.200\n"
                                          "Tổng,Giảm tỷ lệ hộ nghèo,\"0,5\"\n", encoding="utf-8")


def parquet_files() -> None:
    """Columns of Arrow types no sheet has; one nested column."""
    import datetime as dt
    import decimal

    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 3
    base = {"Mã hộ": pa.array(["P-1", "P-2", "P-3"]), "Xã/Phường": pa.array(["Xã Tân Phú"] * n),
            "Số nhân khẩu": pa.array([4, 4, 4]).dictionary_encode(),
            "Thu nhập bình quân đầu người/tháng (đồng)": pa.array([decimal.Decimal("1000000.00")] * n,
                                                                   type=pa.decimal128(12, 2))}
    odd = {"Ngày rà soát": pa.array([dt.datetime(2024, 10, 1, 8)] * n, type=pa.timestamp("us", tz="Asia/Ho_Chi_Minh")),
           "Ngày sinh chủ hộ": pa.array([dt.date(1970, 1, 1)] * n), "Giờ": pa.array([dt.time(8, 30)] * n),
           "Thời gian": pa.array([60] * n, type=pa.duration("s")), "Mã vạch": pa.array([b"ab", b"\xff", None])}
    pq.write_table(pa.table({**base, **odd}), OUT / "parquet-odd-types.parquet")
    pq.write_table(pa.table({**base, "Thành viên": pa.array([[1, 2], [3], []])}), OUT / "parquet-nested.parquet")


# Trust in values (issue 20, follow-up): (id, members, income, marks) written by openpyxl, whose formulas have
# no saved value; None is a blank cell.
UNSAVED_ROWS = [
    ("S-01", 4, 1_000_000, ['=IF(1>0,"x","")', "x", "x"]),  # 2 marks + an unsaved one: undetermined, not near-poor
    ("S-02", "=2+2", 1_000_000, ["x", "x", "x"]),          # members unsaved: rejected
    ("S-03", 4, "=1000000*1", ["", "", ""]),                # income unsaved: undetermined, named
    ("S-04", 4, 3_000_000, ["", "", ""]),                    # fine: not poor
]
IMPLAUSIBLE_ROWS = [  # (id, members, income): one income written in thousands among incomes in đồng
    ("I-01", 4, 3_000_000), ("I-02", 4, 2_130), ("I-03", 3, 2_500_000), ("I-04", 5, 1_200_000),
]
BLANK_ROWS = [  # (id, members, income): blank members, blank income
    ("K-01", 4, 3_000_000), ("K-02", None, 3_000_000), ("K-03", 4, None), ("K-04", 2, 1_000_000),
]
SHORT_HEADERS = ["Mã hộ", "Xã/Phường", "Số nhân khẩu", "Thu nhập bình quân đầu người/tháng (đồng)",
                 *INDICATORS[:3]]


def openpyxl_rows(path: Path, rows: list[tuple], headers: list[str] = SHORT_HEADERS) -> None:
    """A sheet "DS" as a script writes it with openpyxl: a formula is stored without a saved value."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DS"
    ws.append(headers)
    for hid, members, income, *marks in rows:
        ws.append([hid, "Xã Tân Phú", members, income, *(marks[0] if marks else ["", "", ""])])
    wb.properties.created = wb.properties.modified = dt.datetime(2000, 1, 1)
    wb.save(path)


def wrong_unit_column(path: Path, unit: str, values: list) -> None:
    """A whole income column in another unit than its header says (đồng values under "(nghìn đồng)", or
    thousands under "(đồng)")."""
    header_units(path, unit, values)


def trust_corpus() -> None:
    """Values that decided a household though they cannot be trusted (issue 20 follow-up)."""
    openpyxl_rows(OUT / "unsaved-formulas.xlsx", UNSAVED_ROWS)
    openpyxl_rows(OUT / "income-implausible.xlsx", IMPLAUSIBLE_ROWS)
    openpyxl_rows(OUT / "blank-members-income.xlsx", BLANK_ROWS)
    wrong_unit_column(OUT / "unit-column-dong-as-thousands.xlsx", "nghìn đồng",
                      [2_500_000, 1_600_000, 3_000_000, 1_200_000, 2_000])
    wrong_unit_column(OUT / "unit-column-thousands-as-dong.xlsx", "đồng", [2_500, 1_600, 3_000, 1_200_000, 2_000])


def values_corpus() -> None:
    """Every file of part A of issue 20."""
    trust_corpus()
    error_cells(OUT / "error-cells.xlsx")
    money_units(OUT / "money-units.xlsx")
    header_units(OUT / "income-thousands.xlsx", "nghìn đồng", [2_500, "1.600", "1,2"])
    header_units(OUT / "income-millions.xlsx", "triệu đồng", ["1,2", 2, "800k"])
    member_money(OUT / "members-as-money.xlsx")
    numeric_ids(OUT / "numeric-ids.xlsx")
    far_cell(OUT / "far-cell-no-dimension.xlsx", b"")
    far_cell(OUT / "far-cell-lying-dimension.xlsx", b'<dimension ref="A1:S2"/>')
    long_shared_string(OUT / "long-shared-string.xlsx")
    repeated_columns_ods(OUT / "repeated-columns.ods")
    csv_files()
    parquet_files()
    if shutil.which("soffice"):  # the same error cells as LibreOffice and Excel 97-2003 save them
        import os
        import tempfile

        with tempfile.TemporaryDirectory() as home:  # a private profile: parallel runs do not collide
            for kind in ("ods", "xls"):
                subprocess.run(["soffice", "--headless", "--convert-to", kind, "--outdir", str(OUT),
                                str(OUT / "error-cells.xlsx")], check=True, capture_output=True, timeout=300,
                               env={**os.environ, "HOME": home})


if __name__ == "__main__":
    main()
