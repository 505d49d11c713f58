"""The vocabulary (vocabulary.toml): every word povertool's readers match, loaded once.

Neutral: it imports no other povertool module and no pandas, so every layer may use it. The readers' accessors
(one per kind of word, as match keys) are in povertool.read.vocabulary; the domain uses only
``unit_abbreviations`` and ``dotless_abbreviations`` (a unit's name is matched with its abbreviated kind
written out).
"""

from __future__ import annotations

import sys
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
