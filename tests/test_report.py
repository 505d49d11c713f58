"""povertool report on the bundled town: the workbook's figures are the summary/progress API's, cell by cell;
formatting, print setup, native charts; --lang en; the cover's checksums and fixed time."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile

import openpyxl
import pytest

import povertool
from conftest import SAMPLES

CURRENT = SAMPLES / "an-binh-2024.xlsx"
BASELINE = SAMPLES / "an-binh-2023.xlsx"
PLAN = SAMPLES / "an-binh-plan-2024.toml"
TOTALS = SAMPLES / "an-binh-totals.csv"
FIXED = dt.datetime(2025, 1, 2, 3, 4, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    """The report of the bundled town (vi), and the API results it must agree with."""
    out = tmp_path_factory.mktemp("report") / "bao-cao-2024.xlsx"
    report = povertool.write_report(CURRENT, out, baseline=BASELINE, plan=PLAN, totals=TOTALS, generated=FIXED)
    result = povertool.classify(CURRENT)
    summary = povertool.summarise(result, totals=TOTALS)
    progress = povertool.progress(CURRENT, baseline=BASELINE, plan=PLAN, totals=TOTALS)
    return out, report, summary, progress, openpyxl.load_workbook(out)


def data_rows(ws, first_values: int = 1) -> dict[str, list]:
    """Rows under the header band keyed by their first cell: those with a number after the first cell."""
    rows = {}
    for row in ws.iter_rows(values_only=True):
        if isinstance(row[0], str) and any(isinstance(v, (int, float)) for v in row[first_values:]):
            rows.setdefault(row[0], list(row[1:]))
    return rows


def table_blocks(ws) -> list[dict[str, list]]:
    """Each table of a sheet (split at blank rows and at each header band) as {first cell: values}."""
    blocks, current = [], {}
    for row in ws.iter_rows(values_only=True):
        if all(v is None for v in row) or row[0] in ("Đơn vị", "Unit"):
            if current:
                blocks.append(current)
            current = {}
            continue
        if isinstance(row[0], str) and any(isinstance(v, (int, float)) for v in row[1:]):
            current.setdefault(row[0], list(row[1:]))
    if current:
        blocks.append(current)
    return blocks


def test_results_sheet_is_the_summary_api_cell_by_cell(town):
    _, _, summary, _, wb = town
    rows = data_rows(wb["1. Kết quả"])
    keys = ["households", "persons", "poor_households", "poor_persons", "poor_rate", "near_poor_households",
            "near_poor_persons", "near_poor_rate", "multidimensional_rate", "average_households", "average_persons"]
    units = summary.units
    assert len(rows) == len(units) + 2  # nine communes, the urban and rural blocks and the total
    assert list(rows)[0] == "I. Thành thị" and list(rows)[6] == "II. Nông thôn"  # 5 wards, then 4 communes
    urban = units[units["commune"].str.startswith("Phường", na=False)]
    assert rows["I. Thành thị"][:3] == [urban["households"].sum(), urban["persons"].sum(), urban["poor_households"].sum()]
    assert rows["I. Thành thị"][4] == pytest.approx(urban["poor_households"].sum() / urban["households"].sum() * 100)
    for rec in units.to_dict("records"):
        name = "Tổng cộng" if rec["kind"] == "total" else rec["commune"]
        got = rows[name]
        for k, value in zip(keys, got):
            assert value == pytest.approx(float(rec[k])), (name, k)
    assert rows["Tổng cộng"][0] == 30202  # all households of the town from the totals file, not the review list


def test_flow_sheets_are_the_progress_api(town):
    _, _, _, progress, wb = town
    from povertool.render.flows_view import shown_codes

    for group, sheet in (("poor", "2. Diễn biến hộ nghèo"), ("near_poor", "3. Diễn biến hộ cận nghèo")):
        official, households, persons = table_blocks(wb[sheet])[:3]
        codes = shown_codes(progress, group)
        for measure, block in (("households", households), ("persons", persons)):
            table = progress.flows.table(group, measure)
            shown = [c for c in codes if measure == "persons" or c != "member_change"]
            for rec in table.to_dict("records"):
                name = "Tổng cộng" if rec["unit"] == "total" else rec["unit"]
                # re-entry cannot be known without --history: "—", never 0
                expected = ["—" if c in ("re_poor", "re_near_poor") else rec[c] for c in shown]
                assert block[name][: len(shown)] == expected, (group, measure, name)
        total = progress.flows.table(group).iloc[-1]
        assert total["start"] - total["decreases"] + total["increases"] == total["end"]


def test_deprivation_sheets_are_the_summary_indicator_table(town):
    _, _, summary, _, wb = town
    ind = summary.indicators_table
    for sheet, field in (("4. Thiếu hụt HN (số hộ)", "poor_deprived"), ("5. Thiếu hụt HN (%)", "poor_deprived_pct"),
                         ("6. Thiếu hụt HCN (số hộ)", "near_poor_deprived"), ("7. Thiếu hụt HCN (%)", "near_poor_deprived_pct")):
        rows = data_rows(wb[sheet])
        for rec in summary.units.to_dict("records"):
            name = "Tổng cộng" if rec["kind"] == "total" else rec["commune"]
            expected = ind[ind["row"] == rec["row"]].set_index("indicator").loc[summary.indicators, field].tolist()
            assert rows[name][1:13] == pytest.approx(expected), (sheet, name)
    total = data_rows(wb["4. Thiếu hụt HN (số hộ)"])["Tổng cộng"]
    assert total[13] == summary.units.iloc[-1]["poor_deprivations"]


def test_targets_sheet_is_the_progress_targets(town):
    _, _, _, progress, wb = town
    ws = wb["Chỉ tiêu kế hoạch"]
    rows = [r for r in ws.iter_rows(values_only=True) if r[1] in ("Số hộ nghèo", "Tỷ lệ hộ nghèo", "Số hộ cận nghèo")]
    targets = progress.targets.to_dict("records")
    assert len(rows) == len(targets) == 3
    for row, t in zip(rows, targets):
        assert row[2] == ("%" if t["metric"].endswith("rate") else "hộ")  # a unit on every row
        assert list(row[3:7]) == pytest.approx([t["baseline_published"], t["current_published"], t["actual_change"],
                                                t["target_change"]])
        assert row[8] == ("Đạt" if t["status"] == "met" else "Không đạt")
        assert row[9] == t["still_to_move"]  # the CLI table's "Còn phải giảm"
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Đơn vị")
    assert "Còn phải giảm" in header and "Đơn vị tính" in header
    assert ws["A6"].value == "Đơn vị tính: hộ, %"


def test_groups_and_ethnicity_add_up_to_the_summary(town):
    _, _, summary, _, wb = town
    total = summary.units.iloc[-1]
    groups = data_rows(wb["12-13. Theo nhóm hộ"])
    assert groups["Hộ dân tộc Kinh"][1] + groups["Hộ dân tộc thiểu số"][1] == total["poor_households"]
    em = groups["Hộ dân tộc thiểu số"]  # listed, poor, % of poor, near-poor, % of near-poor
    assert [em[0], em[1], em[3]] == [total["ethnic_minority_households"], total["ethnic_minority_poor"],
                                     total["ethnic_minority_near_poor"]]
    assert em[2] == pytest.approx(total["ethnic_minority_poor"] / total["poor_households"] * 100)
    ethnic = data_rows(wb["9. Dân tộc"])
    assert ethnic["Tổng cộng"][1] == total["poor_households"]
    assert ethnic["Tổng cộng"][4] == total["near_poor_households"]
    causes = data_rows(wb["10. Nguyên nhân nghèo"])
    assert causes["Tổng cộng"][0] == total["poor_households"]


def test_named_lists_hold_every_poor_household_once(town):
    _, _, summary, _, wb = town
    ws = wb["14. DS hộ nghèo"]
    ids = [r[1] for r in ws.iter_rows(values_only=True) if isinstance(r[0], int) and isinstance(r[1], str)]
    assert len(ids) == len(set(ids)) == summary.units.iloc[-1]["poor_households"]
    headers = [c.value for c in next(r for r in ws.iter_rows() if r[0].value == "STT")]
    assert "Họ và tên chủ hộ" in headers


def test_formatting_print_setup_and_freeze(town):
    _, report, _, _, wb = town
    ws = wb["1. Kết quả"]
    total_row = next(r for r in ws.iter_rows() if r[0].value == "Tổng cộng")
    assert total_row[1].number_format == "#,##0" and total_row[5].number_format == "0.00"
    assert total_row[0].font.b
    assert any(rng.min_row != rng.max_row for rng in ws.merged_cells.ranges)  # headers merged over two rows
    assert any(rng.min_col != rng.max_col and rng.min_row > 5 for rng in ws.merged_cells.ranges)  # group headers
    assert ws.freeze_panes is not None and ws.freeze_panes.startswith("B")
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    # the scale that fits the columns to the page width, set explicitly so the page breaks can be placed
    from povertool.render.pages import print_scale

    from povertool.render.workbook import _widths

    assert int(ws.page_setup.scale) == print_scale(_widths(report.sheets[0])) and 50 < int(ws.page_setup.scale) <= 100
    assert ws.print_title_rows  # header rows repeated on each printed page
    assert str(ws["A1"].value).startswith("UBND") and ws["A4"].value.startswith("BIỂU 1.")
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)  # no formula anywhere


def test_native_charts_column_and_bar(town):
    out, report, _, _, _ = town
    with zipfile.ZipFile(out) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 2
    directions = sorted(re.search(r'<c:barDir val="(\w+)"', c).group(1) for c in charts)
    assert directions == ["bar", "col"]
    assert [c.key for c in report.charts] == ["rates", "deprivation"]


def test_cover_has_checksums_fixed_time_and_what_was_skipped(town):
    _, _, _, _, wb = town
    assert wb.sheetnames[0] == "Bìa"
    cover = [[v for v in r if v is not None] for r in wb["Bìa"].iter_rows(values_only=True)]
    text = "\n".join(" | ".join(map(str, r)) for r in cover)
    assert hashlib.sha256(CURRENT.read_bytes()).hexdigest() in text
    assert hashlib.sha256(TOTALS.read_bytes()).hexdigest() in text
    assert "02/01/2025 03:04 (giờ GMT+00:00)" in text  # the time given, with its zone
    assert "THIẾU HỤT CỦA TRẺ EM" in text  # 11 cannot be made from household marks
    assert "--history" in text and "Xu hướng" not in wb.sheetnames


def test_english_labels_and_sheet_names(tmp_path):
    out = tmp_path / "report-en.xlsx"
    povertool.write_report(CURRENT, out, totals=TOTALS, lang="en", generated=FIXED)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:2] == ["Cover", "1. Results"]
    assert "2. Poor flow" in wb.sheetnames  # the 2024 list carries 'Phân loại năm trước'
    assert "Total" in data_rows(wb["1. Results"])
    words = {c for r in wb["1. Results"].iter_rows(values_only=True) for c in r if isinstance(c, str)}
    assert {"Poor households", "Near-poor households", "Households"} <= words
    assert wb["1. Results"]["A4"].value.startswith("TABLE 1.")


def test_by_commune_and_village_keeps_flows_and_chart_per_commune(tmp_path):
    out = tmp_path / "villages.xlsx"
    report = povertool.write_report(CURRENT, out, totals=TOTALS, plan=PLAN, by="commune,village", generated=FIXED)
    wb = openpyxl.load_workbook(out)
    results = data_rows(wb["1. Kết quả"])
    assert "Cộng Xã Tân Phú" in results and "Thôn Phú Lâm" in results  # villages with commune subtotals
    flows = table_blocks(wb["2. Diễn biến hộ nghèo"])[0]
    assert "Xã Tân Phú" in flows and "Thôn Phú Lâm" not in flows  # flows and the plan's targets per commune
    rates = next(c for c in report.charts if c.key == "rates")
    assert len(rates.categories) == 9 and "Xã Tân Phú" in rates.categories
