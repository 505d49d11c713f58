"""The [roster] table of a standard file is checked like the rest: an error names the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

import povertool
from povertool.errors import StandardError

GOOD_RULE = '''
[[roster.rules]]
indicator = "health_insurance"
aggregate = "any"
members = [{ age_min = 6, test = [{ field = "insured", is = false }] }]
'''


def load(tmp_path: Path, body: str) -> povertool.domain.standard.Standard:  # type: ignore[name-defined]
    path = tmp_path / "local.toml"
    path.write_text('extends = "vn-2022"\nid = "local"\n' + body, "utf-8")
    return povertool.load_standard(path)


def test_a_local_standard_may_replace_the_rules(tmp_path: Path) -> None:
    std = load(tmp_path, GOOD_RULE)
    assert [r.indicator for r in std.roster.rules] == ["health_insurance"]
    assert set(std.roster.groups) == {"child", "working_age", "dependant"}  # tables merge key by key


@pytest.mark.parametrize("body,key", [
    (GOOD_RULE.replace('"any"', '"most"'), "roster.rules[1].aggregate"),
    (GOOD_RULE.replace('"health_insurance"', '"wealth"'), "roster.rules[1].indicator"),
    (GOOD_RULE.replace("is = false", 'is = "no"'), "roster.rules[1].members[1].test[1].is"),
    (GOOD_RULE.replace("is = false", 'is = false, below = 3'), "roster.rules[1].members[1].test[1]"),
    (GOOD_RULE.replace("age_min = 6", "age_min = 6, age_below = 6"), "roster.rules[1].members[1].age_below"),
    (GOOD_RULE.replace("age_min = 6", 'group = "elders"'), "roster.rules[1].members[1].group"),
    (GOOD_RULE + 'above = 0.5\n', "roster.rules[1].above"),
    (GOOD_RULE.replace('field = "insured"', 'field = "__import__(\'os\')"'), "roster.rules[1].members[1].test[1].field"),
    (GOOD_RULE.replace('aggregate = "any"', 'aggregate = "share"\nabove = 1.5'), "roster.rules[1].above"),
    (GOOD_RULE + GOOD_RULE, "roster.rules[2].indicator"),
    ('[roster]\nage_from_birth_year = "lunar"\n' + GOOD_RULE, "roster.age_from_birth_year"),
])
def test_bad_rules_name_the_key(tmp_path: Path, body: str, key: str) -> None:
    with pytest.raises(StandardError) as err:
        load(tmp_path, body)
    assert f"'{key}'" in err.value.message and "local.toml" in err.value.message


def test_a_field_the_roster_does_not_know_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StandardError, match="'wealth_index'"):
        load(tmp_path, GOOD_RULE.replace('field = "insured"', 'field = "wealth_index"'))
    with pytest.raises(StandardError, match="Nước giếng làng"):
        load(tmp_path, GOOD_RULE.replace('field = "insured", is = false', 'field = "diploma", in = ["Nước giếng làng"]'))


def test_vn_2022_rules_are_marked_to_verify_with_sources() -> None:
    std = povertool.load_standard("vn-2022")
    assert all(r.verify and r.source for r in std.roster.rules)
    assert std.roster.groups["working_age"].source and std.roster.groups["dependant"].verify
