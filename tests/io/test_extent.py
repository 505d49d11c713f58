"""A sheet's real extent and error cells from its XML stream (io/extent.py): every way a part can place a cell
far away is seen, whatever the chunk boundaries."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from povertool.read import extent

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
HEAD = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>")
TAIL = b"</sheetData></worksheet>"


def _scan(rows_xml: bytes, **kwargs) -> extent.SheetScan:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sheet.xml", HEAD + rows_xml + TAIL)
    with zipfile.ZipFile(buffer) as archive:
        return extent.scan_xlsx_part(archive, "sheet.xml", long_run=1000, max_errors=100, **kwargs)


def _rows(n: int) -> bytes:
    return b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c><c r="S%d"><v>2</v></c></row>' % (r, r, r)
                    for r in range(1, n + 1))


@pytest.mark.parametrize(("xml", "expected"), [
    (_rows(3), (3, 19)),
    (_rows(3) + b'<row r="4"><c r="XFD4"><v>1</v></c></row>', (4, 16_384)),           # a far column
    (b'<row r="2"><c r="A900000"><v>1</v></c></row>' + _rows(3), (900_000, 19)),      # a cell claiming a far row
    (b'<row r="1048576"><c r="A1"><v>1</v></c></row>' + _rows(3), (1_048_576, 19)),   # a far row, then the list
    (_rows(3) + b'<x:row r="9"><x:c r="ZZ9"><x:v>1</x:v></x:c></x:row>', (9, 702)),   # prefixed tags
    (_rows(3) + b'<row><c s="1"><v>1</v></c><c/><c><v>1</v></c></row>', (4, 19)),  # no references
    (_rows(2) + b'<row r="3" spans="1:1"><c s="0" r="AB3"><v>1</v></c></row>', (3, 28)),  # reference not first
])
def test_extent_sees_every_reference(xml, expected):
    scan = _scan(xml)
    assert (scan.rows, scan.cols) == expected


def test_cells_without_references_take_the_next_places():
    scan = _scan(b"<row><c><v>1</v></c><c><v>1</v></c><c><v>1</v></c></row>" * 5)
    assert (scan.rows, scan.cols) == (5, 3)


@pytest.mark.parametrize("chunk", [7, 31, 64, 1 << 20])
@pytest.mark.parametrize("name", ["error-cells.xlsx", "far-cell-no-dimension.xlsx", "tall-sheet.xlsx"])
def test_chunk_boundaries_change_nothing(monkeypatch, chunk, name):
    """A tag, a reference or an error value cut by a chunk boundary is read with the next chunk."""
    with zipfile.ZipFile(BAD / name) as archive:
        whole = extent.scan_xlsx_part(archive, "xl/worksheets/sheet1.xml", long_run=10**6, max_errors=100)
        monkeypatch.setattr(extent, "CHUNK", chunk)
        cut = extent.scan_xlsx_part(archive, "xl/worksheets/sheet1.xml", long_run=10**6, max_errors=100)
    assert (cut.rows, cut.cols, cut.errors) == (whole.rows, whole.cols, whole.errors)
    if name == "error-cells.xlsx":
        assert whole.errors == {(1, 9): "#REF!", (2, 5): "#DIV/0!", (3, 6): "#N/A", (4, 0): "#VALUE!"}


def test_ods_repeats_are_counted_at_any_chunk(monkeypatch):
    with zipfile.ZipFile(BAD / "repeated-columns.ods") as archive:
        monkeypatch.setattr(extent, "CHUNK", 50)
        scan = extent.scan_ods(archive, long_run=10**6, max_errors=100)["DS"]
    assert (scan.rows, scan.cols) == (1_048_002, 16_384)


def test_a_text_run_longer_than_a_cell_stops_the_scan(monkeypatch):
    """A run longer than a chunk is seen whole (a shorter one is bounded by the chunk, and refused later)."""
    monkeypatch.setattr(extent, "CHUNK", 256)
    with pytest.raises(extent.TextRunTooLong):
        _scan(_rows(2) + b'<row r="3"><c r="A3" t="inlineStr"><is><t>' + b"A" * 5000 + b"</t></is></c></row>")
