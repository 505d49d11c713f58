"""The summary's tables (render/table.py), built once from the summary and drawn by every renderer: the terminal
(``povertool summary``), the summary workbook and the official report (sheets 1 and 8)."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from ..domain.area_blocks import BLOCK_ORDER, UnitAreas
from ..domain.summary import Summary
from ..labels import labels
from ..messages import text
from .summary_table import indicator_names, unit_names
from .table import COUNT, FRACTION, RATE, SUBTOTAL, TEXT, TOTAL, UNIT, Column, Table, plain


def unit_rows(summary: Summary, t: dict[str, str], lang: str) -> list[tuple[str, dict[Hashable, Any], str]]:
    """(name, summary row, row kind) per row in print order. A summary by area first prints as the official
    blocks: "I. Thành thị" (its subtotal) and its units, "II. Nông thôn" and its units, then the total."""
    names = [n.strip() for n in unit_names(summary, lang)]
    rows = list(zip(names, summary.units.to_dict("records"), summary.units["kind"]))
    if not summary.levels or summary.levels[0] != "area":
        return rows
    out: list[tuple[str, dict[Hashable, Any], str]] = []
    for area, label_key in zip(BLOCK_ORDER, ("block_urban", "block_rural")):
        block = [r for r in rows if r[1]["area"] == area and r[2] != TOTAL]
        head = [r for r in block if r[2] == SUBTOTAL and r[1]["level"] == "area"]
        out += [(t[label_key], rec, SUBTOTAL) for _, rec, _ in head]
        out += [r for r in block if not (r[2] == SUBTOTAL and r[1]["level"] == "area")]
    # Units whose area nobody can tell (a unit of the totals file with no household listed, a đặc khu) form a
    # third block, so that the blocks still add up to the total.
    other = [r for r in rows if r[1]["area"] not in BLOCK_ORDER and r[2] != TOTAL]
    out += [(t["block_other"], rec, SUBTOTAL) for _, rec, kind in other if kind == SUBTOTAL and rec["level"] == "area"]
    out += [r for r in other if not (r[2] == SUBTOTAL and r[1]["level"] == "area")]
    return out + [r for r in rows if r[2] == TOTAL]


def unit_column(t: dict[str, str], width: float = 24) -> Column:
    """The first column: the unit's name."""
    return Column(t["unit"], TEXT, width=width, key="unit")


def results_table(summary: Summary, lang: str = "vi", areas: UnitAreas | None = None) -> Table:
    """(1) Households and persons; poor, near-poor, average (households, persons); rates — per unit and total;
    the units under the small base and the units of mixed area named in the notes."""
    t = labels("report", lang)
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
    if (summary.units["undetermined_households"] > 0).any():
        spec += [("undetermined_households", Column(t["n_households"], group=t["g_undetermined"], unit=hh)),
                 ("undetermined_persons", Column(t["n_persons"], group=t["g_undetermined"], unit=pp))]
    keys = [k for k, _ in spec]
    ordered = unit_rows(summary, t, lang)
    rows = [[name, *[plain(rec[k]) for k in keys]] for name, rec, _ in ordered]
    notes = []
    small = [n for n, rec, k in ordered if rec["small_base"] and k == UNIT]
    if small:
        notes.append(t["small_base"].format(n=summary.small_base, units="; ".join(small)))
    if areas is not None and areas.mixed:
        notes.append(text("report.blocks_mixed", lang, units="; ".join(areas.mixed)))
    words = labels("summary", lang)
    title = words["title"] + (f" — {words['year']} {summary.year}" if summary.year else "")
    columns = [unit_column(t), *[Column(c.header, c.kind, c.group, c.unit, c.width, key=k) for k, c in spec]]
    return Table(columns, rows, [kind for _, _, kind in ordered], title=title, notes=notes)


def subgroup_table(summary: Summary, lang: str = "vi") -> Table | None:
    """(8) Per unit: households listed, poor and near-poor of each sub-group the data has (None without any)."""
    if not summary.subgroups:
        return None
    t = labels("report", lang)
    columns = [unit_column(t, 22)]
    keys = []
    for sg in summary.subgroups:
        for part, head in (("households", t["listed"]), ("poor", t["sg_poor"]), ("near_poor", t["sg_near_poor"])):
            columns.append(Column(head, group=t[sg], unit=t["u_households"], width=10, key=f"{sg}_{part}"))
            keys.append(f"{sg}_{part}")
    ordered = unit_rows(summary, t, lang)
    rows = [[name, *[plain(rec[k]) for k in keys]] for name, rec, _ in ordered]
    return Table(columns, rows, [k for _, _, k in ordered], title=labels("summary", lang)["subgroup_title"])


def alkire_foster_table(summary: Summary, lang: str = "vi") -> Table:
    """H and A (%) and M0 per unit."""
    t = labels("report", lang)
    words = labels("summary", lang)
    columns = [unit_column(t), Column(words["households"], COUNT, unit=t["u_households"], key="households"),
               Column(words["poor_households"], COUNT, unit=t["u_households"], key="poor_households"),
               Column(words["H"], RATE, unit=t["u_pct"], key="H"), Column(words["A"], RATE, unit=t["u_pct"], key="A"),
               Column(words["M0"], FRACTION, width=10, key="M0")]
    rows, kinds = [], []
    for name, rec, kind in unit_rows(summary, t, lang):
        h, a = plain(rec["H"]), plain(rec["A"])
        rows.append([name, plain(rec["households"]), plain(rec["poor_households"]),
                     None if h is None else h * 100, None if a is None else a * 100, plain(rec["M0"])])
        kinds.append(kind)
    return Table(columns, rows, kinds, caption=words["af_title"])


def deprivation_table(summary: Summary, lang: str = "vi", row: int | None = None) -> Table:
    """Per indicator for one row (default: the grand total): deprived poor and near-poor (count and %), the
    censored headcount and the contribution to M0; the number of deprivations below."""
    words = labels("summary", lang)
    units = summary.units
    row = int(units["row"].iloc[-1]) if row is None else row
    rec = units.set_index("row").loc[row]
    ind = summary.indicators_table[summary.indicators_table["row"] == row].set_index("indicator")
    measures = (("poor_deprived", COUNT), ("poor_deprived_pct", RATE), ("near_poor_deprived", COUNT),
                ("near_poor_deprived_pct", RATE), ("censored_headcount", FRACTION), ("contribution", RATE))
    columns = [Column(words["indicator"], TEXT, width=24, key="indicator"),
               *[Column(words[key], kind, key=key) for key, kind in measures]]
    rows: list[list[Any]] = [[name, *[plain(ind.at[code, key]) for key, _ in measures]]
                             for code, name in indicator_names(summary, lang).items()]
    rows.append([words["deprivations_total"], plain(rec["poor_deprivations"]), None,
                 plain(rec["near_poor_deprivations"]), None, None, 100.0 if rec["poor_deprivations"] else None])
    return Table(columns, rows, [UNIT] * (len(rows) - 1) + [TOTAL], title=words["deprivation_title"])
