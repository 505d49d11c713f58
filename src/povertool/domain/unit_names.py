"""One spelling per unit: 'P. An Lạc', 'PHƯỜNG AN LẠC' and 'Phường An Lạc' are one ward, printed one way.

Officials abbreviate the kind of unit ("P." for Phường, "X." for Xã, "TT." for Thị trấn, …). The matching key
(``unit_key`` in domain/denominators.py) expands the abbreviation before comparing, so an abbreviated name is
the same unit as its full name. ``canonical_units`` then gives every household of a unit the same spelling:
the totals file's when it names the unit, else the most used full (not abbreviated) spelling in the lists,
else the abbreviation written out in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from .keys import match_key

# The kind of a unit as officials abbreviate it, with a dot: the abbreviation (as a match key) and the full word.
UNIT_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("tt", "Thị trấn"), ("tx", "Thị xã"), ("tp", "Thành phố"), ("dk", "Đặc khu"),
    ("p", "Phường"), ("x", "Xã"), ("q", "Quận"), ("h", "Huyện"),
)
_WORDS = dict(UNIT_ABBREVIATIONS)
_ABBREVIATED = re.compile(r"^\s*(tt|tx|tp|đk|dk|p|x|q|h)\s*\.\s*(?=\S)", re.IGNORECASE)
UNIT_LEVELS: tuple[str, ...] = ("province", "district", "commune", "village")


def expand_abbreviation(name: str) -> str:
    """'P. An Lạc' -> 'Phường An Lạc', 'TT.Phú Mỹ' -> 'Thị trấn Phú Mỹ'; any other name unchanged."""
    m = _ABBREVIATED.match(name)
    if not m:
        return name
    return f"{_WORDS[match_key(m.group(1))]} {name[m.end():].strip()}"


def is_abbreviated(name: str) -> bool:
    """Whether a name starts with an abbreviated kind of unit ('P. …', 'X. …')."""
    return bool(_ABBREVIATED.match(name))


def canonical_units(frames: Iterable[pd.DataFrame | None], preferred: pd.DataFrame | None = None,
                    levels: Iterable[str] = UNIT_LEVELS) -> None:
    """Give each unit one spelling in every frame (in place): the ``preferred`` frame's (a totals table), else
    the most used full spelling, else the expanded abbreviation. Works per distinct name, not per household."""
    given = [f for f in frames if f is not None]
    for level in levels:
        present = [f for f in given if level in f]
        if not present:
            continue
        counts = pd.concat([f[level] for f in present]).dropna().astype(str).value_counts(sort=True)
        choice: dict[str, str] = {}
        for name in counts.index:  # most used first
            key = _key(name)
            if key and (key not in choice or (is_abbreviated(choice[key]) and not is_abbreviated(name))):
                choice[key] = name
        choice = {k: expand_abbreviation(v) for k, v in choice.items()}
        if preferred is not None and level in preferred:
            for name in preferred[level].dropna().astype(str).unique():
                if _key(name):
                    choice[_key(name)] = name
        mapping = {name: choice[_key(name)] for name in counts.index if _key(name) in choice}
        for frame in present:
            values = frame[level]
            frame[level] = values.map(lambda v, m=mapping: m.get(str(v), v), na_action="ignore") if len(mapping) else values


def _key(name: str) -> str:
    return match_key(expand_abbreviation(name))
