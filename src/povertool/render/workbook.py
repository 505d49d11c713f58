"""The official report workbook (xlsxwriter): title rows, merged group headers, units row, borders, thousands
separators, rates 0.00, frozen panes, A4 landscape print setup with the header rows repeated, native charts.

Text is always written as text (never a formula), and the document time is fixed, so that the same input and
the same generation time give the same workbook.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from .charts import add_chart_sheet
from .pages import DEFAULT_ROW, TableHeights, page_height, plan_pages, print_scale
from .report_model import RATE, TEXT, TOTAL, Column, Report, Sheet, Table, sheet_basis, sheet_units
from .workbook_cover import write_cover
from .workbook_style import FONT, Styles

FIRST_BODY_ROW = 6  # title rows above: authority/nation, motto, blank, title, basis, units line
ROW_HEIGHT = 15.0  # points per line of 11-pt text


def new_report_workbook(path: Path) -> Any:
    """An xlsxwriter workbook with safe text options (no formulas, numbers or links from text) and a fixed time.

    Unlike io.xlsx.new_workbook it keeps every row in memory: merged headers span rows, which the row-by-row
    (constant_memory) mode cannot write. A report has a few thousand rows at most."""
    import datetime as dt

    import xlsxwriter

    # The default font is the report's own (Times New Roman, which LibreOffice has as the metric-equal Liberation
    # Serif): column widths are counted in its digits, so both programs lay the page out as reports/pages.py does.
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                               "strings_to_urls": False, "nan_inf_to_errors": False,
                                               "default_format_properties": {"font_name": FONT, "font_size": 11}})
    workbook.set_properties({"created": dt.datetime(2000, 1, 1), "author": "povertool", "category": "povertool output"})
    return workbook


def write_report_workbook(report: Report, path: Path) -> None:
    """Write the report: the cover, one sheet per table of the report set, then the charts."""
    workbook = new_report_workbook(path)
    styles = Styles(workbook)
    write_cover(workbook, styles, report)
    for sheet in report.sheets:
        write_sheet(workbook, styles, report, sheet)
    if report.charts:
        add_chart_sheet(workbook, styles, report)
    workbook.close()


def setup_print(ws: Any, report: Report, *, one_page: bool = False, portrait: bool = False,
                scale: int | None = None) -> None:
    """A4 landscape, small margins, page numbers in the footer; at ``scale`` % (fitting the width, with the page
    breaks placed by reports/pages.py), else fit to one page wide (``one_page``: on one page)."""
    if portrait:
        ws.set_portrait()
    else:
        ws.set_landscape()
    ws.set_paper(9)
    if scale is not None:
        ws.set_print_scale(scale)
    else:
        ws.fit_to_pages(1, 1 if one_page else 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.center_horizontally()
    ws.set_footer("&C" + ("Trang &P/&N" if report.lang == "vi" else "Page &P of &N"))


def lines_needed(text: str, width: float, factor: float = 1.1) -> int:
    """Lines a wrapped text takes in a cell ``width`` characters wide."""
    usable = max(width - 1.0, 1.0)
    return max(1, sum(math.ceil(max(len(part), 1) * factor / usable) for part in str(text).split("\n")))


def title_rows(ws: Any, styles: Styles, report: Report, widths: list[float], title: str, basis: str, units: str) -> float:
    """Authority and national motto, the table title, the basis line and the units line (rows 0–5); returns
    their height in points."""
    last = len(widths) - 1
    split = max(1, len(widths) // 2) if len(widths) >= 4 else 1
    t = report.texts
    if last >= 1:
        _merge(ws, 0, 0, 0, split - 1, report.authority, styles.authority)
        _merge(ws, 0, split, 0, last, t["nation"], styles.authority)
        _merge(ws, 1, split, 1, last, t["motto"], styles.motto)
    else:
        ws.write_string(0, 0, report.authority, styles.authority)
    total = sum(widths)
    title_h, basis_h = 18 * lines_needed(title, total, 1.35) + 4, ROW_HEIGHT * lines_needed(basis, total) + 2
    ws.set_row(3, title_h)
    _merge(ws, 3, 0, 3, last, title, styles.title)
    ws.set_row(4, basis_h)
    _merge(ws, 4, 0, 4, last, basis, styles.subtitle)
    _merge(ws, 5, 0, 5, last, units, styles.units_line)
    return 4 * DEFAULT_ROW + title_h + basis_h


def _merge(ws: Any, r0: int, c0: int, r1: int, c1: int, text: str, fmt: Any) -> None:
    if r0 == r1 and c0 == c1:
        ws.write_string(r0, c0, text, fmt)
    else:
        ws.merge_range(r0, c0, r1, c1, "", fmt)
        ws.write_string(r0, c0, text, fmt)


def write_sheet(workbook: Any, styles: Styles, report: Report, sheet: Sheet) -> Any:
    """One table sheet: title rows, each table (caption, headers, units, rows), notes and the signature block,
    with the page breaks placed beforehand (reports/pages.py) so no page holds only headers."""
    t = report.texts
    ws = workbook.add_worksheet(sheet.name[:31])
    widths = _widths(sheet)
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    year = report.year or ""
    key = "table_title" if sheet.number and year else "table_title_no_year"
    title = t[key].format(number=sheet.number, title=sheet.title, year=year) if sheet.number else \
        (f"{sheet.title} NĂM {year}" if report.lang == "vi" and year else f"{sheet.title}, {year}".strip(", "))
    top = title_rows(ws, styles, report, widths, title, sheet_basis(report, sheet),
                     t["unit_line"].format(units=sheet_units(sheet)))
    note_heights = [ROW_HEIGHT * lines_needed(note, sum(widths), 1.0) + 2 for note in sheet.notes]
    trailing = DEFAULT_ROW + sum(note_heights) + (5 * DEFAULT_ROW if sheet.signature else 0)
    heights = [TableHeights(DEFAULT_ROW if table.caption else 0.0, sum(header_heights(table, widths)),
                            table_row_heights(table, widths)) for table in sheet.tables]
    plan = plan_pages(top, heights, trailing, page_height(widths, portrait=sheet.portrait))
    single = len(sheet.tables) == 1
    r, breaks = FIRST_BODY_ROW, []
    for n, table in enumerate(sheet.tables):
        if n and plan.new_page[n]:
            breaks.append(r)
        elif n:
            r += 1
        if table.caption:
            _merge(ws, r, 0, r, len(widths) - 1, table.caption, styles.caption)
            r += 1
        header_top = r
        r = _write_header(ws, styles, table, widths, r)
        if n == 0:
            ws.freeze_panes(r, 1)
            if single:
                ws.repeat_rows(header_top, r - 1)
        start = 0
        if single:  # one sheet repeats one header band: the rows run on, the page breaks fall between them
            for cut in [*plan.row_breaks[n], len(table.rows)]:
                if start:
                    breaks.append(r + start)
                start = cut
            r = _write_rows(ws, styles, table, widths, r, heights=heights[n].rows)
            continue
        for cut in [*plan.row_breaks[n], len(table.rows)]:
            if start:
                breaks.append(r)
                r = _write_header(ws, styles, table, widths, r)  # each table prints its own header again
            r = _write_rows(ws, styles, table, widths, r, start, cut)
            start = cut
    r += 1
    for note, height in zip(sheet.notes, note_heights):
        ws.set_row(r, height)
        _merge(ws, r, 0, r, len(widths) - 1, note, styles.note)
        r += 1
    if sheet.signature:
        signature_block(ws, styles, report, widths, r + 1)
    if breaks:
        ws.set_h_pagebreaks(breaks)
    setup_print(ws, report, portrait=sheet.portrait, scale=print_scale(widths, portrait=sheet.portrait))
    return ws


def _widths(sheet: Sheet) -> list[float]:
    """Column widths over every table of the sheet (a later table may have more columns than the first, e.g. the
    persons flow with its member-change column): the widest set per column, the first text column widened to its
    longest value (at most 36)."""
    widths: list[float] = []
    for table in sheet.tables:
        for j, column in enumerate(table.columns):
            if j < len(widths):
                widths[j] = max(widths[j], column.width)
            else:
                widths.append(column.width)
    if any(t.columns and t.columns[0].kind == TEXT for t in sheet.tables):
        longest = max((len(str(row[0])) for t in sheet.tables for row in t.rows if row[0] is not None
                       and len(row) > 1 and any(v is not None for v in row[1:])), default=0)
        widths[0] = min(36.0, max(widths[0], longest + 2.0))
    return widths


def _groups(columns: list[Column]) -> list[tuple[int, int, str]]:
    """Runs of consecutive columns with the same non-empty group: (first, last, group)."""
    runs: list[tuple[int, int, str]] = []
    for j, col in enumerate(columns):
        if col.group and runs and runs[-1][2] == col.group and runs[-1][1] == j - 1:
            runs[-1] = (runs[-1][0], j, col.group)
        elif col.group:
            runs.append((j, j, col.group))
    return runs


def header_heights(table: Table, widths: list[float]) -> list[float]:
    """The heights of the header band's rows: group and sub-header rows (or one header row), then units."""
    columns = table.columns
    runs = _groups(columns)
    if runs:
        group_lines = max(lines_needed(g, sum(widths[a:b + 1])) for a, b, g in runs)
        sub_lines = max(lines_needed(c.header, widths[j]) for j, c in enumerate(columns) if c.group)
        solo = [lines_needed(c.header, widths[j]) for j, c in enumerate(columns) if not c.group]
        sub_lines = max(sub_lines, max(solo, default=1) - group_lines)
        heights = [ROW_HEIGHT * group_lines + 4, ROW_HEIGHT * sub_lines + 4]
    else:
        heights = [ROW_HEIGHT * max(lines_needed(c.header, widths[j]) for j, c in enumerate(columns)) + 4]
    return heights + ([DEFAULT_ROW] if any(c.unit for c in columns) else [])


def _write_header(ws: Any, styles: Styles, table: Table, widths: list[float], r: int) -> int:
    """One header row, or two with merged group headers; then the units row. Returns the next row."""
    columns = table.columns
    runs = _groups(columns)
    heights = header_heights(table, widths)
    if runs:
        ws.set_row(r, heights[0])
        ws.set_row(r + 1, heights[1])
        for a, b, g in runs:
            _merge(ws, r, a, r, b, g, styles.header)
        for j, col in enumerate(columns):
            if col.group:
                ws.write_string(r + 1, j, col.header, styles.header)
            else:
                _merge(ws, r, j, r + 1, j, col.header, styles.header)
        r += 2
    else:
        ws.set_row(r, heights[0])
        for j, col in enumerate(columns):
            ws.write_string(r, j, col.header, styles.header)
        r += 1
    if any(c.unit for c in columns):
        for j, col in enumerate(columns):
            if col.unit:
                ws.write_string(r, j, col.unit, styles.units_row)
            else:
                ws.write_blank(r, j, None, styles.units_row)
        r += 1
    return r


def row_height(row: list[Any], widths: list[float]) -> float:
    """The height a data row needs: one line, or as many as its longest wrapped text."""
    needed = max((lines_needed(v, widths[j], 0.95) for j, v in enumerate(row) if isinstance(v, str)), default=1)
    return ROW_HEIGHT * needed + 2 if needed > 1 else DEFAULT_ROW


def _write_rows(ws: Any, styles: Styles, table: Table, widths: list[float], r: int, start: int = 0,
                stop: int | None = None, heights: list[float] | None = None) -> int:
    """Data rows ``start``..``stop``: numbers as numbers (#,##0 or 0.00), text as text, bold subtotals and totals.
    Long runs of rows (the named lists) go as blocks (report_rows: the same cells, written column by column)."""
    from .report_rows import MIN_ROWS, write_block

    last = len(table.columns) - 1
    stop = len(table.rows) if stop is None else stop
    merged = [i for i in range(start, stop) if _merged_total(table, i, last)]
    if heights is not None:  # the whole table's, measured for the page plan
        heights = heights[start:stop]
    elif stop - start >= MIN_ROWS:
        heights = table_row_heights(table, widths, start, stop)
    i = start
    for end in [*merged, stop]:
        if end - i >= MIN_ROWS and heights is not None:
            for k in range(i, end):  # row heights first, as the cell writer sets each before its cells
                if heights[k - start] != DEFAULT_ROW:
                    ws.set_row(r + k - i, heights[k - start])
            if write_block(ws, table, r, i, end, styles.cell):
                r, i = r + end - i, end
        while i < end:
            r = _write_row_cells(ws, styles, table, widths, r, i)
            i += 1
        if end < stop:  # the merged total row
            _merge(ws, r, 0, r, last, table.rows[end][0], styles.cell(TEXT, table.kinds[end]))
            r, i = r + 1, end + 1
    return r


def _merged_total(table: Table, i: int, last: int) -> bool:
    """A total row of one text ('Tổng số: 12 hộ') written across the table."""
    row = table.rows[i]
    return table.kinds[i] == TOTAL and isinstance(row[0], str) and all(v is None for v in row[1:]) and last > 0


def _write_row_cells(ws: Any, styles: Styles, table: Table, widths: list[float], r: int, i: int) -> int:
    """Row ``i`` cell by cell; returns the next sheet row."""
    row, kind = table.rows[i], table.kinds[i]
    height = row_height(row, widths)
    if height != DEFAULT_ROW:
        ws.set_row(r, height)
    for j, value in enumerate(row):
        cell_kind = table.cell_kind(i, j)
        fmt = styles.cell(cell_kind, kind)
        if value is None:
            ws.write_blank(r, j, None, fmt)
        elif isinstance(value, str):
            ws.write_string(r, j, value, styles.cell(TEXT, kind, center=cell_kind != TEXT or len(value) <= 2))
        elif isinstance(value, bool):
            ws.write_string(r, j, "x" if value else "", fmt)
        else:
            ws.write_number(r, j, float(value) if cell_kind == RATE else value, fmt)
    return r + 1


def table_row_heights(table: Table, widths: list[float], start: int = 0, stop: int | None = None) -> list[float]:
    """row_height of rows ``start``..``stop``, column by column: each text's lines from its length (a text with
    a line break, rare, one by one)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    rows = table.rows[start:stop]
    if not rows:
        return []
    needed = np.ones(len(rows), dtype=np.int64)
    for j, values in enumerate(zip(*rows)):
        if j >= len(widths):
            continue
        try:  # a column of text and blanks: its lengths at once
            texts = pa.array(values, type=pa.string())
            where = np.flatnonzero(texts.is_valid().to_numpy(zero_copy_only=False))
            texts = texts.drop_null()
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # numbers, with the odd mark ('—'): the text ones
            where = np.array([k for k, v in enumerate(values) if isinstance(v, str)], dtype=np.int64)
            texts = pa.array([values[k] for k in where.tolist()], type=pa.string())
        if not len(where):
            continue
        lengths = pc.utf8_length(texts).to_numpy(zero_copy_only=False).astype(np.float64)
        usable = max(widths[j] - 1.0, 1.0)
        lines = np.maximum(1, np.ceil(np.maximum(lengths, 1) * 0.95 / usable)).astype(np.int64)
        for n in np.flatnonzero(pc.match_substring(texts, "\n").to_numpy(zero_copy_only=False)).tolist():
            lines[n] = lines_needed(texts[n].as_py(), widths[j], 0.95)
        np.maximum.at(needed, where, lines)
    return np.where(needed > 1, ROW_HEIGHT * needed + 2, DEFAULT_ROW).tolist()


def signature_block(ws: Any, styles: Styles, report: Report, widths: list[float], r: int) -> None:
    """Place and date, then the preparer (left) and the People's Committee (right), with room to sign."""
    t = report.texts
    last = len(widths) - 1
    split = max(1, len(widths) // 2) if len(widths) >= 4 else 1
    if last < 1:
        return
    _merge(ws, r, split, r, last, t["place_date"], styles.motto_plain)
    _merge(ws, r + 1, 0, r + 1, split - 1, t["signer_left"], styles.authority)
    _merge(ws, r + 1, split, r + 1, last, t["signer_right"], styles.authority)
    _merge(ws, r + 2, 0, r + 2, split - 1, t["signature_hint"], styles.motto_plain)
    _merge(ws, r + 2, split, r + 2, last, t["signer_right_2"], styles.authority)
    _merge(ws, r + 3, split, r + 3, last, t["signature_hint_seal"], styles.motto_plain)

