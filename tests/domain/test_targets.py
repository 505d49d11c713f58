"""Targets judged on hand-made values: met / not met, rates rounded as published, households still to move."""

from __future__ import annotations

import pandas as pd
import pytest

from povertool.domain.flows import code_flows, flow_tables, match_rounds
from povertool.domain.targets import Target, evaluate_targets, unit_values
from povertool.errors import DataError

# These tests read the English sentences (the Vietnamese ones are checked in test_i18n_both_languages.py).
pytestmark = pytest.mark.usefixtures("english")


def _values(poor_before: int, poor_now: int, households_before: int, households_now: int) -> pd.DataFrame:
    """A town with one commune; poor counts and denominators as given."""
    base = pd.DataFrame({"household_id": [f"B{i}" for i in range(poor_before)], "commune": "Xã Tân Phú", "members": 3,
                         "status": "poor"})
    cur = pd.DataFrame({"household_id": [f"C{i}" for i in range(poor_now)], "commune": "Xã Tân Phú", "members": 3,
                        "status": "poor"})
    flows = flow_tables(code_flows(match_rounds(base, cur, ["commune"])), ["commune"])
    den_b = pd.DataFrame({"commune": ["Xã Tân Phú"], "households": [households_before]})
    den_c = pd.DataFrame({"commune": ["Xã Tân Phú"], "households": [households_now]})
    return unit_values(flows, den_b, den_c)


def _one(target: Target, values: pd.DataFrame) -> dict:
    return evaluate_targets([target], values, ["commune"]).iloc[0].to_dict()


def test_household_target_met_and_not_met():
    values = _values(90, 80, 29940, 30202)
    met = _one(Target("total", "poor_households", change=-3), values)
    assert (met["baseline"], met["current"], met["actual_change"], met["status"]) == (90, 80, -10, "met")
    assert met["achieved_pct"] == pytest.approx(333.33) and met["still_to_move"] is None
    missed = _one(Target("total", "poor_households", change=-15), values)
    assert missed["status"] == "not_met" and missed["still_to_move"] == 5


def test_rate_target_is_judged_on_published_rates():
    # 0.3006% -> 0.30 and 0.2979% -> 0.30: exact rates fell, published ones did not, so -0.01 is not met.
    values = _values(90, 90, 29940, 30210)
    row = _one(Target("total", "poor_rate", change=-0.01), values)
    assert row["baseline"] == pytest.approx(90 / 29940 * 100)
    assert (row["baseline_published"], row["current_published"], row["actual_change"]) == (0.30, 0.30, 0.0)
    assert row["status"] == "not_met"
    # 0.3006 -> 0.2949: published 0.30 -> 0.29, exactly the planned -0.01.
    row = _one(Target("total", "poor_rate", change=-0.01), _values(90, 89, 29940, 30180))
    assert (row["actual_change"], row["status"], row["achieved_pct"]) == (-0.01, "met", 100.0)


def test_end_value_target_and_unit_by_name_without_accents():
    values = _values(20, 18, 1000, 1000)
    row = _one(Target("XA TAN PHU", "poor_households", target=17), values)
    assert row["unit"] == "Xã Tân Phú"
    assert (row["target_change"], row["status"], row["still_to_move"]) == (-3, "not_met", 1)


def test_unknown_unit_and_metric_stop():
    values = _values(2, 1, 100, 100)
    with pytest.raises(DataError, match="Xã Không Có"):
        _one(Target("Xã Không Có", "poor_households", change=-1), values)
    with pytest.raises(DataError, match="metric"):
        _one(Target("total", "poverty", change=-1), values)
