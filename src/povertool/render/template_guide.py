"""The instructions sheet of the survey template: how to fill it, the rule in words, the lines, the indicators.

Every row holds a single text cell (column A), so the reader never mistakes this sheet for a household table.
Figures come from the standard; words come from labels.toml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..domain.standard import AreaValues, Standard
from ..labels import labels
from ..numbers import format_count

if TYPE_CHECKING:
    from .template import TemplateColumn, TemplateLayout

HOW_STEPS = 10
CHARS_PER_LINE = 78  # of the 70-wide column A (fits A4 portrait in Excel and LibreOffice)


def score_words(standard: Standard, lang: str) -> dict[str, str]:
    """The standard's names of the scores for the template's texts: b1, b1_title, b2, b2_title, and b1_vi (the
    Vietnamese header, which stays Vietnamese in every language)."""
    title = lambda text: text[:1].upper() + text[1:]  # noqa: E731
    return {"b1": standard.term("b1", lang), "b1_title": title(standard.term("b1", lang)),
            "b2": standard.term("b2", lang), "b2_title": title(standard.term("b2", lang)),
            "b1_vi": title(standard.term("b1", "vi"))}


def guide_lines(standard: Standard, columns: list[TemplateColumn], *, lang: str,
                layout: TemplateLayout) -> list[tuple[str, str]]:
    """(style, text) per row: style is 'title', 'section' or 'text' ('' text = a blank row)."""
    g = labels("template_guide", lang)
    t = labels("template", lang)
    lines: list[tuple[str, str]] = [("title", g["title"])]
    name = standard.name_en if lang == "en" and standard.name_en else standard.name
    lines.append(("text", g["standard"].format(name=name, id=standard.id, valid_from=standard.valid_from,
                                               valid_to=standard.valid_to)))
    if standard.legal_sources:
        lines.append(("text", g["sources"].format(sources="; ".join(standard.legal_sources))))
    lines += [("text", ""), ("section", g["how_title"])]
    places = {"sheet": t["sheet_data"], "lists": t["sheet_lists"], "first_row": layout.first_data_row + 1,
              "header_row": layout.header_row + 1, **score_words(standard, lang)}
    lines += [("text", "– " + g[f"how_{i}"].format(**places)) for i in range(1, HOW_STEPS + 1)]
    lines += [("text", ""), ("section", g["rule_title"])] + [("text", s) for s in _rule_lines(standard, lang)]
    lines += [("text", ""), ("section", g["indicators_title"])]
    meanings = labels("template_indicators", "en") if lang == "en" else {}
    for number, ind in enumerate(standard.indicators, start=1):
        lines.append(("text", g["indicator_line"].format(
            number=number, name=ind.name, name_en=ind.name_en or ind.name, dimension=ind.dimension,
            meaning=meanings.get(ind.code, ind.deprived_when))))
    lines += [("text", ""), ("section", g["columns_title"])]
    for col in columns:
        if col.kind != "mark":
            lines.append(("text", "– " + g["column_line"].format(header=col.header, english=col.english, help=col.help)))
    if lang == "en":
        lines += [("text", ""), ("section", g["values_title"])]
        for group in ("template_causes", "template_reasons"):
            vi, en = labels(group, "vi"), labels(group, "en")
            lines += [("text", "– " + g["value_line"].format(value=vi[k], meaning=en.get(k, ""))) for k in vi]
    return lines


def _rule_lines(standard: Standard, lang: str) -> list[str]:
    g = labels("template_guide", lang)
    rule = standard.rule_description_en if lang == "en" and standard.rule_description_en else standard.rule_description
    out = [rule] if rule else []

    def money(values: AreaValues) -> dict[str, str]:
        return {"rural": format_count(values.rural, lang), "urban": format_count(values.urban, lang)}

    name = standard.term("poverty_line", lang)
    if standard.extreme_poverty_line is not None:  # vn-2016: the poverty line, then the near-poor line above it
        low = standard.term("extreme_line", lang)
        out.append(g["line_extreme"].format(name_title=low[:1].upper() + low[1:], **money(standard.extreme_poverty_line)))
    out.append(g["line_poverty"].format(name_title=name[:1].upper() + name[1:], **money(standard.poverty_line)))
    if standard.average_band_upper is not None:
        out.append(g["line_average"].format(name=name, **money(standard.average_band_upper)))
        if standard.average_agricultural_only:
            out.append(g["average_agricultural"])
        note = standard.average_income_note_en if lang == "en" else standard.average_income_note
        if note:  # QĐ 24/2021, Art. 2: the income for this band leaves out state social assistance
            out.append(note)
    if standard.low_income_line is not None:
        out.append(g["line_low_income"].format(**money(standard.low_income_line)))
    if standard.b1_threshold is not None and standard.b2_points_per_indicator:
        points = standard.b2_points_per_indicator
        words = {**score_words(standard, lang), "source": standard.score_source or "—",
                 "points": format_count(points, lang), "b2_poor": format_count(points * standard.min_deprivations, lang)}
        if standard.b1_poor_threshold is not None:
            poor = money(standard.b1_poor_threshold)
            out.append(g["line_scores_tiers"].format(**money(standard.b1_threshold), poor_rural=poor["rural"],
                                                     poor_urban=poor["urban"], **words))
        else:
            out.append(g["line_scores"].format(**money(standard.b1_threshold), **words))
    return out


def write_guide(workbook: Any, ws: Any, standard: Standard, columns: list[TemplateColumn], *, lang: str,
                layout: TemplateLayout) -> None:
    """Write the instructions sheet: one wrapped text cell per row in column A."""
    formats = {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "section": workbook.add_format({"bold": True, "font_size": 11, "bg_color": "#DDEBF7"}),
        "text": workbook.add_format({"text_wrap": True, "valign": "top"}),
    }
    ws.set_column(0, 0, 70)
    for row, (style, text) in enumerate(guide_lines(standard, columns, lang=lang, layout=layout)):
        if text:
            lines = -(-len(text) // CHARS_PER_LINE)
            if lines > 1:  # Excel does not grow a row for wrapped text written by a program
                ws.set_row(row, 15 * lines)
            ws.write_string(row, 0, text, formats[style])
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
