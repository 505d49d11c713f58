"""Invariants of the rule, for random households (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from povertool.domain.classify import classify_frame
from povertool.read.standards import read_standard
from povertool.labels import labels

STANDARDS = {sid: read_standard(sid) for sid in ("vn-2016", "vn-2022", "vn-2027", "dong-nai-2022")}
LABELS = labels("status", "vi")

household = st.tuples(
    st.sampled_from(["rural", "urban"]),
    st.one_of(st.none(), st.integers(0, 5_000_000)),
    st.lists(st.sampled_from([True, False, None]), min_size=12, max_size=12),
    st.sampled_from([True, False, None]),
)


def _frame(std, rows) -> pd.DataFrame:
    data = {
        "area": [r[0] for r in rows],
        "income_per_capita": pd.array([r[1] for r in rows], dtype="Float64"),
        "agricultural": pd.array([r[3] for r in rows], dtype="boolean"),
    }
    for j, code in enumerate(std.indicator_codes):
        data[code] = pd.array([r[2][j] for r in rows], dtype="boolean")
    return pd.DataFrame(data)


def _poor(std, frame) -> np.ndarray:
    return (classify_frame(frame, std)["status"] == "poor").to_numpy()


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(STANDARDS)), st.lists(household, min_size=1, max_size=40),
       st.integers(0, 4_000_000), st.integers(0, 2_000_000))
def test_a_higher_income_line_never_makes_a_poor_household_non_poor(sid, rows, line, raise_by):
    std = STANDARDS[sid]
    frame = _frame(std, rows)
    lower = std.with_overrides(income_line_rural=line, income_line_urban=line)
    higher = std.with_overrides(income_line_rural=line + raise_by, income_line_urban=line + raise_by)
    poor_low, poor_high = _poor(lower, frame), _poor(higher, frame)
    assert not (poor_low & ~poor_high).any()


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["vn-2022", "vn-2027", "dong-nai-2022"]), st.lists(household, min_size=1, max_size=40))
def test_min_deprivations_0_to_12_gives_nested_sets_of_poor(sid, rows):
    std = STANDARDS[sid]
    frame = _frame(std, rows)
    sets = [_poor(std.with_overrides(min_deprivations=k), frame) for k in range(0, 13)]
    for k in range(12):
        assert not (sets[k + 1] & ~sets[k]).any(), f"poor at k={k + 1} but not at k={k}"


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(STANDARDS)), st.lists(household, min_size=1, max_size=40))
def test_every_household_gets_exactly_one_status(sid, rows):
    std = STANDARDS[sid]
    result = classify_frame(_frame(std, rows), std)
    assert len(result) == len(rows)
    assert set(result["status"]) <= {"poor", "near_poor", "average", "not_poor", "undetermined"}
