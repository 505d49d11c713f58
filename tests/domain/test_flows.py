"""Flow codes, one hand-made case each, and the balance identity on random transitions."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from povertool.domain.flows import baseline_from_previous, code_flows, flow_tables, match_rounds
from povertool.read.vocabulary import moved_in_reasons

LEVELS = ["commune"]


def _round(rows: list[tuple]) -> pd.DataFrame:
    """rows: (household_id, commune, members, status[, change_reason])."""
    frame = pd.DataFrame([r[:4] for r in rows], columns=["household_id", "commune", "members", "status"])
    frame["change_reason"] = [r[4] if len(r) > 4 else None for r in rows]
    return frame


def _codes(baseline, current, history=None) -> pd.DataFrame:
    coded = code_flows(match_rounds(_round(baseline), _round(current), LEVELS, [_round(h) for h in history or []],
                                    moved_in_reasons=moved_in_reasons()))
    return coded.set_index("household_id")


@pytest.mark.parametrize(
    ("before", "now", "reason", "poor_code", "near_code"),
    [
        ("poor", "near_poor", None, "to_near_poor", "from_poor"),
        ("poor", "average", None, "escaped", None),
        ("poor", "not_poor", None, "escaped", None),
        ("poor", None, None, "other_decrease", None),
        ("near_poor", "poor", None, "from_near_poor", "to_poor"),
        (None, "poor", None, "new_poor", None),
        ("not_poor", "poor", None, "new_poor", None),
        (None, "poor", "Chuyển đến", "other_increase", None),
        (None, "near_poor", "Tách hộ", None, "other_increase"),
        ("near_poor", "not_poor", None, None, "escaped"),
        ("near_poor", None, None, None, "other_decrease"),
        (None, "near_poor", None, None, "new_near_poor"),
        ("poor", "undetermined", None, "to_undetermined", None),
        ("undetermined", "poor", None, "from_undetermined", None),
        ("poor", "poor", None, None, None),
    ],
)
def test_one_household_gets_the_right_codes(before, now, reason, poor_code, near_code):
    baseline = [("H1", "Xã A", 4, before)] if before else [("H9", "Xã A", 2, "not_poor")]
    current = [("H1", "Xã A", 4, now, reason)] if now else [("H9", "Xã A", 2, "not_poor")]
    row = _codes(baseline, current).loc["H1"]
    assert row["poor_flow"] == poor_code
    assert row["near_poor_flow"] == near_code


def test_re_poor_and_re_near_poor_need_a_history_round():
    history = [("H1", "Xã A", 3, "poor"), ("H2", "Xã A", 3, "near_poor")]
    baseline = [("H1", "Xã A", 3, "not_poor"), ("H2", "Xã A", 3, "average")]
    current = [("H1", "Xã A", 3, "poor"), ("H2", "Xã A", 3, "near_poor")]
    with_history = _codes(baseline, current, [history])
    assert with_history.loc["H1", "poor_flow"] == "re_poor"
    assert with_history.loc["H2", "near_poor_flow"] == "re_near_poor"
    without = _codes(baseline, current)
    assert without.loc["H1", "poor_flow"] == "new_poor"
    assert without.loc["H2", "near_poor_flow"] == "new_near_poor"


def test_moved_household_counts_where_it_is_now_and_is_flagged():
    baseline = [("007", "Xã A", 5, "poor"), ("008", "Xã A", 2, "poor")]
    current = [(" 007 ", "Xã B", 5, "poor")]
    flows = flow_tables(code_flows(match_rounds(_round(baseline), _round(current), LEVELS)), LEVELS)
    poor = flows.table("poor").set_index("unit")
    assert flows.moved_ids == ["007"]
    assert flows.missing_ids == ["008"]
    assert poor.loc["Xã B", "start"] == 1 and poor.loc["Xã B", "end"] == 1  # counted in B in both rounds
    assert poor.loc["Xã A", "start"] == 1 and poor.loc["Xã A", "other_decrease"] == 1
    assert poor.loc["total", "start"] == 2 and poor.loc["total", "end"] == 1


def test_persons_balance_keeps_member_changes_apart():
    baseline = [("H1", "Xã A", 4, "poor"), ("H2", "Xã A", 3, "poor")]
    current = [("H1", "Xã A", 6, "poor"), ("H2", "Xã A", 3, "near_poor")]
    flows = flow_tables(code_flows(match_rounds(_round(baseline), _round(current), LEVELS)), LEVELS)
    persons = flows.table("poor", "persons").set_index("unit").loc["total"]
    assert (persons["start"], persons["to_near_poor"], persons["member_change"], persons["end"]) == (7, 3, 2, 6)
    assert bool(persons["balanced"])


def test_previous_status_column_gives_the_baseline():
    current = _round([("H1", "Xã A", 4, "near_poor"), ("H2", "Xã A", 3, "poor"), ("H3", "Xã A", 2, "poor")])
    current["previous_status"] = ["poor", "poor", None]
    coded = code_flows(match_rounds(baseline_from_previous(current), current, LEVELS)).set_index("household_id")
    assert coded.loc["H1", "poor_flow"] == "to_near_poor"
    assert pd.isna(coded.loc["H2", "poor_flow"])
    assert coded.loc["H3", "poor_flow"] == "new_poor"


def test_units_without_households_show_zero_rows():
    units = pd.DataFrame({"commune": ["Xã A", "Xã Không Ai"]})
    flows = flow_tables(code_flows(match_rounds(_round([("H1", "Xã A", 1, "poor")]), _round([("H1", "Xã A", 1, "poor")]), LEVELS)),
                        LEVELS, units)
    assert flows.table("poor").set_index("unit").loc["Xã Không Ai", ["start", "end"]].tolist() == [0, 0]


STATUS = st.sampled_from([None, "poor", "near_poor", "average", "not_poor", "undetermined"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(STATUS, STATUS, st.sampled_from(["Xã A", "Xã B", "Phường C"]), st.sampled_from(["Xã A", "Xã B"]),
                          st.integers(1, 9), st.integers(1, 9), st.sampled_from([None, "Chuyển đến", "Tách hộ", "khác"]),
                          STATUS), min_size=1, max_size=40))
def test_balance_identity_on_random_transitions(cases):
    baseline, current, history = [], [], []
    for i, (before, now, unit_before, unit_now, m_before, m_now, reason, earlier) in enumerate(cases):
        hid = f"H{i:03d}"
        if before:
            baseline.append((hid, unit_before, m_before, before))
        if now:
            current.append((hid, unit_now, m_now, now, reason))
        if earlier:
            history.append((hid, unit_before, m_before, earlier))
    if not baseline or not current:
        return
    flows = flow_tables(code_flows(match_rounds(_round(baseline), _round(current), LEVELS, [_round(history)])), LEVELS)
    for group in ("poor", "near_poor"):
        for measure in ("households", "persons"):
            t = flows.table(group, measure)
            assert (t["start"] - t["decreases"] + t["increases"] + t["member_change"] == t["end"]).all()
        t = flows.table(group).set_index("unit")
        assert t.loc["total", "start"] == sum(1 for r in baseline if r[3] == group)
        assert t.loc["total", "end"] == sum(1 for r in current if r[3] == group)
        assert (t["member_change"] == 0).all()
