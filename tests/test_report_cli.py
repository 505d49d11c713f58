"""povertool report from the command line on tiny workbooks: exit codes and stdout/stderr apart, sheets the data
cannot fill listed on the cover, --redact leaves no full name in the file, --html works offline, --history
gives the trend sheet and a line chart, text stays text."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest

from conftest import HEADERS, SAMPLES, household_row, write_xlsx
from povertool.render.report_lists import initials

NAMES = ["Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hữu Phước", "Phạm Minh Đức"]


def review_list(path, year: int, rows: list[list]) -> str:
    """A review list with a title row naming the year, then the clean header and the households."""
    write_xlsx(path, [[f"DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC RÀ SOÁT NĂM {year}"], [], HEADERS, *rows])
    return str(path)


def households(poor_ids: list[str], near_ids: list[str], other_ids: list[str] = ()) -> list[list]:
    """Poor: income under the line and 4 marks; near-poor: 1 mark; others above the line."""
    rows = []
    for i, hid in enumerate(poor_ids):
        rows.append(household_row(hid, marks=4, name=NAMES[i % len(NAMES)], commune="Xã Tân Phú" if i % 2 else "Xã Mỹ Lộc"))
    for i, hid in enumerate(near_ids):
        rows.append(household_row(hid, marks=1, name=NAMES[(i + 1) % len(NAMES)]))
    for hid in other_ids:
        rows.append(household_row(hid, income=5_000_000, name="Đỗ Văn Khánh"))
    return rows


@pytest.fixture
def rounds(tmp_path):
    """Three rounds 2022–2024 of a tiny commune list."""
    y22 = review_list(tmp_path / "ds-2022.xlsx", 2022, households(["H1", "H2", "H3", "H4"], ["H5"], ["H6"]))
    y23 = review_list(tmp_path / "ds-2023.xlsx", 2023, households(["H1", "H2", "H3"], ["H4", "H5"], ["H6"]))
    y24 = review_list(tmp_path / "ds-2024.xlsx", 2024, households(["H1", "H2"], ["H3", "H4"], ["H5", "H6"]))
    return y22, y23, y24


@pytest.fixture
def vietnam_time(monkeypatch):
    """The process in Viet Nam's time zone for one test, then back."""
    import time

    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_exit_0_stdout_lists_sheets_stderr_says_what_was_written(cli, rounds, tmp_path, monkeypatch, vietnam_time):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    out = tmp_path / "bao-cao.xlsx"
    result = cli("report", "--census", "--current", rounds[2], "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "1. Kết quả" in result.stdout and "Đã ghi" not in result.stdout
    assert f"Đã ghi {out}" in result.stderr and "1. Kết quả" not in result.stderr
    assert "không có danh sách năm gốc" in result.stderr  # no baseline: flows skipped, said on stderr
    wb = openpyxl.load_workbook(out)
    assert "2. Diễn biến hộ nghèo" not in wb.sheetnames and "9. Dân tộc" not in wb.sheetnames
    cover = "\n".join(str(v) for r in wb["Bìa"].iter_rows(values_only=True) for v in r if v is not None)
    assert "DIỄN BIẾN HỘ NGHÈO" in cover and "không có danh sách năm gốc" in cover
    assert "DÂN TỘC" in cover and "01/01/2025 07:00 (giờ GMT+07:00)" in cover  # local time, not UTC
    assert "--redact" not in cover


def test_usage_and_output_errors(cli, rounds, tmp_path):
    missing = cli("report", "-o", tmp_path / "x.xlsx")
    assert missing.exit_code == 2 and missing.stdout == ""
    wrong = cli("report", "--census", "--current", rounds[2], "-o", tmp_path / "x.csv")
    assert wrong.exit_code == 1 and wrong.stdout == "" and ".xlsx" in wrong.stderr
    over = cli("report", "--census", "--current", rounds[2], "-o", rounds[2])
    assert over.exit_code == 1 and "không bao giờ ghi đè tệp đầu vào" in over.stderr
    html = cli("report", "--census", "--current", rounds[2], "-o", tmp_path / "x.xlsx", "--html", tmp_path / "x.txt")
    assert html.exit_code == 1 and ".html" in html.stderr
    lang = cli("report", "--census", "--current", rounds[2], "-o", tmp_path / "x.xlsx", "--lang", "fr")
    assert lang.exit_code == 2
    assert not (tmp_path / "x.xlsx").exists()


def test_history_gives_flows_trend_sheet_and_a_line_chart(cli, rounds, tmp_path):
    out = tmp_path / "bao-cao.xlsx"
    result = cli("report", "--census", "--current", rounds[2], "--baseline", rounds[1], "--history", rounds[0], "-o", out, "-q")
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(out)
    assert {"2. Diễn biến hộ nghèo", "3. Diễn biến hộ cận nghèo", "Xu hướng", "Biểu đồ"} <= set(wb.sheetnames)
    years = [r[0] for r in wb["Xu hướng"].iter_rows(values_only=True) if r[0] in ("2022", "2023", "2024")]
    assert years == ["2022", "2023", "2024"]  # years are text, not numbers with separators
    poor = [r[2] for r in wb["Xu hướng"].iter_rows(values_only=True) if r[0] in ("2022", "2023", "2024")]
    assert poor == [4, 3, 2]
    with zipfile.ZipFile(out) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert sum("<c:lineChart>" in c for c in charts) == 1


def test_redact_leaves_no_full_name_in_the_workbook_or_html(cli, rounds, tmp_path):
    out, html = tmp_path / "niem-yet.xlsx", tmp_path / "niem-yet.html"
    result = cli("report", "--census", "--current", rounds[2], "--baseline", rounds[1], "-o", out, "--html", html, "--redact")
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as z:
        xml = "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    text = html.read_text("utf-8")
    for name in [*NAMES, "Đỗ Văn Khánh"]:
        assert name not in xml and name not in text
        for word in name.split()[1:]:  # not even the given names in the lists
            assert f">{word}<" not in xml
    assert "N.V.A." in xml and "N.V.A." in text
    wb = openpyxl.load_workbook(out)
    ws = wb["14. DS hộ nghèo"]
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "STT")
    assert header == ("STT", "Mã hộ", "Chủ hộ (viết tắt)", "Xã/Phường")
    assert ws.page_setup.orientation == "portrait"


def test_unredacted_list_names_the_head(cli, rounds, tmp_path):
    out = tmp_path / "bao-cao.xlsx"
    assert cli("report", "--census", "--current", rounds[2], "-o", out, "-q").exit_code == 0
    ws = openpyxl.load_workbook(out)["14. DS hộ nghèo"]
    names = {r[2] for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)}
    assert names == {"Nguyễn Văn An", "Trần Thị Bích Ngọc"}


def test_html_is_self_contained(cli, rounds, tmp_path):
    html = tmp_path / "bao-cao.html"
    result = cli("report", "--census", "--current", rounds[2], "--baseline", rounds[1], "--history", rounds[0],
                 "-o", tmp_path / "b.xlsx", "--html", html, "-q")
    assert result.exit_code == 0, result.stderr
    text = html.read_text("utf-8")
    assert not re.search(r"https?://", text)
    assert "<script" not in text and "<link" not in text and "@import" not in text and "url(" not in text
    assert text.count("<svg") == 3  # rates by unit, deprivations, trend
    assert "<polyline" in text and "BIỂU 2. DIỄN BIẾN HỘ NGHÈO" in text
    assert "Tổng cộng" in text and "<style>" in text


def test_text_that_looks_like_a_formula_stays_text(cli, tmp_path):
    rows = [household_row("F1", marks=4, name="=HYPERLINK(\"x\",\"y\")"), household_row("F2", marks=4, name="+84 912")]
    src = review_list(tmp_path / "ds.xlsx", 2024, rows)
    out = tmp_path / "bao-cao.xlsx"
    assert cli("report", "--census", "--current", src, "-o", out, "-q").exit_code == 0
    ws = openpyxl.load_workbook(out)["14. DS hộ nghèo"]
    cells = [c for r in ws.iter_rows() for c in r if isinstance(c.value, str) and c.value[:1] in ("=", "+")]
    assert {c.value for c in cells} == {"=HYPERLINK(\"x\",\"y\")", "+84 912"}
    assert all(c.data_type == "s" for c in cells)


def test_english_report_from_the_cli(cli, tmp_path):
    out = tmp_path / "report.xlsx"
    result = cli("report", "--census", "--current", SAMPLES / "an-binh-2024.xlsx", "-o", out, "--lang", "en", "-q")
    assert result.exit_code == 0, result.stderr
    assert "1. Results" in result.stdout and result.stderr == ""
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Cover" and "9. Ethnicity" in wb.sheetnames and "Charts" in wb.sheetnames
    assert not any(re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệ]", n.lower()) for n in wb.sheetnames)


@pytest.mark.parametrize("name, expected", [
    ("Nguyễn Văn An", "N.V.A."), ("Đỗ thị ánh", "Đ.T.Á."), ("  Lê   Hoa ", "L.H."), ("", ""), (None, ""),
    ("Nguye\u0302\u0303n Van", "N.V."),
])
def test_initials(name, expected):
    assert initials(name) == expected


def test_same_input_and_source_date_epoch_give_identical_files(cli, rounds, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    outputs = []
    for n in (1, 2):
        out, html = tmp_path / f"r{n}.xlsx", tmp_path / f"r{n}.html"
        assert cli("report", "--census", "--current", rounds[2], "--baseline", rounds[1], "-o", out, "--html", html, "-q").exit_code == 0
        outputs.append((out.read_bytes(), html.read_bytes()))
    assert outputs[0] == outputs[1]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    bad = cli("report", "--census", "--current", rounds[2], "-o", tmp_path / "r3.xlsx")
    assert bad.exit_code == 2 and "SOURCE_DATE_EPOCH" in bad.stderr and bad.stdout == ""
