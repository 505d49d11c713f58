"""The flows as the official forms count them: thoát nghèo, tái nghèo, phát sinh (domain.md §7), each with its
share of the start-of-period count and "trong đó hộ dân tộc thiểu số".

They are sums of the detailed flow codes of domain/flows.py, never a second count:
- poor: left (thoát nghèo) = to_near_poor + escaped; re-entered (tái nghèo) = re_poor;
  new (phát sinh) = from_near_poor + new_poor;
- near-poor: left (thoát cận nghèo) = escaped; re-entered (tái cận nghèo) = re_near_poor;
  new (phát sinh) = from_poor + new_near_poor (a poor household that became near-poor is a new near-poor one).
Re-entry can only be known from earlier rounds (--history): without them ``re_known`` is False and the
re-entered counts are None (shown "—"), never 0; such households are then counted as new.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .flows import TOTAL, Flows
from .models import POOR

AGGREGATES: dict[str, dict[str, tuple[str, ...]]] = {
    "poor": {"left": ("to_near_poor", "escaped"), "re_entered": ("re_poor",), "new": ("from_near_poor", "new_poor")},
    "near_poor": {"left": ("escaped",), "re_entered": ("re_near_poor",), "new": ("from_poor", "new_near_poor")},
}
PARTS: tuple[str, ...] = ("left", "re_entered", "new")


@dataclass
class OfficialFlows:
    """Per unit of the flow table (same rows, same order, then the total): start, left, re_entered, new, end;
    each with ``_pct`` (of start) and, when ethnicity is known, ``_em`` (of which ethnic-minority households)."""

    group: str
    table: pd.DataFrame
    re_known: bool
    has_ethnicity: bool


def official_flows(flows: Flows, group: str, *, re_known: bool) -> OfficialFlows:
    """The official aggregates of ``group`` ('poor' or 'near_poor') in households, per unit of the flow table."""
    detail = flows.table(group, "households")
    levels = flows.levels
    coded = flows.households
    code = coded[f"{group}_flow"]
    em_values = coded["ethnic_minority"] if "ethnic_minority" in coded else pd.Series(None, index=coded.index)
    has_em = bool(em_values.notna().any())
    em = em_values.astype("boolean").fillna(False).to_numpy(bool)
    parts = {"start_em": (coded["status_before"] == group).to_numpy(bool) & em,
             "end_em": (coded["status_now"] == group).to_numpy(bool) & em}
    for part, codes in AGGREGATES[group].items():
        parts[f"{part}_em"] = code.isin(codes).to_numpy(bool) & em
    frame = pd.DataFrame({k: v.astype("int64") for k, v in parts.items()}, index=coded.index)
    for lv in levels:
        frame[lv] = coded[lv].fillna("")
    counts = frame.groupby(levels, sort=False).sum().reset_index() if levels else None
    out = detail[["unit", *levels, "start", "end"]].copy()
    for part, codes in AGGREGATES[group].items():
        out[part] = detail[list(codes)].sum(axis=1).astype("int64")
    is_total = out["unit"] == TOTAL
    em_columns = [f"{p}_em" for p in ("start", *PARTS, "end")]
    if counts is not None and len(counts):
        merged = out.loc[~is_total, levels].merge(counts, on=levels, how="left")
        units_em = merged[em_columns].fillna(0).astype("int64").to_numpy()
    else:
        units_em = np.zeros((int((~is_total).sum()), len(em_columns)), dtype="int64")
    em_table = pd.DataFrame(units_em, columns=em_columns, index=out.index[~is_total])
    total = pd.DataFrame([em_table.sum().to_numpy()], columns=em_columns, index=out.index[is_total])
    out = out.join(pd.concat([em_table, total]))
    start = out["start"].astype(float)
    for part in PARTS:
        out[f"{part}_pct"] = np.where(start > 0, out[part] / start.where(start > 0, 1) * 100, np.nan)
    if not re_known:
        out["re_entered"] = None
        out["re_entered_pct"] = None
        out["re_entered_em"] = None
    order = ["unit", *levels, "start", "start_em"]
    for part in PARTS:
        order += [part, f"{part}_pct", f"{part}_em"]
    order += ["end", "end_em"]
    return OfficialFlows(group, out[order].reset_index(drop=True), re_known, has_em)


__all__ = ["AGGREGATES", "OfficialFlows", "official_flows", "POOR"]
