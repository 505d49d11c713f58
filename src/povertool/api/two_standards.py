"""The transition job: classify the same lists under two standards and hand both to domain.transition.

It reads files; the counting is domain/transition.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from ..domain.denominators import unit_denominators
from ..domain.standard import Standard
from ..domain.transition import Transition, bounds, missing_indicators
from ..domain.transition import transition as compare_rounds
from ..errors import UsageError
from ..labels import labels as label_group
from ..messages import current_language, text
from ..read.survey_reader import FileProgress
from ..read.totals import read_totals, totals_for_year
from ..render.writers import check_output
from .classifying import classify_with, survey_year
from .guards import rejected_rows
from .options import Inputs, ReadOptions
from .rounds import levels_for
from .units import UnitsMap, mapping_for


def transition(
    inputs: Inputs,
    *,
    to: str | Path | Standard,
    from_standard: str | Path | Standard | None = None,
    by: str | Iterable[str] = "commune",
    totals: str | Path | pd.DataFrame | None = None,
    year: int | None = None,
    units_map: str | Path | UnitsMap | None = None,
    strict: bool = False,
    columns: Mapping[str, str] | str | Path | None = None,
    sheet: str | None = None,
    commune: str | None = None,
    area: str | None = None,
    reference_date: dt.date | None = None,
    file_progress: FileProgress | None = None,
) -> Transition:
    """The same households under two standards: status matrix, rates under each, who changes, and bounds for the
    indicators the second standard needs but the lists lack. ``from_standard`` defaults to the one classify would
    choose (the year in the titles); ``.to_dict()`` is the --json output."""
    options = ReadOptions(columns=columns, sheet=sheet, commune=commune, area=area,
                          reference_date=reference_date,
                          file_progress=file_progress).resolved()
    levels = levels_for(by)
    mapping = mapping_for(units_map, levels)
    first = classify_with(inputs, standard=from_standard, year=year, strict=strict, options=options)
    second = classify_with(inputs, standard=to, year=year, strict=strict, options=options)
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
    result = compare_rounds(before, after, from_id=first.standard_id, to_id=second.standard_id, levels=levels,
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


def write_transition(result: Transition, path: str | Path, *, inputs: Iterable[str | Path] = (),
                     lang: str = "vi") -> list[Path]:
    """Write the transition tables as .xlsx, .csv (one file per table) or .json (by extension); never over an input."""
    from ..render.transition_table import write_transition as _write

    path = Path(path)
    check_output(path, [Path(p) for p in inputs])
    return _write(result, path, lang)


def _aligned(first: pd.DataFrame, second: pd.DataFrame, warnings: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The households both readings accepted, in list order (a row rejected under one standard only is named)."""
    common = first.index.intersection(second.index)
    only = len(first.index.union(second.index)) - len(common)
    if only:
        warnings.append(text("transition.rejected_once", n=only))
    return first.loc[common], second.loc[common]
