"""Running ``povertool transition``: classify the same lists under two standards and hand both to domain.transition.

The API layer's helper (api.two_standards): it reads files; the counting is domain/transition.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pandas as pd

from ..domain.denominators import unit_denominators
from ..domain.transition import Transition, bounds, missing_indicators, transition
from ..errors import UsageError
from .guards import rejected_rows
from ..labels import labels as label_group
from ..messages import current_language, text
from .rounds import levels_for
from .units import mapping_for


def run_transition(inputs: Any, *, to: Any, from_standard: Any, by: Any, totals: Any, year: int | None,
                   units_map: Any, classify: Callable[..., Any], survey_year: Callable[..., Any],
                   read_totals: Callable[..., pd.DataFrame], totals_for_year: Callable[..., pd.DataFrame],
                   read_options: dict) -> Transition:
    """Both classifications of the same rows, the map applied once, the denominators, bounds and counts."""
    levels = levels_for(by)
    mapping = mapping_for(units_map, levels)
    first = classify(inputs, standard=from_standard, year=year, **read_options)
    second = classify(inputs, standard=to, year=year, **read_options)
    warnings: list[str] = []
    before, after = _aligned(first.households, second.households, warnings)
    if mapping is not None:
        files = ", ".join(dict.fromkeys(Path(s.path).name for s in second.sources))
        after = mapping.households(after, text("units_map.what.survey", files=files))
        before = before.assign(**{c: after[c] for c in ("province", "district", "commune") if c in after})
    for level in levels:
        if level not in after or after[level].isna().all():
            raise UsageError(text("transition.no_level", level=level), hint=text("transition.no_level_fix"))
    the_year = year or survey_year(second)
    table = None
    if totals is not None:
        frame = totals if isinstance(totals, pd.DataFrame) else read_totals(totals)
        table = totals_for_year(frame, the_year)
        table = mapping.totals(table) if mapping is not None else table
    den = unit_denominators(after, levels, table)
    std_to = second.standard
    missing = missing_indicators(after, std_to)
    bound = bounds(after, std_to, missing, label_group("status"))
    result = transition(before, after, from_id=first.standard_id, to_id=second.standard_id, levels=levels,
                        denominators=den, bound=bound, missing=missing)
    result.year = the_year
    result.rejected = rejected_rows(second.summary["rejected"])  # the same rows are rejected under either standard
    if first.standard_id == second.standard_id:
        warnings.append(text("transition.same_standard", standard=first.standard_id))
    if missing:
        english = current_language() == "en"
        names = ", ".join((i.name_en or i.name) if english else i.name for i in std_to.indicators if i.code in missing)
        warnings.append(text("transition.missing_indicators", standard=std_to.id, names=names,
                             n=int(result.units["depends_on_missing"].iloc[-1])))
    if den.missing_units:
        warnings.append(text("transition.missing_units", units="; ".join(den.missing_units)))
    if mapping is not None:
        result.units_map = mapping.info()
        warnings += result.units_map.notes() + result.units_map.warnings
    result.warnings = warnings
    return result


def _aligned(first: pd.DataFrame, second: pd.DataFrame, warnings: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The households both readings accepted, in list order (a row rejected under one standard only is named)."""
    common = first.index.intersection(second.index)
    only = len(first.index.union(second.index)) - len(common)
    if only:
        warnings.append(text("transition.rejected_once", n=only))
    return first.loc[common], second.loc[common]
