"""Parsing the roster's cells (fields in roster_vocab.py / vocabulary.toml [roster]), column by column.

Members and the dwelling facts are read like every other column: one parse per distinct value, an unreadable
cell is unknown and listed as a warning; a blank fact is unknown too (not recorded), unlike a blank mark.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from ..domain.models import WARNING
from ..messages import fix, text
from ..words import RosterField, roster_fields
from .roster_vocab import choice_lookup
from .text import clean_text, match_key
from .values import UNREADABLE, by_unique, parse_head_female, parse_numbers, parse_optional_flags, parse_text

# Sensible bounds: a value outside is a typing error, read as unknown with a warning.
MIN_BIRTH_YEAR, MAX_BIRTH_YEAR, MAX_AGE = 1880, 2100, 130


def parse_facts(raw: pd.DataFrame, names: list[str], headers: dict[str, str], log: object) -> pd.DataFrame:
    """Typed roster facts for the given fields of ``raw`` (which carries source_file/sheet/row); every unreadable
    cell goes to ``log`` as a warning naming its row and column."""
    fields = roster_fields()
    out = pd.DataFrame(index=raw.index)
    for name in names:
        spec = fields[name]
        column = raw[name]
        kind = spec.kind
        if kind in ("id", "text", "name"):
            out[name] = parse_text(column)
            continue
        if kind == "gender":
            values, bad = parse_head_female(column)
        elif kind == "flag":
            values, bad = parse_optional_flags(column)
        elif kind == "choice":
            lookup = choice_lookup(name)
            values, bad = by_unique(column, lambda v: lookup.get(match_key(clean_text(v)), UNREADABLE))  # noqa: B023 - called at once
        elif kind == "date":
            values, bad = by_unique(column, _parse_date)
            values = pd.to_datetime(values, errors="coerce")
        else:
            values, bad = parse_numbers(column)
            low, high = (MIN_BIRTH_YEAR, MAX_BIRTH_YEAR) if kind == "year" else (0, MAX_AGE if kind == "age" else float("inf"))
            wrong = values.notna() & ((values < low) | (values > high) | ((values % 1 != 0) if kind == "year" else False))
            bad = bad | wrong
            values = values.where(~wrong)
        out[name] = values
        log.add_rows(bad, raw, severity=WARNING, code="roster_unreadable_fact",  # type: ignore[attr-defined]
                     column=headers.get(name, spec.header), values=column,
                     problem=text("roster.unreadable_fact", kind=_kind_word(spec)),
                     fix=fix("roster.unreadable_fact", kind=_kind_word(spec)))
    return out


def _kind_word(spec: RosterField) -> str:
    if spec.choices:
        return "; ".join(spec.choices)
    return text(f"roster.kind_{spec.kind}")


_DATE_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


def _parse_date(value: object) -> object:
    """A birth date: a spreadsheet date, dd/mm/yyyy (also with . or -), or yyyy-mm-dd."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    cleaned = clean_text(value)
    for regex, order in ((_DATE_RE, (3, 2, 1)), (_ISO_RE, (1, 2, 3))):
        found = regex.match(cleaned)
        if found:
            y, m, d = (int(found.group(i)) for i in order)
            try:
                return dt.date(y, m, d)
            except ValueError:
                return UNREADABLE
    return UNREADABLE
