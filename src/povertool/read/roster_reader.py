"""Reading the member roster: finding members sheets beside the household list, typing their facts, and joining
them to the households by Mã hộ (issue 18). The marks themselves are derived in domain/roster.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..domain.models import WARNING
from ..domain.roster import Derivation, ages, derive
from ..domain.standard import Standard
from ..errors import InputFileError
from ..messages import current_language, fix, text
from ..words import roster_fields
from .body import classify_body
from .headers import FieldSpec
from .layout import find_layout
from .normalise import ProblemLog, table_frames
from .readers import INCOME_FIELDS, HouseholdTable, SheetGrid, locate_table
from .roster_evidence import compose, evidence, member_values
from .roster_fields import parse_facts
from .roster_vocab import roster_specs

AGE_FIELDS = ("birth_date", "birth_year", "age")


@dataclass
class MemberSheet:
    """One members sheet read: its typed rows (household_id, facts, source columns) and its row counts."""

    path: str
    sheet: str
    rows: int
    skipped: int
    header_row: int
    columns: dict[str, str]  # field -> header as written
    members: pd.DataFrame


@dataclass
class Roster:
    """The roster joined to the households: what was derived, from what, and at which reference date."""

    reference: dt.date
    reference_how: str
    members: pd.DataFrame  # members joined to a household: facts, age, household (index label), source columns
    derivation: Derivation
    derived: tuple[str, ...]  # indicators whose values come from the roster
    sheets: list[MemberSheet] = field(default_factory=list)


def split_member_grids(grids: list[SheetGrid], specs: tuple[FieldSpec, ...], columns: Mapping[str, str] | None
                       ) -> tuple[list[SheetGrid], list[HouseholdTable]]:
    """(grids that may hold households, members tables): a members table has Mã hộ and a birth date, birth year
    or age, and no income or B1 column. Only the header band near the top is looked at to tell them apart."""
    member_specs = roster_specs("members")
    overrides = dict(columns or {})
    household_grids, members = [], []
    for grid in grids:
        top = find_layout(grid.rows, member_specs, overrides, grid.merges)
        fields = set(top.mapping.values()) if top is not None else set()
        if top is None or "household_id" not in fields or not fields & set(AGE_FIELDS):
            household_grids.append(grid)
            continue
        as_household = find_layout(grid.rows, specs, overrides, grid.merges)
        table = None if as_household is not None and set(as_household.mapping.values()) & INCOME_FIELDS else \
            locate_table(grid, member_specs, overrides)
        if table is None:
            household_grids.append(grid)
        else:
            members.append(table)
    return household_grids, members


def read_member_sheet(table: HouseholdTable, log: ProblemLog) -> MemberSheet:
    """The typed members of one sheet; a row with a name or a fact but no Mã hộ still counts (with a warning)."""
    # The row rules know household fields: a member's name plays the head's name (a name with another value).
    mapping = {p: ("head_name" if f == "member_name" else f) for p, f in table.mapping.items()}
    body = classify_body(table.grid.rows, mapping, start=table.header_row + 1, end=table.end,
                         layout_rows=table.layout_rows, block=table.grid.cell_block())
    table.household_rows, table.skipped_rows = body.households, body.skipped
    _, raw, skipped = table_frames(table, start=0)
    headers = {f: table.headers[pos] for pos, f in table.mapping.items()}
    names = [f for f in raw.columns if f in roster_fields() and roster_fields()[f].table == "members"]
    before = len(log.blocks)
    typed = parse_facts(raw, [n for n in names if n != "member_name"], headers, log)
    for block in log.blocks[before:]:  # problems of members rows name no household record
        block["record"] = None
    for name in ("source_file", "source_sheet", "source_row"):
        typed[name] = raw[name]
    if "household_id" in typed:
        missing = typed["household_id"].isna()
        _add(log, missing, raw, code="roster_member_no_id", column=headers["household_id"], values=None,
             problem=text("roster.member_no_id"), fix_code="roster.member_no_id", household=False)
    return MemberSheet(path=str(table.grid.path), sheet=table.grid.sheet, rows=len(typed), skipped=skipped,
                       header_row=table.header_row + 1, columns=headers, members=typed)


def household_fact_fields() -> list[str]:
    """The dwelling/household facts of the roster (read from the household sheet)."""
    return [n for n, f in roster_fields().items() if f.table == "household"]


def reference_date(given: dt.date | None, year: int | None) -> tuple[dt.date, str]:
    """The date ages are taken at: given, else 1 January of the review year, else of this year (how, for people)."""
    if given is not None:
        return given, "given"
    if year is not None:
        return dt.date(year, 1, 1), "review_year"
    return dt.date(dt.date.today().year, 1, 1), "current_year"


def apply_roster(
    households: pd.DataFrame, original: pd.DataFrame, sheets: list[MemberSheet], standard: Standard, log: ProblemLog,
    *, reference: dt.date, reference_how: str, columns_by_sheet: dict[tuple[str, str], dict[str, str]],
) -> Roster:
    """Derive the standard's indicators from the members (``households`` is changed in place: derived marks,
    members filled in where the list lacks them); every disagreement, orphan and unknown goes to ``log``."""
    rules = standard.roster
    assert rules is not None
    if households.empty:
        raise InputFileError(text("roster.no_household_list"), hint=fix("roster.no_household_list"))
    if households["source_row"].notna().any() and not any("household_id" in c for c in columns_by_sheet.values()):
        name = Path(str(households["source_file"].iloc[0])).name
        raise InputFileError(text("roster.no_household_id", file=name), hint=fix("roster.no_household_id"))
    members = pd.concat([s.members for s in sheets], ignore_index=True)
    members = members[members["household_id"].notna()] if "household_id" in members else members.iloc[:0]
    position = _positions(households, members)
    orphan = position < 0
    _member_warnings(members, orphan, sheets, log)
    members = members.loc[~orphan].copy()
    position = position[~orphan]
    members["household"] = households.index.to_numpy()[position]
    birth = {name: members[name] for name in AGE_FIELDS if name in members}
    members["age"], late = ages(reference=reference, how=rules.age_from_birth_year, index=members.index, **birth)
    column_of = {s.sheet: s.columns for s in sheets}
    where = next((c for c in AGE_FIELDS if c in members), "")
    _add(log, pd.Series(late, index=members.index), members, code="roster_born_late",
         column=members["source_sheet"].map(lambda s: column_of.get(s, {}).get(where, where)),
         values=members[where] if where else None, household=False,
         problem=text("roster.born_late", reference=f"{reference:%d/%m/%Y}"), fix_code="roster.born_late")
    derived = _choose(households, members, standard, log, list(columns_by_sheet))
    derivation = derive(households, members, position, rules, derived)
    _compare_marks(households, original, members, derivation, standard, derived, log, columns_by_sheet)
    for code in derived:
        households[code] = derivation.marks[code]
    _members_count(households, derivation.members, log, columns_by_sheet)
    return Roster(reference, reference_how, members, derivation, derived, sheets)


def _positions(households: pd.DataFrame, members: pd.DataFrame) -> np.ndarray:
    """Each member's household row (0-based), -1 when its Mã hộ is not on the list (first copy of a repeated id)."""
    ids = households["household_id"].astype(object)
    first = pd.Series(np.arange(len(ids)), index=ids.to_numpy()).groupby(level=0, sort=False).first()
    if "household_id" not in members:
        return np.full(len(members), -1, dtype=np.int64)
    return members["household_id"].map(first).fillna(-1).to_numpy(dtype=np.int64)


def _member_warnings(members: pd.DataFrame, orphan: np.ndarray, sheets: list[MemberSheet], log: ProblemLog) -> None:
    column_of = {s.sheet: s.columns.get("household_id", "Mã hộ") for s in sheets}
    mask = pd.Series(orphan, index=members.index)
    if mask.any():
        column = members["source_sheet"].map(lambda s: column_of.get(s, "Mã hộ"))
        problem = compose("roster.member_orphan", members.index, id=members["household_id"].astype(str))
        _add(log, mask, members, code="roster_member_orphan", column=column, values=members["household_id"],
             problem=problem, fix_code="roster.member_orphan", household=False)


def _choose(households: pd.DataFrame, members: pd.DataFrame, standard: Standard, log: ProblemLog,
            sheets: list[tuple[str, str]]) -> tuple[str, ...]:
    """The indicators to derive: a rule whose columns are all there; with a column missing, the marks when the
    list has them (else derived anyway: unknown only where the missing fact could change the result)."""
    assert standard.roster is not None
    groups = standard.roster.groups
    fields = roster_fields()
    chosen = []
    for ind in standard.indicators:
        rule = standard.roster.rule(ind.code)
        if rule is None:
            continue
        missing = [f for f in rule.fields(groups)
                   if f not in (members if fields[f].table == "members" else households)]
        if rule.uses_age(groups) and not any(c in members for c in AGE_FIELDS):
            missing.append("birth_year")
        headers = ", ".join(f"'{fields[f].header}'" for f in missing)
        name = ind.name if current_language() == "vi" else ind.name_en or ind.name
        marked = ind.code in households
        if missing:
            code = "roster.marks_used" if marked else "roster.columns_missing"
            for file, sheet in sheets[:1]:
                log.add_file(severity=WARNING, code=code.replace(".", "_"), file=file, sheet=sheet,
                             problem=text(code, indicator=name, columns=headers), fix=fix(code))
        if not missing or not marked:
            chosen.append(ind.code)
    return tuple(chosen)


def _compare_marks(households: pd.DataFrame, original: pd.DataFrame, members: pd.DataFrame, derivation: Derivation,
                   standard: Standard, derived: tuple[str, ...], log: ProblemLog,
                   columns_by_sheet: dict[tuple[str, str], dict[str, str]]) -> None:
    """A warning for each mark the roster contradicts, and for each derived value left unknown."""
    assert standard.roster is not None
    lang = current_language()
    words = {True: text("roster.deprived"), False: text("roster.not_deprived")}
    for ind in standard.indicators:
        if ind.code not in derived:
            continue
        rule = standard.roster.rule(ind.code)
        assert rule is not None
        value = derivation.marks[ind.code]
        name = ind.name if lang == "vi" else ind.name_en or ind.name
        header = _header_per_row(households, columns_by_sheet, ind.code, ind.name)
        if ind.code in households:
            mark = households[ind.code]
            differ = (mark.notna() & value.notna() & (mark != value)).fillna(False).astype(bool)
            if differ.any():
                facts = evidence(rule, standard.roster, households, differ.to_numpy(), members, derivation)
                marked = mark[differ].astype(bool)
                problem = compose("roster.mark_disagrees", marked.index, indicator=name, facts=facts,
                                  mark=marked.map(words), derived=(~marked).map(words))
                _add(log, differ, households, code="roster_mark_disagrees", column=header,
                     values=_cells(original, header, differ), problem=problem, fix_code="roster.mark_disagrees")
        unknown = pd.Series(value.isna().to_numpy() & (derivation.members > 0), index=households.index)
        if unknown.any():
            facts = evidence(rule, standard.roster, households, unknown.to_numpy(), members, derivation)
            problem = compose("roster.indicator_unknown", facts.index, indicator=name, facts=facts)
            _add(log, unknown, households, code="roster_indicator_unknown", column=header, values=None,
                 problem=problem, fix_code="roster.indicator_unknown")


def _cells(original: pd.DataFrame, header: pd.Series, mask: pd.Series) -> pd.Series:
    """The cells as written under each row's header (the commune's mark), for the rows of ``mask``."""
    out = pd.Series("", index=mask[mask].index, dtype=object)
    for name in header[mask].unique():
        rows = header[mask][header[mask] == name].index
        if name in original:
            out[rows] = original.loc[rows, name]
    return out


def _add(log: ProblemLog, mask: pd.Series, frame: pd.DataFrame, *, code: str, column: str | pd.Series,
         values: pd.Series | None, problem: str | pd.Series, fix_code: str, household: bool = True) -> None:
    """One warning per row of ``mask``; ``household`` False for members rows (their problem names no household)."""
    if not mask.any():
        return
    rows = mask[mask].index
    pick = (lambda x: x.reindex(rows) if isinstance(x, pd.Series) else x)  # noqa: E731
    log.add_rows(pd.Series(True, index=rows), frame.loc[rows], severity=WARNING, code=code, column=pick(column),
                 values=pick(values), problem=pick(problem), fix=fix(fix_code))
    if not household:
        log.blocks[-1]["record"] = None


def _header_per_row(households: pd.DataFrame, columns_by_sheet: dict[tuple[str, str], dict[str, str]], code: str,
                    default: str) -> pd.Series:
    """The indicator's header as written on each household's sheet (its name when the sheet has no such column)."""
    keys = households["source_file"].astype(str) + "\0" + households["source_sheet"].astype(str)
    codes, uniques = pd.factorize(keys)  # one look-up per sheet, not per household
    names = np.array([columns_by_sheet.get(tuple(k.split("\0", 1)), {}).get(code, default) for k in uniques] + [default],
                     dtype=object)
    return pd.Series(names[np.where(codes < 0, len(uniques), codes)], index=households.index)


def _members_count(households: pd.DataFrame, listed: np.ndarray, log: ProblemLog,
                   columns_by_sheet: dict[tuple[str, str], dict[str, str]]) -> None:
    """Members from the roster where the list has none; a warning where both are there and differ; a warning for
    a household with nobody listed."""
    n = pd.Series(listed, index=households.index)
    none = n == 0
    _add(log, none, households, code="roster_no_members", values=households["household_id"],
         column=_header_per_row(households, columns_by_sheet, "household_id", "Mã hộ"),
         problem=text("roster.no_members"), fix_code="roster.no_members")
    if "members" not in households:
        households["members"] = n.where(~none)
        return
    written = pd.to_numeric(households["members"], errors="coerce")
    differ = written.notna() & ~none & (written != n)
    if differ.any():
        problem = compose("roster.members_differ", households.index, written=written.map(_whole), listed=n.map(_whole))
        _add(log, differ, households, code="roster_members_differ", values=households["members"],
             column=_header_per_row(households, columns_by_sheet, "members", "Số nhân khẩu"),
             problem=problem, fix_code="roster.members_differ")
    households["members"] = written.where(written.notna() | none, n)


def _whole(value: Any) -> str:
    return "" if value != value else str(int(value)) if float(value).is_integer() else str(value)


__all__ = ["MemberSheet", "Roster", "apply_roster", "household_fact_fields", "member_values", "read_member_sheet",
           "reference_date", "split_member_grids"]


def read_specs(standard: Standard) -> tuple[FieldSpec, ...]:
    """The household sheet's fields: the usual ones and, when the standard has roster rules, the dwelling facts."""
    from .headers import field_specs

    return field_specs(standard) + (roster_specs("household") if standard.roster is not None else ())


def household_facts(typed: pd.DataFrame, raw: pd.DataFrame, headers: dict[str, str], log: ProblemLog) -> pd.DataFrame:
    """The dwelling facts of the household sheet, typed (blank = not known) beside the canonical fields."""
    names = [n for n in household_fact_fields() if n in raw]
    if not names:
        return typed
    facts = parse_facts(raw, names, headers, log)
    return pd.concat([typed, facts], axis=1)


def add_roster(households: pd.DataFrame, original: pd.DataFrame, sheets: list[MemberSheet], standard: Standard,
               log: ProblemLog, *, sources: list[Any], given: dt.date | None, year: int | None) -> Roster:
    """Join the members to the households and derive the indicators; the file-level warnings that the roster
    answers (no indicator columns, no members column) are taken back."""
    titles = {s.year for s in sources if s.year}
    review_year = year or (titles.pop() if len(titles) == 1 else None)
    reference, how = reference_date(given, review_year)
    columns_by_sheet = {(Path(s.path).name, s.sheet): dict(s.columns) for s in sources}
    had_members = "members" in households
    roster = apply_roster(households, original, sheets, standard, log, reference=reference, reference_how=how,
                          columns_by_sheet=columns_by_sheet)
    if how == "current_year" and sources:
        log.add_file(severity=WARNING, code="roster_reference_guessed", file=Path(sources[0].path).name,
                     sheet=sources[0].sheet, problem=text("roster.reference_guessed", reference=f"{reference:%d/%m/%Y}"),
                     fix=fix("roster.reference_guessed"))
    answered = {"indicator_missing"} | ({"members_column_missing"} if not had_members else set())
    log.blocks[:] = [b for b in log.blocks if not b["code"].isin(answered).all()]
    if "members" in households:  # a blank members cell the roster filled is no longer missing
        filled = set(households.index[households["members"].notna()])
        log.blocks[:] = [b[~((b["code"] == "members_missing") & b["record"].isin(filled))] for b in log.blocks]
    left = [ind.name for ind in standard.indicators if ind.code not in households]
    if left and sources:
        log.add_file(severity=WARNING, code="roster_not_derived", file=Path(sources[0].path).name,
                     sheet=sources[0].sheet, problem=text("roster.not_derived", names=", ".join(left)),
                     fix=fix("roster.not_derived"))
    return roster


def roster_summary(roster: Roster, households: int) -> dict[str, Any]:
    """The roster's part of the run summary (``--json``): reference date, members joined, indicators derived."""
    joined = int(roster.members["household"].nunique()) if len(roster.members) else 0
    reference = roster.reference.isoformat()
    return {
        "sheets": sheet_lines(roster),
        "reference_date": reference, "reference_from": roster.reference_how, "members": int(len(roster.members)),
        "households_with_members": joined, "derived": list(roster.derived),
        "line": {"members": len(roster.members), "households": joined, "reference": f"{roster.reference:%d/%m/%Y}",
                 "derived": len(roster.derived)},
    }


def sheet_lines(roster: Roster) -> list[str]:
    """One line per members sheet: rows read = member rows + rows skipped (as for the household sheets)."""
    lines = []
    for s in roster.sheets:
        where = f'{s.path}, sheet "{s.sheet}"' if s.sheet else s.path
        lines.append(text("roster.sheet_line", where=where, header=s.header_row, read=s.rows + s.skipped,
                          members=s.rows, skipped=s.skipped))
    return lines
