"""Progress across the 2025 commune reform and a change of standard (the API side of issue 16).

``map_rounds`` gives every round by the new communes (--units-map); ``standard_effect_for`` classifies the
baseline again under the current round's standard and splits the change into the effect of the standard and the
real movement of households (domain/standard_effect.py).
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd

from ..domain.classify import classify_frame
from ..domain.denominators import Denominators
from ..domain.standard import Standard
from ..domain.standard_effect import standard_effect
from ..labels import labels
from ..messages import text
from .units import UnitsMapping

ROUND_WHAT = {"current": "units_map.what.current", "baseline": "units_map.what.baseline"}


def map_rounds(mapping: UnitsMapping | None, rounds: list[Any]) -> None:
    """Every round's households by the new communes, in place (``rounds``: objects with name and households)."""
    if mapping is None:
        return
    for r in rounds:
        code = ROUND_WHAT.get(r.name)
        what = text(code) if code else text("units_map.what.history", n=r.name.split()[-1])
        r.households = mapping.households(r.households, what)


def can_split(baseline: Any, base_frame: pd.DataFrame) -> bool:
    """The baseline is a list of its own (not a previous-status column) with incomes and marks to classify again."""
    has_income = "income_per_capita" in base_frame and base_frame["income_per_capita"].notna().any()
    return bool(baseline is not None and has_income and "deprivation_count" in base_frame
                and base_frame["deprivation_count"].notna().any())


def standard_effect_for(baseline: Any, base_frame: pd.DataFrame, current: pd.DataFrame, *, to_standard: Standard,
                        levels: list[str], den_base: Denominators, den_cur: Denominators,
                        ) -> tuple[pd.DataFrame | None, list[str]]:
    """The split of the change (None, with the reason, when the baseline cannot be classified again).

    The baseline's households (already by the new communes) are classified again under ``to_standard`` from their
    own incomes and marks: an indicator the older list lacks is unknown, as in ``povertool transition``."""
    if not can_split(baseline, base_frame):
        return None, [text("standard_effect.cannot_split", standard=to_standard.id)]
    results = classify_frame(base_frame, to_standard)
    again = pd.concat([base_frame.drop(columns=list(results.columns), errors="ignore"), results], axis=1)
    table = standard_effect(base_frame, again, current, levels, den_base, den_cur)
    notes = [text("standard_effect.note", standard=to_standard.id)]
    undetermined = int(table.loc[table["unit"] == "total", "undetermined_under_current"].iloc[0])
    if undetermined:
        notes.append(text("standard_effect.undetermined", n=undetermined, standard=to_standard.id))
    return table, notes


def reform_rounds(mapping: UnitsMapping | None, current: Any, base_frame: pd.DataFrame, history: list[Any]) -> pd.DataFrame:
    """progress: the rounds by the new communes (in place), and the baseline frame (mapped) to use."""
    if mapping is None:
        return base_frame
    base = SimpleNamespace(name="baseline", households=base_frame)
    map_rounds(mapping, [current, base, *history])
    return base.households


def reform_split(base_frame: pd.DataFrame, current: pd.DataFrame, standards: dict[str, str], matched_by: str,
                 levels: list[str], den_base: Denominators, den_cur: Denominators,
                 warnings: list[str]) -> pd.DataFrame | None:
    """progress: when the baseline and current rounds were classified under different standards (allowed with
    --allow-standard-change), the change split into the standard effect and the real movement (its notes added to
    ``warnings``); None when the standards are the same."""
    before, now = standards.get("baseline"), standards.get("current")
    if not before or not now or before == now:
        return None
    from ..read.standards import read_standard

    baseline = None if matched_by == "previous_status" else "baseline"  # a previous-status column has no old marks
    table, notes = standard_effect_for(baseline, base_frame, current, to_standard=read_standard(now), levels=levels,
                                       den_base=den_base, den_cur=den_cur)
    warnings += notes
    return table


def effect_notes(progress: Any, lang: str) -> list[str]:
    """One line per group for the report's notes: the change = the effect of the standard + the real movement."""
    table = getattr(progress, "standard_effect", None) if progress is not None else None
    if table is None:
        return []
    words = labels("status", lang)
    lines = []
    for rec in table[table["unit"] == "total"].to_dict("records"):
        lines.append(text("standard_effect.summary", lang, group=words[rec["group"]], change=f"{rec['change']:+d}",
                          effect=f"{rec['standard_effect']:+d}", real=f"{rec['real_change']:+d}"))
    return lines


def report_map_source(units_map: Any, lang: str) -> list[Any]:
    """The map file among the report's sources, with its checksum."""
    if units_map is None or not isinstance(units_map, (str, Path)):
        return []
    import hashlib

    from ..render.report_model import Source

    path = Path(units_map)
    return [Source(text("units_map.role", lang), path.name, hashlib.sha256(path.read_bytes()).hexdigest())]
