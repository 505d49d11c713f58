"""The progress tables: flows (households with persons beside them), targets and trend; as rich tables, .xlsx or .csv."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rich.table import Table

from ..domain.flows import flow_columns
from ..domain.progress import Progress
from ..domain.targets import RATE_METRICS
from ..labels import labels
from ..messages import text
from ..numbers import format_count, format_number, format_rate
from .writers import write_atomic, write_csv, write_json

OPTIONAL_CODES = ("to_undetermined", "from_undetermined", "member_change")  # shown only when not all zero


def _words(progress: Progress, lang: str) -> dict[str, str]:
    words = labels("progress", lang)
    years = {"baseline": progress.baseline_year or "?", "current": progress.current_year or "?"}
    return {k: v.format_map(_Keep(years)) for k, v in words.items()}


class _Keep(dict):
    """Fill the years in labels and keep any other {placeholder} for later."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def shown_codes(progress: Progress, group: str) -> list[str]:
    """The columns of a flow table that are shown: all codes, minus the optional ones that are zero everywhere."""
    dec, inc = flow_columns(group)
    columns = ["start", *dec, "decreases", *inc, "increases", "member_change", "end"]
    hh, persons = progress.flows.table(group), progress.flows.table(group, "persons")
    return [c for c in columns if c not in OPTIONAL_CODES or (hh[c] != 0).any() or (persons[c] != 0).any()]


def flows_table(progress: Progress, group: str, lang: str = "vi") -> Table:
    """One flow table: a row per unit and the total; each cell 'households (persons)'."""
    w = _words(progress, lang)
    measure = f"{w['households']} ({w['persons']})"
    title = w["flows_title"].format(group=w[group], measure=measure)
    table = Table(title=title)
    codes = shown_codes(progress, group)
    table.add_column(w["unit"])
    for code in codes:
        table.add_column(w[code], justify="right")
    hh, persons = progress.flows.table(group), progress.flows.table(group, "persons")
    # Re-entry is known only from earlier rounds (--history): without them "—", never 0.
    unknown = set() if progress.trend is not None else {"re_poor", "re_near_poor"}
    for i in range(len(hh)):
        if hh.loc[i, "unit"] == "total":
            table.add_section()
        name = w["total"] if hh.loc[i, "unit"] == "total" else str(hh.loc[i, "unit"])
        table.add_row(name, *["—" if c in unknown else
                              f"{format_count(hh[c].loc[i], lang)} ({format_count(persons[c].loc[i], lang)})" for c in codes])
    if unknown:
        words = labels("report", lang)
        table.caption = text("report.re_unknown_note", lang, re=words[f"{group}_re_entered"], new=w[f"new_{group}"])
        table.caption_justify = "left"
    return table


def _value(metric: str, published: object, exact: object, lang: str) -> str:
    if published is None:
        return "—"
    if metric in RATE_METRICS:
        return f"{format_rate(published, lang)} ({format_rate(exact, lang, decimals=4)})"  # type: ignore[arg-type]
    return format_count(published, lang)  # type: ignore[arg-type]


def _change(metric: str, value: object, lang: str) -> str:
    if value is None:
        return "—"
    if value == 0:
        return "0"
    if metric in RATE_METRICS:
        return format_number(float(value), 2, lang, sign=True, thousands=False)  # type: ignore[arg-type]
    return f"{int(value):+d}"  # type: ignore[call-overload]


def targets_table(progress: Progress, lang: str = "vi") -> Table:
    """One row per target: baseline, current (rates as published, exact in brackets), change, plan, % and result."""
    w = _words(progress, lang)
    table = Table(title=w["targets_title"])
    for key in ("unit", "metric", "baseline", "current", "actual_change", "target_change", "achieved_pct", "status", "still_to_move"):
        table.add_column(w[key], justify="left" if key in ("unit", "metric", "status") else "right")
    for t in (progress.targets if progress.targets is not None else pd.DataFrame()).to_dict("records"):
        metric = t["metric"]
        pct = "—" if t["achieved_pct"] is None else format_rate(t["achieved_pct"], lang, decimals=1)
        status = w[t["status"]]
        table.add_row(
            w["total"] if t["unit"] == "total" else t["unit"], w[metric],
            _value(metric, t["baseline_published"], t["baseline"], lang), _value(metric, t["current_published"], t["current"], lang),
            _change(metric, t["actual_change"], lang), _change(metric, t["target_change"], lang), pct,
            f"[green]{status}[/]" if t["status"] == "met" else f"[yellow]{status}[/]" if t["status"] == "not_judged"
            else f"[red]{status}[/]",
            "" if t["still_to_move"] is None else format_count(t["still_to_move"], lang),
        )
    return table


def trend_table(progress: Progress, lang: str = "vi") -> Table:
    """Rates per round and the average yearly change of each rate."""
    from .trend_view import average_note

    w = _words(progress, lang)
    trend = progress.trend
    assert trend is not None
    table = Table(title=w["trend_title"], caption=average_note(trend, lang), caption_justify="left")
    for key in ("year", "trend_households", "poor_households", "poor_rate", "near_poor_households", "near_poor_rate",
                "multidimensional_rate"):
        table.add_column(w[key], justify="right")
    for r in trend.table.to_dict("records"):
        table.add_row(str(r["year"]), format_count(r["households"], lang), format_count(r["poor_households"], lang),
                      format_rate(r["poor_rate"], lang), format_count(r["near_poor_households"], lang),
                      format_rate(r["near_poor_rate"], lang), format_rate(r["multidimensional_rate"], lang))
    return table


def trend_steps_table(progress: Progress, lang: str = "vi") -> Table:
    """Each year against the programme period in force that year, on that period's metric, naming its source."""
    from .trend_view import programme_notes, step_headers, step_rows

    w = _words(progress, lang)
    trend = progress.trend
    assert trend is not None
    table = Table(title=w["steps_title"], caption="\n".join(programme_notes(trend, lang)), caption_justify="left")
    for j, header in enumerate(step_headers(lang)):
        table.add_column(header, justify="right" if j in (3, 4) else "left", overflow="fold")
    for row in step_rows(trend, lang):
        table.add_row(*row)
    return table


def flows_frame(progress: Progress, group: str, lang: str = "vi") -> pd.DataFrame:
    """One group's flow tables (households, then persons) in one frame with labelled columns."""
    w = _words(progress, lang)
    parts = []
    codes = shown_codes(progress, group)
    for measure in ("households", "persons"):
        frame = progress.flows.table(group, measure)[["unit", *codes]].copy()
        frame["unit"] = frame["unit"].replace({"total": w["total"]})
        frame.columns = [w["unit"], *[w[c] for c in codes]]
        frame.insert(0, w["measure"], w[measure])
        parts.append(frame)
    return pd.concat(parts, ignore_index=True)


def targets_frame(progress: Progress, lang: str = "vi") -> pd.DataFrame:
    """The targets with labelled columns; rates both as published and exact."""
    w = _words(progress, lang)
    if progress.targets is None:
        return pd.DataFrame()
    frame = progress.targets.copy()
    frame["unit"] = frame["unit"].replace({"total": w["total"]})
    frame["metric"] = frame["metric"].map(w)
    frame["status"] = frame["status"].map(w)
    names = {"baseline": f"{w['baseline']} ({w['exact']})", "current": f"{w['current']} ({w['exact']})",
             "baseline_published": w["baseline"], "current_published": w["current"]}
    return frame.rename(columns={c: names.get(c, w.get(c, c)) for c in frame.columns})


def write_progress(progress: Progress, path: Path, lang: str = "vi") -> list[Path]:
    """Write the tables: .xlsx (headed tables like the report's, one sheet each), .csv (poor flows;
    NAME-near-poor.csv, NAME-targets.csv beside) or .json."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        write_json(progress.to_dict(), path)
        return [path]
    poor, near = flows_frame(progress, "poor", lang), flows_frame(progress, "near_poor", lang)
    targets = targets_frame(progress, lang)
    if suffix == ".csv":
        write_csv(poor, path)
        near_path = path.with_name(f"{path.stem}-near-poor.csv")
        write_csv(near, near_path)
        written = [path, near_path]
        if not targets.empty:
            other = path.with_name(f"{path.stem}-targets.csv")
            write_csv(targets, other)
            written.append(other)
        return written
    from .people_workbook import write_progress_workbook

    frames = []
    if progress.standard_effect is not None:  # the change split in two labelled parts (issue 16)
        from .standard_effect_table import effect_frame, sheet_name

        frames.append((sheet_name(lang), effect_frame(progress.standard_effect, lang, baseline_year=progress.baseline_year,
                                                      current_year=progress.current_year)))
    # The trend sheet carries the yearly steps and the programme's targets (reports/report_sheets.trend_sheet).
    write_atomic(path, lambda tmp: write_progress_workbook(progress, tmp, lang=lang, frames=frames))
    return [path]
