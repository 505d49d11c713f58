"""The report's charts: native Excel charts (xlsxwriter) over a data table on the charts sheet, and the same
charts as inline SVG for the HTML report (drawn here: no library, no network)."""

from __future__ import annotations

from html import escape
from typing import Any

from ..messages import text
from ..numbers import format_number
from .report_model import Chart, Report
from .workbook_style import Styles

COLOURS = ("#C0504D", "#F79646", "#4F81BD", "#9BBB59")  # poor red, near-poor orange, then others


SLOT_WIDTHS = (34.0, 11.0, 11.0, 3.0)  # per chart: category, two series, a spacer column
CHART_HEIGHT = 440  # pixels (22 rows of 20 px)
CHART_ROWS = 23


def add_chart_sheet(workbook: Any, styles: Styles, report: Report) -> Any:
    """One printed page: the title, the charts side by side, each one's figures under it, the signature block
    (A4 landscape, fitted to one page)."""
    from .workbook import lines_needed, setup_print, signature_block

    t = report.texts
    name = t["sheet_charts"][:31]
    ws = workbook.add_worksheet(name)
    slots = max(len(report.charts), 1)
    widths = [w for _ in range(slots) for w in SLOT_WIDTHS][:-1]
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    last = len(widths) - 1
    title = t["charts_title"].format(year=report.year) if report.year else t["title_charts"]
    ws.set_row(0, 15)
    ws.merge_range(0, 0, 0, last, "", styles.authority)
    ws.write_string(0, 0, report.authority, styles.authority)
    ws.set_row(1, 24)
    ws.merge_range(1, 0, 1, last, "", styles.title)
    ws.write_string(1, 0, title, styles.title)
    basis = text("report.basis_standard", report.lang, standard=report.standard)
    ws.set_row(2, 15 * lines_needed(basis, sum(widths)) + 2)
    ws.merge_range(2, 0, 2, last, "", styles.subtitle)
    ws.write_string(2, 0, basis, styles.subtitle)
    top, bottom = 4, 4
    for n, chart in enumerate(report.charts):
        bottom = max(bottom, _chart_block(workbook, ws, styles, name, chart, top, n * len(SLOT_WIDTHS)))
    signature_block(ws, styles, report, widths, bottom + 1)
    setup_print(ws, report, one_page=True)
    return ws


def _chart_block(workbook: Any, ws: Any, styles: Styles, sheet: str, chart: Chart, r: int, c: int) -> int:
    """The chart at row ``r``, column ``c``, its figures (category, one column per series) under it; returns the
    next free row."""
    top = r + CHART_ROWS
    ws.set_row(top, 30)
    ws.write_string(top, c, chart.category_header, styles.header)
    for j, (series_name, _) in enumerate(chart.series, start=1):
        ws.write_string(top, c + j, series_name, styles.header)
    for i, category in enumerate(chart.categories, start=1):
        ws.write_string(top + i, c, category, styles.cell("text", "unit"))
        for j, (_, values) in enumerate(chart.series, start=1):
            value = values[i - 1]
            if value is None:
                ws.write_blank(top + i, c + j, None, styles.cell("rate", "unit"))
            else:
                ws.write_number(top + i, c + j, float(value), styles.cell("rate", "unit"))
    first, last = top + 1, top + len(chart.categories)
    xl = workbook.add_chart({"type": chart.kind} if chart.kind != "line" else {"type": "line"})
    for j, (_name, _) in enumerate(chart.series, start=1):
        series = {
            "name": [sheet, top, c + j],
            "categories": [sheet, first, c, last, c],
            "values": [sheet, first, c + j, last, c + j],
            "data_labels": {"value": True, "num_format": "0.00", "font": {"size": 8}},
            "fill": {"color": COLOURS[(j - 1) % len(COLOURS)]},
            "border": {"none": True},
        }
        if chart.kind == "line":
            series.pop("fill")
            series.pop("border")
            series.update(line={"color": COLOURS[(j - 1) % len(COLOURS)], "width": 2.25},
                          marker={"type": "circle", "size": 6, "fill": {"color": COLOURS[(j - 1) % len(COLOURS)]}})
        xl.add_series(series)
    xl.set_title({"name": chart.title, "name_font": {"size": 11, "bold": True}})
    value_axis = {"name": chart.y_title, "num_format": "0.00", "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}}
    if chart.kind == "bar":
        xl.set_x_axis(value_axis)
        xl.set_y_axis({"reverse": True, "num_font": {"size": 8}})  # first indicator at the top
    else:
        xl.set_y_axis(value_axis)
        xl.set_x_axis({"num_font": {"size": 8, "rotation": -30 if len(chart.categories) > 6 else 0}})
    xl.set_legend({"position": "bottom"} if len(chart.series) > 1 else {"none": True})
    width = int(sum((int(w * 7 + 0.5) + 5) for w in SLOT_WIDTHS[:-1]))
    xl.set_size({"width": width, "height": CHART_HEIGHT})
    ws.insert_chart(r, c, xl, {"x_offset": 0, "y_offset": 0, "object_position": 1})
    return last + 1


def svg_chart(chart: Chart, lang: str = "vi") -> str:
    """The chart as an inline SVG element (column, bar or line), with values written on the marks."""
    comma = lang == "vi"
    if chart.kind == "bar":
        return _svg_bars(chart, comma)
    return _svg_columns(chart, comma) if chart.kind == "column" else _svg_line(chart, comma)


def _max_value(chart: Chart) -> float:
    """The top of the value axis: four round steps (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k) above the largest value."""
    import math

    values = [v for _, vs in chart.series for v in vs if v is not None]
    top = (max(values, default=1.0) or 1.0) * 1.08
    power = 10 ** math.floor(math.log10(top / 4))
    step = next(m * power for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * power * 4 >= top)
    return step * 4


def _fmt(value: float | None, lang_comma: bool) -> str:
    if value is None:
        return ""
    return format_number(value, 2, "vi" if lang_comma else "en", thousands=False)


def _legend(chart: Chart, x: float, y: float) -> str:
    parts = []
    for k, (name, _) in enumerate(chart.series):
        colour = COLOURS[k % len(COLOURS)]
        parts.append(f'<rect x="{x + k * 190:.0f}" y="{y - 10:.0f}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + k * 190 + 18:.0f}" y="{y:.0f}" font-size="12">{escape(name)}</text>')
    return "".join(parts)


def _svg_columns(chart: Chart, comma: bool = True) -> str:
    n, k = len(chart.categories), len(chart.series)
    width, height, left, bottom, top = max(640, 90 * n + 80), 380, 50, 90, 40
    plot_h, slot = height - bottom - top, (max(640, 90 * n + 80) - left - 20) / max(n, 1)
    bar = slot * 0.8 / max(k, 1)
    vmax = _max_value(chart)
    out = [_svg_open(width, height, chart.title), _axis(left, top, plot_h, width - 20, vmax, comma)]
    for i, category in enumerate(chart.categories):
        x0 = left + i * slot + slot * 0.1
        for s, (_, values) in enumerate(chart.series):
            v = values[i]
            if v is None:
                continue
            h = plot_h * v / vmax
            x, y = x0 + s * bar, top + plot_h - h
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar - 2:.1f}" height="{h:.1f}" fill="{COLOURS[s % 4]}"/>')
            out.append(f'<text x="{x + bar / 2 - 1:.1f}" y="{y - 3:.1f}" font-size="10" text-anchor="middle">{_fmt(v, comma)}</text>')
        cx = x0 + slot * 0.4
        out.append(f'<text x="{cx:.1f}" y="{top + plot_h + 14:.1f}" font-size="11" text-anchor="end" '
                   f'transform="rotate(-30 {cx:.1f} {top + plot_h + 14:.1f})">{escape(category)}</text>')
    out.append(_legend(chart, left, height - 10))
    return "".join(out) + "</svg>"


def _svg_bars(chart: Chart, comma: bool = True) -> str:
    n = len(chart.categories)
    label_w, width, top, row = 300, 760, 40, 26
    height = top + n * row + 20
    plot_w = width - label_w - 60
    vmax = _max_value(chart)
    out = [_svg_open(width, height, chart.title)]
    values = chart.series[0][1] if chart.series else []
    for i, category in enumerate(chart.categories):
        y = top + i * row
        out.append(f'<text x="{label_w - 6}" y="{y + row * 0.65:.1f}" font-size="12" text-anchor="end">{escape(category)}</text>')
        v = values[i] if i < len(values) else None
        if v is None:
            continue
        w = plot_w * v / vmax
        out.append(f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" fill="{COLOURS[0]}"/>')
        out.append(f'<text x="{label_w + w + 4:.1f}" y="{y + row * 0.65:.1f}" font-size="11">{_fmt(v, comma)}</text>')
    out.append(f'<line x1="{label_w}" y1="{top}" x2="{label_w}" y2="{top + n * row}" stroke="#000"/>')
    return "".join(out) + "</svg>"


def _svg_line(chart: Chart, comma: bool = True) -> str:
    n = len(chart.categories)
    width, height, left, bottom, top = 640, 340, 50, 60, 40
    plot_h, plot_w = height - bottom - top, width - left - 40
    vmax = _max_value(chart)
    out = [_svg_open(width, height, chart.title), _axis(left, top, plot_h, width - 20, vmax, comma)]
    for s, (_, values) in enumerate(chart.series):
        points = [(left + 20 + i * (plot_w - 40) / max(n - 1, 1), top + plot_h - plot_h * v / vmax)
                  for i, v in enumerate(values) if v is not None]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{COLOURS[s % 4]}" stroke-width="2.5"/>')
        for (x, y), v in zip(points, [v for v in values if v is not None]):
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{COLOURS[s % 4]}"/>'
                       f'<text x="{x:.1f}" y="{y - 8:.1f}" font-size="10" text-anchor="middle">{_fmt(v, comma)}</text>')
    for i, category in enumerate(chart.categories):
        x = left + 20 + i * (plot_w - 40) / max(n - 1, 1)
        out.append(f'<text x="{x:.1f}" y="{top + plot_h + 16:.1f}" font-size="11" text-anchor="middle">{escape(category)}</text>')
    out.append(_legend(chart, left, height - 10))
    return "".join(out) + "</svg>"


def _svg_open(width: float, height: float, title: str) -> str:
    return (f'<svg role="img" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="Times New Roman, serif">'
            f'<title>{escape(title)}</title>'
            f'<text x="{width / 2:.0f}" y="22" font-size="14" font-weight="bold" text-anchor="middle">{escape(title)}</text>')


def _axis(left: float, top: float, plot_h: float, right: float, vmax: float, comma: bool) -> str:
    parts = [f'<line x1="{left}" y1="{top + plot_h}" x2="{right}" y2="{top + plot_h}" stroke="#000"/>']
    for k in range(0, 5):
        v = vmax * k / 4
        y = top + plot_h - plot_h * k / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{_fmt(v, comma)}</text>')
    return "".join(parts)
