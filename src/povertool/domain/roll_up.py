"""Unit rows, a subtotal per unit of each coarser level after its units, and the grand total last: the one
roll-up of the summary and the transition tables."""

from __future__ import annotations

import pandas as pd

UNIT, SUBTOTAL, TOTAL = "unit", "subtotal", "total"


def roll_up(leaf: pd.DataFrame, levels: list[str], keys: list[str]) -> pd.DataFrame:
    """Unit rows, a subtotal per unit of each coarser level after its units, and the total last.

    ``keys`` are the sort keys of ``levels`` (one column each in ``leaf``); unnamed units (blank key) come after
    the named ones."""
    numeric = [c for c in leaf.columns if c not in {*levels, *keys}]
    parts = [leaf.assign(kind=UNIT, level=levels[-1])]
    for depth in range(len(levels) - 1, -1, -1):
        if depth == 0:
            total = leaf[numeric].sum().to_frame().T
            parts.append(total.assign(kind=TOTAL, level=TOTAL, **{k: "\uffff" for k in keys}))
            continue
        grouped = leaf.groupby(keys[:depth], sort=False)
        sub = grouped[numeric].sum().join(grouped[levels[:depth]].first()).reset_index()
        parts.append(sub.assign(kind=SUBTOTAL, level=levels[depth - 1], **{k: "\uffff" for k in keys[depth:]}))
    rows = pd.concat(parts, ignore_index=True)
    # Unnamed units (blank name, or the rest of a unit's households) come after the named ones.
    order = rows[keys].replace("", "\ufffe")
    rows = rows.loc[order.sort_values(keys, kind="stable").index].reset_index(drop=True)
    for lv, k in zip(levels, keys):
        rows[lv] = rows[lv].where(rows[k] != "\uffff", None)
    return rows.drop(columns=keys)
