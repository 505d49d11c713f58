"""The message catalogue (messages.toml): every sentence a person reads, by code, in Vietnamese and English.

A message is a leaf table of messages.toml with ``vi`` and ``en`` templates (``str.format`` fields) and, when
it is a problem, a ``severity`` ("error", "warning", or "note": said, never counted as a warning) and
``fix_vi``/``fix_en``. Code names the dotted path: ``text("cli.wrote",
paths=...)``. The language is chosen once per run (``set_language``: ``--lang``, else ``POVERTOOL_LANG``, else
Vietnamese) and every ``text`` call without ``lang`` uses it.
"""

from __future__ import annotations

import os
import sys
from contextvars import ContextVar
from functools import lru_cache
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LANGUAGES = ("vi", "en")
ENV_LANG = "POVERTOOL_LANG"

_language: ContextVar[str | None] = ContextVar("povertool_language", default=None)


def default_language() -> str:
    """The language of this run when no --lang was given: POVERTOOL_LANG, else Vietnamese."""
    chosen = os.environ.get(ENV_LANG, "").strip().lower()
    return chosen if chosen in LANGUAGES else "vi"


def set_language(lang: str | None) -> str:
    """Choose the language of every message of this run; ``None`` keeps the default. Returns the one in force."""
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _language.set(lang)
    return current_language()


def current_language() -> str:
    """The language in force: the one set for this run, else the default."""
    return _language.get() or default_language()


@lru_cache(maxsize=None)
def catalogue() -> dict[str, dict[str, Any]]:
    """Every message, flattened to ``{dotted code: leaf table}``."""
    raw = tomllib.loads(resources.files("povertool").joinpath("messages.toml").read_text("utf-8"))
    flat: dict[str, dict[str, Any]] = {}

    def walk(prefix: str, table: dict[str, Any]) -> None:
        if "vi" in table or "en" in table:
            flat[prefix] = table
            return
        for key, value in table.items():
            if isinstance(value, dict):
                walk(f"{prefix}.{key}" if prefix else key, value)

    walk("", raw)
    return flat


def entry(code: str) -> dict[str, Any]:
    """The catalogue entry of one code; a KeyError names a code the catalogue lacks (a programming error)."""
    try:
        return catalogue()[code]
    except KeyError:
        raise KeyError(f"message code {code!r} is not in messages.toml") from None


def text(code: str, lang: str | None = None, **fields: Any) -> str:
    """The sentence of ``code`` in ``lang`` (default: the language of this run), its fields filled in."""
    return entry(code)[lang or current_language()].format(**fields)


def fix(code: str, lang: str | None = None, **fields: Any) -> str:
    """The fix that goes with a problem code ('' when the entry has none)."""
    template = entry(code).get(f"fix_{lang or current_language()}", "")
    return template.format(**fields)


def severity(code: str) -> str:
    """A problem's severity: 'error', 'warning' or 'note' ('' for plain messages)."""
    return str(entry(code).get("severity", ""))
