"""Denominators: all resident households (and persons) of each unit, from a totals table or the data.

A poverty rate divides by all households of the area, not by the review list. ``unit_denominators`` joins
the units found in the data with a totals table (io.totals.read_totals) by name, ignoring case, accents
and spacing, so 'Phường An Lạc' and 'PHƯỜNG AN LẠC' are one unit. Units in the totals with no household in
the data still count (a commune with no poor household has a rate of 0, and its households are part of the
town's denominator).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import pandas as pd

TOTALS_SOURCE = "totals"
DATA_SOURCE = "data"


def unit_key(name: object) -> str:
    """The matching key of a unit name: lower case, no accents, single spaces."""
    if name is None or (isinstance(name, float) and pd.isna(name)) or name is pd.NA:
        return ""
    text = unicodedata.normalize("NFD", str(name)).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


@dataclass
class Denominators:
    """Per unit of ``levels``: households and persons of the whole unit, and where they came from."""

    levels: list[str]
    table: pd.DataFrame  # columns: *levels, households, persons, source ('totals' or 'data')
    missing_units: list[str] = field(default_factory=list)  # units of the data absent from the totals
    census: bool = True  # True when no totals were given (the data is taken as a full census)


def unit_denominators(households: pd.DataFrame, levels: list[str], totals: pd.DataFrame | None) -> Denominators:
    """Denominators for each unit of ``levels`` (e.g. ['commune'] or ['commune', 'village'])."""
    counts = _data_counts(households, levels)
    if totals is None:
        table = counts.assign(source=DATA_SOURCE)
        return Denominators(levels, table.reset_index(drop=True), [], census=True)
    usable = [lv for lv in levels if lv in totals.columns]
    if not usable or usable != levels[: len(usable)]:
        # Totals do not go down to these levels: every unit falls back to the data.
        table = counts.assign(source=DATA_SOURCE)
        names = [" / ".join(str(v) for v in row) for row in counts[levels].itertuples(index=False)]
        return Denominators(levels, table.reset_index(drop=True), names, census=False)
    tot = totals.groupby([totals[lv].map(unit_key).rename(f"_k_{lv}") for lv in usable], dropna=False).agg(
        households=("households", "sum"),
        persons=("persons", lambda s: s.sum(min_count=len(s))),
        **{f"_name_{lv}": (lv, "first") for lv in usable},
    ).reset_index()
    data = counts.copy()
    for lv in usable:
        data[f"_k_{lv}"] = data[lv].map(unit_key)
    keys = [f"_k_{lv}" for lv in usable]
    merged = data.merge(tot, on=keys, how="outer", suffixes=("_data", ""), indicator=True)
    if len(usable) < len(levels):
        # Totals stop above the finest level: finer units fall back to data counts.
        merged = data.merge(tot[keys], on=keys, how="left", indicator=True)
        merged["households"] = merged["households"]
        merged["source"] = DATA_SOURCE
    else:
        for lv in usable:
            merged[lv] = merged[lv].where(merged[lv].notna(), merged[f"_name_{lv}"])
        from_totals = merged["_merge"] != "left_only"
        merged["source"] = [TOTALS_SOURCE if t else DATA_SOURCE for t in from_totals]
        merged["households"] = merged["households"].where(from_totals, merged["households_data"])
        merged["persons"] = merged["persons"].where(from_totals, merged["persons_data"])
    missing = merged[merged["source"] == DATA_SOURCE]
    names = [" / ".join(str(v) for v in row) for row in missing[levels].itertuples(index=False)]
    table = merged[[*levels, "households", "persons", "source"]].copy()
    table["households"] = pd.to_numeric(table["households"]).fillna(0).astype("int64")
    table["persons"] = pd.to_numeric(table["persons"]).astype("Float64").round().astype("Int64")
    order = table[levels].map(unit_key) if hasattr(table, "map") else table[levels]
    table = table.loc[order.sort_values(levels).index].reset_index(drop=True)
    return Denominators(levels, table, names, census=False)


def _data_counts(households: pd.DataFrame, levels: list[str]) -> pd.DataFrame:
    frame = households.copy()
    for lv in levels:
        if lv not in frame:
            frame[lv] = None
    members = pd.to_numeric(frame["members"], errors="coerce") if "members" in frame else pd.Series(0, index=frame.index)
    grouped = frame.assign(_m=members.fillna(0)).groupby(levels, dropna=False, sort=True)
    return grouped.agg(households=("_m", "size"), persons=("_m", "sum")).reset_index()
