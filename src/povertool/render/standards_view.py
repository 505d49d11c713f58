"""Showing standards to people: a list, one standard in full, and a plain dict for JSON.

Lines and scores are named as each standard's legal text names them (vn-2016: "chuẩn nghèo" 700,000 and "chuẩn
cận nghèo" 1,000,000; TT 07/2021: "điểm A", "điểm B"); the names come from the standard files, the sentences
from messages.toml in the language of the run.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from ..domain.standard import AreaValues, Standard
from ..labels import labels
from ..messages import current_language, text
from ..numbers import format_count

LEGAL_BASIS_DOC = "docs/legal-basis.md"  # in the source repository: sources, confirmed facts, what awaits the texts


def _pair(values: AreaValues | None) -> dict[str, float] | None:
    return None if values is None else {"rural": values.rural, "urban": values.urban}


def describe(std: Standard, *, kind: str = "") -> dict[str, Any]:
    """Everything about a standard as plain data (``kind``: 'national' or 'example' in the list)."""
    data: dict[str, Any] = {"id": std.id} | ({"kind": kind} if kind else {})
    return data | {
        "name": std.name,
        "name_en": std.name_en,
        "valid_from": std.valid_from,
        "valid_to": std.valid_to,
        "legal_sources": list(std.legal_sources),
        "legal_basis_doc": LEGAL_BASIS_DOC,
        "income_unit": std.income_unit,
        "poverty_line": _pair(std.poverty_line),
        "extreme_poverty_line": _pair(std.extreme_poverty_line),
        "line_names": {"poverty_line": std.term("poverty_line"),
                       "extreme_poverty_line": std.term("extreme_line") if std.extreme_poverty_line else None},
        "average_band_upper": _pair(std.average_band_upper),
        "average_agricultural_only": std.average_agricultural_only,
        "average_income_note": std.average_income_note or None,
        "low_income_line": _pair(std.low_income_line),
        "low_income_valid_to": std.low_income_valid_to,
        "low_income_verify_note": std.low_income_verify_note or None,
        "min_deprivations": std.min_deprivations,
        "b1_threshold": _pair(std.b1_threshold),
        "b1_poor_threshold": _pair(std.b1_poor_threshold),
        "b2_points_per_indicator": std.b2_points_per_indicator,
        "score_names": {"b1": std.term("b1"), "b2": std.term("b2")},
        "score_source": std.score_source or None,
        "rule": std.rule_description,
        "rule_in_words": rule_in_words(std),
        "indicators": [
            {"code": i.code, "dimension": i.dimension, "name": i.name, "name_en": i.name_en,
             "deprived_when": i.deprived_when, "verify": i.verify, "name_verify": i.name_verify}
            for i in std.indicators
        ],
        "verify": [i.code for i in std.indicators if i.verify],
        "verify_names": [i.code for i in std.indicators if i.name_verify],
        "verify_notes": list(std.verify_notes),
        "overrides": list(std.overrides),
    }


def _lines(values: AreaValues | None) -> str:
    if values is None:
        return "—"
    lang = current_language()
    return f"{format_count(values.rural, lang)} / {format_count(values.urban, lang)}"


def _by_area(values: AreaValues) -> str:
    lang = current_language()
    return text("standards.by_area", rural=format_count(values.rural, lang), urban=format_count(values.urban, lang))


def _unit(std: Standard) -> str:
    return text("standards.unit") if std.income_unit == "VND/person/month" else std.income_unit


def _title(words: str) -> str:
    return words[:1].upper() + words[1:]


def _score_words(std: Standard) -> dict[str, str]:
    """The fields of the score sentences: names, thresholds, points and the B2 that makes a household poor."""
    lang = current_language()
    points = std.b2_points_per_indicator or 0
    return {"source": std.score_source or "—", "b1": std.term("b1", lang), "b2": std.term("b2", lang),
            "b1_line": _lines(std.b1_threshold), "b1_poor": _lines(std.b1_poor_threshold),
            "points": format_count(points, lang), "b2_poor": format_count(points * std.min_deprivations, lang)}


def rule_in_words(std: Standard) -> list[str]:
    """The rule as sentences built from the standard's values (so local and what-if runs read true)."""
    lang = current_language()
    k, n = std.min_deprivations, len(std.indicators)
    names: dict[str, Any] = {"line_name": std.term("poverty_line", lang), "line": _by_area(std.poverty_line), "k": k, "n": n}
    if std.extreme_poverty_line is not None:
        tiers = names | {"low_name": std.term("extreme_line", lang), "low": _by_area(std.extreme_poverty_line)}
        sentences = [text("standards.rule.poor_tiers", **tiers), text("standards.rule.near_poor_tiers", **tiers)]
    else:
        sentences = [text("standards.rule.poor", **names), text("standards.rule.near_poor", **names)]
    if std.average_band_upper is not None:
        code = "standards.rule.average_agricultural" if std.average_agricultural_only else "standards.rule.average"
        sentences.append(text(code, line_name=names["line_name"], band=_by_area(std.average_band_upper)))
        note = std.average_income_note_en if lang == "en" else std.average_income_note
        if note:
            sentences.append(note)
    else:
        sentences.append(text("standards.rule.no_average"))
    sentences.append(text("standards.rule.above", line_name=names["line_name"]))
    if std.low_income_line is not None:
        sentences.append(text("standards.rule.low_income", line=_by_area(std.low_income_line)))
    words = _score_words(std)
    if std.b1_threshold is not None and std.b2_points_per_indicator:
        code = "standards.rule.score_tiers" if std.b1_poor_threshold is not None else "standards.rule.scores"
        sentences.append(text(code, **words))
    elif std.b1_threshold is None:
        sentences.append(text("standards.rule.no_scores", **words))
    sentences.append(text("standards.rule.unknowns"))
    return sentences


def _named_lines(std: Standard) -> str:
    """'chuẩn nghèo 700.000 / 900.000; chuẩn cận nghèo 1.000.000 / 1.300.000' (the list's lines column)."""
    parts = []
    if std.extreme_poverty_line is not None:
        parts.append(text("standards.line_pair", name=std.term("extreme_line"), values=_lines(std.extreme_poverty_line)))
    parts.append(text("standards.line_pair", name=std.term("poverty_line"), values=_lines(std.poverty_line)))
    return "\n".join(parts)


def lines_summary(std: Standard, lang: str | None = None) -> str:
    """'Chuẩn … (vn-2016): chuẩn nghèo 700.000 / 900.000; chuẩn cận nghèo 1.000.000 / 1.300.000 đồng/người/tháng
    (nông thôn / thành thị)': the standard with its lines by their legal names (the report's cover)."""
    lang = lang or current_language()
    values = lambda v: f"{format_count(v.rural, lang)} / {format_count(v.urban, lang)}"  # noqa: E731
    lines = []
    if std.extreme_poverty_line is not None:
        lines.append(f"{std.term('extreme_line', lang)} {values(std.extreme_poverty_line)}")
    lines.append(f"{std.term('poverty_line', lang)} {values(std.poverty_line)}")
    name = std.name_en if lang == "en" and std.name_en else std.name
    return text("standards.lines_summary", lang=lang, standard=f"{name} ({std.id})", lines="; ".join(lines))


def listing(items: list[Standard], examples: list[Standard] = ()) -> Table:  # type: ignore[assignment]
    """One row per standard: id, period, lines by their legal names, k, legal source; local examples last."""
    table = Table(title=text("standards.list_title"), caption=text("standards.list_caption"))
    table.add_column("id", no_wrap=True)
    table.add_column(text("standards.col_period"), no_wrap=True)
    table.add_column(text("standards.col_lines"), no_wrap=True)
    table.add_column("k", no_wrap=True)
    table.add_column(text("standards.col_sources"), overflow="fold")
    for s, example in [(s, False) for s in items] + [(s, True) for s in examples]:
        source = s.legal_sources[0] if s.legal_sources else ""
        table.add_row(s.id, f"{s.valid_from}–{s.valid_to}", _named_lines(s), str(s.min_deprivations),
                      text("standards.example", source=source) if example else source)
    return table


def render(std: Standard) -> list[Any]:
    """One standard in full: lines, scores, rule in words, indicators by dimension, what is marked to verify."""
    lang = current_language()
    head = Text()
    head.append(f"{std.id}: {std.name_en if lang == 'en' and std.name_en else std.name}\n", style="bold")
    head.append(text("standards.period", start=std.valid_from, end=std.valid_to) + "\n")
    for source in std.legal_sources:
        head.append(f"  • {source}\n")
    line_name = std.term("poverty_line", lang)
    if std.extreme_poverty_line:
        head.append(text("standards.line_tier", name=_title(std.term("extreme_line", lang)),
                         values=_lines(std.extreme_poverty_line), unit=_unit(std)) + "\n")
    head.append(text("standards.line", name=_title(line_name), values=_lines(std.poverty_line), unit=_unit(std)) + "\n")
    if std.average_band_upper:
        code = "standards.average_agricultural" if std.average_agricultural_only else "standards.average"
        head.append(text(code, line_name=line_name, values=_lines(std.average_band_upper)) + "\n")
        note = std.average_income_note_en if lang == "en" else std.average_income_note
        if note:
            head.append(f"  {note}\n")
    if std.low_income_line:
        note = std.low_income_verify_note_en if lang == "en" else std.low_income_verify_note
        if std.low_income_valid_to is not None and std.valid_to > std.low_income_valid_to:
            head.append(text("standards.low_income_until", values=_lines(std.low_income_line),
                             year=std.low_income_valid_to, note=note or "—") + "\n", style="yellow")
        else:
            head.append(text("standards.low_income", values=_lines(std.low_income_line)) + "\n")
    if std.b1_threshold and std.b2_points_per_indicator:
        code = "standards.score_tiers" if std.b1_poor_threshold else "standards.scores"
        head.append(text(code, **_score_words(std)) + "\n")
    head.append(text("standards.rule_title") + "\n")
    for sentence in rule_in_words(std):
        head.append(f"  - {sentence}\n")
    for note in std.overrides:
        head.append(text("standards.what_if", note=note) + "\n", style="yellow")
    return [head, _indicator_table(std), *_verify_notes(std), Text(text("standards.legal_basis"))]


def _indicator_table(std: Standard) -> Text:
    """Indicators grouped by dimension, in the standard's order (plain lines: readable at any width)."""
    out = Text()
    out.append(text("standards.indicators_title", n=len(std.indicators)) + "\n", style="bold")
    english = current_language() == "en"
    dimensions = labels("report_dimensions", "en") if english else {}
    dimension = None
    for n, ind in enumerate(std.indicators, start=1):
        if ind.dimension != dimension:
            dimension = ind.dimension
            out.append(f"{dimensions.get(dimension, dimension)}\n", style="bold")
        out.append(f"  {n}. {(ind.name_en or ind.name) if english else ind.name} [{ind.code}]")
        out.append(f" — {text('standards.name_to_verify')}\n" if ind.name_verify else "\n", style="yellow")
        # The legal wording of each rule is Vietnamese only (the standard file has no English for it).
        rule = text("standards.deprived_when_vietnamese", id=std.id) if english and ind.deprived_when else \
            ind.deprived_when or text("standards.deprived_when_unknown")
        out.append("     " + text("standards.deprived_when", text=rule))
        out.append(f" — {text('standards.to_verify')}\n" if ind.verify else "\n", style="yellow")
    return out


def _verify_notes(std: Standard) -> list[Text]:
    n = len(std.indicators)
    thresholds = [ind.code for ind in std.indicators if ind.verify]
    names = [ind.code for ind in std.indicators if ind.name_verify]
    parts = []
    if not names:
        parts.append(Text(text("standards.names_confirmed", n=n), style="green"))
    else:
        parts.append(Text(text("standards.verify_names", count=len(names), n=n, codes=", ".join(names)), style="yellow"))
    if thresholds:
        parts.append(Text(text("standards.verify_thresholds", count=len(thresholds), n=n, codes=", ".join(thresholds)),
                          style="yellow"))
    if current_language() == "en" and std.verify_notes:  # the notes are written in Vietnamese in the standard file
        parts.append(Text(text("standards.verify_notes_vietnamese", count=len(std.verify_notes), id=std.id),
                          style="yellow"))
    else:
        parts.extend(Text(text("standards.verify_note", note=note), style="yellow") for note in std.verify_notes)
    return parts
