"""Matching the headers written in a sheet to canonical fields (vocabulary.toml [fields] + the standard's indicators)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..domain.standard import Standard
from .text import contains_words, match_key
from .vocabulary import header_abbreviations, survey_fields

# Score for an exact match beats any partial match.
_EXACT_BONUS = 1000


@dataclass(frozen=True)
class FieldSpec:
    """A canonical field: its template header, the kind of value, and its header wordings (as keys)."""

    name: str
    header: str
    kind: str
    aliases: tuple[str, ...]
    excludes: tuple[str, ...] = ()  # a header holding one of these words is not this field


@lru_cache(maxsize=1)
def base_fields() -> tuple[FieldSpec, ...]:
    """The non-indicator fields (vocabulary.toml [fields])."""
    return tuple(
        FieldSpec(name, spec["header"], spec["kind"], tuple(match_key(a) for a in spec["aliases"]),
                  tuple(match_key(a) for a in spec.get("excludes", ())))
        for name, spec in survey_fields().items()
    )


@lru_cache(maxsize=4096)
def header_keys(header: str) -> tuple[str, ...]:
    """The match key of a header, and the same with abbreviations written out ('nha tieu hvs' ->
    'nha tieu hop ve sinh')."""
    key = match_key(header)
    abbrev = header_abbreviations()
    expanded = " ".join(abbrev.get(word, word) for word in key.split())
    return (key,) if expanded == key else (key, expanded)


def best_score(header: str, specs: tuple[FieldSpec, ...]) -> int:
    """The best score of ``header`` against any field (0: it names none)."""
    keys = header_keys(header)
    return max((_score(k, s) for k in keys for s in specs), default=0)


def field_specs(standard: Standard) -> tuple[FieldSpec, ...]:
    """All fields a sheet may carry under ``standard``: the base fields, then one flag per indicator."""
    indicators = tuple(
        FieldSpec(
            ind.code,
            ind.name,
            "flag",
            tuple(dict.fromkeys(match_key(a) for a in (ind.name, ind.code, *ind.aliases))),
        )
        for ind in standard.indicators
    )
    return base_fields() + indicators


def score(key: str, spec: FieldSpec) -> int:
    """How well a header key names ``spec`` (0: not at all; an exact wording beats any partial one)."""
    return _score(key, spec)


def _score(key: str, spec: FieldSpec) -> int:
    if any(contains_words(key, word) for word in spec.excludes):
        return 0
    best = 0
    for alias in spec.aliases:
        if key == alias:
            return _EXACT_BONUS + len(alias)
        if len(alias) > best and contains_words(key, alias):
            best = len(alias)
    return best


def match_headers(
    headers: Iterable[str],
    specs: tuple[FieldSpec, ...],
    *,
    overrides: Mapping[str, str] | None = None,
) -> dict[int, str]:
    """Column position -> field name. Each field goes to its best-scoring column; ``overrides`` (header -> field)
    wins over the wordings."""
    headers = list(headers)
    keys = [header_keys(h) if h else () for h in headers]
    forced = {match_key(h): f for h, f in (overrides or {}).items()}
    result: dict[int, str] = {}
    taken: set[str] = set()
    for pos, header in enumerate(headers):
        # A header over several rows ("Thu nhập / Tháng") may be mapped whole or by its lowest part.
        hit = next((k for k in (match_key(header), match_key(header.split(" / ")[-1])) if k in forced), None) if header else None
        if hit is not None and forced[hit] not in taken:
            result[pos] = forced[hit]
            taken.add(forced[hit])
    candidates: list[tuple[int, int, str]] = []
    for pos, key in enumerate(keys):
        if not key or pos in result:
            continue
        for spec in specs:
            if spec.name in taken:
                continue
            score = max(_score(k, spec) for k in key)
            if score:
                candidates.append((score, -pos, spec.name))
    # Best score first; on a tie the leftmost column wins.
    for _, neg_pos, name in sorted(candidates, reverse=True):
        pos = -neg_pos
        if pos in result or name in taken:
            continue
        result[pos] = name
        taken.add(name)
    return dict(sorted(result.items()))


def personal_columns(columns: Iterable[str]) -> set[str]:
    """Columns whose header names personal data even when another column took the field (a second ID or
    address column: "Số CCCD" beside "Số định danh", "Địa chỉ (thôn/xóm)" beside "Địa chỉ")."""
    from ..domain.models import PERSONAL_FIELDS

    personal = [s for s in base_fields() if s.name in PERSONAL_FIELDS]
    others = [s for s in base_fields() if s.name not in PERSONAL_FIELDS]
    found = set()
    for column in columns:
        keys = header_keys(column)
        mine = max((score(k, s) for k in keys for s in personal), default=0)
        if mine and mine >= max((score(k, s) for k in keys for s in others), default=0):
            found.add(column)
    return found
