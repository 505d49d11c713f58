"""The same households under two standards (domain/transition.py) and the standard effect (domain/standard_effect.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from classify_tables import classify_with_words
from hypothesis import given, settings
from hypothesis import strategies as st

from povertool.domain.denominators import unit_denominators
from povertool.domain.models import STATUSES
from povertool.domain.standard_effect import standard_effect
from povertool.domain.transition import bounds, compare_columns, missing_indicators, transition
from povertool.labels import labels
from povertool.read.standards import read_standard


def parts_add_up(table: pd.DataFrame) -> bool:
    """The standard effect and the real movement add up to the change (households, and rates within rounding)."""
    counts = (table["standard_effect"] + table["real_change"] == table["change"]).all()
    rates = np.allclose((table["standard_effect_pp"] + table["real_change_pp"]).fillna(0), table["change_pp"].fillna(0))
    return bool(counts and rates)


V22, V27 = read_standard("vn-2022"), read_standard("vn-2027")
SHARED = [c for c in V22.indicator_codes if c in V27.indicator_codes]  # 11 indicators both standards have


def frame(rows: list[tuple]) -> pd.DataFrame:
    """Rows (commune, income, deprived shared indicators, members); the list has vn-2022's columns only."""
    records = []
    for i, (commune, income, deprived, members) in enumerate(rows):
        marks = {c: j < deprived for j, c in enumerate(SHARED)}
        records.append({"household_id": f"H{i}", "head_name": f"Người {i}", "commune": commune, "area": "rural",
                        "income_per_capita": income, "members": members, **marks, "information_means": False,
                        "source_file": "a.xlsx", "source_sheet": "S", "source_row": i + 6})
    out = pd.DataFrame(records)
    for c in [*SHARED, "information_means"]:
        out[c] = out[c].astype("boolean")
    return out


def classified(households: pd.DataFrame, standard) -> pd.DataFrame:
    return pd.concat([households, classify_with_words(households, standard)], axis=1)


ROWS = [
    ("Xã A", 1_400_000, 3, 4),  # poor under both
    ("Xã A", 1_400_000, 2, 3),  # near-poor; under vn-2027 2 known + waste unknown: undetermined, may be poor
    ("Xã A", 1_800_000, 3, 5),  # above the 2022 line, below 2027: not poor -> poor
    ("Xã B", 1_800_000, 0, 2),  # not poor -> near-poor (0 known + 1 unknown < 3)
    ("Xã B", 2_500_000, 4, 1),  # above both lines
    ("Xã B", None, 1, 2),       # income unknown: undetermined under both
]


def run(rows=ROWS, totals=None):
    base = frame(rows)
    before, after = classified(base, V22), classified(base, V27)
    missing = missing_indicators(after, V27)
    den = unit_denominators(after, ["commune"], totals)
    bound = bounds(after, V27, missing, labels("status"))
    return transition(before, after, from_id="vn-2022", to_id="vn-2027", levels=["commune"], denominators=den,
                      bound=bound, missing=missing), before, after


def test_missing_indicator_is_waste_and_statuses_move_as_the_rule_says() -> None:
    t, before, after = run()
    assert t.missing_indicators == ["waste"]
    assert list(before["status"]) == ["poor", "near_poor", "not_poor", "not_poor", "not_poor", "undetermined"]
    assert list(after["status"]) == ["poor", "undetermined", "poor", "near_poor", "not_poor", "undetermined"]


def test_matrix_adds_up_to_each_standards_counts_per_unit_and_total() -> None:
    t, before, after = run()
    for row in t.units["row"]:
        cells = t.matrix[t.matrix["row"] == row]
        assert len(cells) == len(STATUSES) ** 2
        rec = t.units[t.units["row"] == row].iloc[0]
        by_from = cells.groupby("status_from")["households"].sum()
        by_to = cells.groupby("status_to")["households"].sum()
        assert by_from["poor"] == rec["poor_from"] and by_to["poor"] == rec["poor_to"]
        assert cells["households"].sum() == rec["reviewed"]
    total = t.matrix[t.matrix["row"] == t.units["row"].iloc[-1]].set_index(["status_from", "status_to"])
    assert total.at[("not_poor", "poor"), "households"] == 1 and total.at[("not_poor", "poor"), "persons"] == 5
    assert total["persons"].sum() == sum(r[3] for r in ROWS)


def test_bounds_follow_the_undetermined_rule() -> None:
    t, _, _ = run()
    total = t.units.iloc[-1]
    # Depends on waste: only the near-poor household with 2 known deprivations (waste decides poor or near-poor).
    assert total["depends_on_missing"] == 1
    assert total["poor_at_least"] == 2  # H0, H2
    # At most: + H1 (waste deprived) + H5 (unknown income, 1 + unknown waste... only 2 < 3: cannot be poor).
    assert total["poor_at_most"] == 3
    # Near-poor at most: H3, H1 (waste not deprived), H5 (unknown income at the line, 1 deprivation).
    assert total["near_poor_at_least"] == 1 and total["near_poor_at_most"] == 3


def test_rates_under_each_standard_use_the_units_totals() -> None:
    totals = pd.DataFrame({"commune": ["Xã A", "Xã B"], "households": [100, 50], "persons": pd.array([400, 200], dtype="Int64")})
    t, _, _ = run(totals=totals)
    units = t.units.set_index("commune")
    assert units.at["Xã A", "poor_rate_from"] == 1.0 and units.at["Xã A", "poor_rate_to"] == 2.0
    total = t.units.iloc[-1]
    assert total["households"] == 150 and np.isclose(total["poor_rate_to"], 2 / 150 * 100)
    assert np.isclose(total["poor_rate_change"], total["poor_rate_to"] - total["poor_rate_from"])
    assert t.denominator == "totals"


def test_changed_list_names_households_but_json_leaves_names_out() -> None:
    t, _, _ = run()
    assert list(t.changed["household_id"]) == ["H1", "H2", "H3"]
    assert list(t.changed["status_to"]) == ["undetermined", "poor", "near_poor"]
    assert "head_name" in t.changed
    data = t.to_dict()
    assert all("head_name" not in rec for rec in data["changed"])
    assert data["units"][-1]["matrix"]["not_poor"]["poor"] == {"households": 1, "persons": 5}


def test_compare_columns_sit_beside_the_first_and_are_blank_for_a_row_the_second_rejected() -> None:
    _, before, after = run()
    cols = compare_columns(after.iloc[1:], before.index)
    assert list(cols.columns) == ["compare_status", "compare_status_label", "compare_deprivation_count", "compare_reason"]
    assert pd.isna(cols["compare_status"].iloc[0]) and cols["compare_status"].iloc[2] == "poor"


def test_standard_effect_and_real_movement_add_up() -> None:
    base = classified(frame(ROWS), V22)
    base_new = classified(frame(ROWS), V27)
    current = classified(frame([("Xã A", 1_000_000, 4, 4), ("Xã A", 2_000_000, 1, 3), ("Xã C", 1_000_000, 3, 2)]), V27)
    den_b = unit_denominators(base, ["commune"], None)
    den_c = unit_denominators(current, ["commune"], None)
    table = standard_effect(base, base_new, current, ["commune"], den_b, den_c)
    assert parts_add_up(table)
    poor = table[(table["group"] == "poor") & (table["unit"] == "total")].iloc[0]
    assert (poor["baseline"], poor["baseline_under_current"], poor["current"]) == (1, 2, 2)
    assert (poor["standard_effect"], poor["real_change"], poor["change"]) == (1, 0, 1)
    assert poor["undetermined_under_current"] == 2
    assert set(table["unit"]) == {"Xã A", "Xã B", "Xã C", "total"}


@settings(max_examples=12, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Xã A", "Xã B", "Xã C"]), st.sampled_from([900_000, 1_500_000, 1_900_000, 2_300_000]),
                          st.integers(0, 5), st.integers(1, 6)), min_size=1, max_size=30),
       st.lists(st.tuples(st.sampled_from(["Xã A", "Xã B", "Xã D"]), st.sampled_from([900_000, 2_100_000, 2_900_000]),
                          st.integers(0, 5), st.integers(1, 6)), min_size=1, max_size=30))
def test_split_always_adds_up(base_rows: list[tuple], current_rows: list[tuple]) -> None:
    base = frame(base_rows)
    current = classified(frame(current_rows), V27)
    before = classified(base, V22)
    table = standard_effect(before, classified(base, V27), current, ["commune"],
                            unit_denominators(base, ["commune"], None), unit_denominators(current, ["commune"], None))
    assert parts_add_up(table)
    totals = table[table["unit"] == "total"].set_index("group")
    assert totals.at["poor", "baseline"] == (before["status"] == "poor").sum()
    assert totals.at["near_poor", "current"] == (current["status"] == "near_poor").sum()
