"""The 2025 commune reform map (domain/crosswalk.py): rules, every check, totals, and the grand totals kept."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from povertool.domain.crosswalk import (
    RULE_COLUMNS,
    UnitsMap,
    check_map,
    map_totals,
    map_units,
    merged_units,
    unused_village_rules,
)
from povertool.errors import DataError


def make_map(*rules: tuple) -> UnitsMap:
    """Rules as (old_commune, new_commune[, old_village[, old_district]]); rows numbered from 2 like a file."""
    rows = []
    for i, rule in enumerate(rules):
        commune, new, village, district = (*rule, None, None)[:4]
        rows.append({"row": i + 2, "old_province": None, "old_district": district, "old_commune": commune,
                     "old_village": village, "new_commune": new, "new_province": None})
    frame = pd.DataFrame(rows, columns=list(RULE_COLUMNS)).astype({c: object for c in RULE_COLUMNS[1:]})
    return UnitsMap(frame, source="map.csv")


def households(communes: list[str], villages: list[str] | None = None, districts: list[str] | None = None) -> pd.DataFrame:
    n = len(communes)
    frame = pd.DataFrame({"commune": communes, "members": [2] * n, "status": ["poor"] * n,
                          "source_file": ["list.xlsx"] * n, "source_row": list(range(6, 6 + n))})
    if villages is not None:
        frame["village"] = villages
    if districts is not None:
        frame["district"] = districts
    return frame


MERGE = make_map(("Xã An Phú", "Xã An Hòa"), ("Xã Hòa Bình", "Xã An Hòa"), ("Phường 1", "Phường Trung Tâm"))


def test_two_old_communes_become_one_new_and_the_old_name_is_kept() -> None:
    out = map_units(households(["Xã An Phú", "Xã Hòa Bình", "Phường 1"], districts=["Huyện A"] * 3), MERGE,
                    what="list").households
    assert list(out["commune"]) == ["Xã An Hòa", "Xã An Hòa", "Phường Trung Tâm"]
    assert list(out["old_commune"]) == ["Xã An Phú", "Xã Hòa Bình", "Phường 1"]
    assert out["district"].isna().all() and list(out["old_district"]) == ["Huyện A"] * 3  # districts are gone


def test_old_names_match_like_units_accents_case_and_type_abbreviations() -> None:
    out = map_units(households(["XÃ AN PHÚ", "xa hoa binh", "X. Hòa Bình", "P. 1"]), MERGE, what="list").households
    assert list(out["commune"]) == ["Xã An Hòa", "Xã An Hòa", "Xã An Hòa", "Phường Trung Tâm"]


def test_same_village_name_in_two_merged_communes_stays_apart() -> None:
    out = map_units(households(["Xã An Phú", "Xã Hòa Bình", "Xã An Phú"], ["Thôn 1", "Thôn 1", "Thôn 2"]), MERGE,
                    what="list").households
    assert list(out["village"]) == ["Thôn 1 (Xã An Phú)", "Thôn 1 (Xã Hòa Bình)", "Thôn 2"]


def test_a_list_already_naming_new_communes_is_kept() -> None:
    result = map_units(households(["Xã An Hòa", "Phường Trung Tâm"]), MERGE, what="list")
    assert not result.mapped and list(result.households["commune"]) == ["Xã An Hòa", "Phường Trung Tâm"]


def test_unit_not_covered_is_named_with_its_households_and_first_row() -> None:
    with pytest.raises(DataError) as err:
        map_units(households(["Xã An Phú", "Xã Lạ", "Xã Lạ"]), MERGE, what="Danh sách năm gốc")
    message = str(err.value)
    assert "Xã Lạ" in message and "2 hộ" in message and "list.xlsx, dòng 7" in message
    assert "Danh sách năm gốc" in message and "map.csv" in message


def test_old_unit_to_two_new_without_village_rows_is_refused() -> None:
    with pytest.raises(DataError) as err:
        check_map(make_map(("Xã An Phú", "Xã An Hòa"), ("Xã An Phú", "Xã Tân Lập")))
    message = str(err.value)
    assert "2, 3" in message and "Xã An Phú" in message and "Xã An Hòa" in message and "Xã Tân Lập" in message
    assert "thôn" in message.lower()


def test_one_village_to_two_new_communes_is_refused() -> None:
    with pytest.raises(DataError, match="Thôn 1"):
        check_map(make_map(("Xã B", "Xã X", "Thôn 1"), ("Xã B", "Xã Y", "Thôn 1")))


SPLIT = make_map(("Xã B", "Xã X", "Thôn 1"), ("Xã B", "Xã Y", "Thôn 2"), ("Xã C", "Xã Y"))


def test_a_split_commune_goes_by_village() -> None:
    check_map(SPLIT)
    out = map_units(households(["Xã B", "Xã B", "Xã C"], ["Thôn 1", "thon 2", "Thôn 9"]), SPLIT, what="list")
    assert list(out.households["commune"]) == ["Xã X", "Xã Y", "Xã Y"]
    assert unused_village_rules(SPLIT, [out]) == []


def test_a_village_of_a_split_commune_without_a_rule_is_not_covered() -> None:
    with pytest.raises(DataError, match="Thôn 3 / Xã B"):
        map_units(households(["Xã B"], ["Thôn 3"]), SPLIT, what="list")


def test_village_rule_whose_village_is_not_in_the_data_is_named() -> None:
    with_default = make_map(("Xã B", "Xã X"), ("Xã B", "Xã Y", "Thôn 2"), ("Xã B", "Xã Y", "Thôn Mới"))
    out = map_units(households(["Xã B", "Xã B"], ["Thôn 1", "Thôn 2"]), with_default, what="list")
    assert list(out.households["commune"]) == ["Xã X", "Xã Y"]  # village rules win over the default row
    found = unused_village_rules(with_default, [out])  # sentences by code and figures: words are rendered later
    assert [(p.code, p.fields["village"], p.fields["row"]) for p in found] == [
        ("units_map.village_not_in_data", "Thôn Mới", 4)]
    messages = [str(p) for p in found]
    assert len(messages) == 1 and "Thôn Mới" in messages[0] and "dòng 4" in messages[0]


def test_same_commune_name_in_two_districts_needs_the_district() -> None:
    twins = make_map(("Xã Tân Phú", "Xã A", None, "Huyện Một"), ("Xã Tân Phú", "Xã B", None, "Huyện Hai"))
    with pytest.raises(DataError, match="Huyện"):
        map_units(households(["Xã Tân Phú"]), twins, what="list")
    out = map_units(households(["Xã Tân Phú", "Xã Tân Phú"], districts=["Huyện Hai", "huyện một"]), twins, what="list")
    assert list(out.households["commune"]) == ["Xã B", "Xã A"]


def test_merged_units_name_the_old_communes_and_villages() -> None:
    out = map_units(households(["Xã B", "Xã C"], ["Thôn 2", "Thôn 1"]), SPLIT, what="list")
    merged = dict(merged_units(SPLIT, [out]))
    assert merged == {"Xã Y": ["Xã B (Thôn 2)", "Xã C"]}


def test_totals_by_old_units_are_added_up_by_new_commune() -> None:
    totals = pd.DataFrame({"commune": ["Xã An Phú", "Xã Hòa Bình", "Phường 1"], "households": [100, 50, 70],
                           "persons": pd.array([400, 200, pd.NA], dtype="Int64")})
    out = map_totals(totals, MERGE).set_index("commune")
    assert out.loc["Xã An Hòa", "households"] == 150 and out.loc["Xã An Hòa", "persons"] == 600
    assert out.loc["Phường Trung Tâm", "households"] == 70 and pd.isna(out.loc["Phường Trung Tâm", "persons"])


def test_totals_of_a_split_commune_as_a_whole_are_refused_and_by_village_are_mapped() -> None:
    whole = pd.DataFrame({"commune": ["Xã B", "Xã C"], "households": [100, 50], "persons": pd.array([1, 1], dtype="Int64")})
    with pytest.raises(DataError, match="Xã B"):
        map_totals(whole, SPLIT)
    by_village = pd.DataFrame({"commune": ["Xã B", "Xã B", "Xã C"], "village": ["Thôn 1", "Thôn 2", None],
                               "households": [60, 40, 50], "persons": pd.array([1, 1, 1], dtype="Int64")})
    out = map_totals(by_village, SPLIT).groupby("commune")["households"].sum()
    assert out.to_dict() == {"Xã X": 60, "Xã Y": 90}


def test_totals_years_are_mapped_each_on_its_own() -> None:
    totals = pd.DataFrame({"year": [2024, 2024, 2025], "commune": ["Xã An Phú", "Xã Hòa Bình", "Xã An Hòa"],
                           "households": [100, 50, 160], "persons": pd.array([pd.NA] * 3, dtype="Int64")})
    out = map_totals(totals, MERGE)
    assert sorted(zip(out["year"], out["commune"], out["households"])) == [(2024, "Xã An Hòa", 150), (2025, "Xã An Hòa", 160)]


OLD = [f"Xã Cũ {i}" for i in range(8)]


@settings(max_examples=25, deadline=None)
@given(targets=st.lists(st.integers(0, 3), min_size=len(OLD), max_size=len(OLD)),
       rows=st.lists(st.tuples(st.integers(0, len(OLD) - 1), st.integers(1, 9), st.sampled_from(["poor", "near_poor", "not_poor"])),
                     min_size=1, max_size=60))
def test_mapping_never_changes_the_grand_totals(targets: list[int], rows: list[tuple[int, int, str]]) -> None:
    units_map = make_map(*[(old, f"Xã Mới {t}") for old, t in zip(OLD, targets)])
    frame = pd.DataFrame({"commune": [OLD[u] for u, _, _ in rows], "members": [m for _, m, _ in rows],
                          "status": [s for _, _, s in rows]})
    out = map_units(frame, units_map, what="list").households
    assert len(out) == len(frame) and out["members"].sum() == frame["members"].sum()
    assert out["status"].value_counts().to_dict() == frame["status"].value_counts().to_dict()
    assert out.groupby("commune").size().sum() == len(frame)
    totals = frame.groupby("commune").agg(households=("members", "size"), persons=("members", "sum")).reset_index()
    totals["persons"] = totals["persons"].astype("Int64")
    mapped = map_totals(totals, units_map)
    assert mapped["households"].sum() == len(frame) and mapped["persons"].sum() == frame["members"].sum()


def test_a_list_without_communes_cannot_be_mapped() -> None:
    frame = households(["Xã An Phú"]).drop(columns="commune")
    with pytest.raises(DataError, match="Xã/Phường"):
        map_units(frame, MERGE, what="list")


def test_messages_in_english() -> None:
    from povertool import messages

    messages.set_language("en")
    try:
        with pytest.raises(DataError, match="has no row for these units: Xã Lạ"):
            map_units(households(["Xã Lạ"]), MERGE, what="The list")
    finally:
        messages.set_language(None)
