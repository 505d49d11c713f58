"""Loading standards: built-in ids, local files with extends/unset, the year in force, what-if copies."""

from __future__ import annotations

from dataclasses import fields

import pytest

from povertool import api
from povertool.errors import StandardError
from povertool.read.standards import builtin_ids, example_ids, read_standard, standard_for_year

# These tests read the English sentences (the Vietnamese ones are checked in test_i18n_both_languages.py).
pytestmark = pytest.mark.usefixtures("english")


def test_builtin_and_example_ids():
    assert builtin_ids() == ["vn-2016", "vn-2022", "vn-2027"]
    assert example_ids() == ["dong-nai-2022"]


@pytest.mark.parametrize(
    "year, expected",
    [(2010, "vn-2016"), (2016, "vn-2016"), (2021, "vn-2016"), (2022, "vn-2022"), (2025, "vn-2022"),
     (2026, "vn-2022"), (2027, "vn-2027"), (2030, "vn-2027")],
)
def test_year_picks_the_standard_in_force(year, expected):
    assert standard_for_year(year).id == expected


def test_a_year_no_standard_covers_is_an_error():
    with pytest.raises(StandardError, match="2031"):
        standard_for_year(2031)


def test_load_standard_records_how_it_was_chosen():
    assert api.load_standard(year=2027).selected_by == "--year 2027"
    assert api.load_standard("dong-nai-2022").selected_by == "--standard dong-nai-2022"
    assert api.load_standard(year=2024, min_deprivations=2).overrides == ("deprivations needed to be poor 3 → 2",)


def test_what_if_changes_exactly_one_value():
    base = read_standard("vn-2022")
    changed = {
        "min_deprivations": base.with_overrides(min_deprivations=4),
        "poverty_line": base.with_overrides(income_line_urban=2_100_000),
    }
    for name, std in changed.items():
        differs = {f.name for f in fields(base) if getattr(base, f.name) != getattr(std, f.name)}
        assert differs == {name, "overrides"}
    assert changed["poverty_line"].poverty_line.rural == base.poverty_line.rural
    assert changed["poverty_line"].poverty_line.urban == 2_100_000


@pytest.mark.parametrize("bad, message", [
    ({"min_deprivations": 13}, "between 0 and 12"),
    ({"min_deprivations": -1}, "between 0 and 12"),
    ({"income_line_rural": -5}, "cannot be negative"),
])
def test_what_if_values_are_checked(bad, message):
    with pytest.raises(StandardError, match=message):
        read_standard("vn-2022").with_overrides(**bad)


def test_local_file_extends_and_overrides_one_value(tmp_path):
    path = tmp_path / "tinh-x.toml"
    path.write_text('extends = "vn-2022"\nid = "tinh-x"\n[income]\npoverty_line = { rural = 1_600_000, urban = 2_000_000 }\n',
                    encoding="utf-8")
    local, national = read_standard(path), read_standard("vn-2022")
    assert local.id == "tinh-x" and local.source == "tinh-x.toml"
    assert local.poverty_line.rural == 1_600_000
    assert local.indicators == national.indicators
    assert local.average_band_upper == national.average_band_upper
    assert local.b1_threshold == national.b1_threshold


def test_example_file_loads_by_path_and_by_id():
    import povertool

    path = povertool.__path__[0] + "/standards/examples/dong-nai-2022.toml"
    assert read_standard(path).poverty_line == read_standard("dong-nai-2022").poverty_line


def test_extends_loop_is_an_error(tmp_path):
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text(f'extends = "{b.as_posix()}"\n', encoding="utf-8")
    b.write_text(f'extends = "{a.as_posix()}"\n', encoding="utf-8")
    with pytest.raises(StandardError, match="loop"):
        read_standard(a)
