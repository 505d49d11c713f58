"""Files among the inputs that are not household lists: a totals file, a plan or a units map (they go with
--totals, --plan, --units-map), and a CSV whose Vietnamese letters an export replaced by '?'. Looked at only
when a file has no household table, so a list is never read twice."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..domain.standard import Standard
from ..messages import Phrase
from .text import clean_text, match_key
from .values import is_blank

HEAD_ROWS = 40  # the rows a header is looked for in, as the totals and units-map readers do
# The option each kind of file is given with.
OPTIONS = {"totals": "--totals", "plan": "--plan", "units_map": "--units-map"}
# The survey fields a totals file, plan or units map can match (their unit and persons columns).
SIDE_FIELDS = frozenset({"province", "district", "commune", "village", "area", "members"})
_DAMAGED = re.compile(r"[^\W\d_]\?|\?[^\W\d_]")  # '?' touching a letter: "S? nh?n kh?u"


def side_kind(grids: Sequence[Any]) -> str | None:
    """'totals', 'plan' or 'units_map' when a sheet's header row is one of those files' (their readers' columns)."""
    from .headers import match_headers
    from .plan import plan_header
    from .totals import TOTALS_SPECS, UNIT_LEVELS
    from .units_map import MAP_SPECS, REQUIRED

    for grid in grids:
        for row in grid.rows[:HEAD_ROWS]:
            headers = [clean_text(v) if not is_blank(v) else "" for v in row]
            if not any(headers):
                continue
            if set(REQUIRED) <= set(match_headers(headers, MAP_SPECS).values()):
                return "units_map"
            fields = set(match_headers(headers, TOTALS_SPECS).values())
            if "households" in fields and fields & set(UNIT_LEVELS):
                return "totals"
            columns = set(plan_header(list(row)).values())
            if {"unit", "metric"} <= columns and {"change", "target"} & columns:
                return "plan"
    return None


def side_hint(kind: str, path: Any) -> Phrase:
    """'… looks like a totals file: give it with --totals FILE' as a phrase of the run's language."""
    return Phrase("read.side_file_hint", kind=Phrase(f"read.side_kind.{kind}"), option=OPTIONS[kind], path=path)


def damaged_by_export(grids: Sequence[Any]) -> bool:
    """A header-like row (two or more text cells) with '?' inside words in two or more of its cells."""
    for grid in grids:
        for row in grid.rows[:HEAD_ROWS]:
            texts = [v for v in row if isinstance(v, str) and v.strip()]
            if len(texts) >= 2 and sum(1 for v in texts if _DAMAGED.search(v)) >= 2:
                return True
    return False


def score_phrase(standard: Standard | None) -> Phrase:
    """The income-proxy score as the standard names it: 'điểm A' (2022 on) or 'điểm B1' (2016–2020)."""
    name = standard.b1_name if standard is not None else ""
    return Phrase("read.score_a" if match_key(name).startswith("diem a") else "read.score_b1")


def score_header(standard: Standard | None) -> str:
    """The header to add for the score: 'Điểm A' or 'Điểm B1' (as the template and the lists write it)."""
    name = standard.b1_name if standard is not None else ""
    return "Điểm A" if match_key(name).startswith("diem a") else "Điểm B1"
