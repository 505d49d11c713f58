"""Denominators: all resident households (and persons) of each unit, from a totals table or the data.

A poverty rate divides by all households of the area, not by the review list. ``unit_denominators`` joins
the units found in the data with a totals table (io.totals.read_totals) by name, ignoring case, accents
and spacing, so 'Phường An Lạc' and 'PHƯỜNG AN LẠC' are one unit. Units in the totals with no household in
the data still count (a commune with no poor household has a rate of 0, and its households are part of the
town's denominator). A unit of the data missing from the totals falls back to its own count in the data and
is named in ``missing_units``.

``area`` (urban/rural) is not a column of a totals file: when it is asked for, the totals are joined at the
finest unit level they share with the data, each unit takes the area of its households in the data (else the
area its name implies, given by the caller as ``area_by_name``: the reader's rule, read.vocabulary.unit_areas,
knows the words and the 2025 reform), and the units are then added up by area.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .keys import match_key
from .unit_names import expand_abbreviation

TOTALS_SOURCE = "totals"
DATA_SOURCE = "data"
UNIT_LEVELS: tuple[str, ...] = ("province", "district", "commune", "village")
AREA = "area"
# The area each unit name of a column implies ('urban', 'rural' or None), for units with no household in the data.
AreaByName = Callable[[pd.Series], pd.Series]


def unit_key(name: object) -> str:
    """The matching key of a unit name (domain.keys.match_key), an abbreviated kind written out ('P. An Lạc'
    is 'Phường An Lạc'); '' for a blank name."""
    if name is None or name is pd.NA or (isinstance(name, float) and pd.isna(name)):
        return ""
    return match_key(expand_abbreviation(name) if isinstance(name, str) else name)


def key_column(values: pd.Series) -> pd.Series:
    """``unit_key`` of every value, computed once per distinct value (fast on a million rows)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    keys = np.array([unit_key(u) for u in uniques] + [""], dtype=object)
    return pd.Series(keys[np.where(codes < 0, len(uniques), codes)], index=values.index, dtype=object)


@dataclass
class Denominators:
    """Per unit of ``levels``: households and persons of the whole unit, and where they came from."""

    levels: list[str]
    table: pd.DataFrame  # columns: *levels, households, persons, source ('totals' or 'data')
    missing_units: list[str] = field(default_factory=list)  # units of the data absent from the totals
    census: bool = True  # True when no totals were given (the data is taken as a full census)
    uncovered_levels: list[str] = field(default_factory=list)  # levels the totals file does not have

    @property
    def households(self) -> int:
        """All households of every unit (the grand total's denominator)."""
        return int(self.table["households"].sum())


def unit_denominators(households: pd.DataFrame, levels: list[str], totals: pd.DataFrame | None, *,
                      area_by_name: AreaByName | None = None) -> Denominators:
    """Denominators for each unit of ``levels`` (e.g. ['commune'] or ['commune', 'village']); by area, a unit of the
    totals with no household in the data takes the area ``area_by_name`` gives its name (none without it)."""
    levels = list(levels)
    counts = _data_counts(households, levels)
    if totals is None:
        return Denominators(levels, _sorted(counts.assign(source=DATA_SOURCE), levels), [], census=True)
    geo = [lv for lv in levels if lv != AREA]
    uncovered = [lv for lv in geo if lv not in totals.columns]
    join = geo + ([lv for lv in UNIT_LEVELS if lv in totals.columns and lv in households and lv not in geo]
                  if AREA in levels else [])
    join = [lv for lv in UNIT_LEVELS if lv in join]
    covered = [lv for lv in geo if lv in totals.columns]
    if uncovered and covered and covered == geo[: len(covered)] and AREA not in levels:
        return _finer_than_totals(households, levels, covered, totals)
    if uncovered or not join:
        # The totals do not have these levels: every unit falls back to the data.
        table = counts.assign(source=DATA_SOURCE)
        return Denominators(levels, _sorted(table, levels), [], census=False,
                            uncovered_levels=uncovered or [AREA])
    merged, missing = _join_totals(households, join, totals)
    if AREA in levels:
        merged[AREA] = _unit_area(households, join, merged, area_by_name)
    if join != levels:
        merged = _roll_up(merged, levels)
    return Denominators(levels, _sorted(merged, levels), missing, census=False)


def _finer_than_totals(households: pd.DataFrame, levels: list[str], covered: list[str], totals: pd.DataFrame) -> Denominators:
    """Totals per commune (say) but units per village: villages count their households in the data, and each
    commune gets one more unit (finer names blank) holding its other households, so that it adds up to its total."""
    coarse, missing = _join_totals(households, covered, totals)
    fine = _data_counts(households, levels).assign(source=DATA_SOURCE)
    keys = [f"_k_{lv}" for lv in covered]
    fine_keys = fine.assign(**{k: key_column(fine[lv]) for k, lv in zip(keys, covered)})
    listed = fine_keys.groupby(keys).agg(_h=("households", "sum"), _p=("persons", "sum")).reset_index()
    rest = coarse[coarse["source"] == TOTALS_SOURCE]
    rest = rest.assign(**{k: key_column(rest[lv]) for k, lv in zip(keys, covered)}).merge(listed, on=keys, how="left")
    rest["households"] = (rest["households"] - rest["_h"].fillna(0)).clip(lower=0).astype("int64")
    rest["persons"] = (rest["persons"].astype("Float64") - rest["_p"].fillna(0)).clip(lower=0)
    rest = rest[rest["households"] > 0].drop(columns=["_h", "_p"]).assign(
        **{lv: None for lv in levels if lv not in covered})
    both = pd.concat([fine_keys, rest], ignore_index=True)
    both[[f"_k_{lv}" for lv in levels if lv not in covered]] = None
    for lv in levels:
        both[f"_k_{lv}"] = key_column(both[lv])
    both["_totals"] = (both["source"] == TOTALS_SOURCE).astype(int)
    both["_pna"] = both["persons"].isna().astype(int)
    grouped = both.groupby([f"_k_{lv}" for lv in levels], sort=False).agg(
        households=("households", "sum"), persons=("persons", "sum"), _totals=("_totals", "sum"),
        _pna=("_pna", "sum"), **{lv: (lv, "first") for lv in levels}).reset_index(drop=True)
    grouped["persons"] = grouped["persons"].astype("Float64").mask(grouped["_pna"] > 0)
    grouped["source"] = np.where(grouped["_totals"] > 0, TOTALS_SOURCE, DATA_SOURCE)
    uncovered = [lv for lv in levels if lv not in covered]
    return Denominators(levels, _sorted(grouped, levels), missing, census=False, uncovered_levels=uncovered)


def _join_totals(households: pd.DataFrame, join: list[str], totals: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Data units and totals units side by side (outer join on the name keys of ``join``)."""
    counts = _data_counts(households, join)
    keys = [f"_k_{lv}" for lv in join]
    tot = totals.assign(**{k: key_column(totals[lv]) for k, lv in zip(keys, join)})
    tot["persons"] = pd.to_numeric(tot["persons"]).astype("Float64") if "persons" in tot else pd.NA
    tot = tot.groupby(keys, dropna=False, sort=False).agg(
        households=("households", "sum"),
        persons=("persons", lambda s: s.sum(min_count=len(s))),  # unknown if any part is unknown
        **{f"_name_{lv}": (lv, "first") for lv in join},
    ).reset_index()
    data = counts.assign(**{k: key_column(counts[lv]) for k, lv in zip(keys, join)})
    merged = data.merge(tot, on=keys, how="outer", suffixes=("_data", ""), indicator=True)
    for lv in join:
        merged[lv] = merged[lv].where(merged[lv].notna(), merged[f"_name_{lv}"])
    from_totals = (merged["_merge"] != "left_only").to_numpy()
    merged["source"] = np.where(from_totals, TOTALS_SOURCE, DATA_SOURCE)
    merged["households"] = merged["households"].where(from_totals, merged["households_data"])
    merged["persons"] = merged["persons"].where(from_totals, merged["persons_data"])
    missing_rows = merged[~from_totals]
    missing = [" / ".join("" if pd.isna(v) else str(v) for v in row) for row in missing_rows[join].itertuples(index=False)]
    out = merged[[*join, "households", "persons", "source"]].copy()
    out["households"] = pd.to_numeric(out["households"]).fillna(0).astype("int64")
    out["persons"] = pd.to_numeric(out["persons"]).astype("Float64").round().astype("Int64")
    return out, missing


def _unit_area(households: pd.DataFrame, join: list[str], units: pd.DataFrame,
               area_by_name: AreaByName | None) -> pd.Series:
    """The area of each unit: the commonest area of its households, else the area its name implies."""
    keys = [f"_k_{lv}" for lv in join]
    if AREA in households:
        frame = households[[*join, AREA]].assign(**{k: key_column(households[lv]) for k, lv in zip(keys, join)})
        frame = frame[frame[AREA].notna()]
        common = frame.groupby([*keys, AREA], sort=True).size().reset_index(name="_n")
        common = common.sort_values([*keys, "_n"], ascending=[True] * len(keys) + [False], kind="stable")
        common = common.drop_duplicates(keys)[[*keys, AREA]]
    else:
        common = pd.DataFrame(columns=[*keys, AREA])
    probe = units[join].assign(**{k: key_column(units[lv]) for k, lv in zip(keys, join)})
    area = probe.merge(common, on=keys, how="left")[AREA].to_numpy(dtype=object)
    by_name = (area_by_name(units[join[-1]]).to_numpy(dtype=object) if area_by_name is not None
               else np.full(len(units), None, dtype=object))
    return pd.Series(np.where(pd.isna(area), by_name, area), index=units.index, dtype=object)


def _roll_up(units: pd.DataFrame, levels: list[str]) -> pd.DataFrame:
    """Add units up to ``levels``; a group is from the totals only when all its parts are."""
    frame = units.assign(_from_data=(units["source"] == DATA_SOURCE).astype(int),
                         _persons_na=units["persons"].isna().astype(int))
    grouped = frame.groupby(levels, dropna=False, sort=False).agg(
        households=("households", "sum"), persons=("persons", "sum"),
        _from_data=("_from_data", "sum"), _persons_na=("_persons_na", "sum"),
    ).reset_index()
    grouped["persons"] = grouped["persons"].astype("Int64").mask(grouped["_persons_na"] > 0)
    grouped["source"] = np.where(grouped["_from_data"] > 0, DATA_SOURCE, TOTALS_SOURCE)
    return grouped[[*levels, "households", "persons", "source"]]


def _sorted(table: pd.DataFrame, levels: list[str]) -> pd.DataFrame:
    table = table[[*levels, "households", "persons", "source"]].copy()
    table["households"] = pd.to_numeric(table["households"]).fillna(0).astype("int64")
    table["persons"] = pd.to_numeric(table["persons"]).astype("Float64").round().astype("Int64")
    order = pd.DataFrame({lv: key_column(table[lv]) for lv in levels}, index=table.index)
    return table.loc[order.sort_values(levels, kind="stable").index].reset_index(drop=True)


def group_units(households: pd.DataFrame, levels: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Each household's unit number, and per unit its name keys (``_k_<level>``) and first-seen names.

    Units are matched by ``unit_key``; the work is per distinct name, then integer arithmetic (no row loop).
    """
    n = len(households)
    combined = np.zeros(n, dtype="int64")
    key_values: list[np.ndarray] = []
    for lv in levels:
        raw = households[lv] if lv in households else pd.Series([None] * n, index=households.index, dtype=object)
        codes, uniques = pd.factorize(raw, use_na_sentinel=True)
        small_codes, key_uniques = pd.factorize(np.array([unit_key(u) for u in uniques] + [""], dtype=object))
        key_codes = small_codes[np.where(codes < 0, len(uniques), codes)]
        combined = combined * (len(key_uniques) + 1) + key_codes
        key_values.append(np.asarray(key_uniques, dtype=object))
    gid, unique_combined = pd.factorize(combined)
    first = np.unique(gid, return_index=True)[1]  # the first household of each unit (gid runs 0..units-1)
    units = pd.DataFrame(index=range(len(unique_combined)))
    rest = np.asarray(unique_combined, dtype="int64")
    for lv, values in zip(reversed(levels), reversed(key_values)):
        units[f"_k_{lv}"] = values[rest % (len(values) + 1)]
        rest = rest // (len(values) + 1)
    for lv in levels:
        units[lv] = (households[lv].iloc[first].to_numpy(dtype=object) if lv in households
                     else np.array([None] * len(units), dtype=object))
    return gid, units


def _data_counts(households: pd.DataFrame, levels: list[str]) -> pd.DataFrame:
    """Households and persons in the data per unit, units matched by name key (missing members count as 0)."""
    gid, units = group_units(households, levels)
    members = pd.to_numeric(households["members"], errors="coerce").fillna(0).to_numpy("float64") \
        if "members" in households else np.zeros(len(households))
    units["households"] = np.bincount(gid, minlength=len(units)).astype("int64")
    units["persons"] = np.bincount(gid, weights=members, minlength=len(units))
    order = units[[f"_k_{lv}" for lv in levels]].sort_values([f"_k_{lv}" for lv in levels]).index
    return units.loc[order].reset_index(drop=True)[[*levels, "households", "persons"]]
