"""Property: for any hierarchy, subtotals and the grand total add up exactly, and rates follow the counts."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from povertool.domain.denominators import unit_denominators
from povertool.domain.models import STATUSES
from povertool.domain.summary import summarise_households

CODES = ["a", "b", "c"]
LEVEL_SETS = [["commune"], ["district", "commune"], ["commune", "village"], ["district", "commune", "village"],
              ["area", "commune"], ["area"]]

household = st.tuples(
    st.sampled_from(["H1", "H2"]), st.sampled_from(["Xã A", "Xã B", "Phường C"]), st.sampled_from(["T1", "T2", "T3"]),
    st.sampled_from(["rural", "urban"]), st.sampled_from(STATUSES), st.integers(1, 9),
    st.booleans(), st.booleans(), st.booleans(), st.booleans(),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(household, min_size=1, max_size=40), st.sampled_from(LEVEL_SETS),
       st.lists(st.integers(0, 80), min_size=3, max_size=3), st.booleans())
def test_subtotals_and_total_add_up(rows, levels, extra, with_totals):
    frame = pd.DataFrame(rows, columns=["district", "commune", "village", "area", "status", "members", *CODES, "merit"])
    for c in [*CODES, "merit"]:
        frame[c] = frame[c].astype("boolean")
    totals = None
    if with_totals:
        counts = frame.groupby("commune").size()
        totals = pd.DataFrame({"commune": ["Xã A", "Xã B", "Phường C"],
                               "households": [int(counts.get(n, 0)) + e for n, e in zip(["Xã A", "Xã B", "Phường C"], extra)],
                               "persons": pd.array([None] * 3, dtype="Int64")})
    s = summarise_households(frame, CODES, levels, unit_denominators(frame, levels, totals))
    units = s.units
    additive = [c for c in units.columns if c.endswith(("_households", "_deprivations", "_poor"))] + ["households"]
    leaves = units[units["kind"] == "unit"]
    total = units[units["kind"] == "total"].iloc[0]
    for col in additive:
        assert leaves[col].sum() == total[col], col
    assert total["reviewed_households"] == len(frame)
    assert sum(total[f"{st_}_households"] for st_ in STATUSES) == len(frame)
    for depth, level in enumerate(levels[:-1], start=1):
        subs = units[(units["kind"] == "subtotal") & (units["level"] == level)]
        assert subs[additive].sum().tolist() == total[additive].tolist()
        for _, sub in subs.iterrows():
            # a unit of the totals file with no area (no household in the data to say) groups under a blank one
            mask = (leaves[levels[:depth]].fillna("") == sub[levels[:depth]].fillna("")).all(axis=1)
            assert leaves.loc[mask, additive].sum().tolist() == sub[additive].tolist()
    with_base = units[units["households"] > 0]
    assert ((with_base["poor_households"] / with_base["households"] * 100 - with_base["poor_rate"]).abs() < 1e-9).all()
    ind = s.indicators_table.merge(units[["row", "poor_deprivations"]], on="row")
    sums = ind[ind["poor_deprivations"] > 0].groupby("row")["contribution"].sum()
    assert ((sums - 100).abs() < 1e-9).all()
