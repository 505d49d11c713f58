"""The report's tables built from the summary and progress results (no figure is computed here anew).

Each function returns a Sheet (reports/report_model.py) or None when the data cannot fill it.
"""

from __future__ import annotations

from ..domain.area_blocks import UnitAreas
from ..domain.progress import Progress
from ..domain.summary import Summary
from ..labels import label
from ..messages import text
from .report_model import COUNT, RATE, TEXT, UNIT, Column, Sheet, Table
from .summary_view import results_table, subgroup_table, unit_rows
from .table import plain


def _unit_column(t: dict[str, str], width: float = 24) -> Column:
    return Column(t["unit"], TEXT, width=width)


def results_sheet(summary: Summary, t: dict[str, str], lang: str, areas: UnitAreas | None = None) -> Sheet:
    """(1) The results per unit and total (render/summary_view.py), its notes at the foot."""
    table = results_table(summary, lang, areas)
    return Sheet("results", "1", t["sheet_results"], t["title_results"], "", [table], list(table.notes))


def basis(lang: str, group: str | None = None) -> str:
    """A sheet's basis line as a template with {standard}: the standard alone (counts, or rates explained in the
    sheet), or the standard and the group whose households a % divides by."""
    if group is None:
        return text("report.basis_standard", lang, standard="{standard}")
    return text("report.basis_of_group", lang, standard="{standard}", group=group)


def flow_sheet(progress: Progress, group: str, t: dict[str, str], lang: str, *, re_known: bool = False,
               two_lines: bool = False, areas: UnitAreas | None = None) -> Sheet:
    """(2)/(3) The flow tables of one group (render/flows_view.py): the official aggregates, then the detail in
    households and in persons."""
    from .flows_view import flow_tables

    tables = flow_tables(progress, group, lang, re_known=re_known, two_lines=two_lines, areas=areas)
    key, number = ("poor_flow", "2") if group == "poor" else ("near_poor_flow", "3")
    return Sheet(key, number, t[f"sheet_{key}"], t[f"title_{key}"], "", tables,
                 [n for table in tables for n in table.notes], basis=basis(lang))


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
    """(8) Per unit: households listed, poor and near-poor of each sub-group the data has
    (render/summary_view.py)."""
    table = subgroup_table(summary, lang)
    if table is None:
        return None
    return Sheet("subgroups", "8", t["sheet_subgroups"], t["title_subgroups"], "", [table], basis=basis(lang))


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
    """The plan's targets (render/targets_view.py); the units line names each row's unit of measure, and %."""
    from .targets_view import targets_table

    if progress.targets is None or progress.targets.empty:
        return None
    table = targets_table(progress, lang)
    shown = ", ".join(dict.fromkeys([*(row[2] for row in table.rows), t["u_pct"]]))  # each row's unit, % achieved
    return Sheet("targets", "", t["sheet_targets"], t["title_targets"], shown, [table.printed()], list(table.notes))


def trend_sheet(progress: Progress, t: dict[str, str], lang: str) -> Sheet | None:
    """Rates per round, oldest first; then each year against the programme period in force that year
    (render/trend_view.py)."""
    from .trend_view import trend_tables

    if progress.trend is None:
        return None
    tables = trend_tables(progress.trend, lang)
    return Sheet("trend", "", t["sheet_trend"], t["title_trend"], "", tables, [n for table in tables for n in table.notes])
