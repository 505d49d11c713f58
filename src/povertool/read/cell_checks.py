"""Checks on cell values that the parsers cannot make alone: spreadsheet error cells (#REF!, #N/A …), incomes
too low or too high to be true, and member counts beyond one household. Each works on whole columns; the
sentences come from the message catalogue (messages.toml)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import InputFileError
from ..messages import current_language, fix, severity, text
from .extent import column_letters
from .values import error_cells, is_blank, of_kind, value_words

if TYPE_CHECKING:
    from .normalise import ProblemLog


ERROR_CELLS = "error_cells"  # raw.attrs: whether the sheet holds any error cell or formula with no saved value


def take_error_cells(raw: pd.DataFrame, headers: Mapping[str, str], positions: Mapping[str, int] | None,
                     log: ProblemLog) -> dict[str, pd.Series]:
    """Find the spreadsheet error cells (#REF! …) and the formulas with no saved value of every field column,
    warn about each (naming the cell), and blank them in ``raw`` for the parsers; returns field -> mask, so
    that the parsed values become unknown."""
    masks: dict[str, pd.Series] = {}
    if raw.attrs.get(ERROR_CELLS) is False:  # the sheet has none (normalise.table_frames looked, as a block)
        return masks
    for field in raw.columns:
        if field.startswith("source_") or raw[field].dtype != object:
            continue
        errors, formulas = error_cells(raw[field])
        if not (errors.any() or formulas.any()):
            continue
        masks[field] = errors | formulas
        cells = cell_names(raw, positions, field)
        if errors.any():
            problem = pd.Series([text("read.error_cell", cell=c, value=v) for c, v in
                                 zip(cells[errors], raw.loc[errors, field])], index=raw.index[errors])
            log.add_rows(errors, raw, severity=severity("read.error_cell"), code="error_cell",
                         column=headers.get(field, field), values=raw[field],
                         problem=problem.reindex(raw.index, fill_value=""), fix=fix("read.error_cell"))
        log.add_rows(formulas, raw, code="unsaved_formula", message="read.unsaved_formula",
                     column=headers.get(field, field), values=raw[field], cell=cells)
        raw[field] = raw[field].where(~masks[field], "")
    return masks


def cell_names(raw: pd.DataFrame, positions: Mapping[str, int] | None, field: str) -> pd.Series:
    """The cell of ``field`` in each row ("G5"; the row number alone when the column is not known)."""
    position = (positions or {}).get(field)
    rows = raw["source_row"].astype(str)
    return column_letters(position + 1) + rows if position is not None else rows


def unknown_where(values: pd.Series, mask: pd.Series | None) -> pd.Series:
    """``values`` with the cells of ``mask`` (error cells) made unknown (NA)."""
    if mask is None or not mask.any():
        return values
    if pd.api.types.is_float_dtype(values):
        return values.where(~mask, np.nan)
    return values.mask(mask)


def check_income(out: pd.DataFrame, raw: pd.DataFrame, headers: Mapping[str, str], log: ProblemLog,
                 positions: Mapping[str, int] | None = None, *, b1_name: str = "",
                 errors: Mapping[str, pd.Series] | None = None) -> None:
    """Incomes per person a month outside the plausible range of values.toml: a whole column of them stops
    the run (its unit is not the header's); one too low is unknown, one too high kept, each with a warning.
    A blank income without a B1 score gets a warning too (the household is undetermined)."""
    if "income_per_capita" not in out:
        _warn_blank_income(out, raw, headers, log, positions, b1_name, errors or {})
        return
    words = value_words()
    income = pd.to_numeric(out["income_per_capita"], errors="coerce")
    field = "income_per_capita" if "income_per_capita" in raw else "income_per_capita_year"
    column = headers.get(field, field)
    values = raw[field] if field in raw else None
    low, high = (income >= 0) & (income < words.min_income), income > words.max_income
    _check_unit_column(raw, column, int((income >= 0).sum()), int((low | high).sum()))
    cells = cell_names(raw, positions, field)
    for code, mask, limit in (("read.income_too_low", low, words.min_income),
                              ("read.income_too_high", high, words.max_income)):
        if not mask.any():
            continue
        problem = pd.Series("", index=out.index, dtype=object)
        problem[mask] = [  # type: ignore[call-overload]  # pandas-stubs: a list is a valid masked value
            text(code, cell=c, value=written_number(v), limit=written_number(limit))
            for c, v in zip(cells[mask], income[mask])]
        log.add_rows(mask, raw, severity=severity(code), code=code.split(".")[-1], column=column, values=values,
                     problem=problem, fix=fix(code))
    out["income_per_capita"] = income.where(~low, np.nan)
    _warn_blank_income(out, raw, headers, log, positions, b1_name, errors or {})


def _check_unit_column(raw: pd.DataFrame, column: str, total: int, count: int) -> None:
    """Stop the run when most readable incomes of the column are implausible (values.toml)."""
    words = value_words()
    if total < words.unit_column_min or count <= words.unit_column_share * total:
        return
    file, sheet = str(raw["source_file"].iloc[0]), str(raw["source_sheet"].iloc[0])
    where = text("common.file_sheet", file=file, sheet=sheet) if sheet else file
    raise InputFileError.of("read.income_unit_column", where=where, column=column, count=count, total=total,
                            low=written_number(words.min_income), high=written_number(words.max_income))


def _warn_blank_income(out: pd.DataFrame, raw: pd.DataFrame, headers: Mapping[str, str], log: ProblemLog,
                       positions: Mapping[str, int] | None, b1_name: str, errors: Mapping[str, pd.Series]) -> None:
    """One warning per household whose income cell is blank (not an error cell: that has its own warning) and
    that has no B1 score to stand for it: it is undetermined."""
    fields = [f for f in ("income_per_capita", "income_per_capita_year", "b1_score") if f in raw]
    if not fields:
        return
    blank = pd.Series(True, index=raw.index)
    for field in fields:
        blank &= blank_cells(raw[field])
        if field in errors:
            blank &= ~errors[field]
    for field in ("income_per_capita", "b1_score"):
        if field in out:
            blank &= pd.to_numeric(out[field], errors="coerce").isna()
    log.add_rows(blank, raw, code="income_blank", message="read.income_blank", column=headers.get(fields[0], fields[0]),
                 values=None, cell=cell_names(raw, positions, fields[0]), score=b1_name)


def blank_cells(raw: pd.Series) -> pd.Series:
    """Blank cells (None, NaN, '' or spaces), tested once per distinct value."""
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    flags = np.append(np.array([is_blank(u) for u in uniques], dtype=bool), True)
    return pd.Series(flags[np.where(codes < 0, len(uniques), codes)], index=raw.index)


def members_too_many(values: pd.Series) -> pd.Series:
    """Member counts above the limit of values.toml."""
    return values > value_words().max_members


def log_members_too_many(mask: pd.Series, values: pd.Series, raw: pd.DataFrame, column: str, log: ProblemLog) -> None:
    """An error (the row is rejected) for each member count above the limit."""
    if not mask.any():
        return
    limit = value_words().max_members
    problem = pd.Series("", index=raw.index, dtype=object)
    problem[mask] = [  # type: ignore[call-overload]  # pandas-stubs: a list is a valid masked value
        text("read.members_too_many", value=written_number(v), limit=limit) for v in values[mask]]
    log.add_rows(mask, raw, severity=severity("read.members_too_many"), code="members_invalid", column=column,
                 values=raw["members"], problem=problem, fix=fix("read.members_too_many", limit=limit))


def written_number(value: float) -> str:
    """A number as people of the run's language write it: 1.600.000 (vi) or 1,600,000 (en)."""
    written = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return written.translate(str.maketrans(",.", ".,")) if current_language() == "vi" else written




def id_text(values: pd.Series) -> pd.Series:
    """Id cells as the text they show: a number stored by the spreadsheet loses its '.0' and exponent
    (1.0 -> '1', 1.2345678901234568e16 -> '12345678901234568'); text and blanks are unchanged."""
    codes, found = pd.factorize(values, use_na_sentinel=True)
    uniques = np.asarray(found, dtype=object)
    numbers = np.flatnonzero(~of_kind(uniques, lambda k: issubclass(k, str)))  # text is shown as it is
    shown = uniques.copy()
    shown[numbers] = [_id_shown(u) for u in uniques[numbers]]
    if all(shown[i] is uniques[i] for i in numbers):
        return values
    table = np.append(shown, np.array([None], dtype=object))
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
    codes, found = pd.factorize(values, use_na_sentinel=True)
    uniques = np.asarray(found, dtype=object)
    long = np.zeros(len(uniques) + 1, dtype=bool)
    numbers = np.flatnonzero(~of_kind(uniques, lambda k: issubclass(k, str)))  # text ids are never rounded
    long[numbers] = [isinstance(u, (int, float, np.integer, np.floating)) and not isinstance(u, bool)
                     and np.isfinite(u) and abs(u) >= 1e15 for u in uniques[numbers]]
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
