"""Alkire–Foster measures on a worked example, checked against the definitions."""

from __future__ import annotations

import pandas as pd
import pytest

from povertool.domain.denominators import unit_denominators
from povertool.domain.summary import summarise_households


def household_alkire_foster(deprived: pd.DataFrame, poor: pd.Series, n: int) -> dict[str, object]:
    """The measures for one unit straight from household rows (a reference used to check the grouped path)."""
    d = deprived.shape[1]
    marks = deprived.fillna(False).astype(bool)
    censored = marks[poor.to_numpy(dtype=bool)]
    scores = censored.sum(axis=1) / d
    q = len(censored)
    H = q / n if n else float("nan")
    A = float(scores.mean()) if q else float("nan")
    total = censored.to_numpy().sum()
    return {
        "H": H,
        "A": A,
        "M0": float(scores.sum() / n) if n else float("nan"),
        "censored_headcount": {c: censored[c].sum() / n if n else float("nan") for c in deprived.columns},
        "contribution": {c: censored[c].sum() / total * 100 if total else float("nan") for c in deprived.columns},
    }


CODES = ["d1", "d2", "d3", "d4"]
# Ten households, four indicators (weights 1/4). Poor: P1 (d1 d2 d3), P2 (all four), P3 (d2 d3 d4).
# N1 is near-poor and N2 not poor: their deprivations are censored (not counted).
MARKS = {
    "P1": [1, 1, 1, 0], "P2": [1, 1, 1, 1], "P3": [0, 1, 1, 1],
    "N1": [1, 0, 0, 0], "N2": [1, 1, 1, 1],
    **{f"X{i}": [0, 0, 0, 0] for i in range(5)},
}
STATUS = {"P1": "poor", "P2": "poor", "P3": "poor", "N1": "near_poor"}


def households() -> pd.DataFrame:
    frame = pd.DataFrame.from_dict(MARKS, orient="index", columns=CODES).astype(bool).astype("boolean")
    frame["status"] = [STATUS.get(i, "not_poor") for i in frame.index]
    frame["commune"] = "Xã A"
    frame["members"] = 3.0
    return frame.reset_index(names="household_id")


def test_worked_example_by_hand():
    s = summarise_households(households(), CODES, ["commune"])
    unit = s.units.iloc[0]
    q, n, d = 3, 10, 4
    deprivations = 3 + 4 + 3  # c_i of the poor
    assert unit["H"] == pytest.approx(q / n)  # 0.3
    assert unit["A"] == pytest.approx((3 / 4 + 4 / 4 + 3 / 4) / q)  # mean deprivation share of the poor = 0.8333
    assert unit["M0"] == pytest.approx(unit["H"] * unit["A"])  # 0.25
    assert unit["M0"] == pytest.approx(deprivations / (n * d))
    table = s.indicators_table[s.indicators_table["row"] == unit["row"]].set_index("indicator")
    assert table["censored_headcount"].tolist() == pytest.approx([2 / 10, 3 / 10, 3 / 10, 2 / 10])
    assert table["contribution"].tolist() == pytest.approx([20.0, 30.0, 30.0, 20.0])
    assert table["contribution"].sum() == pytest.approx(100.0)
    # contribution_j = w_j * h_j / M0 * 100
    assert (0.25 * table["censored_headcount"] / unit["M0"] * 100).tolist() == pytest.approx(table["contribution"].tolist())


def test_n_is_all_households_of_the_unit_from_the_totals():
    frame = households()
    totals = pd.DataFrame({"commune": ["Xã A"], "households": [30], "persons": pd.array([90], dtype="Int64")})
    s = summarise_households(frame, CODES, ["commune"], unit_denominators(frame, ["commune"], totals))
    unit = s.units.iloc[0]
    assert unit["H"] == pytest.approx(3 / 30)
    assert unit["A"] == pytest.approx(10 / 12)  # A does not depend on n
    assert unit["M0"] == pytest.approx(10 / 120)


def test_grouped_measures_equal_the_household_reference():
    frame = households()
    s = summarise_households(frame, CODES, ["commune"])
    reference = household_alkire_foster(frame[CODES], frame["status"] == "poor", n=len(frame))
    unit = s.units.iloc[0]
    assert (unit["H"], unit["A"], unit["M0"]) == pytest.approx((reference["H"], reference["A"], reference["M0"]))
    table = s.indicators_table[s.indicators_table["row"] == unit["row"]].set_index("indicator")
    assert table["contribution"].to_dict() == pytest.approx(reference["contribution"])


def test_unknown_marks_count_as_not_deprived():
    frame = households()
    frame.loc[frame["household_id"] == "P1", "d1"] = pd.NA
    s = summarise_households(frame, CODES, ["commune"])
    assert s.units.iloc[0]["A"] == pytest.approx(9 / 12)
    table = s.indicators_table
    assert table[table["row"] == 0]["contribution"].sum() == pytest.approx(100.0)
    assert table[table["row"] == 0]["poor_deprived"].tolist() == [1, 3, 3, 2]
