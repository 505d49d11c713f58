"""Cell formats of the report workbook, made once per workbook."""

from __future__ import annotations

from typing import Any

from .report_model import COUNT, FRACTION, RATE, SUBTOTAL, TOTAL

FONT = "Times New Roman"  # the font of Vietnamese administrative documents
NUMBER_FORMATS = {COUNT: "#,##0", RATE: "0.00", FRACTION: "0.0000"}
TOTAL_FILL = "#F2F2F2"
HEADER_FILL = "#DDEBF7"


class Styles:
    """The named formats of the report and the cell formats by (cell kind, row kind)."""

    def __init__(self, workbook: Any) -> None:
        self._workbook = workbook
        add = lambda **f: workbook.add_format({"font_name": FONT, "font_size": 11, **f})  # noqa: E731
        self.authority = add(bold=True, align="center", valign="vcenter", text_wrap=True)
        self.motto = add(bold=True, underline=True, align="center", valign="vcenter")
        self.motto_plain = add(italic=True, align="center", valign="vcenter")
        self.title = add(bold=True, font_size=13, align="center", valign="vcenter", text_wrap=True)
        self.cover_title = add(bold=True, font_size=16, align="center", valign="vcenter", text_wrap=True)
        self.subtitle = add(italic=True, align="center", valign="vcenter", text_wrap=True)
        self.units_line = add(italic=True, align="right", valign="vcenter")
        self.caption = add(bold=True, align="left", valign="vcenter")
        self.header = add(bold=True, align="center", valign="vcenter", text_wrap=True, border=1, bg_color=HEADER_FILL)
        self.units_row = add(italic=True, align="center", valign="vcenter", border=1, font_size=10)
        self.note = add(italic=True, align="left", valign="top", text_wrap=True)
        self.label = add(bold=True, align="left", valign="top", text_wrap=True)
        self.value = add(align="left", valign="top", text_wrap=True)
        self.mono = add(font_name="Courier New", font_size=9, align="left", valign="vcenter", border=1)
        self.section = add(bold=True, font_size=12, align="left", valign="vcenter")
        self._cells: dict[tuple[str, str, bool], Any] = {}

    def cell(self, kind: str, row_kind: str, *, center: bool = False) -> Any:
        """The bordered format of a table cell: number format by kind, bold on subtotal/total rows."""
        key = (kind, row_kind, center)
        if key not in self._cells:
            spec: dict[str, Any] = {"font_name": FONT, "font_size": 11, "border": 1, "valign": "vcenter"}
            if kind in NUMBER_FORMATS:
                spec.update(num_format=NUMBER_FORMATS[kind], align="right", indent=1)
            else:
                spec.update(text_wrap=True, align="center" if center else "left", indent=0 if center else 1)
            if row_kind in (SUBTOTAL, TOTAL):
                spec["bold"] = True
            if row_kind == TOTAL:
                spec["bg_color"] = TOTAL_FILL
            self._cells[key] = self._workbook.add_format(spec)
        return self._cells[key]


__all__ = ["Styles"]
