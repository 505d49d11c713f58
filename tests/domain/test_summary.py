"""The summary on a small classified survey, every figure computed by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from povertool.domain.denominators import unit_denominators, unit_key
from povertool.domain.summary import summarise_households
from povertool.read.vocabulary import unit_areas

IND = ["i1", "i2", "i3"]
NA = pd.NA


def survey() -> pd.DataFrame:
    """8 classified households in two communes (3 indicators)."""
    rows = [
        # id,  commune,    village, area,   status,        members, i1,   i2,    i3,    ethnic, female, merit
        ("h1", "Xã A", "Ấp 1", "rural", "poor", 4, True, True, True, True, False, False),
        ("h2", "Xã A", "Ấp 1", "rural", "poor", 3, True, True, False, False, False, False),
        ("h3", "Xã A", "Ấp 2", "rural", "near_poor", 5, True, False, False, True, False, False),
        ("h4", "Xã A", "Ấp 2", "rural", "average", 2, False, False, False, False, False, False),
        ("h5", "xã a", "Ấp 1", "rural", "not_poor", 1, False, False, True, False, False, False),  # other spelling
        ("h6", "Phường B", "KP 1", "urban", "poor", 2, False, True, True, False, True, False),
        ("h7", "Phường B", "KP 1", "urban", "undetermined", 3, NA, False, False, False, False, False),
        ("h8", "Phường B", "KP 2", "urban", "near_poor", 4, False, False, False, False, False, True),
    ]
    frame = pd.DataFrame(rows, columns=["household_id", "commune", "village", "area", "status", "members", *IND,
                                        "ethnic_minority", "head_female", "merit"])
    for c in [*IND, "ethnic_minority", "head_female", "merit"]:
        frame[c] = frame[c].astype("boolean")
    frame["members"] = frame["members"].astype("float64")
    return frame


def totals() -> pd.DataFrame:
    return pd.DataFrame({
        "commune": ["XÃ A", "Phường B", "Xã C"],
        "households": [100, 20, 50],
        "persons": pd.array([400, NA, 180], dtype="Int64"),
    })


def by_name(summary, column="commune"):
    units = summary.units
    return {("TOTAL" if r["kind"] == "total" else r[column]): r for r in units.to_dict("records")}


def indicator(summary, row, code):
    t = summary.indicators_table
    return t[(t["row"] == row) & (t["indicator"] == code)].iloc[0]


def test_counts_and_rates_over_all_households_of_each_commune():
    h = survey()
    s = summarise_households(h, IND, ["commune"], unit_denominators(h, ["commune"], totals()))
    rows = by_name(s)
    assert list(s.units["kind"]) == ["unit", "unit", "unit", "total"]
    assert list(s.units["commune"].iloc[:3]) == ["Phường B", "Xã A", "Xã C"]
    a, b, c, t = rows["Xã A"], rows["Phường B"], rows["Xã C"], rows["TOTAL"]
    assert (a["households"], a["persons"], a["reviewed_households"], a["reviewed_persons"]) == (100, 400, 5, 15)
    assert (a["poor_households"], a["poor_persons"], a["near_poor_households"], a["near_poor_persons"]) == (2, 7, 1, 5)
    assert (a["average_households"], a["average_persons"], a["undetermined_households"]) == (1, 2, 0)
    assert a["poor_rate"] == pytest.approx(2.0) and a["near_poor_rate"] == pytest.approx(1.0)
    assert a["multidimensional_rate"] == pytest.approx(3.0)
    assert (b["households"], b["undetermined_households"], b["undetermined_persons"]) == (20, 1, 3)
    assert pd.isna(b["persons"])  # the totals file does not give Phường B's persons
    assert b["poor_rate"] == pytest.approx(5.0) and b["multidimensional_rate"] == pytest.approx(10.0)
    # A commune of the totals with no household in the data is there, with a rate of 0.
    assert (c["households"], c["persons"], c["reviewed_households"], c["poor_rate"]) == (50, 180, 0, 0.0)
    assert (t["households"], t["poor_households"], t["near_poor_households"]) == (170, 3, 2)
    assert pd.isna(t["persons"])
    assert t["poor_rate"] == pytest.approx(300 / 170) and t["multidimensional_rate"] == pytest.approx(500 / 170)
    assert [rows[k]["small_base"] for k in ("Xã A", "Phường B", "Xã C", "TOTAL")] == [False, True, False, False]
    assert not s.census and s.missing_units == []


def test_deprivations_among_poor_and_near_poor():
    h = survey()
    s = summarise_households(h, IND, ["commune"], unit_denominators(h, ["commune"], totals()))
    a = int(by_name(s)["Xã A"]["row"])
    total = int(by_name(s)["TOTAL"]["row"])
    got = [(indicator(s, a, c)["poor_deprived"], indicator(s, a, c)["poor_deprived_pct"]) for c in IND]
    assert got == [(2, 100.0), (2, 100.0), (1, 50.0)]  # h5 is not poor: its i3 is not counted
    assert [indicator(s, a, c)["near_poor_deprived"] for c in IND] == [1, 0, 0]
    assert [indicator(s, total, c)["poor_deprived"] for c in IND] == [2, 3, 2]
    assert by_name(s)["TOTAL"]["poor_deprivations"] == 7 and by_name(s)["TOTAL"]["near_poor_deprivations"] == 1


def test_alkire_foster_per_unit_and_total():
    h = survey()
    s = summarise_households(h, IND, ["commune"], unit_denominators(h, ["commune"], totals()))
    rows = by_name(s)
    a, t = rows["Xã A"], rows["TOTAL"]
    assert (a["H"], a["A"], a["M0"]) == pytest.approx((0.02, 5 / 6, 5 / 300))
    assert (t["H"], t["A"], t["M0"]) == pytest.approx((3 / 170, 7 / 9, 7 / 510))
    assert [indicator(s, int(a["row"]), c)["contribution"] for c in IND] == pytest.approx([40.0, 40.0, 20.0])
    assert [indicator(s, int(t["row"]), c)["censored_headcount"] for c in IND] == pytest.approx([2 / 170, 3 / 170, 2 / 170])
    c = rows["Xã C"]
    assert c["H"] == 0 and c["M0"] == 0 and math.isnan(c["A"])  # no poor household: no average share


def test_subgroups_counted_where_the_data_has_them():
    h = survey()
    s = summarise_households(h, IND, ["commune"], unit_denominators(h, ["commune"], totals()))
    assert s.subgroups == ["ethnic_minority", "merit", "head_female"]  # no_labour_capacity column absent
    a, b = by_name(s)["Xã A"], by_name(s)["Phường B"]
    assert (a["ethnic_minority_households"], a["ethnic_minority_poor"], a["ethnic_minority_near_poor"]) == (2, 1, 1)
    assert (b["head_female_poor"], b["merit_near_poor"], b["merit_poor"]) == (1, 1, 0)


def test_a_unit_missing_from_the_totals_falls_back_to_its_own_count():
    h = survey()
    den = unit_denominators(h, ["commune"], totals().iloc[[0, 2]])
    assert den.missing_units == ["Phường B"]
    s = summarise_households(h, IND, ["commune"], den)
    b, t = by_name(s)["Phường B"], by_name(s)["TOTAL"]
    assert (b["households"], b["persons"], b["denominator_source"]) == (3, 9, "data")
    assert (t["households"], t["denominator_source"]) == (153, "data")
    assert by_name(s)["Xã A"]["denominator_source"] == "totals"


def test_without_totals_the_data_is_a_census():
    h = survey()
    s = summarise_households(h, IND, ["commune"])
    assert s.census
    rows = by_name(s)
    assert (rows["Xã A"]["households"], rows["Phường B"]["households"], rows["TOTAL"]["households"]) == (5, 3, 8)
    assert rows["Xã A"]["poor_rate"] == pytest.approx(40.0)
    assert rows["TOTAL"]["persons"] == 24


def test_commune_and_village_with_village_totals():
    h = survey()
    village_totals = pd.DataFrame({"commune": ["Xã A", "Xã A", "Xã A", "Phường B", "Phường B"],
                                   "village": ["Ấp 1", "Ấp 2", "Ấp 3", "KP 1", "KP 2"],
                                   "households": [60, 40, 10, 12, 8], "persons": pd.array([1] * 5, dtype="Int64")})
    s = summarise_households(h, IND, ["commune", "village"], unit_denominators(h, ["commune", "village"], village_totals))
    units = s.units
    assert list(zip(units["kind"], units["level"], units["commune"].fillna("-"), units["village"].fillna("-"))) == [
        ("unit", "village", "Phường B", "KP 1"), ("unit", "village", "Phường B", "KP 2"),
        ("subtotal", "commune", "Phường B", "-"),
        ("unit", "village", "Xã A", "Ấp 1"), ("unit", "village", "Xã A", "Ấp 2"), ("unit", "village", "Xã A", "Ấp 3"),
        ("subtotal", "commune", "Xã A", "-"),
        ("total", "total", "-", "-"),
    ]
    assert units["households"].tolist() == [12, 8, 20, 60, 40, 10, 110, 130]
    assert units["poor_households"].tolist() == [1, 0, 1, 2, 0, 0, 2, 3]
    assert units["poor_rate"].iloc[3] == pytest.approx(2 / 60 * 100)


def test_totals_per_commune_summary_per_village_keeps_the_commune_totals():
    h = survey()
    den = unit_denominators(h, ["commune", "village"], totals())
    assert den.uncovered_levels == ["village"] and not den.census
    s = summarise_households(h, IND, ["commune", "village"], den)
    u = s.units
    got = list(zip(u["kind"], u["commune"].fillna("-"), u["village"].fillna("-"), u["households"], u["denominator_source"]))
    assert got == [
        ("unit", "Phường B", "KP 1", 2, "data"), ("unit", "Phường B", "KP 2", 1, "data"),
        ("unit", "Phường B", "-", 17, "totals"),  # the commune's other households: 20 - 3
        ("subtotal", "Phường B", "-", 20, "data"),
        ("unit", "Xã A", "Ấp 1", 3, "data"), ("unit", "Xã A", "Ấp 2", 2, "data"),
        ("unit", "Xã A", "-", 95, "totals"),
        ("subtotal", "Xã A", "-", 100, "data"),
        ("unit", "Xã C", "-", 50, "totals"), ("subtotal", "Xã C", "-", 50, "totals"),
        ("total", "-", "-", 170, "data"),
    ]
    assert u["persons"].iloc[6] == 400 - 15 and pd.isna(u["persons"].iloc[2])
    assert u["poor_rate"].iloc[7] == pytest.approx(2.0)  # Xã A over its 100 households, not its 5 listed


def test_area_from_the_households_or_the_unit_name():
    h = survey()
    den = unit_denominators(h, ["area"], totals(), area_by_name=unit_areas(None))  # the reader's rule for names
    s = summarise_households(h, IND, ["area"], den)
    rows = by_name(s, "area")
    assert (rows["rural"]["households"], rows["urban"]["households"], rows["TOTAL"]["households"]) == (150, 20, 170)
    assert rows["rural"]["poor_households"] == 2 and rows["urban"]["poor_households"] == 1


def test_names_match_ignoring_case_accents_and_spacing():
    assert unit_key("  PHƯỜNG  An-Lạc ") == unit_key("phuong an lac") == "phuong an lac"
    assert unit_key("Đông Hòa") == "dong hoa"
    assert unit_key(None) == unit_key(float("nan")) == ""


def test_levels_are_checked():
    with pytest.raises(ValueError):
        summarise_households(survey(), IND, ["commune", "commune"])
    with pytest.raises(ValueError):
        summarise_households(survey(), IND, ["ward"])
