"""The roster's vocabulary (vocabulary.toml [roster]): fields, header wordings, kinds and choice values (no pandas:
``povertool standards`` checks a standard's rules against it at start-up speed)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from ..domain.roster_rules import FieldTest, MemberGroup, RosterRule
from ..domain.standard import Standard
from ..errors import StandardError
from ..messages import Phrase
from ..words import roster_fields
from .headers import FieldSpec
from .text import match_key
from .vocabulary import roster_vocabulary


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return roster_vocabulary()


@lru_cache(maxsize=2)
def roster_specs(table: str) -> tuple[FieldSpec, ...]:
    """The header specs of the members sheet ("members") or of the dwelling facts ("household")."""
    # On the household sheet the kinds are prefixed so that the household reader leaves them to parse_facts.
    prefix = "roster_" if table == "household" else ""
    return tuple(
        FieldSpec(name, spec["header"], prefix + spec["kind"],
                  tuple(dict.fromkeys(match_key(a) for a in (spec["header"], *spec["aliases"]))))
        for name, spec in _data()[table].items()
    )


@cache
def choice_lookup(name: str) -> dict[str, str]:
    spec = next(s for t in ("members", "household") for n, s in _data()[t].items() if n == name)
    lookup: dict[str, str] = {}
    for choice in spec.get("choices", ()):
        for wording in (choice["value"], *choice.get("aliases", ())):
            lookup.setdefault(match_key(wording), choice["value"])
    return lookup


def check_roster_fields(standard: Standard) -> None:
    """Every field a roster rule names exists, in the right table, with known choice values."""
    if standard.roster is None:
        return
    fields = roster_fields()
    groups = standard.roster.groups
    for i, rule in enumerate(standard.roster.rules, start=1):
        for test, table in _rule_tests(rule, groups):
            key = f"roster.rules[{i}] ({rule.indicator})"
            known = fields.get(test.field)
            if known is None or known.table != table:
                names = ", ".join(n for n, f in fields.items() if f.table == table)
                raise StandardError.of("standard_file.bad_key", source=standard.source, key=key,
                                       what=Phrase(f"standard_file.roster_field_{table}", field=test.field, known=names))
            if test.op in ("in", "not_in"):
                unknown = [v for v in test.value if v not in known.choices]
                if unknown:
                    raise StandardError.of("standard_file.bad_key", source=standard.source, key=key,
                                           what=Phrase("standard_file.roster_values", field=test.field,
                                                       values=", ".join(unknown), known=", ".join(known.choices)))


def _rule_tests(rule: RosterRule, groups: dict[str, MemberGroup]) -> Iterator[tuple[FieldTest, str]]:
    for test in rule.household:
        yield test, "household"
    for cond in rule.members:
        for test in cond.tests:
            yield test, "members"
        if cond.group:
            for c in groups[cond.group].any:
                for test in c.tests:
                    yield test, "members"
