"""One table model, several renderers (issue 17.7): the terminal, the CSV export and the workbooks draw the same
table objects, so a figure, a header or a note cannot differ between them."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from rich.console import Console

import povertool
from conftest import SAMPLES
from povertool.render.flows_view import flow_tables
from povertool.render.summary_view import results_table
from povertool.render.table import COUNT, RATE, TEXT, TOTAL, UNIT, Column, Published, Table
from povertool.render.table_frame import table_frame
from povertool.render.table_terminal import cell_text, terminal_table
from povertool.render.targets_view import targets_table

TOWN = ["--baseline", SAMPLES / "an-binh-2023.xlsx", "--current", SAMPLES / "an-binh-2024.xlsx",
        "--totals", SAMPLES / "an-binh-totals.csv", "--plan", SAMPLES / "an-binh-plan-2024.toml"]


@pytest.fixture(scope="module")
def town():
    return povertool.progress(SAMPLES / "an-binh-2024.xlsx", baseline=SAMPLES / "an-binh-2023.xlsx",
                              totals=SAMPLES / "an-binh-totals.csv", plan=SAMPLES / "an-binh-plan-2024.toml")


def _text(table, width: int = 250) -> str:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(table)
    return console.export_text()


def test_cells_are_written_as_officials_write_them():
    assert cell_text(1234, COUNT, "vi") == "1.234" and cell_text(1234, COUNT, "en") == "1,234"
    assert cell_text(4.031, RATE, "vi") == "4,03%" and cell_text(None, RATE, "vi") == "—"
    assert cell_text(Published(0.3, 0.30060), RATE, "vi") == "0,30% (0,3006%)"
    assert cell_text(-0.04, RATE, "vi", signed=True) == "-0,04" and cell_text(3, COUNT, "en", signed=True) == "+3"
    assert cell_text(0, COUNT, "vi", signed=True) == "0" and cell_text("—", COUNT, "vi") == "—"


def test_one_table_on_the_terminal_and_in_the_export():
    table = Table([Column("Đơn vị", TEXT), Column("Số hộ"), Column("Tỷ lệ", RATE, group="Hộ nghèo"),
                   Column("Ghi chú nội bộ", TEXT, detail=True)],
                  [["Xã A", 1200, Published(0.3, 0.3006), "x"], ["Tổng cộng", 1200, None, "y"]], [UNIT, TOTAL],
                  title="Bảng thử", notes=["Một ghi chú [không phải markup]."])
    shown = _text(terminal_table(table, "vi"))
    assert "Bảng thử" in shown and "1.200" in shown and "0,30% (0,3006%)" in shown
    assert [line for line in shown.splitlines() if "Hộ nghèo" in line]  # the group above its column
    assert [line for line in shown.splitlines() if "Tỷ lệ" in line and "Hộ nghèo" not in line]
    assert "Ghi chú nội bộ" not in shown  # a detail column is exported, not printed
    assert "Một ghi chú [không phải markup]." in shown
    frame = table_frame(table, "vi")
    assert list(frame.columns) == ["Đơn vị", "Số hộ", "Hộ nghèo: Tỷ lệ", "Hộ nghèo: Tỷ lệ (chính xác)", "Ghi chú nội bộ"]
    assert frame.iloc[0].tolist() == ["Xã A", 1200, 0.3, 0.3006, "x"]
    assert table.printed().columns == table.columns[:3] and table.printed().rows[1] == ["Tổng cộng", 1200, None]


def test_two_columns_with_one_header_are_both_exported():
    table = Table([Column("Số hộ"), Column("Số hộ")], [[1, 2]], [UNIT])
    assert table_frame(table).iloc[0].tolist() == [1, 2]


def test_targets_terminal_csv_and_workbook_show_the_same_table(cli, town, tmp_path):
    model = targets_table(town, "vi")
    headers = [c.header for c in model.printed().columns]
    shown = cli("progress", *TOWN, "-q")
    assert shown.exit_code == 0
    for header in headers:
        assert header in shown.stdout
    assert "0,30% (0,3006%)" in shown.stdout and model.notes[0] in shown.stdout

    out = tmp_path / "tien-do.xlsx"
    assert cli("progress", *TOWN, "-q", "-o", out).exit_code == 0
    ws = openpyxl.load_workbook(out)["Chỉ tiêu"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    head = rows.index(headers)
    assert [r[:len(headers)] for r in rows[head + 1:head + 1 + len(model.rows)]] == model.printed().rows

    assert cli("progress", *TOWN, "-q", "-o", tmp_path / "tien-do.csv").exit_code == 0
    exported = list(csv.reader((tmp_path / "tien-do-targets.csv").read_text("utf-8-sig").splitlines()))
    assert exported[0] == list(table_frame(model, "vi").columns)
    assert "Mục tiêu cuối kỳ" in exported[0] and "Năm 2023 (chính xác)" in exported[0]  # exact values and end target


def test_flows_terminal_and_workbook_show_the_same_tables(cli, town, tmp_path):
    tables = flow_tables(town, "poor", "vi")
    shown = cli("progress", *TOWN, "-q")
    for table in tables:
        assert table.title in shown.stdout
    assert tables[-1].notes and all(note in shown.stdout for note in tables[-1].notes)
    out = tmp_path / "tien-do.xlsx"
    assert cli("progress", *TOWN, "-q", "-o", out).exit_code == 0
    ws = openpyxl.load_workbook(out).worksheets[0]
    written = [r for r in ws.iter_rows(values_only=True) if r[0] == "Tổng cộng"]
    def same(row):  # the workbook keeps 15 significant digits
        return [round(v, 9) if isinstance(v, float) else v for v in row]

    assert [same(r[:len(t.columns)]) for r, t in zip(written, tables)] == [same(t.rows[-1]) for t in tables]


def test_summary_terminal_and_workbook_show_the_same_results_table(cli, tmp_path):
    summary = povertool.summarise(SAMPLES / "an-binh-2024.xlsx", by="area,commune", totals=SAMPLES / "an-binh-totals.csv")
    model = results_table(summary, "vi")
    args = ["summary", SAMPLES / "an-binh-2024.xlsx", "--by", "area,commune", "--totals", SAMPLES / "an-binh-totals.csv"]
    shown = cli(*args, "-q")
    assert shown.exit_code == 0
    for row in model.rows:  # every row of the model, in order, on the terminal: the urban/rural blocks too
        assert row[0] in shown.stdout
    names = [line.split("│")[1].strip() for line in shown.stdout.splitlines() if line.startswith("│")]
    assert names[:len(model.rows)] == [row[0] for row in model.rows]
    out = tmp_path / "tong-hop.xlsx"
    assert cli(*args, "-q", "-o", out).exit_code == 0
    ws = openpyxl.load_workbook(out).worksheets[0]
    written = [list(r[:len(model.columns)]) for r in ws.iter_rows(values_only=True) if r[0] in {row[0] for row in model.rows}]

    def same(row):
        return [round(v, 9) if isinstance(v, float) else v for v in row]

    assert [same(r) for r in written] == [same(r) for r in model.rows]


def test_transition_units_one_table_terminal_shows_the_main_columns_export_all(cli, tmp_path):
    from povertool.render.transition_table import UNIT_COLUMNS

    args = ["transition", SAMPLES / "an-binh-reform-2024.xlsx", "--to", "vn-2027", "--units-map",
            SAMPLES / "an-binh-units-map.csv", "--totals", SAMPLES / "an-binh-reform-totals.csv", "-q"]
    shown = cli(*args)
    assert shown.exit_code == 0
    assert "97 " in shown.stdout and " 229 " in shown.stdout  # the bounds, each in its own column
    out = tmp_path / "chuyen-chuan.csv"
    assert cli(*args, "-o", out).exit_code == 0
    header = next(csv.reader(out.read_text("utf-8-sig").splitlines()))
    assert len(header) == 1 + len(UNIT_COLUMNS)  # every count, rate and bound, the detail ones too
    assert "Số hộ thay đổi" in header and "Số hộ thay đổi" in shown.stdout
