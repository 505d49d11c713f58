"""Report table 11, child deprivations, built from the member roster (issue 18); without a roster it is skipped."""

from __future__ import annotations

from typing import Any

from ..domain.roster_children import TOTAL, child_deprivations
from ..domain.standard import Standard
from ..labels import labels
from .report_model import COUNT, TEXT, UNIT, Column, Sheet, Table
from .report_model import TOTAL as TOTAL_ROW
from .table import plain


def child_sheet(households: Any, roster: Any, standard: Standard | None, level: str | None, t: dict[str, str],
                lang: str) -> Sheet | None:
    """(11) Per unit: children under 16 of poor and near-poor households, and those deprived in each child
    indicator; None without a roster (or with no child indicator derived from it)."""
    if roster is None or standard is None or standard.roster is None:
        return None
    rules = standard.roster
    codes = tuple(c for c in rules.child_indicators
                  if c in roster.derived and (r := rules.rule(c)) is not None and r.aggregate == "any")
    if not codes or not rules.child_group:
        return None
    table = child_deprivations(households, roster.members, roster.derivation.member_truth, codes, level)
    c = labels("report_children", lang)
    names = {i.code: (i.name if lang == "vi" else i.name_en or i.name) for i in standard.indicators}
    columns = [Column(t["unit"], TEXT, width=24)]
    keys = []
    for status, group in (("poor", c["g_poor"]), ("near_poor", c["g_near_poor"])):
        columns.append(Column(c["children"], COUNT, group=group, unit=c["units"], width=11))
        keys.append(f"children_{status}")
        for code in codes:
            columns.append(Column(c["deprived_in"].format(name=names[code]), COUNT, group=group, unit=c["units"], width=12))
            keys.append(f"{code}_{status}")
    rows, kinds = [], []
    for rec in table.to_dict("records"):
        total = rec["unit"] == TOTAL
        rows.append([t["total"] if total else str(rec["unit"]), *[plain(rec[k]) for k in keys]])
        kinds.append(TOTAL_ROW if total else UNIT)
    child_group = rules.groups[rules.child_group]
    note = c["note"].format(group=child_group.label or child_group.name, reference=f"{roster.reference:%d/%m/%Y}")
    return Sheet("children", "11", c["sheet"], t["title_child"], c["units"], [Table(columns, rows, kinds)], [note])
