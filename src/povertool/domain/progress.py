"""The result of ``povertool progress``: flows, unit values, targets and trend, as plain frames and a dict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .flows import GROUPS, MEASURES, Flows
from .trend import Trend


@dataclass
class Progress:
    """Everything the progress command shows; the official report (issue 7) reuses the same frames."""

    baseline_year: int | None
    current_year: int | None
    levels: list[str]
    matched_by: str  # 'household_id' (two rounds) or 'previous_status' (one file)
    denominator: str  # 'totals' or 'census'
    flows: Flows
    values: pd.DataFrame  # per unit (and total): every metric at baseline and now (domain.targets.unit_values)
    targets: pd.DataFrame | None = None  # domain.targets.evaluate_targets, when a plan was given
    trend: Trend | None = None  # when --history rounds were given
    undetermined: dict[str, int] = field(default_factory=dict)  # households undetermined per round
    warnings: list[str] = field(default_factory=list)
    standards: dict[str, str] = field(default_factory=dict)  # round name -> standard id it was classified under
    standard_note: str = ""  # set when the rounds' standards differ (allowed with --allow-standard-change)
    rejected: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # round name -> its rejected rows
    standard_effect: pd.DataFrame | None = None  # domain.standard_effect: the change split when the standard changed
    units_map: Any = None  # domain.crosswalk.MapInfo when --units-map gave the rounds by the new communes

    def to_dict(self) -> dict[str, Any]:
        """The result with the spec's codes as keys (what --json prints)."""
        flows = {
            group: {measure: _records(self.flows.table(group, measure)) for measure in MEASURES} for group in GROUPS
        }
        trend = None
        if self.trend is not None:
            trend = {
                "rounds": _records(self.trend.table),
                "poor_change_pp": self.trend.poor_change_pp,
                "near_poor_change_pp": self.trend.near_poor_change_pp,
                "multidimensional_change_pp": self.trend.multidimensional_change_pp,
                # Each year against the programme period in force that year, on that period's metric.
                "steps": _records(self.trend.steps),
                "programme": self.trend.programme(),
            }
        return {
            "baseline_year": self.baseline_year,
            "current_year": self.current_year,
            "by": list(self.levels),
            "matched_by": self.matched_by,
            "denominator": self.denominator,
            "flows": flows,
            "units": _records(self.values),
            "targets": _records(self.targets) if self.targets is not None else [],
            "trend": trend,
            "moved": list(self.flows.moved_ids),
            "missing": list(self.flows.missing_ids),
            "undetermined": dict(self.undetermined),
            "warnings": list(self.warnings),
            "standards": dict(self.standards),
            "standard_changed": bool(self.standard_note),
            "rejected_rows": {name: len(rows) for name, rows in self.rejected.items()},
            "rejected": {name: [{k: r.get(k) for k in ("file", "sheet", "row", "column", "problem")} for r in rows]
                         for name, rows in self.rejected.items()},
            **({"standard_effect": _records(self.standard_effect)} if self.standard_effect is not None else {}),
            **({"units_map": self.units_map.to_dict()} if self.units_map is not None else {}),
        }


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if np.isnan(value) else float(value)
    return value
