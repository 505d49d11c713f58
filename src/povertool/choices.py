"""Words a person types for option values (choices.toml): 'nông thôn' is rural, 'xã' is commune.

Matching ignores case, accents, punctuation and spacing. ``shown`` gives the word to show back to a person in
the language of the run."""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources

from .domain.keys import match_key
from .messages import current_language

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@cache
def words() -> dict[str, dict[str, dict[str, list[str]]]]:
    """Every kind of value (area, level, status, lang) -> value -> {vi: [...], en: [...]}."""
    return tomllib.loads(resources.files("povertool").joinpath("choices.toml").read_text("utf-8"))


@cache
def _index(kind: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for value, spelled in words()[kind].items():
        for word in [value, *spelled.get("vi", []), *spelled.get("en", [])]:
            index[match_key(word)] = value
    return index


def lookup(kind: str, word: object) -> str | None:
    """The value meant by ``word`` ('Nông thôn' -> 'rural'), None when it is not a word of ``kind``."""
    return _index(kind).get(match_key(word))


def shown(kind: str, value: str, lang: str | None = None) -> str:
    """The word shown for a value in the language of the run ('nông thôn' for rural in Vietnamese)."""
    spelled = words()[kind].get(value)
    return spelled[lang or current_language()][0] if spelled else value


def accepted(kind: str, values: tuple[str, ...] | list[str] | None = None, lang: str | None = None) -> str:
    """'nông thôn, thành thị' - the words to suggest for ``kind`` (or only ``values`` of it)."""
    return ", ".join(shown(kind, v, lang) for v in (values or tuple(words()[kind])))
