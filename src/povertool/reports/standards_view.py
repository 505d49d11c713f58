"""Showing standards to people: a list, one standard in full, and a plain dict for JSON."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from ..domain.standard import AreaValues, Standard
from ..labels import labels
from ..messages import text
from .format import format_count


def _pair(values: AreaValues | None) -> dict[str, float] | None:
    return None if values is None else {"rural": values.rural, "urban": values.urban}


def describe(std: Standard, *, kind: str = "", lang: str = "vi") -> dict[str, Any]:
    """Everything about a standard as plain data (``kind``: 'national' or 'example' in the list)."""
    data: dict[str, Any] = {"id": std.id} | ({"kind": kind} if kind else {})
    return data | {
        "name": std.name,
        "name_en": std.name_en,
        "valid_from": std.valid_from,
        "valid_to": std.valid_to,
        "legal_sources": list(std.legal_sources),
        "income_unit": std.income_unit,
        "poverty_line": _pair(std.poverty_line),
        "extreme_poverty_line": _pair(std.extreme_poverty_line),
        "average_band_upper": _pair(std.average_band_upper),
        "average_agricultural_only": std.average_agricultural_only,
        "low_income_line": _pair(std.low_income_line),
        "min_deprivations": std.min_deprivations,
        "b1_threshold": _pair(std.b1_threshold),
        "b2_points_per_indicator": std.b2_points_per_indicator,
        "rule": std.rule_description,
        "rule_in_words": rule_in_words(std, lang),
        "indicators": [
            {"code": i.code, "dimension": i.dimension, "name": i.name, "name_en": i.name_en,
             "deprived_when": i.deprived_when, "verify": i.verify}
            for i in std.indicators
        ],
        "verify": [i.code for i in std.indicators if i.verify],
        "verify_notes": list(std.verify_notes),
        "overrides": list(std.overrides),
    }


def _lines(values: AreaValues | None, lang: str = "vi") -> str:
    if values is None:
        return "—"
    return f"{format_count(values.rural, lang)} / {format_count(values.urban, lang)}"


def _by_area(values: AreaValues, lang: str) -> str:
    return text("standards.by_area", lang, rural=format_count(values.rural, lang), urban=format_count(values.urban, lang))


def rule_in_words(std: Standard, lang: str = "vi") -> list[str]:
    """The rule as sentences built from the standard's values (so local and what-if runs read true)."""
    k, n, line = std.min_deprivations, len(std.indicators), std.poverty_line
    t = lambda code, **f: text(f"standards.rule.{code}", lang, **f)  # noqa: E731
    deprived = t("deprived", k=k, n=n)
    if std.extreme_poverty_line is not None:
        low = std.extreme_poverty_line
        poor = t("poor_two_tier", low=_by_area(low, lang), line=_by_area(line, lang), deprived=deprived)
        near = t("near_two_tier", low=_by_area(low, lang), line=_by_area(line, lang), k=k)
    else:
        poor = t("poor", line=_by_area(line, lang), deprived=deprived)
        near = t("near", line=_by_area(line, lang), k=k)
    sentences = [poor, near]
    if std.average_band_upper is not None:
        only = t("agricultural_only") if std.average_agricultural_only else ""
        sentences.append(t("average", upper=_by_area(std.average_band_upper, lang), only=only))
    else:
        sentences.append(t("average_none"))
    sentences.append(t("above_line"))
    if std.low_income_line is not None:
        sentences.append(t("low_income", line=_by_area(std.low_income_line, lang)))
    if std.b1_threshold is not None:
        b2 = t("b2", points=f"{std.b2_points_per_indicator:g}") if std.b2_points_per_indicator else ""
        sentences.append(t("b1", threshold=_lines(std.b1_threshold, lang), b2=b2))
    else:
        sentences.append(t("b1_none"))
    sentences.append(t("blank_cells"))
    return sentences


def _name(std: Standard, lang: str) -> str:
    return (std.name_en or std.name) if lang == "en" else std.name


def listing(items: list[Standard], examples: list[Standard] = (), lang: str = "vi") -> Table:  # type: ignore[assignment]
    """One row per standard: id, period, lines (rural / urban), legal source; local examples last."""
    t = lambda code, **f: text(f"standards.list.{code}", lang, **f)  # noqa: E731
    table = Table(title=t("title"), caption=t("caption"))
    table.add_column(t("id"), no_wrap=True)
    table.add_column(t("period"), no_wrap=True)
    table.add_column(t("line"), no_wrap=True)
    table.add_column("k", no_wrap=True)
    table.add_column(t("source"), overflow="fold")
    for s, kind in [(s, "") for s in items] + [(s, t("example") + " ") for s in examples]:
        table.add_row(s.id, f"{s.valid_from}–{s.valid_to}", _lines(s.poverty_line, lang), str(s.min_deprivations),
                      kind + (s.legal_sources[0] if s.legal_sources else ""))
    return table


def render(std: Standard, lang: str = "vi") -> list[Any]:
    """One standard in full: lines, rule in words, indicators by dimension, what is marked to verify."""
    t = lambda code, **f: text(f"standards.show.{code}", lang, **f)  # noqa: E731
    head = Text()
    head.append(f"{std.id}: {_name(std, lang)}\n", style="bold")
    head.append(t("period", start=std.valid_from, end=std.valid_to) + "\n")
    for source in std.legal_sources:
        head.append(f"  • {source}\n")
    head.append(t("line", lines=_lines(std.poverty_line, lang)) + "\n")
    if std.extreme_poverty_line:
        head.append(t("extreme", lines=_lines(std.extreme_poverty_line, lang)) + "\n")
    if std.average_band_upper:
        head.append(t("average", lines=_lines(std.average_band_upper, lang))
                    + (t("agricultural_only") if std.average_agricultural_only else "") + "\n")
    if std.low_income_line:
        head.append(t("low_income", lines=_lines(std.low_income_line, lang)) + "\n")
    if std.b1_threshold:
        head.append(t("b1", lines=_lines(std.b1_threshold, lang)))
        head.append(t("b2", points=f"{std.b2_points_per_indicator:g}") + "\n" if std.b2_points_per_indicator else "\n")
    head.append(t("rule") + "\n")
    for sentence in rule_in_words(std, lang):
        head.append(f"  - {sentence}\n")
    for note in std.overrides:
        head.append(text("cli.what_if", lang, change=note) + "\n", style="yellow")
    return [head, _indicator_table(std, lang), *_verify_notes(std, lang)]


def _indicator_table(std: Standard, lang: str) -> Text:
    """Indicators grouped by dimension, in the standard's order (plain lines: readable at any width)."""
    t = lambda code, **f: text(f"standards.show.{code}", lang, **f)  # noqa: E731
    dimensions = labels("report_dimensions", lang)
    out = Text()
    out.append(t("indicators", count=len(std.indicators)) + "\n", style="bold")
    dimension = None
    for n, ind in enumerate(std.indicators, start=1):
        if ind.dimension != dimension:
            dimension = ind.dimension
            out.append(f"{dimensions.get(dimension, dimension)}\n", style="bold")
        name = (ind.name_en or ind.name) if lang == "en" else ind.name
        out.append(f"  {n}. {name} [{ind.code}]")
        out.append(t("to_verify") + "\n" if ind.verify else "\n", style="yellow")
        if lang == "vi" or not ind.deprived_when:
            out.append(t("deprived_when", rule=ind.deprived_when or t("unknown")) + "\n")
    if lang != "vi" and any(ind.deprived_when for ind in std.indicators):
        out.append(t("deprived_when_vi_only", id=std.id) + "\n")
    return out


def _verify_notes(std: Standard, lang: str) -> list[Text]:
    marked = [ind.code for ind in std.indicators if ind.verify]
    parts = []
    if marked:
        parts.append(Text(text("standards.show.verify_marked", lang, count=len(marked), total=len(std.indicators),
                               codes=", ".join(marked)), style="yellow"))
    if lang == "vi":
        parts.extend(Text(text("standards.show.verify_note", lang, note=note), style="yellow") for note in std.verify_notes)
    elif std.verify_notes:
        parts.append(Text(text("standards.show.verify_notes_vi_only", lang, count=len(std.verify_notes), id=std.id),
                          style="yellow"))
    return parts
