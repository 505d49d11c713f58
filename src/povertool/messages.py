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
from functools import cache
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


# The words of the command line itself (--help, usage lines and usage errors) live in their own file of the
# catalogue, so that `povertool --help` reads a few kilobytes of TOML, not every sentence of the program.
CATALOGUE_FILES = ("messages.toml", "messages_help.toml")
_START_UP = ("help.", "usage.", "cli.")


def _flatten(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
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


@cache
def _file(name: str) -> dict[str, dict[str, Any]]:
    """One file of the catalogue, flattened to ``{dotted code: leaf table}``."""
    return _flatten(tomllib.loads(resources.files("povertool").joinpath(name).read_text("utf-8")))


@cache
def catalogue() -> dict[str, dict[str, Any]]:
    """Every message of every catalogue file, flattened to ``{dotted code: leaf table}``."""
    merged: dict[str, dict[str, Any]] = {}
    for name in CATALOGUE_FILES:
        merged.update(_file(name))
    return merged


def entry(code: str) -> dict[str, Any]:
    """The catalogue entry of one code; a KeyError names a code the catalogue lacks (a programming error)."""
    if code.startswith(_START_UP):
        found = _file(CATALOGUE_FILES[1]).get(code)
        if found is not None:
            return found
    try:
        return catalogue()[code]
    except KeyError:
        raise KeyError(f"message code {code!r} is not in the catalogue ({', '.join(CATALOGUE_FILES)})") from None


class _Number:
    """A number field: ``{rows:,}`` groups thousands the way the language writes them (1.000.000 / 1,000,000);
    without a format spec it prints as it is (a year stays 2024)."""

    __slots__ = ("value", "lang")

    def __init__(self, value: int | float, lang: str) -> None:
        self.value, self.lang = value, lang

    def __format__(self, spec: str) -> str:
        out = format(self.value, spec)
        if self.lang == "vi" and "," in spec:
            out = out.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return out

    def __str__(self) -> str:
        return str(self.value)


class Phrase:
    """A catalogue sentence used as a field of another one, rendered in the language of the outer sentence
    when that one is shown (so an error raised early still speaks the language it is read in)."""

    __slots__ = ("code", "fields")

    def __init__(self, code: str, **fields: Any) -> None:
        self.code, self.fields = code, fields

    def render(self, lang: str | None = None) -> str:
        """The sentence in ``lang`` (default: the run's language)."""
        return text(self.code, lang, **self.fields)

    def __str__(self) -> str:
        return self.render()

    def __reduce__(self) -> tuple:
        return (_phrase, (self.code, self.fields))


def _phrase(code: str, fields: dict[str, Any]) -> Phrase:
    return Phrase(code, **fields)


def _fill(template: str, lang: str, fields: dict[str, Any]) -> str:
    values: dict[str, object] = {}
    for key, value in fields.items():
        if isinstance(value, Phrase):
            values[key] = value.render(lang)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            values[key] = _Number(value, lang)
    return template.format(**{**fields, **values})


def text(code: str, lang: str | None = None, **fields: Any) -> str:
    """The sentence of ``code`` in ``lang`` (default: the language of this run), its fields filled in."""
    lang = lang or current_language()
    return _fill(entry(code)[lang], lang, fields)


def fix(code: str, lang: str | None = None, **fields: Any) -> str:
    """The fix that goes with a problem code ('' when the entry has none)."""
    lang = lang or current_language()
    return _fill(entry(code).get(f"fix_{lang}", ""), lang, fields)


def severity(code: str) -> str:
    """A problem's severity: 'error', 'warning' or 'note' ('' for plain messages)."""
    return str(entry(code).get("severity", ""))


def location(file: Any = "", sheet: Any = "", row: Any = None, column: Any = "", lang: str | None = None) -> str:
    """'a.xlsx, sheet "DS", row 12, column "Số nhân khẩu"' - as much as is known, in the run's language."""
    parts = [str(file)] if file else []
    if sheet:
        parts.append(text("common.at_sheet", lang, sheet=sheet))
    if row is not None and str(row) not in ("", "<NA>", "nan", "None"):
        parts.append(text("common.at_row", lang, row=row))
    if column:
        parts.append(text("common.at_column", lang, column=column))
    return ", ".join(parts)


_MARK = "\ue001"  # stands for a per-row field in a template; a private-use character never in real text


def text_rows(code: str, lang: str | None = None, *, part: str = "", **fields: Any) -> Any:
    """``text`` for many rows at once: fields given as pandas Series (same index) are joined in per row, the
    template filled once. Returns a Series when any field is one, else a str. ``part='fix'`` fills the fix."""
    lang = lang or current_language()
    key = f"fix_{lang}" if part == "fix" else lang
    rows = {k: v for k, v in fields.items() if hasattr(v, "index") and hasattr(v, "astype")}
    if not rows:
        return _fill(entry(code).get(key, ""), lang, fields)
    marked = _fill(entry(code).get(key, ""), lang,
                   {**fields, **{k: f"{_MARK}{i}{_MARK}" for i, k in enumerate(rows)}})
    pieces = marked.split(_MARK)  # literal, field number, literal, field number, ..., literal
    series = list(rows.values())
    out = None
    for i, piece in enumerate(pieces):
        if i % 2:
            column = series[int(piece)].astype(str)
            out = column if out is None else out + column
        elif piece:
            out = piece if out is None else out + piece
    return out


SHOWN_IDS = 5  # a message names at most this many households; the full list is in --json and the report


def id_list(ids: list[str] | tuple[str, ...], *, shown: int = SHOWN_IDS, lang: str | None = None) -> str:
    """'AB01, AB02, AB03, AB04, AB05…, và 49 hộ khác': the first ids, then how many more (the rest of the list
    belongs in --json or the report, not on a terminal)."""
    ids = [str(i) for i in ids]
    if len(ids) <= shown:
        return ", ".join(ids)
    return text("common.more_ids", lang, first=", ".join(ids[:shown]), more=len(ids) - shown)


def id_list_of(ids: list[str] | tuple[str, ...], *, shown: int = SHOWN_IDS, lang: str | None = None) -> str:
    """Like ``id_list`` for any named things (units, files): 'A, B, C…, và 4 mục khác'."""
    items = [str(i) for i in ids]
    if len(items) <= shown:
        return ", ".join(items)
    return text("common.more_items", lang, first=", ".join(items[:shown]), more=len(items) - shown)


class Help(str):
    """A --help text that knows its code: shown in the language in force when the help is drawn
    (typer reads help strings when the app is built, before --lang or POVERTOOL_LANG are known)."""

    code: str

    def __new__(cls, code: str) -> Help:
        value = super().__new__(cls, text(code))
        value.code = code
        return value

    def now(self) -> Help:
        """The same help in the language in force now."""
        return Help(self.code)


def help_text(code: str) -> Help:
    """The help of a command or option (code under ``help.``), redrawn in the run's language."""
    return Help(f"help.{code}")


@cache
def _english_index() -> dict[str, str]:
    """English template -> code, for the few words of the command-line library (typer/click)."""
    # the start-up file only: drawing --help must not parse the whole catalogue
    return {entry["en"]: code for code, entry in _file(CATALOGUE_FILES[1]).items() if code.startswith("usage.library.")}


def library_word(message: str) -> str:
    """A word of the command-line library ("Options", "default: {default}") in the language of the run."""
    code = _english_index().get(message)
    return entry(code)[current_language()] if code else message


def os_reason(exc: OSError) -> str:
    """What the system said about a file ('the disk is full'), from the catalogue by its error number - never
    the system's own English text."""
    import errno

    code = f"oserror.{errno.errorcode.get(exc.errno or 0, '')}"
    return text(code) if code in catalogue() else text("oserror.other", number=exc.errno or 0)


def toml_position(exc: Exception) -> str:
    """'line 3, column 5' of a TOML syntax error, in the run's language ('' when the error does not say)."""
    import re

    found = re.search(r"line (\d+), column (\d+)", str(exc))
    return text("common.line_column", line=int(found[1]), column=int(found[2])) if found else ""
