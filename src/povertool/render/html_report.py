"""The report as one self-contained HTML file: inline CSS, tables, and charts as inline SVG (no network)."""

from __future__ import annotations

from html import escape
from typing import Any

from ..numbers import format_number
from .charts import svg_chart
from .report_model import RATE, SUBTOTAL, TEXT, TOTAL, Report, Sheet, Table, sheet_basis, sheet_units
from .workbook_cover import cover_rows

CSS = """
body{font-family:"Times New Roman",serif;margin:24px;color:#000}
h1{text-align:center;font-size:20px} h2{font-size:16px;margin-top:32px;page-break-before:always}
.head{display:flex;justify-content:space-between;font-weight:bold} .head div{text-align:center}
table{border-collapse:collapse;margin:8px 0;font-size:13px} th,td{border:1px solid #000;padding:3px 6px}
th{background:#DDEBF7} td.n{text-align:right;white-space:nowrap} tbody td:first-child{white-space:nowrap} td.c{text-align:center} tr.subtotal td{font-weight:bold}
tr.total td{font-weight:bold;background:#F2F2F2} td.u{text-align:center;font-style:italic;font-size:12px}
.note{font-style:italic;font-size:13px} .mono{font-family:monospace;font-size:11px}
.basis{text-align:center;font-style:italic} .unitline{text-align:right;font-style:italic}
.sign{display:flex;justify-content:space-around;text-align:center;margin:24px 0 64px}
@page{size:A4 landscape;margin:12mm 10mm 14mm}
thead{display:table-header-group} tr,td,th{break-inside:avoid;page-break-inside:avoid}
.sign,figure{break-inside:avoid;page-break-inside:avoid}
.charts{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start} .charts figure{margin:0}
@media print{.charts svg{max-width:48vw;height:auto}}
.sheet-end{break-inside:avoid;page-break-inside:avoid}
@media print{body{margin:0} h2{page-break-before:always} table{width:100%;font-size:11px}}
"""


def number(value: Any, kind: str, lang: str) -> str:
    """1.234 / 4,03 (vi) or 1,234 / 4.03 (en)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return escape(value)
    if kind == RATE:
        return format_number(float(value), 2, lang)
    return format_number(int(round(float(value))), 0, lang)


def render_html(report: Report) -> str:
    """The whole report as one HTML document."""
    t = report.texts
    parts = [f'<!DOCTYPE html><html lang="{report.lang}"><head><meta charset="utf-8">',
             f"<title>{escape(t['report_title'].format(year=report.year or ''))}</title><style>{CSS}</style></head><body>",
             f'<div class="head"><div>{escape(report.authority)}</div><div>{escape(t["nation"])}<br>'
             f'<u>{escape(t["motto"])}</u></div></div>',
             f"<h1>{escape(t['report_title'].format(year=report.year or ''))}</h1>", _cover(report)]
    for sheet in report.sheets:
        parts.append(_sheet(sheet, report))
    if report.charts:
        title = t["charts_title"].format(year=report.year) if report.year else t["title_charts"]
        parts.append(f'<h2 id="charts">{escape(title)}</h2><div class="charts">')
        parts += [f"<figure>{svg_chart(chart, report.lang)}</figure>" for chart in report.charts]
        parts.append(f'</div><div class="sheet-end">{_signature(t)}</div>')
    parts.append("</body></html>\n")
    return "".join(parts)


def _cover(report: Report) -> str:
    t = report.texts
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in cover_rows(report))
    sources = "".join(f"<tr><td>{escape(s.role)}</td><td>{escape(s.name)}</td><td class=\"mono\">{s.sha256}</td></tr>"
                      for s in report.sources)
    html = [f"<table>{rows}</table>", f"<h3>{escape(t['cover_sources'])}</h3>",
            f"<table><tr><th>{escape(t['cover_role'])}</th><th>{escape(t['cover_file'])}</th>"
            f"<th>{escape(t['cover_checksum'])}</th></tr>{sources}</table>"]
    if report.skipped:
        skipped = "".join(f"<tr><td>{escape(a)}</td><td>{escape(b)}</td><td>{escape(c)}</td></tr>" for a, b, c in report.skipped)
        html.append(f"<h3>{escape(t['cover_skipped'])}</h3><table><tr><th>{escape(t['cover_number'])}</th>"
                    f"<th>{escape(t['cover_title'])}</th><th>{escape(t['cover_reason'])}</th></tr>{skipped}</table>")
    notes = ([t["cover_redacted"]] if report.redacted else []) + report.notes
    html += [f'<p class="note">{escape(n)}</p>' for n in notes]
    return "".join(html)


def _sheet(sheet: Sheet, report: Report) -> str:
    t = report.texts
    year = report.year or ""
    title = t["table_title"].format(number=sheet.number, title=sheet.title, year=year) if sheet.number else \
        (f"{sheet.title} NĂM {year}" if report.lang == "vi" and year else f"{sheet.title}, {year}".strip(", "))
    out = [f'<h2 id="{escape(sheet.key)}">{escape(title)}</h2>',
           f'<p class="basis">{escape(sheet_basis(report, sheet))}</p>',
           f'<p class="unitline">{escape(t["unit_line"].format(units=sheet_units(sheet)))}</p>']
    for table in sheet.tables:
        if table.caption:
            out.append(f"<h3>{escape(table.caption)}</h3>")
        out.append(_table(table, report.lang))
    # The notes and the signature block print together, never split over two pages.
    end = [f'<p class="note">{escape(n)}</p>' for n in sheet.notes] + ([_signature(t)] if sheet.signature else [])
    out.append(f'<div class="sheet-end">{"".join(end)}</div>')
    return "".join(out)


def _signature(t: dict[str, str]) -> str:
    return (f'<div class="sign"><div><b>{escape(t["signer_left"])}</b><br><i>{escape(t["signature_hint"])}</i></div>'
            f'<div><i>{escape(t["place_date"])}</i><br><b>{escape(t["signer_right"])}</b><br>'
            f'<b>{escape(t["signer_right_2"])}</b><br><i>{escape(t["signature_hint_seal"])}</i></div></div>')


def _table(table: Table, lang: str) -> str:
    cols = table.columns
    grouped = any(c.group for c in cols)
    head = ["<thead><tr>"]
    j = 0
    while j < len(cols):
        col = cols[j]
        if grouped and col.group:
            k = j
            while k + 1 < len(cols) and cols[k + 1].group == col.group:
                k += 1
            head.append(f'<th colspan="{k - j + 1}">{escape(col.group)}</th>')
            j = k + 1
        else:
            head.append(f'<th{" rowspan=2" if grouped else ""}>{escape(col.header)}</th>')
            j += 1
    head.append("</tr>")
    if grouped:
        head.append("<tr>" + "".join(f"<th>{escape(c.header)}</th>" for c in cols if c.group) + "</tr>")
    if any(c.unit for c in cols):
        head.append("<tr>" + "".join(f'<td class="u">{escape(c.unit)}</td>' for c in cols) + "</tr>")
    head.append("</thead>")
    from .html_rows import body_rows

    rows = body_rows(table, lang)  # a long table column by column (the same text)
    if rows is not None:
        return f"<table>{''.join(head)}<tbody>{rows}</tbody></table>"
    body = ["<tbody>"]
    for i, (row, kind) in enumerate(zip(table.rows, table.kinds)):
        css = f' class="{kind}"' if kind in (SUBTOTAL, TOTAL) else ""
        if kind == TOTAL and isinstance(row[0], str) and all(v is None for v in row[1:]):
            body.append(f'<tr{css}><td colspan="{len(cols)}">{escape(row[0])}</td></tr>')
            continue
        cells = []
        for j, value in enumerate(row):
            kind_j = table.cell_kind(i, j)
            numeric = kind_j != TEXT and not isinstance(value, str)
            mark = kind_j != TEXT and isinstance(value, str)  # "—" in a figures column: centred, as in the workbook
            cells.append(f'<td{" class=n" if numeric else " class=c" if mark else ""}>{number(value, kind_j, lang)}</td>')
        body.append(f"<tr{css}>{''.join(cells)}</tr>")
    body.append("</tbody>")
    return f"<table>{''.join(head)}{''.join(body)}</table>"
