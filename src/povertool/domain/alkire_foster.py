"""Alkire–Foster measures over the poor, with equal indicator weights, computed from group counts.

Definitions (Alkire & Foster 2011), for one unit:

- n: all households of the unit — the same denominator as the poverty rate (from the totals file, else the data);
- q: poor households (identified by the standard's official rule: income at or below the line and at least
  k deprivations), d: number of indicators of the standard, each weighted 1/d;
- c_i: the number of indicators in which poor household i is deprived (censored: non-poor households count 0;
  an unknown mark counts as not deprived, as on the official lists);
- H = q / n (headcount ratio), A = Σ c_i / (q·d) (mean deprivation share of the poor), M0 = H·A = Σ c_i / (n·d);
- censored headcount ratio of indicator j: h_j = (poor households deprived in j) / n;
- contribution of j: (h_j / d) / M0 × 100 = (poor deprived in j) / Σ c_i × 100 — the contributions sum to 100.

H, A, M0 and h_j are fractions (0–1); contributions are percentages. Every measure is a ratio of sums, so a
subtotal is computed from the summed counts of its units, never by averaging ratios.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def _ratio(part: pd.Series | np.ndarray, whole: pd.Series | np.ndarray) -> np.ndarray:
    """part / whole, NaN where whole is 0."""
    part = np.asarray(part, dtype="float64")
    whole = np.asarray(whole, dtype="float64")
    out = np.full(part.shape, np.nan)
    np.divide(part, whole, out=out, where=whole != 0)
    return out


def alkire_foster_measures(n: pd.Series, q: pd.Series, deprivations: pd.Series, d: int) -> pd.DataFrame:
    """H, A and M0 per row from n (households), q (poor) and Σ c_i (deprivations of the poor)."""
    frame = pd.DataFrame(index=n.index)
    frame["H"] = _ratio(q, n)
    frame["A"] = _ratio(deprivations, np.asarray(q, dtype="float64") * d)
    frame["M0"] = _ratio(deprivations, np.asarray(n, dtype="float64") * d)
    return frame


def indicator_measures(n: pd.Series, deprivations: pd.Series, deprived: pd.DataFrame, indicators: Sequence[str]) -> pd.DataFrame:
    """Censored headcount ratio h_j and % contribution per indicator (columns '<code>' of ``deprived``)."""
    out = {}
    for code in indicators:
        out[f"censored_headcount__{code}"] = _ratio(deprived[code], n)
        out[f"contribution__{code}"] = _ratio(deprived[code], deprivations) * 100
    return pd.DataFrame(out, index=n.index)
