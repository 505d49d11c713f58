"""The classified workbook as people read and print it: Vietnamese values in the Vietnamese result columns
(indicators by name, "Có" for a low income), compact widths, long texts wrapped, narrow mark columns with their
header turned upright, and A4 landscape fitted to the page width with the header row on every page.

CSV, Parquet and JSON keep the codes (``deprived`` = indicator codes, ``low_income`` = true/false) for scripts.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..domain.survey import Classification
from ..labels import labels

WRAPPED = {"reason": 40.0, "deprived": 24.0}  # result columns of long text: wrapped at this width
MIN_WIDTH, WRAP_WIDTH, UPRIGHT_WIDTH = 4.0, 15.0, 4.5  # a longer text column wraps at WRAP_WIDTH
LINE = 15.0  # points per line of wrapped text
NO_WRAP = ("household_id",)
SAMPLE_ROWS = 500  # widths are judged on the first rows (the whole column for short lists)


def people_values(result: Classification, table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The result columns with values for people: indicators by name, 'Có'/'' for a low income."""
    out = table.copy()
    standard = result.standard
    if "deprived" in out and standard is not None:
        names = {i.code: (i.name if lang == "vi" else (i.name_en or i.name)) for i in standard.indicators}
        uniques = out["deprived"].dropna().unique()
        mapping = {v: "; ".join(names.get(c, c) for c in str(v).split(";") if c) for v in uniques}
        out["deprived"] = out["deprived"].map(mapping, na_action="ignore")
    if "low_income" in out:
        yes = labels("template_values", lang)["yes"]
        out["low_income"] = out["low_income"].astype("boolean").fillna(False).map({True: yes, False: ""}).astype(object)
    return out


def print_layout(frame: pd.DataFrame, headers: list[str]) -> tuple[list[float], list[dict[str, Any] | None], dict[str, dict[str, Any]], float, list[float | None]]:
    """Column widths, per-header extra format (upright text for narrow columns), each column's cell format (top
    aligned; long text wrapped), the header row's height and each data row's height (enough lines for its longest
    wrapped text)."""
    widths: list[float] = []
    header_formats: list[dict[str, Any] | None] = []
    formats: dict[str, dict[str, Any]] = {}
    lines = np.ones(len(frame), dtype=np.int64)
    sample = frame.head(SAMPLE_ROWS)
    for j, (column, header) in enumerate(zip(frame.columns, headers)):
        values = sample.iloc[:, j].dropna().astype(str)
        content = float(values.str.len().max()) if len(values) else 0.0
        longest_word = max((len(w) for w in str(header).split()), default=4)
        formats[column] = {"valign": "top"}  # rows grow with wrapped text: every cell reads from the top
        if content <= 3 and len(header) > 6:  # marks and small numbers: a narrow column, its header upright
            widths.append(UPRIGHT_WIDTH)
            header_formats.append({"rotation": 90, "valign": "bottom", "align": "center"})
            formats[column]["align"] = "center"
            continue
        width = WRAPPED.get(str(column), min(WRAP_WIDTH, max(MIN_WIDTH, content + 1.5, longest_word + 1.5)))
        if str(column) in WRAPPED or (content + 1.5 > width and str(column) not in NO_WRAP):
            formats[column]["text_wrap"] = True
            text = frame.iloc[:, j].astype("string").str.len().fillna(0).to_numpy()
            lines = np.maximum(lines, ((text * 1.1) // max(width - 1, 1) + 1).astype("int64"))
        elif str(column) in NO_WRAP:
            width = max(width, content + 1.5)
        widths.append(width)
        header_formats.append({"valign": "vcenter", "align": "center"})
    upright = max((len(h) for h, f in zip(headers, header_formats) if f and f.get("rotation")), default=0)
    height = max(45.0, min(150.0, upright * 5.5 + 10))
    tall = (LINE * lines + 2).astype(object)
    tall[lines <= 1] = None
    row_heights: list[float | None] = tall.tolist()
    return widths, header_formats, formats, height, row_heights


def setup_page(ws: Any, lang: str) -> None:
    """A4 landscape, fitted to the page width, the header row repeated, page numbers in the footer."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.set_margins(left=0.3, right=0.3, top=0.4, bottom=0.5)
    ws.hide_gridlines(0)  # print the cell grid: the table has no borders of its own
    ws.set_footer("&C" + ("Trang &P/&N" if lang == "vi" else "Page &P of &N"))
