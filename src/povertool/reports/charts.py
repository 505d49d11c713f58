"""The report's charts: native Excel charts (xlsxwriter) over a data table on the charts sheet, and the same
charts as inline SVG for the HTML report (drawn here: no library, no network)."""

from __future__ import annotations

from html import escape
from typing import Any

from .format import format_number
from .report_model import Chart, Report
from .workbook_style import Styles

COLOURS = ("#C0504D", "#F79646", "#4F81BD", "#9BBB59")  # poor red, near-poor orange, then others
CHART_COLUMN = 4  # the chart sits right of its data table (columns A–C)


def add_chart_sheet(workbook: Any, styles: Styles, report: Report) -> Any:
    """One sheet with each chart beside the table of the figures it plots."""
    from .workbook import setup_print

    t = report.texts
    name = t["sheet_charts"][:31]
    ws = workbook.add_worksheet(name)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 3, 12)
    ws.merge_range(0, 0, 0, 12, "", styles.title)
    ws.write_string(0, 0, f"{t['title_charts']} — {report.year or ''}".rstrip(" —"), styles.title)
    r, breaks = 2, []
    for n, chart in enumerate(report.charts):
        if n:
            breaks.append(r)  # each chart on its own printed page, never cut in two
        r = _chart_block(workbook, ws, styles, name, chart, r)
    ws.set_h_pagebreaks(breaks)
    setup_print(ws, report)
    return ws


def _chart_block(workbook: Any, ws: Any, styles: Styles, sheet: str, chart: Chart, r: int) -> int:
    """The chart's title, its data (category, one column per series), and the chart; returns the next free row."""
    ws.write_string(r, 0, chart.title, styles.section)
    top = r + 1
    ws.write_string(top, 0, chart.category_header, styles.header)
    for j, (series_name, _) in enumerate(chart.series, start=1):
        ws.write_string(top, j, series_name, styles.header)
    for i, category in enumerate(chart.categories, start=1):
        ws.write_string(top + i, 0, category, styles.cell("text", "unit"))
        for j, (_, values) in enumerate(chart.series, start=1):
            value = values[i - 1]
            if value is None:
                ws.write_blank(top + i, j, None, styles.cell("rate", "unit"))
            else:
                ws.write_number(top + i, j, float(value), styles.cell("rate", "unit"))
    first, last = top + 1, top + len(chart.categories)
    xl = workbook.add_chart({"type": chart.kind} if chart.kind != "line" else {"type": "line"})
    for j, (series_name, _) in enumerate(chart.series, start=1):
        series = {
            "name": [sheet, top, j],
            "categories": [sheet, first, 0, last, 0],
            "values": [sheet, first, j, last, j],
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
    xl.set_title({"name": chart.title, "name_font": {"size": 12, "bold": True}})
    value_axis = {"name": chart.y_title, "num_format": "0.00", "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}}
    if chart.kind == "bar":
        xl.set_x_axis(value_axis)
        xl.set_y_axis({"reverse": True, "num_font": {"size": 9}})  # first indicator at the top
    else:
        xl.set_y_axis(value_axis)
        xl.set_x_axis({"num_font": {"size": 9, "rotation": -30 if len(chart.categories) > 6 else 0}})
    xl.set_legend({"position": "bottom"} if len(chart.series) > 1 else {"none": True})
    height = 380 if chart.kind != "bar" else max(380, 28 * len(chart.categories) + 120)
    xl.set_size({"width": 760, "height": height})
    ws.insert_chart(r, CHART_COLUMN, xl, {"x_offset": 10, "y_offset": 0, "object_position": 1})
    rows_for_chart = int(height / 20) + 2
    return r + max(rows_for_chart, len(chart.categories) + 3)


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
