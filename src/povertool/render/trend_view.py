"""The trend as two tables (render/table.py), built once and drawn by every renderer (terminal, progress workbook,
official report): the rates per round, and the programmes' targets in words — one row per year-on-year step
(period in force, the metric it is measured on, change, target, pace) with notes naming each period's source and
the targets not computed."""

from __future__ import annotations

from ..domain.programme import LEVEL_BELOW, ProgrammeTarget
from ..domain.trend import RATE_METRICS, Trend
from ..labels import labels
from ..messages import text
from ..numbers import format_number
from .table import RATE, TEXT, UNIT, Column, Table, plain

STEP_KEYS = ("step_years", "step_period", "step_metric", "step_change", "step_target", "status")


def _pp(value: float | None, lang: str, *, sign: bool = False) -> str:
    return "—" if value is None else format_number(value, 2, lang, sign=sign, thousands=False)


def _short(value: float | None, lang: str) -> str:
    """1.0 -> '1', 1.5 -> '1,5' (as the texts write the targets)."""
    if value is None:
        return "—"
    written = format_number(value, 2, lang, thousands=False)
    return written.rstrip("0").rstrip(",.")


def target_text(target: ProgrammeTarget, lang: str) -> str:
    """'giảm 1–1,5' / 'giảm trên 3' / 'giảm từ 3 trở lên' for a yearly reduction."""
    low = _short(target.low_pp, lang)
    if target.high_pp is not None:
        return text("trend.target_range", lang=lang, low=low, high=_short(target.high_pp, lang))
    return text("trend.target_more_than" if target.strict else "trend.target_at_least", lang=lang, low=low)


def step_rows(trend: Trend, lang: str = "vi") -> list[list[str]]:
    """One row per step, the cells in STEP_KEYS order, as text."""
    words = labels("progress", lang)
    periods = {f"{p.start}–{p.end}": p for p in trend.periods}
    rows = []
    for step in trend.steps.to_dict("records"):
        years = f"{step['year_from']}–{step['year_to']}"
        period = periods.get(step["period"]) if step["period"] else None
        if period is None:
            rows.append([years, text("trend.no_period", lang=lang), "", "", "", ""])
            continue
        target = period.main
        pace = step["pace"]
        rows.append([
            years, text("trend.period", lang=lang, period=step["period"], source=period.source_short or period.source),
            words.get(target.metric, target.metric), _pp(step["change_pp"], lang, sign=True),
            target_text(target, lang) if target.metric in RATE_METRICS else "",
            words[f"pace_{pace}"] if pace else "—",
        ])
    return rows


def programme_notes(trend: Trend, lang: str = "vi") -> list[str]:
    """Per period the rounds fall in: the target each year is compared against (with its source), then every
    other target and why the lists cannot measure it."""
    notes = []
    for period in trend.periods:
        name = f"{period.start}–{period.end}"
        main = period.main
        notes.append(text("trend.compared_on", lang=lang, period=name, source=period.source, label=_label(main, lang)))
        for target in period.targets:
            if target is main:
                continue
            reason = target.not_computed_en if lang == "en" else target.not_computed
            if reason or target.metric not in RATE_METRICS:
                notes.append(text("trend.not_computed", lang=lang, label=_label(target, lang), source=period.source,
                                  reason=reason or "—"))
            elif target.kind == LEVEL_BELOW:
                notes.append(text("trend.not_on_trend", lang=lang, label=_label(target, lang), source=period.source))
    return notes


def average_note(trend: Trend, lang: str = "vi") -> str:
    """The average yearly change of the three rates over all rounds."""
    return text("trend.average", lang=lang, poor=_pp(trend.poor_change_pp, lang, sign=True),
                near=_pp(trend.near_poor_change_pp, lang, sign=True),
                multi=_pp(trend.multidimensional_change_pp, lang, sign=True))


def step_headers(lang: str = "vi") -> list[str]:
    """The step table's column headers."""
    words = labels("progress", lang)
    return [words[k] for k in STEP_KEYS]


def _label(target: ProgrammeTarget, lang: str) -> str:
    return target.label_en if lang == "en" and target.label_en else target.label


STEP_WIDTHS = (12, 30, 18, 12, 14, 22)
RATE_KEYS = ("households", "poor_households", "poor_rate", "near_poor_households", "near_poor_rate",
             "multidimensional_rate")


def trend_tables(trend: Trend, lang: str = "vi") -> list[Table]:
    """The rates per round, oldest first, with the average yearly change; then each year against the programme
    period in force that year (its metric, target and source)."""
    t = labels("report", lang)
    words = labels("progress", lang)
    hh, pct = t["u_households"], t["u_pct"]
    columns = [Column(t["year"], TEXT, width=8, key="year"),
               *[Column(t[k], RATE, unit=pct, key=k) if k.endswith("_rate") else Column(t[k], unit=hh, key=k)
                 for k in RATE_KEYS]]
    rows = [[str(r["year"]), *[plain(r[k]) for k in RATE_KEYS]] for r in trend.table.to_dict("records")]
    rates = Table(columns, rows, [UNIT] * len(rows), title=words["trend_title"], notes=[average_note(trend, lang)])
    steps = Table([Column(h, TEXT, width=w, key=k) for h, w, k in zip(step_headers(lang), STEP_WIDTHS, STEP_KEYS)],
                  step_rows(trend, lang), [UNIT] * len(trend.steps), caption=words["steps_title"],
                  notes=programme_notes(trend, lang))
    return [rates, steps]
