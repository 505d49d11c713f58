"""The 2025 commune reform: households and totals of pre-reform units given by the merged communes.

A UnitsMap holds the rules of a map file (io.units_map): old commune (optionally its old district and province,
optionally one village of it) -> new commune (optionally its new province). Names are matched by the same keys as
units everywhere (domain.keys.match_key: accents, case, spacing), and a leading 'X.', 'P.', 'TT' is read as Xã,
Phường, Thị trấn. A village rule wins over the rule of its whole commune, so a commune split between two new
ones is written as one row per village (or a default row plus the villages that went elsewhere).

A round whose communes are all new communes of the map is left as it is (a list made after the reform); any
other round is mapped, and a household whose unit no rule covers stops the run with its unit named. After
mapping the hierarchy is province -> commune -> village: ``district`` is emptied (kept in ``old_district``),
the old commune is kept in ``old_commune``. Work is per distinct unit name, then joins: no row loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
import pandas as pd

from ..errors import DataError, Joined, Phrase
from ..words import dotless_abbreviations, unit_abbreviations
from .denominators import key_column
from .keys import match_key

OLD_LEVELS: tuple[str, ...] = ("province", "district", "commune", "village")
RULE_COLUMNS: tuple[str, ...] = ("row", "old_province", "old_district", "old_commune", "old_village",
                                 "new_commune", "new_province")
SHOWN = 10  # units named in one message


def unit_match_key(values: pd.Series) -> pd.Series:
    """The match key of each unit name, a leading abbreviation of its type written out (per distinct name)."""
    keys = key_column(values)
    first = keys.str.split(" ", n=1)
    head, rest = first.str[0], first.str[1].astype(object)
    expanded = head.map(_prefixes()).astype(object)
    return keys.where(expanded.isna() | rest.isna(), expanded + " " + rest.fillna(""))


@lru_cache(maxsize=1)
def _prefixes() -> dict[str, str]:
    """Unit-type abbreviations read in full before matching, with or without a dot ('X Tân Phú' is 'Xã Tân Phú'):
    vocabulary.toml [units]."""
    return {key: match_key(unit_abbreviations()[key]) for key in dotless_abbreviations()}


@dataclass(frozen=True)
class UnitsMap:
    """The rules of a map file, one row each (``row`` is the file's row number, for messages)."""

    rules: pd.DataFrame
    source: str = ""

    def keyed(self) -> pd.DataFrame:
        """The rules with match keys: _p, _d, _c, _v (old) and _n (new commune)."""
        return self._keyed

    @cached_property
    def _keyed(self) -> pd.DataFrame:
        r = self.rules
        return r.assign(_p=unit_match_key(r["old_province"]), _d=unit_match_key(r["old_district"]),
                        _c=unit_match_key(r["old_commune"]), _v=unit_match_key(r["old_village"]),
                        _n=unit_match_key(r["new_commune"]))


@dataclass
class MappedRound:
    """One round given by the new communes, and what the map did to it."""

    households: pd.DataFrame
    mapped: bool  # True: it named pre-reform units and was mapped; False: it already named new communes
    used_rules: set[int] = field(default_factory=set)  # map rows used
    communes: set[str] = field(default_factory=set)  # old commune keys of the round (for the village check)


def check_map(units_map: UnitsMap) -> None:
    """Stop when the map sends one old unit (or one village of it) to two new communes."""
    r = units_map.keyed()
    key = ["_p", "_d", "_c", "_v"]
    targets = r.groupby(key, sort=False)["_n"].transform("nunique")
    bad = r[targets > 1]
    if bad.empty:
        return
    first = bad[(bad[key] == bad[key].iloc[0]).all(axis=1)]
    unit = _old_name(first.iloc[0])
    news = ", ".join(dict.fromkeys(str(v) for v in first["new_commune"]))
    rows = ", ".join(str(v) for v in first["row"])
    village = str(first["old_village"].iloc[0] or "")
    code = "units_map.split_village_twice" if village else "units_map.split_without_villages"
    raise DataError.of(code, file=units_map.source, rows=rows, unit=unit, village=village, new=news).with_hint(
        f"{code}_fix")


def _old_name(rule: pd.Series) -> str:
    """'Xã Tân Phú (Huyện Đồng Xuân, Tỉnh Phú Yên)' from a rule's old columns."""
    above = [str(rule[c]) for c in ("old_district", "old_province") if isinstance(rule[c], str) and rule[c]]
    return str(rule["old_commune"]) + (f" ({', '.join(above)})" if above else "")


def _unit_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """Per household the match key of each old level ('' where the column is absent or blank)."""
    blank = pd.Series("", index=frame.index, dtype=object)
    return pd.DataFrame({f"u{lv[0]}": unit_match_key(frame[lv]) if lv in frame else blank for lv in OLD_LEVELS})


def is_new(frame: pd.DataFrame, units_map: UnitsMap) -> bool:
    """True when every commune of ``frame`` is a new commune of the map and not all are old names too."""
    communes = set(unit_match_key(frame["commune"]).unique()) - {""} if "commune" in frame else set()
    r = units_map.keyed()
    return bool(communes) and communes <= set(r["_n"]) and not communes <= set(r["_c"])


def map_units(frame: pd.DataFrame, units_map: UnitsMap, *, what: str | Phrase, whole_units: bool = False) -> MappedRound:
    """``frame`` (households, or a totals table with ``whole_units``) given by the new communes.

    ``what`` names the round in messages (words, or a sentence by code). With ``whole_units`` a row stands for all households of its unit, so a
    commune split by village rules must come per village (else the run stops)."""
    if "commune" not in frame or frame["commune"].isna().all():
        raise DataError.of("units_map.no_commune", what=what).with_hint("units_map.no_commune_fix")
    if is_new(frame, units_map):
        return MappedRound(frame, mapped=False)
    keys = _unit_keys(frame)
    gid = keys.groupby(list(keys.columns), sort=False).ngroup().to_numpy()
    first = np.unique(gid, return_index=True)[1]
    units = keys.iloc[first].reset_index(drop=True).assign(_u=np.arange(len(first)))
    chosen = _choose_rules(units, units_map.keyed())
    _check_cover(frame, units, chosen, gid, first, units_map, what, whole_units)
    rules = units_map.rules.set_index("row")
    target = chosen.set_index("_u")["row"].reindex(np.arange(len(first))).to_numpy().astype("int64")[gid]
    out = frame.copy()
    out["old_commune"] = frame["commune"]
    out["commune"] = rules.loc[target, "new_commune"].to_numpy(dtype=object)
    if "district" in frame:
        out["old_district"] = frame["district"]
        out["district"] = None
    new_province = rules.loc[target, "new_province"].to_numpy(dtype=object)
    if pd.notna(new_province).any():
        old = frame["province"].to_numpy(dtype=object) if "province" in frame else np.full(len(frame), None, object)
        out["province"] = np.where(pd.notna(new_province), new_province, old)
    if "village" in frame:
        out["village"] = _distinct_villages(out, keys)
    return MappedRound(out, mapped=True, used_rules=set(int(r) for r in chosen["row"]),
                       communes=set(units["uc"]) - {""})


def _distinct_villages(out: pd.DataFrame, keys: pd.DataFrame) -> pd.Series:
    """Villages of two merged communes with the same name ('Thôn 1') stay apart: 'Thôn 1 (Xã An Phú)'."""
    frame = pd.DataFrame({"n": unit_match_key(out["commune"]), "v": keys["uv"], "c": keys["uc"]})
    clash = (frame["v"] != "") & (frame.groupby(["n", "v"])["c"].transform("nunique") > 1)
    if not clash.any():
        return out["village"]
    named = out["village"].astype(object) + " (" + out["old_commune"].astype(object) + ")"
    return out["village"].where(~clash, named)


def _choose_rules(units: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """Candidate rules per distinct unit: a village rule before a whole-commune rule, then the rule naming more of
    the unit's district and province; columns _u, row, _n, _ambiguous (two targets remain)."""
    cand = units.merge(rules, left_on="uc", right_on="_c", how="inner")
    agree = pd.Series(True, index=cand.index)
    for level in ("p", "d"):
        rule, unit = cand[f"_{level}"], cand[f"u{level}"]
        agree &= (rule == "") | (unit == "") | (rule == unit)
    village_rule = cand["_v"] != ""
    agree &= ~village_rule | (cand["_v"] == cand["uv"])
    cand = cand[agree].copy()
    cand["_score"] = (village_rule[agree].astype(int) * 4 + ((cand["_d"] != "") & (cand["ud"] != "")).astype(int) * 2
                      + ((cand["_p"] != "") & (cand["up"] != "")).astype(int))
    cand = cand[cand["_score"] == cand.groupby("_u")["_score"].transform("max")]
    cand["_ambiguous"] = cand.groupby("_u")["_n"].transform("nunique") > 1
    return cand.drop_duplicates("_u")[["_u", "row", "_n", "_ambiguous", "_c", "_p", "_d"]]


def _check_cover(frame: pd.DataFrame, units: pd.DataFrame, chosen: pd.DataFrame, gid: np.ndarray, first: np.ndarray,
                 units_map: UnitsMap, what: str | Phrase, whole_units: bool) -> None:
    """Stop on a unit no rule covers, a unit two rules fit, or (totals) a whole commune the map splits by village."""
    rules = units_map.keyed()
    split = set(rules.loc[rules["_v"] != "", "_c"])  # communes with village rules: villages are named
    checks = []
    if whole_units:
        checks.append(((units["uv"] == "") & units["uc"].isin(split), "units_map.split_totals"))
    checks += [(~units["_u"].isin(chosen["_u"]), "units_map.not_covered"),
               (units["_u"].isin(chosen.loc[chosen["_ambiguous"], "_u"]), "units_map.ambiguous")]
    for mask, code in checks:
        if mask.any():
            names = _unit_names(frame, units, mask.to_numpy(), gid, first, split)
            raise DataError.of(code, what=what, file=units_map.source, units=names).with_hint(f"{code}_fix")


def _unit_names(frame: pd.DataFrame, units: pd.DataFrame, bad: np.ndarray, gid: np.ndarray, first: np.ndarray,
                split: set[str]) -> Joined:
    """'Xã A / Huyện B (12 hộ; đầu tiên: f.xlsx, dòng 7); …' for the first few bad units, by commune (by village
    only where the map splits the commune by village)."""
    shown = units.assign(_n=np.bincount(gid, minlength=len(units)), _first=first)[bad]
    shown = shown.assign(uv=shown["uv"].where(shown["uc"].isin(split), ""))
    shown = shown.groupby(["up", "ud", "uc", "uv"], sort=False).agg(_n=("_n", "sum"), _first=("_first", "min"),
                                                                    _v=("uv", "first")).reset_index(drop=True)
    shown = shown.sort_values("_first", kind="stable")
    names: list[Phrase | str] = []
    for n, at, village in zip(shown["_n"][:SHOWN], shown["_first"][:SHOWN], shown["_v"][:SHOWN]):
        row = frame.iloc[int(at)]
        levels = (["village"] if village else []) + ["commune", "district", "province"]
        name = " / ".join(str(row[lv]) for lv in levels if lv in frame and isinstance(row[lv], str) and row[lv])
        if "source_file" in frame and "source_row" in frame:
            names.append(Phrase("units_map.unit_in_data", name=name or "—", n=int(n), file=row["source_file"],
                                row=row["source_row"]))
        else:
            names.append(name or "—")
    more = Phrase("units_map.more", n=len(shown) - SHOWN) if len(shown) > SHOWN else ""
    return Joined(names, "; ", more)


def map_totals(totals: pd.DataFrame, units_map: UnitsMap) -> pd.DataFrame:
    """A totals table given by the new communes (each year on its own: a year may be before or after the reform)."""
    years = totals["year"] if "year" in totals else pd.Series(0, index=totals.index)
    parts = []
    for year, part in totals.groupby(years, sort=True):
        what = Phrase("units_map.totals_what", year=year) if "year" in totals else Phrase("units_map.totals_what_any")
        mapped = map_units(part, units_map, what=what, whole_units=True)
        if not mapped.mapped:
            parts.append(part)
            continue
        frame = mapped.households.drop(columns=[c for c in ("old_commune", "old_district") if c in mapped.households])
        levels = [c for c in ("year", "province", "commune", "village") if c in frame and frame[c].notna().any()]
        keys = frame[levels].astype(object).where(frame[levels].notna(), "")
        grouped = frame.assign(**{f"_k{i}": key_column(keys[c]) if c != "year" else keys[c] for i, c in enumerate(levels)})
        parts.append(grouped.groupby([f"_k{i}" for i in range(len(levels))], sort=False).agg(
            **{c: (c, "first") for c in levels}, households=("households", "sum"),
            persons=("persons", lambda s: s.sum(min_count=len(s))),
        ).reset_index(drop=True))
    out = pd.concat(parts, ignore_index=True)
    out = out.drop(columns=[c for c in ("district",) if c in out and out[c].isna().all()])
    out["households"] = pd.to_numeric(out["households"]).astype("int64")
    out["persons"] = pd.to_numeric(out["persons"]).astype("Float64").round().astype("Int64")
    return out


def unused_village_rules(units_map: UnitsMap, rounds: list[MappedRound]) -> list[Phrase]:
    """A village rule of an old commune the data holds, matched by no household of any mapped round."""
    mapped = [r for r in rounds if r.mapped]
    if not mapped:
        return []
    used = set().union(*(r.used_rules for r in mapped))
    communes = set().union(*(r.communes for r in mapped))
    r = units_map.keyed()
    unused = r[(r["_v"] != "") & r["_c"].isin(communes) & ~r["row"].isin(used)]
    return [Phrase("units_map.village_not_in_data", file=units_map.source, row=int(rule["row"]),
                   village=rule["old_village"], commune=rule["old_commune"], new=rule["new_commune"])
            for _, rule in unused.iterrows()]


def merged_units(units_map: UnitsMap, rounds: list[MappedRound]) -> list[tuple[str, list[str]]]:
    """For each new commune of the mapped data: the old units (a commune, or villages of one) it was made from."""
    present = set()
    for r in rounds:
        if r.mapped:
            present |= set(unit_match_key(r.households["commune"]).unique())
    rules = units_map.keyed()
    rules = rules[rules["_n"].isin(present)]
    out = []
    for _, group in rules.groupby("_n", sort=True):
        parts: dict[str, list[str]] = {}
        for _, rule in group.iterrows():
            villages = parts.setdefault(str(rule["old_commune"]), [])
            if isinstance(rule["old_village"], str) and rule["old_village"]:
                villages.append(rule["old_village"])
        names = [f"{old} ({', '.join(v)})" if v else old for old, v in parts.items()]
        out.append((str(group["new_commune"].iloc[0]), names))
    return out


@dataclass
class MapInfo:
    """What a units map did in one run: the map, each round mapped or kept, merged communes, warnings."""

    source: str
    rounds: list[tuple[str, bool]] = field(default_factory=list)  # (round, mapped)
    merged: list[tuple[str, list[str]]] = field(default_factory=list)  # new commune -> old units
    warnings: list[str] = field(default_factory=list)  # in words (the api renders unused_village_rules)

    def notes(self) -> list[Phrase]:
        """What a report's notes say (render.notes.notes_text turns them into words): the map applied, how each
        round was taken, which units were merged."""
        lines = [Phrase("units_map.applied", file=self.source)]
        lines += [Phrase("units_map.round_mapped" if mapped else "units_map.round_new", what=what)
                  for what, mapped in self.rounds]
        lines += [Phrase("units_map.merged", new=new, old=", ".join(old)) for new, old in self.merged
                  if len(old) > 1 or any("(" in o for o in old)]
        return lines

    def to_dict(self) -> dict:
        """Plain data for --json."""
        return {"file": self.source, "rounds": [{"round": w, "mapped": m} for w, m in self.rounds],
                "merged": [{"new": n, "old": o} for n, o in self.merged], "warnings": list(self.warnings)}
