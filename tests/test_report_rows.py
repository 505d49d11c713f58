"""The report workbook's long tables written as blocks (render/report_rows.py) give byte for byte the workbook the
cell-by-cell writer gives: shared strings in the same order, formats numbered the same, spans, row heights, page
breaks, merged total rows."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from conftest import HEADERS, household_row, write_xlsx

from povertool import api
from povertool.render import report_model as m
from povertool.render import html_rows, report_rows, workbook

FIXED = dt.datetime(2024, 11, 30, 9, 0, tzinfo=dt.timezone.utc)


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _both(tmp_path: Path, monkeypatch, write) -> None:
    written: list[bool] = []
    original = report_rows.write_block
    with monkeypatch.context() as patch:
        patch.setattr(report_rows, "write_block", lambda *a, **k: written.append(original(*a, **k)) or written[-1])
        write(tmp_path / "blocks.xlsx")
    assert any(written)  # the test is about blocks: at least one was written as one
    with monkeypatch.context() as patch:
        patch.setattr(report_rows, "write_block", lambda *args, **kwargs: False)
        patch.setattr(html_rows, "body_rows", lambda *args, **kwargs: None)
        write(tmp_path / "cells.xlsx")
    blocks, cells = _parts(tmp_path / "blocks.xlsx"), _parts(tmp_path / "cells.xlsx")
    assert list(blocks) == list(cells)
    for name in cells:
        assert blocks[name] == cells[name], name
    if (tmp_path / "blocks.html").exists():
        assert (tmp_path / "blocks.html").read_bytes() == (tmp_path / "cells.html").read_bytes()


def test_report_with_long_lists_same_bytes(tmp_path, monkeypatch):
    """A report whose poor and near-poor lists are long enough to be written as blocks."""
    rows = [HEADERS]
    for i in range(220):
        commune = ["Xã Tân Phú", "Phường An Lạc", "Xã Mỹ Lộc"][i % 3]
        name = "Nguyễn Văn A" if i % 5 else "Tôn Nữ Thị Phương Thảo Nguyên Hồng & <Lan> \"Anh\" Phạm Đình Lê Long"
        rows.append(household_row(f"H{i:04d}", commune=commune, income=400_000 + (i % 7) * 300_000,
                                  marks=(i * 3) % 8, members=1 + i % 6, name=name))
    survey = write_xlsx(tmp_path / "in.xlsx", rows)
    _both(tmp_path, monkeypatch, lambda out: api.write_report(survey, out, census=True, year=2024, generated=FIXED,
                                                              html=out.with_suffix(".html")))


def _table(n: int) -> m.Table:
    columns = [m.Column("STT", m.COUNT, width=5), m.Column("Tên", m.TEXT, width=10), m.Column("Tỷ lệ", m.RATE),
               m.Column("Mốc", m.COUNT, group="Nhóm"), m.Column("Dấu", m.TEXT, group="Nhóm", width=4)]
    rows, kinds = [], []
    for i in range(n):
        text = ["ngắn", "một dòng rất dài cần xuống nhiều dòng trong ô hẹp", "hai\ndòng", "", None, "x"][i % 6]
        rows.append([i + 1, text, (i % 9) / 7 if i % 4 else None, "—" if i % 11 == 0 else i * 1000,
                     bool(i % 3) if i % 5 else None])
        kinds.append([m.UNIT, m.UNIT, m.SUBTOTAL, m.UNIT, m.TOTAL][i % 5])
    rows.insert(n // 2, ["Cộng giữa bảng", None, None, None, None])
    kinds.insert(n // 2, m.TOTAL)
    rows.append(["Tổng số", None, None, None, None])
    kinds.append(m.TOTAL)
    return m.Table(columns, rows, kinds)


def test_model_table_same_bytes(tmp_path, monkeypatch):
    """Mixed cells: rates, marks in a figures column, true/false, blanks, wrapped and broken text, bold rows."""
    from povertool.labels import labels

    report = m.Report(lang="vi", year=2024, authority="UBND XÃ", area="Xã", standard="vn-2022", denominator="census",
                      generated=FIXED, software="povertool", sources=[], charts=[], skipped=[],
                      texts=labels("report", "vi"),
                      sheets=[m.Sheet("list", "14", "DS", "Danh sách", "hộ", [_table(300)]),
                              m.Sheet("two", "15", "Hai", "Hai bảng", "hộ", [_table(90), _table(70)])])
    _both(tmp_path, monkeypatch, lambda out: workbook.write_report_workbook(report, out))


def test_html_rows_same_text(monkeypatch):
    """A long table's HTML rows, column by column, as the row-by-row writer writes them (both languages)."""
    from povertool.render.html_report import _table

    table = _table_without_marks(200)
    for lang in ("vi", "en"):
        fast = _table(table, lang)
        with monkeypatch.context() as patch:
            patch.setattr(html_rows, "body_rows", lambda *args, **kwargs: None)
            assert _table(table, lang) == fast
    assert html_rows.body_rows(table, "vi") is not None


def _table_without_marks(n: int) -> m.Table:
    table = _table(n)
    for row in table.rows:
        row[4] = None if not isinstance(row[4], bool) else ("x" if row[4] else None)
        row[3] = -row[3] * 1_234_567 if isinstance(row[3], int) and row[3] % 3 == 0 else row[3]
    table.rows[7][1] = 'a & b <c> "d" \'e\''
    return table


def test_row_heights_column_by_column():
    """The heights measured column by column are those of row_height, row by row (the page plan uses them)."""
    table = _table(300)
    widths = [5.0, 10.0, 11.0, 11.0, 4.0]
    assert workbook.table_row_heights(table, widths) == [workbook.row_height(row, widths) for row in table.rows]
    assert workbook.table_row_heights(table, widths, 10, 50) == [workbook.row_height(r, widths) for r in table.rows[10:50]]
