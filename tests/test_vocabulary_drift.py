"""Issue 17's drift bugs: every reader takes its words from the one vocabulary, so the same word means the same
thing in a survey, a totals file and the denominators."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from conftest import HEADERS, household_row, write_xlsx
from povertool.domain.denominators import unit_denominators
from povertool.read.totals import read_totals
from povertool.read.vocabulary import area_from_unit_name, is_total_name, totals_words, unit_areas


def _survey(tmp_path):
    rows = [HEADERS,
            household_row("A1", commune="Xã Tân Phú", marks=4),
            household_row("A2", commune="Xã Tân Phú", marks=1),
            household_row("B1", commune="Xã Mới", marks=3)]
    return write_xlsx(tmp_path / "ds.xlsx", rows)


@pytest.mark.parametrize("total_word", ["Tổng số", "TỔNG SỐ", "Tong so", "Cộng toàn xã", "Tổng chung", "Cộng"])
def test_a_totals_row_of_any_totals_word_is_not_a_unit(cli, tmp_path, total_word):
    """'Tổng số' under a totals file was read as one more unit, doubling the grand total's denominator."""
    totals = tmp_path / "tong.csv"
    totals.write_text(f"Xã/Phường,Tổng số hộ\nXã Tân Phú,400\nXã Mới,100\n{total_word},500\n", encoding="utf-8")
    result = cli("summary", _survey(tmp_path), "--totals", totals, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["units"][-1]["households"] == 500
    assert sorted(u["commune"] for u in data["units"] if u["kind"] == "unit") == ["Xã Mới", "Xã Tân Phú"]
    assert data["missing_units"] == []


def test_units_named_like_totals_words_stay_units(tmp_path):
    """A lead word must be followed by a unit word: 'Cộng Hòa' and 'Tống Trân' are communes, not totals."""
    totals = tmp_path / "tong.csv"
    totals.write_text("Xã/Phường,Tổng số hộ\nCộng Hòa,400\nTống Trân,100\nTổng cộng,500\n", encoding="utf-8")
    assert read_totals(totals)["commune"].tolist() == ["Cộng Hòa", "Tống Trân"]


def test_the_totals_reader_knows_every_totals_word_of_the_layout():
    """One list: each exact totals word of the layout ends a totals file's units too."""
    assert all(is_total_name(word) for word in totals_words()["exact"])


@pytest.mark.parametrize(("name", "year", "area"), [
    ("P. An Lạc", None, "urban"), ("P An Lạc", None, "urban"), ("Phường An Lạc", 2030, "urban"),
    ("Xã", None, "rural"), ("X. Tân Phú", None, "rural"), ("XÃ TÂN PHÚ", None, "rural"),
    ("Thị trấn Phú Mỹ", 2024, "urban"), ("TT. Phú Mỹ", None, "urban"), ("Thị trấn Phú Mỹ", 2025, None),
    ("Đặc khu Phú Quốc", 2024, None), ("Thôn 3", None, None),
])
def test_one_rule_for_the_area_a_name_implies(name, year, area):
    assert area_from_unit_name(name, year) == area
    assert unit_areas(year)(pd.Series([name, None], dtype=object)).tolist() == [area, None]


def _area_table(communes: list[str], year: int | None) -> pd.DataFrame:
    """Denominators by area for a list of one household in Xã Tân Phú and totals naming ``communes`` too."""
    households = pd.DataFrame({"commune": ["Xã Tân Phú"], "area": ["rural"], "members": [4]})
    totals = pd.DataFrame({"commune": ["Xã Tân Phú", *communes], "households": [10] + [20] * len(communes),
                           "persons": pd.array([pd.NA] * (1 + len(communes)), dtype="Int64")})
    den = unit_denominators(households, ["area"], totals, area_by_name=unit_areas(year))
    return den.table.set_index("area")["households"]


def test_denominators_take_the_area_of_a_name_from_the_same_rule():
    """'P. An Lạc' and a bare 'Xã' have no household in the list: their area comes from their name, as in the
    survey reader (before, the denominators knew only full names followed by a word)."""
    table = _area_table(["P. An Lạc", "Xã"], None)
    assert table.to_dict() == {"rural": 30, "urban": 20}


def test_a_town_after_the_reform_has_no_area_in_the_denominators_either():
    """Thị trấn no longer exist from the 2025 review: the name tells no area (domain.md §7), as in the reader."""
    before = _area_table(["Thị trấn Phú Mỹ"], 2024)
    after = _area_table(["Thị trấn Phú Mỹ"], 2025)
    assert before.get("urban") == 20
    assert "urban" not in after.index


@pytest.mark.parametrize(("year", "urban", "unknown"), [(2024, 500, None), (2026, 300, 200)])
def test_summary_by_area_takes_the_area_of_a_totals_unit_from_the_one_rule(cli, tmp_path, year, urban, unknown):
    """Units of the totals with no household in the list: 'P An Lạc' is urban (as the survey reader reads it), a
    Thị trấn is urban before the 2025 reform and tells no area after it (domain.md §7), never a guess."""
    rows = [[f"DANH SÁCH HỘ RÀ SOÁT NĂM {year}"], [*HEADERS, "Khu vực"],
            [*household_row("A1", commune="Xã Tân Phú", marks=4), "Nông thôn"],
            [*household_row("A2", commune="Xã Tân Phú", marks=1), "Nông thôn"]]
    survey = write_xlsx(tmp_path / "ds.xlsx", rows)
    totals = tmp_path / "tong.csv"
    totals.write_text("Xã/Phường,Tổng số hộ\nXã Tân Phú,400\nP An Lạc,300\nThị trấn Phú Mỹ,200\nTổng số,900\n",
                      encoding="utf-8")
    result = cli("summary", survey, "--by", "area", "--totals", totals, "--json")
    assert result.exit_code == 0, result.stderr
    units = {u["area"]: u["households"] for u in json.loads(result.stdout)["units"] if u["kind"] == "unit"}
    assert units.get("rural") == 400 and units.get("urban") == urban and units.get(None) == unknown
    assert json.loads(result.stdout)["units"][-1]["households"] == 900
