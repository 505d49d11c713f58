"""Applying a units map (--units-map) in one run: every round and the totals by the new communes.

The API layer's helper (like progress_run.py): it reads the map file; the mapping itself is domain.crosswalk.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import overload

import pandas as pd

from ..domain.crosswalk import (
    MapInfo,
    MappedRound,
    UnitsMap,
    map_totals,
    map_units,
    merged_units,
    unused_village_rules,
)
from ..errors import UsageError
from ..messages import text


class UnitsMapping:
    """One map applied to the rounds of a run; ``info()`` says what it did."""

    def __init__(self, units_map: UnitsMap | str | Path) -> None:
        if not isinstance(units_map, UnitsMap):
            from ..read.units_map import read_units_map

            units_map = read_units_map(units_map)
        self.map = units_map
        self.rounds: list[tuple[str, MappedRound]] = []

    def households(self, frame: pd.DataFrame, what: str, *, record: bool = True) -> pd.DataFrame:
        """A round's households by the new communes (a frame already mapped in this run is kept); ``record``
        lists the round in ``info()``."""
        if "old_commune" in frame or frame.attrs.get("units_mapped"):
            return frame
        mapped = map_units(frame, self.map, what=what)
        if record:
            self.rounds.append((what, mapped))
        out = mapped.households if mapped.mapped else mapped.households.copy()
        out.attrs["units_mapped"] = True  # taken as it is (already new) or mapped: not again in this run
        return out

    def totals_of_years(self, frame: pd.DataFrame | None, years: Iterable[int | None]) -> pd.DataFrame | None:
        """A totals table (all years) by the new communes, mapping only the rows of ``years`` when it has a year
        column (an old year the run does not use is not checked against the map)."""
        if frame is None:
            return None
        if "year" in frame and all(y is not None for y in years):
            frame = frame[frame["year"].isin(list(years))].reset_index(drop=True)
        return map_totals(frame, self.map)

    @overload
    def totals(self, frame: pd.DataFrame) -> pd.DataFrame: ...
    @overload
    def totals(self, frame: None) -> None: ...
    def totals(self, frame: pd.DataFrame | None) -> pd.DataFrame | None:
        """A totals table by the new communes (it may name old or new units, year by year)."""
        return map_totals(frame, self.map) if frame is not None else None

    def info(self) -> MapInfo:
        """What the map did; the warnings include village rules that matched no household."""
        rounds = [r for _, r in self.rounds]
        return MapInfo(self.map.source, [(w, r.mapped) for w, r in self.rounds], merged_units(self.map, rounds),
                       unused_village_rules(self.map, rounds))


def mapping_for(units_map: UnitsMapping | UnitsMap | str | Path | None, levels: Iterable[str] = ()) -> UnitsMapping | None:
    """The mapping of a run (None without a map; a UnitsMapping is shared by the steps of one job, e.g. the
    report); districts cannot be asked for once units are mapped."""
    if units_map is None:
        return None
    if "district" in list(levels):
        raise UsageError(text("units_map.no_district"), hint=text("units_map.no_district_fix"))
    return units_map if isinstance(units_map, UnitsMapping) else UnitsMapping(units_map)
