"""The two-sheet roster form (``povertool template --roster``, issue 18): households with their dwelling facts,
members with their own facts, joined by Mã hộ; drop-downs from the roster vocabulary, instructions from the
standard's rules. Headers are the Vietnamese ones the reader matches, whatever ``lang`` is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..domain.standard import Standard
from ..labels import labels
from ..messages import text
from ..words import RosterField, roster_fields
from .template import TemplateColumn, column_validation, template_columns, unit_lists, write_list_sections
from .writers import write_atomic
from .xlsx import new_workbook

HOUSEHOLD_ROWS, MEMBER_ROWS = 20_000, 80_000  # rows with drop-downs; rows below still read back
GUIDE_CHARS_PER_LINE = 72  # of the 70-wide column A (fits A4 portrait, as the survey template guide)
HEADER_ROW = 2  # 0-based: title in row 0, a note in row 1, headers in row 2, data from row 3
# Before the dwelling facts: the usual household fields of the template (no marks: the rules derive them).
_HOUSEHOLD_KINDS_DROPPED = ("mark", "b2")
_MEMBER_FIELDS = ("household_id", "member_name", "relation", "female", "birth_date", "birth_year", "insured",
                  "in_school", "diploma", "work_status", "social_allowance", "disabled", "malnourished")
_WIDTH = {"id": 13, "name": 24, "text": 16, "gender": 9, "date": 12, "year": 9, "age": 7, "flag": 12,
          "number": 12, "choice": 30}


def household_columns(standard: Standard, lang: str, *, district: bool = False) -> list[TemplateColumn]:
    """The households sheet: the survey template's columns without the marks, the dwelling facts after income."""
    base = [c for c in template_columns(standard, lang=lang, district=district) if c.kind not in _HOUSEHOLD_KINDS_DROPPED]
    cut = max(i for i, c in enumerate(base) if c.group in ("general", "income")) + 1
    facts = [_fact_column(f, lang) for f in roster_fields().values() if f.table == "household"]
    return base[:cut] + facts + base[cut:]


def member_columns(lang: str) -> list[TemplateColumn]:
    """The members sheet: one row per person, Mã hộ first."""
    fields = roster_fields()
    return [_fact_column(fields[name], lang) for name in _MEMBER_FIELDS]


def _fact_column(spec: RosterField, lang: str) -> TemplateColumn:
    helps = labels("roster_template_help", lang)
    return TemplateColumn(spec.name, spec.header, labels("roster_template_english", "en").get(spec.name, spec.header),
                          "roster", f"roster_{spec.kind}", helps.get(spec.name, ""))


def write_roster_template(path: Path, standard: Standard, *, lang: str = "vi", totals: pd.DataFrame | None = None,
                          rows: int = HOUSEHOLD_ROWS) -> tuple[list[TemplateColumn], list[TemplateColumn]]:
    """Write the roster form atomically; returns (household columns, member columns)."""
    units = unit_lists(totals)
    households = household_columns(standard, lang, district="district" in units)
    members = member_columns(lang)
    write_atomic(path, lambda tmp: _write(tmp, standard, households, members, units, lang, rows))
    return households, members


def _write(path: Path, standard: Standard, households: list[TemplateColumn], members: list[TemplateColumn],
           units: dict[str, list[str]], lang: str, rows: int) -> None:
    t = labels("roster_template", lang)
    wb = new_workbook(path)
    hh_sheet = wb.add_worksheet(t["sheet_households"])
    mm_sheet = wb.add_worksheet(t["sheet_members"])
    guide = wb.add_worksheet(t["sheet_guide"])
    lists = wb.add_worksheet(t["sheet_lists"])
    ranges = _write_lists(wb, lists, units, t)
    _write_sheet(wb, hh_sheet, households, t["title_households"], t["note_households"], standard, ranges, lang, rows)
    _write_sheet(wb, mm_sheet, members, t["title_members"], t["note_members"], standard, ranges, lang, rows * 4)
    _write_guide(wb, guide, standard, lang)
    hh_sheet.activate()
    wb.close()


def _write_sheet(wb: Any, ws: Any, columns: list[TemplateColumn], title: str, note: str, standard: Standard,
                 ranges: dict[str, str], lang: str, rows: int) -> None:
    bold = wb.add_format({"bold": True, "font_size": 13})
    header = wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1,
                            "bg_color": "#DDEBF7"})
    fact_header = wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1,
                                 "bg_color": "#E2EFDA"})
    ws.write_string(0, 0, title, bold)
    ws.write_string(1, 0, note)
    ws.set_row(HEADER_ROW, 60)
    for j, col in enumerate(columns):
        kind = col.kind.removeprefix("roster_")
        text_format = wb.add_format({"num_format": "dd/mm/yyyy" if kind == "date" else "0" if kind == "year" else "@"
                                     if kind in ("id", "text", "name", "choice") else "General"})
        ws.set_column(j, j, _WIDTH.get(kind, 14), text_format)
        ws.write_string(HEADER_ROW, j, col.header, fact_header if col.group == "roster" else header)
        rule = _rule(col, standard, ranges, lang)
        title_text = (col.english if lang == "en" else col.header)[:32]
        if col.help:
            rule.update({"input_title": title_text, "input_message": col.help[:255]})
        ws.data_validation(HEADER_ROW + 1, j, HEADER_ROW + rows, j, rule)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    ws.set_landscape()
    ws.set_paper(8)  # A3: twenty-odd columns do not fit on A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0, HEADER_ROW)


def _rule(col: TemplateColumn, standard: Standard, ranges: dict[str, str], lang: str) -> dict[str, Any]:
    """The data validation of a column: the survey template's for its own fields, the vocabulary's for facts."""
    if not col.kind.startswith("roster_"):
        return column_validation(col, standard, ranges, lang)
    t = labels("template", lang)
    values = labels("template_values", "vi")  # the cells are read in Vietnamese whatever the language
    kind = col.kind.removeprefix("roster_")
    if kind == "flag":
        return {"validate": "list", "source": [values["yes"], values["no"]], "error_message": t["choice_error"]}
    if kind == "gender":
        return {"validate": "list", "source": [values["male"], values["female"]], "error_message": t["choice_error"]}
    if kind == "choice":
        return {"validate": "list", "source": ranges[col.field], "error_message": t["choice_error"]}
    if kind == "year":
        return {"validate": "integer", "criteria": "between", "minimum": 1900, "maximum": 2100,
                "error_message": text("roster.kind_year")}
    if kind == "number":
        return {"validate": "decimal", "criteria": ">=", "value": 0, "error_message": t["number_error"]}
    return {"validate": "any"}


def _write_lists(wb: Any, ws: Any, units: dict[str, list[str]], t: dict[str, str]) -> dict[str, str]:
    """Choice values (and communes/villages from --totals) in column A; returns each list's range."""
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7"})
    ws.set_column(0, 0, 60, wb.add_format({"num_format": "@"}))
    sections = [(f.name, f.header, list(f.choices)) for f in roster_fields().values() if f.choices]
    sections += [("commune", "Xã/Phường", units.get("commune", [])), ("village", "Thôn/Ấp/Khu phố", units.get("village", []))]
    sections += [("cause", labels("template", "vi")["lists_causes"], list(labels("template_causes", "vi").values())),
                 ("reason", labels("template", "vi")["lists_reasons"], list(labels("template_reasons", "vi").values()))]
    ws.write_string(0, 0, t["lists_intro"])
    return write_list_sections(ws, sections, t["sheet_lists"], bold)


def _write_guide(wb: Any, ws: Any, standard: Standard, lang: str) -> None:
    """How to fill the two sheets, then each indicator with the rule that derives it and its source."""
    title = wb.add_format({"bold": True, "font_size": 13})
    section = wb.add_format({"bold": True, "bg_color": "#DDEBF7"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    ws.set_column(0, 0, 70, wrap)
    ws.fit_to_pages(1, 0)
    lines: list[tuple[Any, str]] = [(title, text("roster.guide_title")), (wrap, "")]
    lines += [(wrap, "– " + text(f"roster.guide_{i}")) for i in range(1, 6)]
    lines += [(wrap, ""), (section, text("roster.guide_rules"))]
    rules = standard.roster
    for number, ind in enumerate(standard.indicators, start=1):
        rule = rules.rule(ind.code) if rules is not None else None
        name = ind.name if lang == "vi" else ind.name_en or ind.name
        lines.append((wrap, f"{number}. {name}: {ind.deprived_when}"))
        if rule is not None and rule.source:
            verify = f" ({text('roster.guide_verify')})" if rule.verify and text("roster.guide_verify") not in rule.source else ""
            lines.append((wrap, f"    {text('roster.guide_source')}: {rule.source}{verify}"))
    for r, (fmt, line) in enumerate(lines):
        ws.write_string(r, 0, line, fmt)
        ws.set_row(r, 15 * max(1, -(-len(line) // GUIDE_CHARS_PER_LINE)))  # wrapped rows get their height
