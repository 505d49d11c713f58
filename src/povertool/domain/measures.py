"""Counts and rates over classified households."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .models import NEAR_POOR, POOR, STATUSES


def rate(part: float, whole: float) -> float | None:
    """part / whole × 100, or None when there is no denominator."""
    return part / whole * 100 if whole else None


def status_counts(households: pd.DataFrame) -> dict[str, int]:
    """Households per status, every status present (0 when none)."""
    counts = households["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES}


def persons(households: pd.DataFrame, mask: pd.Series | None = None) -> int:
    """Persons (sum of members, missing counted as 0)."""
    if "members" not in households:
        return 0
    values = households["members"] if mask is None else households.loc[mask, "members"]
    return int(pd.to_numeric(values, errors="coerce").fillna(0).sum())


def headline(households: pd.DataFrame, *, total_households: int | None = None) -> dict[str, Any]:
    """Households, persons, counts by status and the three rates. Without ``total_households`` the data is
    taken as a full census (its own count is the denominator)."""
    counts = status_counts(households)
    denominator = total_households if total_households is not None else len(households)
    poor_rate = rate(counts[POOR], denominator)
    near_rate = rate(counts[NEAR_POOR], denominator)
    return {
        "households": int(len(households)),
        "persons": persons(households),
        "status_counts": counts,
        "status_persons": {s: persons(households, households["status"] == s) for s in STATUSES},
        "poor_rate": poor_rate,
        "near_poor_rate": near_rate,
        "multidimensional_rate": None if poor_rate is None or near_rate is None else poor_rate + near_rate,
        "denominator": "census" if total_households is None else "totals",
        "denominator_households": denominator,
    }
