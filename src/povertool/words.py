"""The vocabulary (vocabulary.toml): every word povertool's readers match, loaded once.

Neutral: it imports no other povertool module and no pandas, so every layer may use it. The readers' accessors
(one per kind of word, as match keys) are in povertool.read.vocabulary; the domain uses only
``unit_abbreviations`` and ``dotless_abbreviations`` (a unit's name is matched with its abbreviated kind
written out); the writers of the fill-in forms use ``field_headers`` and ``roster_fields`` (the headers a form
carries are the ones the reader knows first).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """The whole vocabulary file, as parsed TOML."""
    return tomllib.loads(resources.files("povertool").joinpath("vocabulary.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def unit_abbreviations() -> dict[str, str]:
    """The kind of a unit as officials abbreviate it: abbreviation (lower case, no accents) -> full word
    ('p' -> 'Phường', 'tt' -> 'Thị trấn')."""
    return dict(vocabulary()["units"]["abbreviations"])


@lru_cache(maxsize=1)
def dotless_abbreviations() -> tuple[str, ...]:
    """The abbreviations a units map reads without their dot too ('x', 'p', 'tt', 'dk')."""
    return tuple(vocabulary()["units"]["without_dot"]["abbreviations"])


@lru_cache(maxsize=1)
def field_headers() -> dict[str, str]:
    """The template header of every survey field ([fields]): field name -> header."""
    return {name: spec["header"] for name, spec in vocabulary()["fields"].items()}


@dataclass(frozen=True)
class RosterField:
    """One roster field: where it lives (members or household), its header and kind, its choice values."""

    name: str
    table: str  # "members" or "household"
    header: str
    kind: str
    choices: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def roster_fields() -> dict[str, RosterField]:
    """Every roster field ([roster]) by name."""
    out = {}
    for table in ("members", "household"):
        for name, spec in vocabulary()["roster"][table].items():
            choices = tuple(c["value"] for c in spec.get("choices", ()))
            out[name] = RosterField(name, table, spec["header"], spec["kind"], choices)
    return out
