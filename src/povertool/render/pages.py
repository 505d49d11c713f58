"""Where the printed pages of a report sheet break, decided before the sheet is written.

Excel and LibreOffice break pages by themselves, and then the last page of a long table can hold only the
repeated header rows and the signature block. So the report places every break itself from the row heights it
sets: a table that does not fit in what is left of a page starts on the next one; a table longer than a page
breaks between rows (its header printed again on the next page); and the notes and the signature block always
share their page with the last rows of the table (they are one block that never splits).

The sheet prints at a scale set explicitly (the one that fits its columns to the page width), so the page's
height in sheet points is known from A4 and the margins; a small safety margin means an estimate a little off
only leaves a page a little short, never pushes a row to an extra page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

A4_POINTS = (841.9, 595.3)  # long and short side of A4 in points
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.5, "bottom": 0.6}  # inches, as set by workbook.setup_print
SAFETY = 0.96  # fill at most this share of the page's height (rows a program draws a little taller)
WIDTH_MARGIN = 1.02  # room for a program that draws columns a little wider still
KEEP_WITH_SIGNATURE = 3  # data rows carried to the signature's page when it would otherwise stand alone
DEFAULT_ROW = 15.0  # points


def column_points(width: float) -> float:
    """A column ``width`` (digits of the default font, Times New Roman 11) in points: the wider of Excel's
    conversion (7-pixel digits and 5 pixels of padding) and LibreOffice's (5.5-point digits, measured)."""
    excel = (int(width * 7 + 0.5) + 5) * 0.75 if width >= 1 else int(width * 12 + 0.5) * 0.75
    return max(excel, width * 5.5 + 4.0)


def _paper(portrait: bool) -> tuple[float, float]:
    """The usable width and height of A4 inside the margins, in points."""
    long, short = A4_POINTS
    paper_w, paper_h = (short, long) if portrait else (long, short)
    return (paper_w - (MARGINS["left"] + MARGINS["right"]) * 72, paper_h - (MARGINS["top"] + MARGINS["bottom"]) * 72)


def print_scale(widths: list[float], *, portrait: bool = False) -> int:
    """The print scale (whole %, at most 100) at which the columns fit the page width, with a small margin for
    a program that draws columns a little wider. Set explicitly, so the page's height in rows is known."""
    usable_w, _ = _paper(portrait)
    sheet_w = sum(column_points(w) for w in widths) * WIDTH_MARGIN or 1.0
    return max(10, min(100, int(usable_w / sheet_w * 100)))


def page_height(widths: list[float], *, portrait: bool = False) -> float:
    """The usable height of one printed page in sheet points at ``print_scale``."""
    _, usable_h = _paper(portrait)
    return usable_h / (print_scale(widths, portrait=portrait) / 100) * SAFETY


@dataclass
class TableHeights:
    """The heights of one table's parts: caption (0 when none), header band, each data row."""

    caption: float
    header: float
    rows: list[float]


@dataclass
class PagePlan:
    """Per table: whether it starts a new page, and the data rows (0-based within the table) before which a
    page breaks (there the header is printed again)."""

    new_page: list[bool]
    row_breaks: list[list[int]] = field(default_factory=list)
    pages: int = 1


def plan_pages(top: float, tables: list[TableHeights], trailing: float, capacity: float, *,
               gap: float = DEFAULT_ROW, keep: int = KEEP_WITH_SIGNATURE) -> PagePlan:
    """Break pages so that no page holds only headers, and the trailing block (notes and signature) shares its
    page with the last ``keep`` rows at least."""
    forced: set[tuple[int, int]] = set()
    for _ in range(len(tables) + 2):
        plan, end, last_page_first_row = _simulate(top, tables, trailing, capacity, gap, keep, forced)
        if not tables or end + trailing <= capacity:
            return plan
        n = len(tables) - 1
        rows = tables[n].rows
        first = last_page_first_row
        # Carry the last rows over with the signature; the page before keeps at least one row of the table.
        cut = max(len(rows) - keep, first + 1 if first is not None else 1, 1)
        if cut >= len(rows) or (n, cut) in forced:
            return plan  # nothing left to carry: the block goes to the next page on its own
        forced.add((n, cut))
    return plan


def _simulate(top: float, tables: list[TableHeights], trailing: float, capacity: float, gap: float, keep: int,
              forced: set[tuple[int, int]]) -> tuple[PagePlan, float, int | None]:
    plan = PagePlan(new_page=[], row_breaks=[])
    y, pages = top, 1
    first_row_on_page: int | None = None
    for n, table in enumerate(tables):
        lead = table.caption + table.header
        whole = lead + sum(table.rows) + (trailing if n == len(tables) - 1 else 0.0)
        head_rows = sum(table.rows[: min(keep, len(table.rows))])
        starts_page = False
        if n:
            # A table that fits on a page of its own is not cut: it starts the next page when the rest of this
            # one cannot hold it; a longer one starts here unless not even its first rows fit.
            too_long = whole > capacity
            if y + gap + (lead + head_rows if too_long else whole) > capacity:
                y, pages, starts_page = 0.0, pages + 1, True
            else:
                y += gap
        plan.new_page.append(starts_page)
        y += lead
        breaks: list[int] = []
        first_row_on_page = 0
        for i, h in enumerate(table.rows):
            if i and ((n, i) in forced or y + h > capacity):
                breaks.append(i)
                y, pages, first_row_on_page = table.header, pages + 1, i
            y += h
        plan.row_breaks.append(breaks)
    plan.pages = pages
    return plan, y, first_row_on_page
