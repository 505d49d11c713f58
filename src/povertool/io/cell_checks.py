"""Checks on cell values that the parsers cannot make alone: spreadsheet error cells (#REF!, #N/A …), incomes
too low or too high to be true, and member counts beyond one household. Each works on whole columns; the
sentences come from the message catalogue (messages.toml)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Mapping

import numpy as np
import pandas as pd

from ..messages import current_language, fix, severity, text
from .values import spreadsheet_errors, value_words

if TYPE_CHECKING:
    from .normalise import ProblemLog


def take_error_cells(raw: pd.DataFrame, headers: Mapping[str, str], positions: Mapping[str, int] | None,
                     log: ProblemLog) -> dict[str, pd.Series]:
    """Find the spreadsheet error cells of every field column, warn about each (naming the cell), and blank
    them in ``raw`` for the parsers; returns field -> mask, so that the parsed values become unknown."""
    masks: dict[str, pd.Series] = {}
    for field in raw.columns:
        if field.startswith("source_") or raw[field].dtype != object:
            continue
        mask = spreadsheet_errors(raw[field])
        if not mask.any():
            continue
        masks[field] = mask
        position = (positions or {}).get(field)
        letters = _column_letters(position) if position is not None else ""
        cells = letters + raw.loc[mask, "source_row"].astype(str) if letters else raw.loc[mask, "source_row"].astype(str)
        problem = pd.Series([text("read.error_cell", cell=c, value=v) for c, v in zip(cells, raw.loc[mask, field])],
                            index=raw.index[mask])
        log.add_rows(mask, raw, severity=severity("read.error_cell"), code="error_cell",
                     column=headers.get(field, field), values=raw[field],
                     problem=problem.reindex(raw.index, fill_value=""), fix=fix("read.error_cell"))
        raw[field] = raw[field].where(~mask, "")
    return masks


def unknown_where(values: pd.Series, mask: pd.Series | None) -> pd.Series:
    """``values`` with the cells of ``mask`` (error cells) made unknown (NA)."""
    if mask is None or not mask.any():
        return values
    if pd.api.types.is_float_dtype(values):
        return values.where(~mask, np.nan)
    return values.mask(mask)


def check_income(out: pd.DataFrame, raw: pd.DataFrame, headers: Mapping[str, str], log: ProblemLog) -> None:
    """A warning for each monthly income per person outside the plausible range of values.toml (kept as is)."""
    if "income_per_capita" not in out:
        return
    words = value_words()
    income = pd.to_numeric(out["income_per_capita"], errors="coerce")
    field = "income_per_capita" if "income_per_capita" in raw else "income_per_capita_year"
    column = headers.get(field, field)
    values = raw[field] if field in raw else None
    for code, mask, limit in (("read.income_too_low", (income >= 0) & (income < words.min_income), words.min_income),
                              ("read.income_too_high", income > words.max_income, words.max_income)):
        if not mask.any():
            continue
        problem = pd.Series("", index=out.index, dtype=object)
        problem[mask] = [text(code, value=written_number(v), limit=written_number(limit)) for v in income[mask]]
        log.add_rows(mask, raw, severity=severity(code), code=code.split(".")[-1], column=column, values=values,
                     problem=problem, fix=fix(code))


def members_too_many(values: pd.Series) -> pd.Series:
    """Member counts above the limit of values.toml."""
    return values > value_words().max_members


def log_members_too_many(mask: pd.Series, values: pd.Series, raw: pd.DataFrame, column: str, log: ProblemLog) -> None:
    """An error (the row is rejected) for each member count above the limit."""
    if not mask.any():
        return
    limit = value_words().max_members
    problem = pd.Series("", index=raw.index, dtype=object)
    problem[mask] = [text("read.members_too_many", value=written_number(v), limit=limit) for v in values[mask]]
    log.add_rows(mask, raw, severity=severity("read.members_too_many"), code="members_invalid", column=column,
                 values=raw["members"], problem=problem, fix=fix("read.members_too_many", limit=limit))


def written_number(value: float) -> str:
    """A number as people of the run's language write it: 1.600.000 (vi) or 1,600,000 (en)."""
    written = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return written.translate(str.maketrans(",.", ".,")) if current_language() == "vi" else written


def _column_letters(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def id_text(values: pd.Series) -> pd.Series:
    """Id cells as the text they show: a number stored by the spreadsheet loses its '.0' and exponent
    (1.0 -> '1', 1.2345678901234568e16 -> '12345678901234568'); text and blanks are unchanged."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    shown = [_id_shown(u) for u in uniques]
    if all(s is u for s, u in zip(shown, uniques)):
        return values
    table = np.array(shown + [None], dtype=object)
    result = pd.Series(table[np.where(codes < 0, len(uniques), codes)], index=values.index)
    return result.where(codes >= 0, values)


def _id_shown(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        return value
    if isinstance(value, (float, np.floating)) and not np.isfinite(value):
        return value
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def check_rounded_ids(raw: pd.DataFrame, column: str, log: ProblemLog) -> None:
    """A warning for each id stored as a number of 16 digits or more: the spreadsheet kept only 15 significant
    digits, so its last digits may differ from the id written on paper."""
    values = raw["household_id"]
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    long = np.append(np.array([isinstance(u, (int, float, np.integer, np.floating)) and not isinstance(u, bool)
                               and np.isfinite(u) and abs(u) >= 1e15 for u in uniques], dtype=bool), False)
    mask = pd.Series(long[np.where(codes < 0, len(uniques), codes)], index=raw.index)
    if mask.any():
        log.add_rows(mask, raw, severity=severity("read.id_rounded"), code="id_rounded", column=column,
                     values=id_text(values), problem=text("read.id_rounded"), fix=fix("read.id_rounded"))


_GROUPED = re.compile(r"^-?\d[\d.,' ]*[.,' ]\d[\d.,' ]*$")


def log_bad_grouping(bad: pd.Series, raw: pd.DataFrame, field: str, column: str, log: ProblemLog) -> pd.Series:
    """A warning naming the malformed grouping ('1.60.000') of each unreadable amount written as digits and
    separators only; returns those cells (their other warning is not needed)."""
    if not bad.any():
        return bad
    values = raw.loc[bad, field]
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    grouped = np.append(np.array([isinstance(u, str) and bool(_GROUPED.match(u.strip())) for u in uniques],
                                 dtype=bool), False)
    mask = pd.Series(False, index=raw.index)
    mask[values.index] = grouped[np.where(codes < 0, len(uniques), codes)]
    log.add_rows(mask, raw, severity=severity("read.money_grouping"), code="unreadable_income", column=column,
                 values=raw[field], problem=text("read.money_grouping"), fix=fix("read.money_grouping"))
    return mask
