"""Loading standards: built-in TOML files shipped in the package, or a local file (with ``extends``)."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import Any

from ..domain.standard import Standard, standard_from_mapping
from ..errors import StandardError
from ..messages import Phrase, toml_position

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def builtin_ids() -> list[str]:
    """Ids of the national standards shipped with povertool, oldest first."""
    folder = resources.files("povertool.standards")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def example_ids() -> list[str]:
    """Ids of the shipped local-standard examples (loadable by id, never picked by year)."""
    folder = resources.files("povertool.standards").joinpath("examples")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def _builtin_data(standard_id: str) -> dict[str, Any]:
    folder = resources.files("povertool.standards")
    if standard_id in builtin_ids():
        text = folder.joinpath(f"{standard_id}.toml").read_text("utf-8")
    elif standard_id in example_ids():
        text = folder.joinpath("examples").joinpath(f"{standard_id}.toml").read_text("utf-8")
    else:
        raise StandardError.of("standard_file.unknown", id=standard_id, builtin=", ".join(builtin_ids()),
                               examples=", ".join(example_ids()))
    return tomllib.loads(text)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; any other value (lists of indicators included) replaces the base value."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merge(base[key], value)
        else:
            merged[key] = value
    return merged


def load_standard_data(ref: str | Path, *, _chain: tuple[str, ...] = ()) -> tuple[dict[str, Any], str]:
    """(parsed data with ``extends`` and ``unset`` resolved, source name) for a built-in id or a .toml path."""
    path = Path(ref)
    if path.suffix.lower() == ".toml" or path.exists():
        from .input_files import require_regular_file

        require_regular_file(path)  # a pipe would wait for ever
        if not path.is_file():
            raise StandardError.of("standard_file.missing_file", path=path)
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise StandardError.of("standard_file.toml", path=path, where=toml_position(exc)) from exc
        source = path.name
    else:
        data, source = _builtin_data(str(ref)), str(ref)
    if source in _chain:
        raise StandardError.of("standard_file.bad_key", source=source, key="extends",
                               what=Phrase("standard_file.extends_loop", chain=" -> ".join(_chain + (source,))))
    parent = data.get("extends")
    unset = data.pop("unset", [])
    if parent is not None:
        if not isinstance(parent, str):
            raise StandardError.of("standard_file.bad_key", source=source, key="extends",
                                   what=Phrase("standard_file.extends_id"))
        base, _ = load_standard_data(parent, _chain=_chain + (source,))
        data = _merge(base, {k: v for k, v in data.items() if k != "extends"})
    _unset(data, unset, source)
    data.pop("extends", None)
    return data, source


def _unset(data: dict[str, Any], keys: Any, source: str) -> None:
    """Remove inherited values a local standard must not keep (e.g. the national B1 threshold)."""
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise StandardError.of("standard_file.bad_key", source=source, key="unset",
                               what=Phrase("standard_file.unset_list"))
    for key in keys:
        *tables, last = key.split(".")
        table: Any = data
        for name in tables:
            table = table.get(name) if isinstance(table, dict) else None
        if not isinstance(table, dict) or last not in table:
            raise StandardError.of("standard_file.bad_key", source=source, key="unset",
                                   what=Phrase("standard_file.unset_unknown", name=key))
        del table[last]


def read_standard(ref: str | Path) -> Standard:
    """A validated Standard from a built-in id ('vn-2022') or a local .toml file."""
    from .roster_vocab import check_roster_fields

    data, source = load_standard_data(ref)
    standard = _with_usual_terms(standard_from_mapping(data, source=source))
    check_roster_fields(standard)
    return standard


_TERMS = {"poverty_line": "poverty_line_name", "extreme_line": "extreme_line_name", "b1": "b1_name", "b2": "b2_name"}


def _with_usual_terms(standard: Standard) -> Standard:
    """The standard with the catalogue's usual name (labels.toml [standard_terms]) for each line or score its file
    does not name, in both languages."""
    from dataclasses import replace

    from ..labels import label

    usual: dict[str, Any] = {}
    for key, name in _TERMS.items():
        for lang, attr in (("vi", name), ("en", f"{name}_en")):
            if not getattr(standard, attr):
                usual[attr] = label("standard_terms", key, lang)
    return replace(standard, **usual) if usual else standard


def standard_for_year(year: int) -> Standard:
    """The built-in national standard in force for a review year (years before the oldest get the oldest)."""
    candidates = [read_standard(i) for i in builtin_ids()]
    for std in candidates:
        if std.valid_from <= year <= std.valid_to:
            return std
    earliest = min(candidates, key=lambda s: s.valid_from)
    if year < earliest.valid_from:
        return earliest
    periods = ", ".join(f"{s.id} {s.valid_from}–{s.valid_to}" for s in candidates)
    raise StandardError.of("standard_file.no_year", year=year, periods=periods)
