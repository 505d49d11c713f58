"""The plan's targets as one table (render/table.py), built once from the progress result and drawn by every
renderer: the terminal, the targets CSV, the progress workbook and the official report."""

from __future__ import annotations

from ..domain.flows import TOTAL as FLOW_TOTAL
from ..domain.progress import Progress
from ..domain.targets import RATE_METRICS
from ..labels import labels
from .table import RATE, TEXT, UNIT, Column, Table, plain, published

METRICS = ("poor_households", "near_poor_households", "poor_persons", "poor_rate", "near_poor_rate",
           "multidimensional_rate")
TONES = {"met": "green", "not_judged": "yellow", "": "red"}  # the result's colour on the terminal


def targets_table(progress: Progress, lang: str = "vi") -> Table:
    """One row per target: baseline and current as published (a rate keeps its exact value), actual and planned
    change, % achieved, met or not, what is still to move; the end target as an exported detail."""
    t = labels("report", lang)
    w = labels("progress", lang)
    years = {"baseline": progress.baseline_year or "?", "current": progress.current_year or "?"}
    columns = [Column(t["unit"], TEXT, width=20, key="unit"), Column(t["metric"], TEXT, width=22, key="metric"),
               Column(t["unit_of_measure"], TEXT, width=8, key="unit_of_measure"),
               Column(t["baseline_value"].format(**years), width=10, key="baseline"),
               Column(t["current_value"].format(**years), width=10, key="current"),
               Column(t["actual_change"], width=11, key="actual_change", signed=True),
               Column(t["target_change"], width=11, key="target_change", signed=True),
               Column(w["target_value"], width=10, key="target_value", detail=True),
               Column(t["achieved_pct"], RATE, width=10, key="achieved_pct"),
               Column(t["status"], TEXT, width=11, key="status",
                      tones={("" if k == "" else t[k]): tone for k, tone in TONES.items()}),
               Column(t["still_to_move"], width=10, key="still_to_move", missing="")]  # met: none
    rows, row_kind = [], []
    records = [] if progress.targets is None else progress.targets.to_dict("records")
    for rec in records:
        metric = rec["metric"]
        measure = t["u_pct"] if metric in RATE_METRICS else t["u_persons"] if "persons" in metric else t["u_households"]
        rate = metric in RATE_METRICS
        figures = [published(rec[f"{k}_published"], rec[k]) if rate else plain(rec[f"{k}_published"])
                   for k in ("baseline", "current")]
        rows.append([t["total"] if rec["unit"] == FLOW_TOTAL else str(rec["unit"]),
                     w[metric] if metric in METRICS else metric, measure, *figures,
                     plain(rec["actual_change"]), plain(rec["target_change"]), plain(rec.get("target_value")),
                     plain(rec["achieved_pct"]), t[rec["status"]], plain(rec.get("still_to_move"))])
        row_kind.append(RATE if rate else None)
    return Table(columns, rows, [UNIT] * len(rows), row_kind=row_kind, title=w["targets_title"].format(**years),
                 notes=[t["targets_note"]])

