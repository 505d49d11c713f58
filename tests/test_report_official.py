"""The report as an official signs it (issue 14): the official flow columns (thoát nghèo, tái nghèo, phát sinh
with % of the start and the ethnic-minority sub-columns), "—" for re-entry without --history, the one-line
wording, captions true to each sheet, the targets' units, page breaks, the charts page and the HTML print."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

import povertool
from conftest import HEADERS, SAMPLES, household_row, write_xlsx
from povertool.render.pages import TableHeights, plan_pages

CURRENT = SAMPLES / "an-binh-2024.xlsx"
BASELINE = SAMPLES / "an-binh-2023.xlsx"
PLAN = SAMPLES / "an-binh-plan-2024.toml"
TOTALS = SAMPLES / "an-binh-totals.csv"
FIXED = dt.datetime(2025, 1, 2, 3, 4, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    folder = tmp_path_factory.mktemp("official")
    out, html = folder / "bao-cao.xlsx", folder / "bao-cao.html"
    report = povertool.write_report(CURRENT, out, baseline=BASELINE, plan=PLAN, totals=TOTALS, html=html, generated=FIXED)
    progress = povertool.progress(CURRENT, baseline=BASELINE, totals=TOTALS)
    return report, openpyxl.load_workbook(out), progress, html.read_text("utf-8")


def rows_of(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def official_block(ws) -> dict[str, list]:
    """The first table of a flow sheet (the official aggregates), keyed by unit."""
    block, started = {}, False
    for row in ws.iter_rows(values_only=True):
        if row[0] == "Đơn vị":
            if started:
                break
            started = True
            continue
        if started and isinstance(row[0], str) and any(isinstance(v, (int, float)) for v in row[1:]):
            block[row[0]] = list(row[1:])
    return block


def test_official_poor_flow_adds_the_detail_codes_with_pct_of_start_and_dtts(town):
    report, wb, progress, _ = town
    ws = wb["2. Diễn biến hộ nghèo"]
    words = {v for r in rows_of(ws) for v in r if isinstance(v, str)}
    assert {"Thoát nghèo", "Tái nghèo", "Hộ nghèo phát sinh", "Tỷ lệ so với đầu kỳ (%)", "Trong đó hộ DTTS"} <= words
    block = official_block(ws)
    table = progress.flows.table("poor")
    coded = progress.flows.households
    for rec in table.to_dict("records"):
        name = "Tổng cộng" if rec["unit"] == "total" else rec["unit"]
        start, start_em, left, left_pct, left_em, re, re_pct, re_em, new, new_pct, new_em, end, end_em = block[name][:13]
        assert (start, end) == (rec["start"], rec["end"])
        assert left == rec["to_near_poor"] + rec["escaped"]
        assert new == rec["from_near_poor"] + rec["new_poor"]
        assert left_pct == pytest.approx(left / start * 100) and new_pct == pytest.approx(new / start * 100)
        assert (re, re_pct, re_em) == ("—", "—", "—")  # no --history: not known, never 0
        in_unit = coded if rec["unit"] == "total" else coded[coded["commune"] == rec["unit"]]
        em = in_unit["ethnic_minority"].astype("boolean").fillna(False)
        assert start_em == int(((in_unit["status_before"] == "poor") & em).sum())
        assert end_em == int(((in_unit["status_now"] == "poor") & em).sum())
        assert left_em == int((in_unit["poor_flow"].isin(["to_near_poor", "escaped"]) & em).sum())
        assert new_em == int((in_unit["poor_flow"].isin(["from_near_poor", "new_poor"]) & em).sum())
    total = povertool.summarise(povertool.classify(CURRENT), totals=TOTALS).units.iloc[-1]
    assert block["Tổng cộng"][12] == total["ethnic_minority_poor"]  # DTTS at the end = the summary's count
    notes = " ".join(v for r in rows_of(ws) for v in r if isinstance(v, str))
    assert "--history" in notes and "Tái nghèo ghi “—”" in notes


def test_near_poor_flow_and_the_one_line_wording(town):
    _, wb, progress, _ = town
    ws = wb["3. Diễn biến hộ cận nghèo"]
    words = {v for r in rows_of(ws) for v in r if isinstance(v, str)}
    assert {"Thoát cận nghèo", "Tái cận nghèo", "Hộ cận nghèo phát sinh"} <= words
    # vn-2022 has one income line: leaving both lists is "thu nhập trên chuẩn nghèo", not "vượt chuẩn cận nghèo"
    assert "Thoát cận nghèo (thu nhập trên chuẩn nghèo)" in words
    assert "Thoát nghèo (thu nhập trên chuẩn nghèo)" in {v for r in rows_of(wb["2. Diễn biến hộ nghèo"]) for v in r}
    assert not any("vượt chuẩn cận nghèo" in w for w in words)
    rec = progress.flows.table("near_poor").iloc[-1]
    total = official_block(ws)["Tổng cộng"]
    assert total[2] == rec["escaped"] and total[8] == rec["from_poor"] + rec["new_near_poor"]


def _round(path, year, poor, near, other, ethnic=None):
    rows = []
    for hid in poor:
        rows.append(household_row(hid, marks=4) + [ethnic.get(hid, "Kinh") if ethnic else None])
    for hid in near:
        rows.append(household_row(hid, marks=1) + [ethnic.get(hid, "Kinh") if ethnic else None])
    for hid in other:
        rows.append(household_row(hid, income=5_000_000) + [ethnic.get(hid, "Kinh") if ethnic else None])
    headers = HEADERS + (["Dân tộc"] if ethnic else [])
    write_xlsx(path, [[f"DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC RÀ SOÁT NĂM {year}"], [], headers,
                      *[r if ethnic else r[:-1] for r in rows]])
    return str(path)


def test_history_fills_re_entry_and_vn2016_keeps_its_near_poor_line(tmp_path):
    ethnic = {"H3": "Tày", "H7": "Tày"}
    y22 = _round(tmp_path / "a.xlsx", 2022, ["H1", "H2", "H3"], [], ["H7"], ethnic)
    y23 = _round(tmp_path / "b.xlsx", 2023, ["H1"], ["H2"], ["H3", "H7"], ethnic)
    y24 = _round(tmp_path / "c.xlsx", 2024, ["H1", "H2", "H3", "H4"], [], ["H7"], ethnic)
    totals = tmp_path / "totals.csv"
    totals.write_text("Năm,Xã/Phường,Tổng số hộ,Tổng số nhân khẩu\n" + "".join(
        f"{y},Xã Tân Phú,100,400\n" for y in (2022, 2023, 2024)), encoding="utf-8")
    out = tmp_path / "r.xlsx"
    povertool.write_report(y24, out, baseline=y23, history=[y22], totals=totals, generated=FIXED)
    block = official_block(openpyxl.load_workbook(out)["2. Diễn biến hộ nghèo"])
    start, start_em, left, _, _, re, re_pct, re_em, new, _, _, end, end_em = block["Tổng cộng"][:13]
    assert (start, end) == (1, 4)
    assert (re, re_pct, re_em) == (1, 100.0, 1)  # H3: poor in 2022, not in 2023, poor again; ethnic minority
    assert new == 2  # H2 from near-poor, H4 newly poor
    # Under vn-2016 (two lines) the column keeps "vượt chuẩn cận nghèo".
    out16 = tmp_path / "r16.xlsx"
    povertool.write_report(y24, out16, baseline=y23, standard="vn-2016", totals=totals, generated=FIXED)
    words = {v for r in rows_of(openpyxl.load_workbook(out16)["2. Diễn biến hộ nghèo"]) for v in r if isinstance(v, str)}
    assert "Thoát nghèo (vượt chuẩn cận nghèo)" in words


def test_captions_match_each_sheets_denominator_and_units(town):
    _, wb, _, _ = town
    area = "tổng số hộ dân cư"
    assert area in wb["1. Kết quả"]["A5"].value
    for sheet, group in (("5. Thiếu hụt HN (%)", "hộ nghèo"), ("7. Thiếu hụt HCN (%)", "hộ cận nghèo")):
        basis = wb[sheet]["A5"].value
        assert f"tính trên tổng số {group} của đơn vị" in basis and area not in basis
    for sheet in ("4. Thiếu hụt HN (số hộ)", "8. Nhóm đối tượng"):
        assert area not in wb[sheet]["A5"].value  # counts only: no rate, no denominator
    assert wb["4. Thiếu hụt HN (số hộ)"]["A6"].value == "Đơn vị tính: hộ, lượt"
    assert wb["5. Thiếu hụt HN (%)"]["A6"].value == "Đơn vị tính: hộ, %"
    assert wb["8. Nhóm đối tượng"]["A6"].value == "Đơn vị tính: hộ"
    assert wb["12-13. Theo nhóm hộ"]["A6"].value == "Đơn vị tính: hộ, %"  # no persons column, no "người"
    assert wb["1. Kết quả"]["A6"].value == "Đơn vị tính: hộ, người, %"


def test_plan_pages_never_leaves_headers_or_the_signature_alone():
    rows = [15.0] * 60
    plan = plan_pages(100, [TableHeights(0, 50, rows)], trailing=120, capacity=500)
    breaks = plan.row_breaks[0]
    assert breaks and all(0 < b < len(rows) for b in breaks)
    last = breaks[-1]
    assert 50 + 15 * (len(rows) - last) + 120 <= 500  # the last rows, the notes and the signature share a page
    # A table that fits on a page of its own starts the next page rather than being cut.
    plan = plan_pages(100, [TableHeights(15, 50, [15.0] * 10), TableHeights(15, 50, [15.0] * 15)], 90, 500)
    assert plan.new_page == [False, True] and plan.row_breaks == [[], []]
    # Exactly full: the signature would be alone, so the last rows come with it.
    plan = plan_pages(0, [TableHeights(0, 20, [20.0] * 24)], trailing=60, capacity=500)
    assert plan.row_breaks[0] == [21]


def test_long_sheets_break_between_rows_with_the_header_again(tmp_path):
    out = tmp_path / "villages.xlsx"
    povertool.write_report(CURRENT, out, totals=TOTALS, by="commune,village", generated=FIXED)
    wb = openpyxl.load_workbook(out)
    for ws in wb.worksheets[1:]:
        breaks = [b.id for b in ws.row_breaks.brk]
        values = rows_of(ws)
        for b in breaks:
            # the row that starts a page is a data row, or a header band followed by data rows
            first = values[b]
            assert first[0] is not None, (ws.title, b)
        if breaks:
            after = values[breaks[-1]:]
            data = [r for r in after if isinstance(r[1], (int, float)) or isinstance(r[0], int)]
            assert data, ws.title  # never a page with only the header and the signature
    poor_list = wb["14. DS hộ nghèo"]
    assert poor_list.print_title_rows  # one table: the sheet repeats its header band


def test_charts_page_is_one_landscape_page_with_title_and_signature(town):
    _, wb, _, _ = town
    ws = wb["Biểu đồ"]
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.fitToHeight or 1) == 1 and int(ws.page_setup.fitToWidth or 1) == 1  # 1 is the default
    texts = [v for r in rows_of(ws) for v in r if isinstance(v, str)]
    assert "BIỂU ĐỒ KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024" in texts
    assert "NGƯỜI LẬP BIỂU" in texts and "CHỦ TỊCH" in texts
    anchors = sorted((c.anchor._from.row, c.anchor._from.col) for c in ws._charts)
    assert len(anchors) == 2 and anchors[0][0] == anchors[1][0]  # side by side on the same rows


def test_html_prints_a4_landscape_with_headers_repeated_and_signature_whole(town):
    _, _, _, html = town
    assert "@page{size:A4 landscape" in html
    assert "thead{display:table-header-group}" in html and "<thead>" in html
    assert '<div class="sheet-end">' in html and ".sheet-end{break-inside:avoid" in html


def cover_text(wb) -> str:
    return "\n".join(" | ".join(str(v) for v in r if v is not None) for r in wb.worksheets[0].iter_rows(values_only=True))


def test_cover_area_from_the_title_rows_and_units_counted(town):
    report, wb, _, _ = town
    assert report.authority == "UBND THỊ XÃ AN BÌNH"  # the lists' title "UBND THỊ XÃ AN BÌNH"
    assert wb["Bìa"]["A1"].value == "UBND THỊ XÃ AN BÌNH" and wb["1. Kết quả"]["A1"].value == "UBND THỊ XÃ AN BÌNH"
    assert "Địa bàn | Thị xã An Bình (9 đơn vị cấp xã)" in cover_text(wb)


def _list(path, rows, title="DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC RÀ SOÁT NĂM 2024"):
    write_xlsx(path, [[title], [], HEADERS, *rows])
    return path


def test_cover_single_commune_few_communes_and_the_totals_spelling(tmp_path):
    one = _list(tmp_path / "one.xlsx", [household_row(f"A{i}", marks=4) for i in range(3)])
    totals = tmp_path / "totals.csv"
    totals.write_text("Xã/Phường,Tổng số hộ,Tổng số nhân khẩu\nXã Tân Phú,100,400\nPhường An Lạc,200,800\n"
                      "Thị trấn Phú Mỹ,50,200\n", encoding="utf-8")
    report = povertool.write_report(one, tmp_path / "one-r.xlsx", totals=totals, generated=FIXED)
    assert report.authority == "UBND XÃ TÂN PHÚ" and report.area.startswith("Xã Tân Phú")
    # Abbreviations are the same unit as the full name, printed with the totals file's spelling.
    rows = [household_row("B1", marks=4, commune="P. An Lạc"), household_row("B2", marks=4, commune="Phường An Lạc"),
            household_row("B3", marks=1, commune="TT. Phú Mỹ"), household_row("B4", marks=4, commune="X.Tân Phú")]
    few = _list(tmp_path / "few.xlsx", rows)
    out = tmp_path / "few-r.xlsx"
    report = povertool.write_report(few, out, totals=totals, generated=FIXED)
    assert report.authority.startswith("UBND ....")  # nothing names the area: a line to fill in
    assert report.area == "Phường An Lạc, Thị trấn Phú Mỹ, Xã Tân Phú"  # few communes: named on the cover
    names = [r[0] for r in openpyxl.load_workbook(out)["1. Kết quả"].iter_rows(values_only=True)
             if isinstance(r[1], (int, float))]
    assert names == ["I. Thành thị", "Phường An Lạc", "Thị trấn Phú Mỹ", "II. Nông thôn", "Xã Tân Phú", "Tổng cộng"]
    result = {r[0]: r[3] for r in openpyxl.load_workbook(out)["1. Kết quả"].iter_rows(values_only=True)}
    assert result["Phường An Lạc"] == 2  # "P. An Lạc" and "Phường An Lạc" counted as one ward


def test_local_zone_is_viet_nam_when_none_is_set(tmp_path):
    import os

    from povertool.api.report import local_zone

    utc = tmp_path / "localtime"
    utc.symlink_to("/usr/share/zoneinfo/Etc/UTC")
    zone = local_zone(environ={}, localtime=utc)
    assert dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc).astimezone(zone).hour == 7
    assert local_zone(environ={}, localtime=tmp_path / "missing").utcoffset(None) == dt.timedelta(hours=7) \
        or str(local_zone(environ={}, localtime=tmp_path / "missing")) == "Asia/Ho_Chi_Minh"
    if os.name != "nt":  # with TZ set, the machine's own zone
        assert local_zone(environ={"TZ": "UTC"}, localtime=utc) == dt.datetime.now().astimezone().tzinfo


def test_flow_tables_in_urban_and_rural_blocks(town):
    _, wb, progress, _ = town
    block = official_block(wb["2. Diễn biến hộ nghèo"])
    names = list(block)
    assert names[0] == "I. Thành thị" and names[6] == "II. Nông thôn" and names[-1] == "Tổng cộng"
    table = progress.flows.table("poor")
    wards = table[table["unit"].str.startswith("Phường")]
    urban = block["I. Thành thị"]
    assert urban[0] == wards["start"].sum()
    assert urban[2] == (wards["to_near_poor"] + wards["escaped"]).sum()
    assert urban[3] == pytest.approx(urban[2] / urban[0] * 100)  # the block's %, over the block's start
    assert block["I. Thành thị"][0] + block["II. Nông thôn"][0] == block["Tổng cộng"][0]


def test_no_blocks_when_a_unit_lies_in_both_areas(tmp_path):
    rows = [household_row("C1", marks=4, commune="Xã Tân Phú") + ["Thành thị"],
            household_row("C2", marks=4, commune="Xã Tân Phú") + ["Nông thôn"],
            household_row("C3", marks=1, commune="Phường An Lạc") + ["Thành thị"]]
    path = tmp_path / "mixed.xlsx"
    write_xlsx(path, [["DANH SÁCH NĂM 2024"], [], HEADERS + ["Khu vực"], *rows])
    totals = tmp_path / "t.csv"
    totals.write_text("Xã/Phường,Tổng số hộ\nXã Tân Phú,100\nPhường An Lạc,80\n", encoding="utf-8")
    out = tmp_path / "m.xlsx"
    povertool.write_report(path, out, totals=totals, generated=FIXED)
    texts = [v for r in rows_of(openpyxl.load_workbook(out)["1. Kết quả"]) for v in r if isinstance(v, str)]
    assert "I. Thành thị" not in texts
    assert any("Không chia khối thành thị/nông thôn" in v and "Xã Tân Phú" in v for v in texts)


def test_progress_table_shows_re_entry_unknown_without_history(cli):
    result = cli("progress", "--baseline", BASELINE, "--current", CURRENT, "--totals", TOTALS)
    assert result.exit_code == 0, result.stderr
    assert "Tái nghèo ghi “—”" in result.stdout and "--history" in result.stdout
