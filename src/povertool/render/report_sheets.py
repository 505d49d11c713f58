"""The report's tables built from the summary and progress results (no figure is computed here anew).

Each function returns a Sheet (reports/report_model.py) or None when the data cannot fill it.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import pandas as pd

from ..domain.area_blocks import BLOCK_ORDER, UnitAreas
from ..domain.flows import TOTAL as FLOW_TOTAL
from ..domain.official_flows import OfficialFlows, official_flows
from ..domain.progress import Progress
from ..domain.summary import Summary
from ..domain.targets import RATE_METRICS
from ..labels import label
from ..messages import text
from .progress_table import shown_codes
from .report_model import COUNT, RATE, SUBTOTAL, TEXT, TOTAL, UNIT, Column, Sheet, Table
from .summary_table import unit_names


def plain(value: Any) -> Any:
    """A cell value: None for missing, Python numbers for numpy ones."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value.item() if hasattr(value, "item") else value


def _names(summary: Summary, lang: str) -> list[str]:
    return [n.strip() for n in unit_names(summary, lang)]


def unit_rows(summary: Summary, t: dict[str, str], lang: str) -> list[tuple[str, dict[Hashable, Any], str]]:
    """(name, summary row, row kind) per row in print order. A summary by area first prints as the official
    blocks: "I. Thành thị" (its subtotal) and its units, "II. Nông thôn" and its units, then the total."""
    rows = list(zip(_names(summary, lang), summary.units.to_dict("records"), summary.units["kind"]))
    if not summary.levels or summary.levels[0] != "area":
        return rows
    out: list[tuple[str, dict[Hashable, Any], str]] = []
    for area, label_key in zip(BLOCK_ORDER, ("block_urban", "block_rural")):
        block = [r for r in rows if r[1]["area"] == area and r[2] != TOTAL]
        head = [r for r in block if r[2] == SUBTOTAL and r[1]["level"] == "area"]
        out += [(t[label_key], rec, SUBTOTAL) for _, rec, _ in head]
        out += [r for r in block if not (r[2] == SUBTOTAL and r[1]["level"] == "area")]
    return out + [r for r in rows if r[2] == TOTAL]


def _unit_column(t: dict[str, str], width: float = 24) -> Column:
    return Column(t["unit"], TEXT, width=width)


def results_sheet(summary: Summary, t: dict[str, str], lang: str, areas: UnitAreas | None = None) -> Sheet:
    """(1) Households and persons; poor, near-poor, average (households, persons); rates — per unit and total."""
    hh, pp, pct = t["u_households"], t["u_persons"], t["u_pct"]
    spec: list[tuple[str, Column]] = [
        ("households", Column(t["households"], unit=hh)),
        ("persons", Column(t["persons"], unit=pp)),
        ("poor_households", Column(t["n_households"], group=t["g_poor"], unit=hh)),
        ("poor_persons", Column(t["n_persons"], group=t["g_poor"], unit=pp)),
        ("poor_rate", Column(t["rate"], RATE, group=t["g_poor"], unit=pct, width=9)),
        ("near_poor_households", Column(t["n_households"], group=t["g_near_poor"], unit=hh)),
        ("near_poor_persons", Column(t["n_persons"], group=t["g_near_poor"], unit=pp)),
        ("near_poor_rate", Column(t["rate"], RATE, group=t["g_near_poor"], unit=pct, width=9)),
        ("multidimensional_rate", Column(t["multidimensional_rate"], RATE, unit=pct, width=12)),
        ("average_households", Column(t["n_households"], group=t["g_average"], unit=hh)),
        ("average_persons", Column(t["n_persons"], group=t["g_average"], unit=pp)),
    ]
    units = summary.units
    if (units["undetermined_households"] > 0).any():
        spec += [("undetermined_households", Column(t["n_households"], group=t["g_undetermined"], unit=hh)),
                 ("undetermined_persons", Column(t["n_persons"], group=t["g_undetermined"], unit=pp))]
    keys = [k for k, _ in spec]
    ordered = unit_rows(summary, t, lang)
    rows = [[name, *[plain(rec[k]) for k in keys]] for name, rec, _ in ordered]
    table = Table([_unit_column(t), *[c for _, c in spec]], rows, [kind for _, _, kind in ordered])
    notes = []
    small = [n for n, rec, k in ordered if rec["small_base"] and k == UNIT]
    if small:
        notes.append(t["small_base"].format(n=summary.small_base, units="; ".join(small)))
    if areas is not None and areas.mixed:
        notes.append(text("report.blocks_mixed", lang, units="; ".join(areas.mixed)))
    return Sheet("results", "1", t["sheet_results"], t["title_results"], "", [table], notes)


def basis(lang: str, group: str | None = None) -> str:
    """A sheet's basis line as a template with {standard}: the standard alone (counts, or rates explained in the
    sheet), or the standard and the group whose households a % divides by."""
    if group is None:
        return text("report.basis_standard", lang, standard="{standard}")
    return text("report.basis_of_group", lang, standard="{standard}", group=group)


def in_blocks(table: Table, areas: UnitAreas | None, t: dict[str, str], rates: dict[int, tuple[int, int]] | None = None) -> Table:
    """The unit rows of ``table`` grouped as I. Thành thị / II. Nông thôn, each block headed by its subtotal (sums;
    a rate column j recomputed as column a / column b × 100 for ``rates[j] = (a, b)``), then the total row."""
    if areas is None or not areas.blocks:
        return table
    from ..domain.denominators import unit_key

    def area_of(name: object) -> str | None:
        key = unit_key(name)
        return areas.areas.get(key) or ("urban" if key.startswith(("phuong ", "thi tran ")) else
                                        "rural" if key.startswith("xa ") else None)

    body = [r for r, k in zip(table.rows, table.kinds) if k != TOTAL]
    rows, kinds = [], []
    for area, label_key in zip(BLOCK_ORDER, ("block_urban", "block_rural")):
        part = [r for r in body if area_of(r[0]) == area]
        rows.append([t[label_key], *[_column_sum([r[j] for r in part]) for j in range(1, len(table.columns))]])
        for j, (a, b) in (rates or {}).items():
            top, bottom = rows[-1][a], rows[-1][b]
            rows[-1][j] = top / bottom * 100 if isinstance(top, (int, float)) and isinstance(bottom, (int, float)) \
                and bottom else (top if isinstance(top, str) else None)
        kinds.append(SUBTOTAL)
        rows += part
        kinds += [UNIT] * len(part)
    rest = [r for r in body if area_of(r[0]) not in BLOCK_ORDER]
    rows += rest + [r for r, k in zip(table.rows, table.kinds) if k == TOTAL]
    kinds += [UNIT] * len(rest) + [TOTAL] * sum(k == TOTAL for k in table.kinds)
    return Table(table.columns, rows, kinds, caption=table.caption, row_kind=None)


def _column_sum(values: list[Any]) -> Any:
    """The subtotal of one column: the sum of its numbers; a text mark ("—") when the column holds one."""
    marks = [v for v in values if isinstance(v, str)]
    if marks:
        return marks[0]
    numbers = [v for v in values if isinstance(v, (int, float))]
    return sum(numbers) if numbers else None


def flow_sheet(progress: Progress, group: str, t: dict[str, str], lang: str, *, re_known: bool = False,
               two_lines: bool = False, areas: UnitAreas | None = None) -> Sheet:
    """(2)/(3) The official aggregates (thoát, tái, phát sinh with % and DTTS), then start − decreases +
    increases = end per unit in detail: households, then persons."""
    years = {"baseline": progress.baseline_year or "?", "current": progress.current_year or "?"}
    official = official_flows(progress.flows, group, re_known=re_known)
    official_table = _official_table(official, t, years)
    # the % columns of the official table follow their count; recomputed over the block's start count
    rates = {j: (j - 1, 1) for j, c in enumerate(official_table.columns) if c.kind == RATE}
    tables = [in_blocks(official_table, areas, t, rates)]
    codes = shown_codes(progress, group)
    unknown = set() if re_known else {"re_poor", "re_near_poor"}
    for measure in ("households", "persons"):
        frame = progress.flows.table(group, measure)
        shown = [c for c in codes if measure == "persons" or c != "member_change"]
        columns = [_unit_column(t)]
        unit = t["u_households"] if measure == "households" else t["u_persons"]
        for code in shown:
            columns.append(Column(_flow_header(code, group, t, years, two_lines), group=_flow_group(code, group, t),
                                  unit=unit, width=12))
        rows, kinds = [], []
        for rec in frame.to_dict("records"):
            total = rec["unit"] == FLOW_TOTAL
            rows.append([t["total"] if total else str(rec["unit"]),
                         *[t["not_known"] if c in unknown else plain(rec[c]) for c in shown]])
            kinds.append(TOTAL if total else UNIT)
        caption = t["detail_households"] if measure == "households" else t["detail_persons"]
        tables.append(in_blocks(Table(columns, rows, kinds, caption=caption), areas, t))
    how = t["flow_matched_id"] if progress.matched_by == "household_id" else t["flow_matched_previous"].format(**years)
    key, number = ("poor_flow", "2") if group == "poor" else ("near_poor_flow", "3")
    notes = [_official_note(group, t, two_lines, lang)]
    if not re_known:
        re_word = t[f"{group}_re_entered"]
        notes.append(text("report.re_unknown_note", lang, re=re_word, new=t[f"{group}_new"]))
    notes += [t["flow_note"], how]
    return Sheet(key, number, t[f"sheet_{key}"], t[f"title_{key}"], "", tables, notes, basis=basis(lang))


def _official_table(official: OfficialFlows, t: dict[str, str], years: dict[str, Any]) -> Table:
    """Start, left, re-entered, new (each with % of start) and end, with 'of which ethnic minority' columns."""
    group, em = official.group, official.has_ethnicity
    hh, pct = t["u_households"], t["u_pct"]
    columns, keys = [_unit_column(t)], []

    def add(key: str, header: str, band: str, kind: str = COUNT, unit: str = hh) -> None:
        columns.append(Column(header, kind, group=band, unit=unit, width=10 if kind == COUNT else 9))
        keys.append(key)

    for part in ("start", "left", "re_entered", "new", "end"):
        band = t[f"g_{part}"].format(**years) if part in ("start", "end") else t[f"{group}_{part}"]
        add(part, t["n_households"], band)
        if part not in ("start", "end"):
            add(f"{part}_pct", t["pct_of_start"], band, RATE, pct)
        if em:
            add(f"{part}_em", t["of_which_em"], band)
    rows, kinds = [], []
    for rec in official.table.to_dict("records"):
        total = rec["unit"] == FLOW_TOTAL
        cells = []
        for key in keys:
            value = plain(rec[key])
            cells.append(t["not_known"] if value is None and key.startswith("re_entered") and not official.re_known else value)
        rows.append([t["total"] if total else str(rec["unit"]), *cells])
        kinds.append(TOTAL if total else UNIT)
    return Table(columns, rows, kinds, caption=t["official_caption"])


def _official_note(group: str, t: dict[str, str], two_lines: bool, lang: str) -> str:
    """What each official aggregate adds up, in the words of the detail columns."""
    from ..domain.official_flows import AGGREGATES

    words = lambda codes: " + ".join(_flow_header(c, group, t, {}, two_lines) for c in codes)  # noqa: E731
    parts = AGGREGATES[group]
    return text("report.official_flow_note", lang, left=t[f"{group}_left"], left_parts=words(parts["left"]),
                new=t[f"{group}_new"], new_parts=words(parts["new"]))


def _flow_header(code: str, group: str, t: dict[str, str], years: dict[str, Any], two_lines: bool = False) -> str:
    if code in ("start", "end"):
        return t[code].format(**years)
    if code in ("decreases", "increases", "member_change"):
        return t[code]
    if code == "escaped" and not two_lines:
        # One income line (vn-2022, vn-2027): leaving both lists means income above the poverty line; "vượt
        # chuẩn cận nghèo" fits only a standard with a separate near-poor line (vn-2016).
        return t[f"{group}_escaped_above_line"]
    if code == "escaped" and group != "poor":
        return t["near_poor_escaped_two_lines"]
    return t[f"{group}_{code}"]


def _flow_group(code: str, group: str, t: dict[str, str]) -> str:
    from ..domain.flows import flow_columns

    dec, inc = flow_columns(group)
    if code in dec or code == "decreases":
        return t["g_decreases"]
    if code in inc or code == "increases":
        return t["g_increases"]
    return ""


def indicator_labels(summary: Summary, dimensions: dict[str, str], lang: str) -> list[tuple[str, str, str]]:
    """(code, name, dimension) per indicator in the standard's order, in ``lang``."""
    names = summary.indicator_names or {}
    out = []
    for code in summary.indicators:
        vi, en = names.get(code, (code, code))
        dim = dimensions.get(code, "")
        out.append((code, (vi if lang == "vi" else en) or code, label("report_dimensions", dim, lang) if dim else ""))
    return out


def deprivation_sheet(summary: Summary, status: str, pct: bool, t: dict[str, str], lang: str,
                      dimensions: dict[str, str]) -> Sheet:
    """(4–7) Households deprived in each indicator among the poor or near-poor: count (with the total number of
    deprivations) or % — per unit and total, straight from the summary's indicator table."""
    field = f"{status}_deprived_pct" if pct else f"{status}_deprived"
    wide = summary.indicators_table.pivot(index="row", columns="indicator", values=field)
    who = t["poor_households"] if status == "poor" else t["near_poor_households"]
    columns = [_unit_column(t, 22), Column(who, unit=t["u_households"], width=10)]
    for _, name, dim in indicator_labels(summary, dimensions, lang):
        columns.append(Column(name, RATE if pct else COUNT, group=dim or (t["g_deprived_pct"] if pct else t["g_deprived_count"]),
                              unit=t["u_pct"] if pct else t["u_households"], width=10))
    if not pct:
        columns.append(Column(t["deprivations_total"], unit=t["u_count"], width=11))
    rows = []
    ordered = unit_rows(summary, t, lang)
    for name, rec, _ in ordered:
        values = [plain(wide.at[rec["row"], c]) for c in summary.indicators]
        extra = [] if pct else [plain(rec[f"{status}_deprivations"])]
        rows.append([name, plain(rec[f"{status}_households"]), *values, *extra])
    short = "poor" if status == "poor" else "near"
    key = f"dep_{short}_{'pct' if pct else 'count'}"
    number = {"dep_poor_count": "4", "dep_poor_pct": "5", "dep_near_count": "6", "dep_near_pct": "7"}[key]
    notes = []
    if summary.absent_indicators:
        notes.append(label("summary", "absent_indicators", lang).format(codes=", ".join(summary.absent_indicators)))
    # The % sheets divide by the unit's poor (near-poor) households, not by all households of the area.
    line = basis(lang, (t["g_poor"] if status == "poor" else t["g_near_poor"]).lower()) if pct else basis(lang)
    return Sheet(key, number, t[f"sheet_{key}"], t[f"title_{key}"], "", [Table(columns, rows, [k for _, _, k in ordered])],
                 notes, basis=line)


def subgroup_sheet(summary: Summary, t: dict[str, str], lang: str) -> Sheet | None:
    """(8) Per unit: households listed, poor and near-poor of each sub-group the data has."""
    if not summary.subgroups:
        return None
    columns = [_unit_column(t, 22)]
    keys = []
    for sg in summary.subgroups:
        for part, head in (("households", t["listed"]), ("poor", t["sg_poor"]), ("near_poor", t["sg_near_poor"])):
            columns.append(Column(head, group=t[sg], unit=t["u_households"], width=10))
            keys.append(f"{sg}_{part}")
    ordered = unit_rows(summary, t, lang)
    rows = [[name, *[plain(rec[k]) for k in keys]] for name, rec, _ in ordered]
    return Sheet("subgroups", "8", t["sheet_subgroups"], t["title_subgroups"], "",
                 [Table(columns, rows, [k for _, _, k in ordered])], basis=basis(lang))


def groups_sheet(summary: Summary, t: dict[str, str], lang: str = "vi") -> Sheet | None:
    """(12–13) For the whole area: Kinh, ethnic minority, merit, no labour capacity, female head — listed, poor
    and near-poor households and their share of all poor / near-poor (from the summary's total row)."""
    if "ethnic_minority" not in summary.subgroups:
        return None
    total = summary.units.iloc[-1]
    poor, near = int(total["poor_households"]), int(total["near_poor_households"])
    em = [int(total[f"ethnic_minority_{p}"]) for p in ("households", "poor", "near_poor")]
    listed = [int(total["reviewed_households"]), poor, near]
    groups: list[tuple[str, list[int]]] = [(t["kinh"], [a - b for a, b in zip(listed, em)]), (t["ethnic_minority"], em)]
    for sg in ("merit", "no_labour_capacity", "head_female"):
        if sg in summary.subgroups:
            groups.append((t[sg], [int(total[f"{sg}_{p}"]) for p in ("households", "poor", "near_poor")]))
    columns = [Column(t["group"], TEXT, width=34), Column(t["listed"], unit=t["u_households"]),
               Column(t["n_households"], group=t["g_poor"], unit=t["u_households"]),
               Column(t["share_of_poor"], RATE, group=t["g_poor"], unit=t["u_pct"], width=12),
               Column(t["n_households"], group=t["g_near_poor"], unit=t["u_households"]),
               Column(t["share_of_near_poor"], RATE, group=t["g_near_poor"], unit=t["u_pct"], width=12)]
    rows = [[name, n, p, _share(p, poor), q, _share(q, near)] for name, (n, p, q) in groups]
    return Sheet("groups", "12–13", t["sheet_groups"], t["title_groups"], "",
                 [Table(columns, rows, [UNIT] * len(rows))], basis=shares_basis(t, lang))


def shares_basis(t: dict[str, str], lang: str) -> str:
    """The basis line of a sheet whose % are shares of all poor and of all near-poor households."""
    group = f"{t['g_poor'].lower()} ({t['g_near_poor'].lower()})"
    return basis(lang, group)


def _share(part: int, whole: int) -> float | None:
    return part / whole * 100 if whole else None


def targets_sheet(progress: Progress, t: dict[str, str], lang: str) -> Sheet | None:
    """The plan's targets: baseline and current as published, actual and planned change, % achieved, met or not."""
    if progress.targets is None or progress.targets.empty:
        return None
    years = {"baseline": progress.baseline_year or "?", "current": progress.current_year or "?"}
    words = {k: label("progress", k, lang) for k in ("poor_households", "near_poor_households", "poor_persons",
                                                         "poor_rate", "near_poor_rate", "multidimensional_rate")}
    columns = [_unit_column(t, 20), Column(t["metric"], TEXT, width=22), Column(t["unit_of_measure"], TEXT, width=8),
               Column(t["baseline_value"].format(**years), width=10), Column(t["current_value"].format(**years), width=10),
               Column(t["actual_change"], width=11), Column(t["target_change"], width=11),
               Column(t["achieved_pct"], RATE, width=10), Column(t["status"], TEXT, width=11),
               Column(t["still_to_move"], width=10)]
    rows, row_kind, units = [], [], []
    for rec in progress.targets.to_dict("records"):
        unit = t["total"] if rec["unit"] == FLOW_TOTAL else str(rec["unit"])
        metric = rec["metric"]
        measure = t["u_pct"] if metric in RATE_METRICS else t["u_persons"] if "persons" in metric else t["u_households"]
        units.append(measure)
        rows.append([unit, words.get(metric, metric), measure, plain(rec["baseline_published"]),
                     plain(rec["current_published"]), plain(rec["actual_change"]), plain(rec["target_change"]),
                     plain(rec["achieved_pct"]), t[rec["status"]], plain(rec.get("still_to_move"))])
        row_kind.append(RATE if metric in RATE_METRICS else None)
    table = Table(columns, rows, [UNIT] * len(rows), row_kind=row_kind)
    shown = ", ".join(dict.fromkeys([*units, t["u_pct"]]))  # each row's unit, and % achieved
    return Sheet("targets", "", t["sheet_targets"], t["title_targets"], shown, [table], [t["targets_note"]])


def trend_sheet(progress: Progress, t: dict[str, str], lang: str) -> Sheet | None:
    """Rates per round, oldest first; then each year against the programme period in force that year (its metric,
    target and source)."""
    from .trend_view import average_note, programme_notes, step_headers, step_rows

    trend = progress.trend
    if trend is None:
        return None
    hh = t["u_households"]
    columns = [Column(t["year"], TEXT, width=8), Column(t["households"], unit=hh), Column(t["poor_households"], unit=hh),
               Column(t["poor_rate"], RATE, unit=t["u_pct"]), Column(t["near_poor_households"], unit=hh),
               Column(t["near_poor_rate"], RATE, unit=t["u_pct"]),
               Column(t["multidimensional_rate"], RATE, unit=t["u_pct"])]
    rows = [[str(r["year"]), plain(r["households"]), plain(r["poor_households"]), plain(r["poor_rate"]),
             plain(r["near_poor_households"]), plain(r["near_poor_rate"]), plain(r["multidimensional_rate"])]
            for r in trend.table.to_dict("records")]
    widths = (12, 30, 18, 12, 14, 22)
    steps = Table([Column(h, TEXT, width=w) for h, w in zip(step_headers(lang), widths)], step_rows(trend, lang),
                  [UNIT] * len(trend.steps), caption=label("progress", "steps_title", lang))
    notes = [average_note(trend, lang), *programme_notes(trend, lang)]
    return Sheet("trend", "", t["sheet_trend"], t["title_trend"], "",
                 [Table(columns, rows, [UNIT] * len(rows)), steps], notes)

