"""Child deprivations (report table 11) from the member roster: children of poor and near-poor households, and
how many of them are deprived in each child indicator (health insurance, nutrition, schooling)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .models import NEAR_POOR, POOR

TOTAL = "__total__"


def child_deprivations(households: pd.DataFrame, members: pd.DataFrame, member_truth: pd.DataFrame,
                       codes: tuple[str, ...], level: str | None) -> pd.DataFrame:
    """One row per unit of ``level`` (in order of first appearance) and a total row (unit TOTAL): children_poor,
    children_near_poor, and per code ``{code}_poor`` / ``{code}_near_poor`` = children meeting the indicator's
    member condition. A child is a member of the standard's child group; unknown conditions are not counted."""
    status = households["status"].reindex(members["household"]).to_numpy()
    unit = (households[level].reindex(members["household"]).to_numpy(dtype=object) if level and level in households
            else np.full(len(members), TOTAL, dtype=object))
    child = member_truth["_child"].to_numpy() == 1.0 if "_child" in member_truth else np.zeros(len(members), bool)
    frame = pd.DataFrame({"unit": pd.Series(unit).fillna("").to_numpy(dtype=object)})
    for group, name in ((POOR, "poor"), (NEAR_POOR, "near_poor")):
        in_group = child & (status == group)
        frame[f"children_{name}"] = in_group.astype(int)
        for code in codes:
            frame[f"{code}_{name}"] = (in_group & (member_truth[code].to_numpy() == 1.0)).astype(int)
    units = frame.groupby("unit", sort=False).sum()
    order = [u for u in pd.unique(frame["unit"]) if u != TOTAL]
    table = units.loc[order] if order else units.iloc[:0]
    total = units.sum().to_frame(TOTAL).T
    return pd.concat([table, total]).rename_axis("unit").reset_index()
