"""Reading the national programmes' targets (io/programme.toml) into domain.programme periods."""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib import resources
from typing import Any

from ..domain.programme import TARGET_KINDS, ProgrammePeriod, ProgrammeTarget

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_TARGET_KEYS = {"metric", "kind", "label", "label_en", "main", "low_pp", "high_pp", "strict", "level_pct", "by",
                "not_computed", "not_computed_en"}


@lru_cache(maxsize=1)
def read_programme() -> tuple[ProgrammePeriod, ...]:
    """Every programme period shipped with povertool, oldest first."""
    text = resources.files("povertool").joinpath("read").joinpath("programme.toml").read_text("utf-8")
    return programme_from_mapping(tomllib.loads(text))


def programme_from_mapping(data: dict[str, Any]) -> tuple[ProgrammePeriod, ...]:
    """Check the parsed programme file and build its periods; a mistake names the period and the key."""
    periods = []
    for i, item in enumerate(data.get("period", []), start=1):
        where = f"programme.toml, period {i}"
        start, end = item.get("from"), item.get("to")
        if not isinstance(start, int) or not isinstance(end, int) or end < start:
            raise ValueError(f"{where}: 'from' and 'to' must be years with from <= to.")
        targets = tuple(_target(t, f"{where}, target {j}") for j, t in enumerate(item.get("targets", []), start=1))
        if not targets or not item.get("source"):
            raise ValueError(f"{where}: needs a source and at least one [[period.targets]].")
        periods.append(ProgrammePeriod(start, end, str(item.get("name", "")), str(item["source"]), targets,
                                       name_en=str(item.get("name_en", "")),
                                       source_short=str(item.get("source_short", ""))))
    periods.sort(key=lambda p: p.start)
    for before, after in zip(periods, periods[1:]):
        if after.start <= before.end:
            raise ValueError(f"programme.toml: periods {before.start}–{before.end} and {after.start}–{after.end} overlap.")
    return tuple(periods)


def _target(item: dict[str, Any], where: str) -> ProgrammeTarget:
    unknown = set(item) - _TARGET_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}.")
    kind = item.get("kind")
    if kind not in TARGET_KINDS or not item.get("metric") or not item.get("label"):
        raise ValueError(f"{where}: needs metric, label and kind ({' or '.join(TARGET_KINDS)}).")
    if kind == "yearly_reduction" and not isinstance(item.get("low_pp"), (int, float)):
        raise ValueError(f"{where}: a yearly reduction needs low_pp.")
    if kind == "level_below" and not (isinstance(item.get("level_pct"), (int, float)) and isinstance(item.get("by"), int)):
        raise ValueError(f"{where}: a level needs level_pct and by.")
    number = lambda key: None if item.get(key) is None else float(item[key])  # noqa: E731
    return ProgrammeTarget(
        metric=str(item["metric"]), kind=kind, label=str(item["label"]), label_en=str(item.get("label_en", "")),
        main=bool(item.get("main", False)), low_pp=number("low_pp"), high_pp=number("high_pp"),
        strict=bool(item.get("strict", False)), level_pct=number("level_pct"), by=item.get("by"),
        not_computed=str(item.get("not_computed", "")), not_computed_en=str(item.get("not_computed_en", "")),
    )
