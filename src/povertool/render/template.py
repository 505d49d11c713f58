"""The fill-in survey workbook (``povertool template``): canonical headers, drop-downs, validation, a lists sheet.

The header row is always the Vietnamese canonical header (vocabulary.toml [fields] and the standard's indicator
names), in the standard's order, because that is what the reader matches; ``lang`` changes every text around it. The
instructions and lists sheets hold one text cell per row, so the reader never takes them for a household table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..domain.standard import Standard
from ..labels import labels
from ..words import field_headers
from .template_guide import score_words, write_guide
from .writers import write_atomic
from .xlsx import new_workbook

# Rows with drop-downs and validation; rows below still read back, they only lack the checks.
DATA_ROWS = 20_000
LIST_KINDS = ("commune", "village", "cause", "reason")

# (field, group, kind) before and after the indicators; kind decides the validation, format and width.
_BEFORE = (
    ("stt", "general", "stt"),
    ("household_id", "general", "id"),
    ("head_name", "general", "name"),
    ("province", "general", "text"),
    ("district", "general", "text"),
    ("commune", "general", "commune"),
    ("village", "general", "village"),
    ("area", "general", "area"),
    ("members", "general", "members"),
    ("income_per_capita", "income", "money"),
    ("b1_score", "income", "score"),
    ("b2_score", "income", "b2"),
)
_AFTER = (
    ("agricultural", "household", "yesno"),
    ("ethnicity", "household", "text"),
    ("no_labour_capacity", "household", "yesno"),
    ("merit", "household", "yesno"),
    ("head_gender", "household", "gender"),
    ("poverty_cause", "household", "cause"),
    ("previous_status", "changes", "status"),
    ("change_reason", "changes", "reason"),
)
_WIDTHS = {"stt": 5, "id": 13, "name": 24, "text": 13, "commune": 20, "village": 18, "area": 11, "members": 8,
           "money": 14, "score": 8, "b2": 8, "mark": 5, "yesno": 6, "gender": 6, "cause": 22,
           "status": 16, "reason": 16}
UPRIGHT = ("mark", "yesno", "gender")  # narrow columns (a mark, Có/Không): their header reads upwards
ROW_HEIGHT = 27  # points: room to write by hand on the printed A4 page
_NUMBER_FORMATS = {"stt": "0", "money": "#,##0", "members": "0", "score": "General", "b2": "0"}
BLANK_ROWS = 30  # bordered rows to write in by hand, numbered; more households: insert rows above the signature
_GROUP_COLOURS = {"general": "#DDEBF7", "income": "#E2EFDA", "indicators": "#FCE4D6", "household": "#EDEDED",
                  "changes": "#FFF2CC"}
MAX_TITLE = 32  # Excel's limit for an input message title
MAX_MESSAGE = 255  # and for its text


@dataclass(frozen=True)
class TemplateColumn:
    """One column of the data sheet."""

    field: str
    header: str  # the Vietnamese canonical header the reader matches
    english: str
    group: str
    kind: str
    help: str


@dataclass(frozen=True)
class TemplateLayout:
    """Where things are on the data sheet (0-based rows)."""

    header_row: int
    first_data_row: int
    english_row: int | None


def template_columns(standard: Standard, *, lang: str = "vi", district: bool = False) -> list[TemplateColumn]:
    """The data sheet's columns in order: general fields, income and scores, the standard's indicators, the rest."""
    headers = field_headers() | {"stt": labels("report", "vi")["stt"]}
    help_text = labels("template_help", lang)
    english = labels("template_columns", "en")
    meanings = labels("template_indicators", "en") if lang == "en" else {}

    # The score columns carry the standard's names: "Điểm A (TT 07/2021)" since 2022, "Điểm B1" for vn-2016.
    words = score_words(standard, lang)
    headers |= {"b1_score": score_words(standard, "vi")["b1_title"], "b2_score": score_words(standard, "vi")["b2_title"]}
    english = english | {"b1_score": score_words(standard, "en")["b1_title"], "b2_score": score_words(standard, "en")["b2_title"]}
    note = standard.average_income_note_en if lang == "en" else standard.average_income_note

    def plain(field: str, group: str, kind: str) -> TemplateColumn:
        help_ = help_text[field].format(**words)
        if field == "income_per_capita" and note and len(help_) + len(note) < MAX_MESSAGE:
            help_ = f"{help_} {note}"  # QĐ 24/2021, Art. 2: the average band's income leaves out social assistance
        return TemplateColumn(field, headers[field], english.get(field, headers[field]), group, kind, help_)

    columns = [plain(*spec) for spec in _BEFORE if district or spec[0] != "district"]
    for ind in standard.indicators:
        meaning = meanings.get(ind.code, ind.deprived_when)
        columns.append(TemplateColumn(ind.code, ind.name, ind.name_en or ind.name, "indicators", "mark",
                                      f"{help_text['indicator']} {meaning}".strip()))
    columns += [plain(*spec) for spec in _AFTER]
    return columns


def layout(lang: str) -> TemplateLayout:
    """Authority and national motto in rows 0–1, the title in row 2, groups in row 3, English names in row 4
    (English only), then the header row."""
    english_row = 4 if lang == "en" else None
    header_row = 5 if lang == "en" else 4
    return TemplateLayout(header_row=header_row, first_data_row=header_row + 1, english_row=english_row)


def unit_lists(totals: pd.DataFrame | None) -> dict[str, list[str]]:
    """Distinct communes (and villages, districts) of a totals frame, in the file's order."""
    if totals is None:
        return {}
    return {
        level: [str(v) for v in totals[level].dropna().drop_duplicates()]
        for level in ("district", "commune", "village")
        if level in totals and totals[level].notna().any()
    }


def write_template(path: Path, standard: Standard, *, lang: str = "vi", totals: pd.DataFrame | None = None,
                   rows: int = DATA_ROWS, area_name: str | None = None, year: int | None = None) -> list[TemplateColumn]:
    """Write the template workbook atomically; returns its columns. ``area_name`` and ``year`` fill the
    "UBND …" line and the title's year (dots to fill in by hand without them)."""
    units = unit_lists(totals)
    columns = template_columns(standard, lang=lang, district="district" in units)
    heading = (area_name, year)
    write_atomic(path, lambda tmp: _write(tmp, standard, columns, units, lang, rows, heading))
    return columns


def _write(path: Path, standard: Standard, columns: list[TemplateColumn], units: dict[str, list[str]],
           lang: str, rows: int, heading: tuple[str | None, int | None] = (None, None)) -> None:
    text = labels("template", lang)
    workbook = new_workbook(path, output=False)
    data = workbook.add_worksheet(text["sheet_data"])
    guide = workbook.add_worksheet(text["sheet_guide"])
    lists = workbook.add_worksheet(text["sheet_lists"])
    ranges = _write_lists(workbook, lists, units, lang)
    place = layout(lang)
    _write_data_sheet(workbook, data, columns, place, lang, heading)
    _add_validations(data, columns, place, standard, ranges, lang, rows)
    write_guide(workbook, guide, standard, columns, lang=lang, layout=place)
    data.activate()
    workbook.close()


def _write_data_sheet(workbook: Any, ws: Any, columns: list[TemplateColumn], place: TemplateLayout, lang: str,
                      heading: tuple[str | None, int | None] = (None, None)) -> None:
    text = labels("template", lang)
    english = workbook.add_format({"italic": True, "font_size": 9, "font_color": "#595959", "text_wrap": True,
                                   "valign": "top", "border": 1, "bg_color": "#F2F2F2"})
    group_fmts = {g: workbook.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True,
                                         "border": 1, "bg_color": c}) for g, c in _GROUP_COLOURS.items()}
    header_fmts = {g: workbook.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True,
                                          "border": 1, "bg_color": c}) for g, c in _GROUP_COLOURS.items()}
    upright_fmts = {g: workbook.add_format({"bold": True, "align": "center", "valign": "bottom", "text_wrap": True,
                                            "rotation": 90, "border": 1, "bg_color": c}) for g, c in _GROUP_COLOURS.items()}
    cell_fmts = []
    for j, col in enumerate(columns):
        spec = {"num_format": _NUMBER_FORMATS.get(col.kind, "@"),
                "align": "center" if col.kind in ("mark", "yesno", "gender", "stt") else "general"}
        ws.set_column(j, j, _WIDTHS[col.kind], workbook.add_format(spec))
        cell_fmts.append(workbook.add_format({**spec, "border": 1}))
    _heading(workbook, ws, len(columns), text, heading)
    ws.set_row(3, 30)
    for group, first, last in _group_spans(columns):
        label = text[f"group_{group}"]
        if first == last:
            ws.write_string(3, first, label, group_fmts[group])
        else:
            ws.merge_range(3, first, 3, last, label, group_fmts[group])
    if place.english_row is not None:
        english_upright = workbook.add_format({"italic": True, "font_size": 9, "font_color": "#595959", "text_wrap": True,
                                               "valign": "bottom", "border": 1, "bg_color": "#F2F2F2", "rotation": 90})
        ws.set_row(place.english_row, 90)
        for j, col in enumerate(columns):
            ws.write_string(place.english_row, j, col.english, english_upright if col.kind in UPRIGHT else english)
        ws.write_comment(place.english_row, 0, text["english_row"], {"x_scale": 2})
    ws.set_row(place.header_row, 120)
    for j, col in enumerate(columns):
        fmts = upright_fmts if col.kind in UPRIGHT else header_fmts
        ws.write_string(place.header_row, j, col.header, fmts[col.group])
    # Thirty bordered rows to write in, numbered in the STT column.
    for i in range(BLANK_ROWS):
        r = place.first_data_row + i
        ws.set_row(r, ROW_HEIGHT)
        for j, col in enumerate(columns):
            if col.field == "stt":
                ws.write_number(r, j, i + 1, cell_fmts[j])
            else:
                ws.write_blank(r, j, None, cell_fmts[j])
    last_row = _signature(workbook, ws, len(columns), place.first_data_row + BLANK_ROWS + 1)
    ws.freeze_panes(place.first_data_row, 3)
    ws.set_landscape()
    ws.set_paper(9)  # A4, fitted to the page width
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.3, right=0.3, top=0.4, bottom=0.5)
    ws.repeat_rows(3, place.header_row)
    ws.print_area(0, 0, last_row, len(columns) - 1)
    ws.set_footer("&C" + ("Trang &P/&N" if lang == "vi" else "Page &P of &N"))


def _heading(workbook: Any, ws: Any, width: int, text: dict[str, str], heading: tuple[str | None, int | None]) -> None:
    """The authority ("UBND …") and the national motto, then the title with the review year."""
    words = labels("report", "vi")  # the official heading stays Vietnamese: it is what the reader reads back
    bold = workbook.add_format({"bold": True, "align": "center", "valign": "vcenter"})
    motto = workbook.add_format({"bold": True, "underline": True, "align": "center", "valign": "vcenter"})
    title = workbook.add_format({"bold": True, "font_size": 13, "align": "center", "valign": "vcenter"})
    area, year = heading
    split = max(2, width // 3)
    authority = text["authority"].format(area=area.upper()) if area else text["authority_blank"]
    ws.merge_range(0, 0, 0, split - 1, authority, bold)
    ws.merge_range(0, split, 0, width - 1, words["nation"], bold)
    ws.merge_range(1, split, 1, width - 1, words["motto"], motto)
    ws.set_row(2, 24)
    ws.merge_range(2, 0, 2, width - 1, text["title_year"].format(year=year) if year else text["title"], title)


def _signature(workbook: Any, ws: Any, width: int, r: int) -> int:
    """Place and date, the preparer and the People's Committee, with room to sign; returns the last row used."""
    words = labels("report", "vi")
    bold = workbook.add_format({"bold": True, "align": "center"})
    italic = workbook.add_format({"italic": True, "align": "center"})
    split = max(2, width // 2)
    ws.merge_range(r, split, r, width - 1, words["place_date"], italic)
    ws.merge_range(r + 1, 0, r + 1, split - 1, words["signer_left"], bold)
    ws.merge_range(r + 1, split, r + 1, width - 1, words["signer_right"], bold)
    ws.merge_range(r + 2, 0, r + 2, split - 1, words["signature_hint"], italic)
    ws.merge_range(r + 2, split, r + 2, width - 1, words["signer_right_2"], bold)
    ws.merge_range(r + 3, split, r + 3, width - 1, words["signature_hint_seal"], italic)
    return r + 7  # room to sign


def _group_spans(columns: list[TemplateColumn]) -> list[tuple[str, int, int]]:
    spans: list[tuple[str, int, int]] = []
    for j, col in enumerate(columns):
        if spans and spans[-1][0] == col.group:
            spans[-1] = (col.group, spans[-1][1], j)
        else:
            spans.append((col.group, j, j))
    return spans


def _write_lists(workbook: Any, ws: Any, units: dict[str, list[str]], lang: str) -> dict[str, str]:
    """One column of sections (heading, then values); returns each list's cell range for the drop-downs."""
    text = labels("template", lang)
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7"})
    ws.set_column(0, 0, 60, workbook.add_format({"num_format": "@"}))
    sections = [
        ("commune", text["lists_communes"], units.get("commune", [])),
        ("village", text["lists_villages"], units.get("village", [])),
        ("cause", text["lists_causes"], list(labels("template_causes", "vi").values())),
        ("reason", text["lists_reasons"], list(labels("template_reasons", "vi").values())),
    ]
    ws.set_row(0, 32)
    ws.write_string(0, 0, text["lists_intro"].format(sheet=text["sheet_data"]), workbook.add_format({"text_wrap": True, "valign": "top"}))
    return write_list_sections(ws, sections, text["sheet_lists"], bold)


def write_list_sections(ws: Any, sections: list[tuple[str, str, list[str]]], sheet_name: str,
                        bold: Any) -> dict[str, str]:
    """Each section (kind, heading, values) down column A from row 3, a blank row between; returns each kind's
    cell range for the drop-downs (sections without values are left out)."""
    sheet = sheet_name.replace("'", "''")
    ranges: dict[str, str] = {}
    row = 2
    for kind, heading, values in sections:
        if not values:
            continue
        ws.write_string(row, 0, heading, bold)
        for i, value in enumerate(values):
            ws.write_string(row + 1 + i, 0, value)
        ranges[kind] = f"='{sheet}'!$A${row + 2}:$A${row + 1 + len(values)}"
        row += len(values) + 2
    return ranges


def _add_validations(ws: Any, columns: list[TemplateColumn], place: TemplateLayout, standard: Standard,
                     ranges: dict[str, str], lang: str, rows: int) -> None:
    first, last = place.first_data_row, place.first_data_row + rows - 1
    for j, col in enumerate(columns):
        rule = column_validation(col, standard, ranges, lang)
        title = (col.english if lang == "en" else col.header)[:MAX_TITLE]
        rule.update({"input_title": title, "input_message": _clip(col.help, MAX_MESSAGE)})
        ws.data_validation(first, j, last, j, rule)


def column_validation(col: TemplateColumn, standard: Standard, ranges: dict[str, str], lang: str) -> dict[str, Any]:
    """The xlsxwriter data_validation options for one column (an input message only, for free text)."""
    text = labels("template", lang)
    values = labels("template_values", lang)
    closed = {"mark": ["mark"], "yesno": ["yes", "no"], "gender": ["male", "female"], "area": ["urban", "rural"]}
    if col.kind in closed:
        error = text["mark_error"] if col.kind == "mark" else text["choice_error"]
        return {"validate": "list", "source": [values[k] for k in closed[col.kind]], "error_message": error}
    if col.kind == "status":
        source = [values[k] for k in ("poor", "near_poor", "average", "not_poor")]
        return {"validate": "list", "source": source, "error_type": "information", "error_message": text["choice_error"]}
    if col.kind in LIST_KINDS and col.kind in ranges:
        return {"validate": "list", "source": ranges[col.kind], "error_type": "information",
                "error_message": text["choice_error"]}
    if col.kind == "members":
        return {"validate": "integer", "criteria": ">=", "value": 1, "error_message": text["members_error"]}
    if col.kind in ("money", "score"):
        return {"validate": "decimal", "criteria": ">=", "value": 0, "error_message": text["number_error"]}
    if col.kind == "b2" and standard.b2_points_per_indicator:
        top = int(standard.b2_points_per_indicator * len(standard.indicators))
        return {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": top,
                "error_message": text["b2_error"].format(max=top)}
    if col.kind == "b2":
        return {"validate": "decimal", "criteria": ">=", "value": 0, "error_message": text["number_error"]}
    return {"validate": "any"}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
