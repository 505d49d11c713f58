"""read_survey: files or folders -> one Survey (canonical fields, original columns, problems)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from ..domain.models import ERROR, WARNING
from ..domain.standard import Standard
from ..domain.survey import SourceInfo, Survey
from ..errors import InputFileError
from ..messages import Phrase, fix, location, severity, text
from .cell_checks import id_text
from .input_files import InputFiles, find_inputs
from .normalise import ProblemLog, table_frames, unique_headers
from .parallel import read_many
from .readers import HouseholdTable, SheetGrid, data_rows, load_grids, locate_tables
from .roster_reader import (
    MemberSheet,
    add_roster,
    read_member_sheet,
    read_specs,
    split_member_grids,
)
from .side_files import OPTIONS, SIDE_FIELDS, damaged_by_export, score_header, score_phrase, side_hint, side_kind
from .steps import (
    TableError,
    check_column_map,
    check_repeated_headers,
    duplicate_copies,
    has_income,
    no_data_rows_error,
    no_header_error,
    no_income_error,
    problem_frame,
    recognised_columns,
    reject_duplicate_ids,
    structure_warnings,
    typed_households,
)

__all__ = ["SideFileError", "TableError", "household_tables", "keep_id_text", "read_survey", "recognised_columns"]


class SideFileError(InputFileError):
    """A file with no household table that is a totals file, a plan or a units map (``kind``)."""

    kind = ""
    code = "side_file"


FileProgress = Callable[[int], AbstractContextManager[Callable[[Path], None]]]  # n files -> done(path) while reading


@contextmanager
def no_progress(total: int) -> Iterator[Callable[[Path], None]]:
    """No progress shown (the library's default; the command line passes its bar)."""
    yield lambda path: None


def read_survey(
    inputs: Iterable[str | Path],
    *,
    standard: Standard,
    columns: Mapping[str, str] | None = None,
    sheet: str | None = None,
    commune: str | None = None,
    area: str | None = None,
    year: int | None = None,
    collect_file_errors: bool = False,
    reference_date: dt.date | None = None,
    progress: FileProgress | None = None,
) -> Survey:
    """Read one survey from files and folders; every data row comes out, with its problems listed.
    With ``collect_file_errors`` a file that cannot be read becomes a problem (for ``check``) instead of stopping.
    A members sheet (or file) beside the households gives the indicators by the standard's roster rules; ages are
    taken at ``reference_date`` (default 1 January of the review year). ``progress(n)`` is entered around the
    reading of n files and yields the callback to call as each file is done (the command line's progress bar)."""
    specs = read_specs(standard)
    check_column_map(columns, standard)
    log = ProblemLog()
    parts: list[tuple[pd.DataFrame, pd.DataFrame]] = []
    sources: list[SourceInfo] = []
    start = 0
    member_sheets: list[MemberSheet] = []
    found_inputs = find_inputs(inputs)
    paths = found_inputs.paths
    _input_notes(found_inputs, log)
    read_one = partial(_read_file, specs=specs, standard=standard, columns=columns, sheet=sheet, commune=commune,
                       area=area, year=year, collect_file_errors=collect_file_errors,
                       in_folder=frozenset(found_inputs.in_folder))
    with (progress or no_progress)(len(paths)) as done:
        files = read_many(paths, read_one, workers=None if _worth_workers(paths) else 1, on_done=done)
    for file in files:  # each file was read with records from 0; place it after the files before it
        for original, typed in file.parts:
            original.index = original.index + start
            typed.index = typed.index + start
            parts.append((original, typed))
        for source in file.sources:
            sources.append(replace(source, first_record=source.first_record + start))
        for block in file.blocks:
            block["record"] = block["record"] + start if block["record"].notna().any() else block["record"]
            log.blocks.append(block)
        member_sheets += file.members
        start += sum(len(o) for o, _ in file.parts)
    households = pd.concat([t for _, t in parts]) if parts else pd.DataFrame()
    original = pd.concat([o for o, _ in parts]) if parts else pd.DataFrame()
    _check_duplicates(households, log, sources)
    roster = None
    if member_sheets:
        roster = add_roster(households, original, member_sheets, standard, log, sources=sources, given=reference_date,
                            year=year)
    return Survey(households=households, original=original, problems=problem_frame(log), sources=sources,
                  roster=roster)


@dataclass
class _FilePart:
    """One file read on its own (records numbered from 0), ready to be placed in the survey."""

    parts: list[tuple[pd.DataFrame, pd.DataFrame]]
    sources: list[SourceInfo]
    blocks: list[pd.DataFrame]
    members: list[MemberSheet] = field(default_factory=list)  # members sheets of the roster (issue 18)


PARALLEL_MIN_BYTES = 2_000_000  # below this in total, starting worker processes costs more than it saves


def _worth_workers(paths: list[Path]) -> bool:
    """Worker processes only for several files with enough data between them."""
    return len(paths) > 1 and sum(p.stat().st_size for p in paths) >= PARALLEL_MIN_BYTES


def _read_file(path: Path, *, specs: tuple, standard: Standard, columns: Mapping[str, str] | None, sheet: str | None,
               commune: str | None, area: str | None, year: int | None, collect_file_errors: bool,
               in_folder: frozenset[Path] = frozenset()) -> _FilePart:
    """Every household table of one file (runs in a worker process when several files are read)."""
    log = ProblemLog()
    parts: list[tuple[pd.DataFrame, pd.DataFrame]] = []
    sources: list[SourceInfo] = []
    start = 0
    members: list[MemberSheet] = []
    try:
        grids = load_grids(path, sheet=sheet)
        grids, member_tables = split_member_grids(grids, specs, columns)
        if standard.roster is not None:
            members = [read_member_sheet(t, log) for t in member_tables]
        for table in member_tables if standard.roster is None else ():  # a members sheet is never passed over silently
            log.add_file(severity=WARNING, code="roster_no_rules", file=path.name, sheet=table.grid.sheet,
                         problem=text("roster.no_rules", standard=standard.id), fix=fix("roster.no_rules"))
        tables = household_tables(path, specs, columns, sheet, grids=grids, members_found=bool(members),
                                  standard=standard)
    except InputFileError as exc:
        if isinstance(exc, SideFileError) and path in in_folder:
            # A totals file, plan or units map in a folder of lists: passed over with a note naming its option.
            fields: dict[str, Any] = {"path": path, "kind": Phrase(f"read.side_kind.{exc.kind}"), "option": OPTIONS[exc.kind]}
            log.add_file(severity=severity("read.side_file_skipped"), code="side_file_skipped", file=str(path),
                         sheet="", problem=text("read.side_file_skipped", **fields),
                         fix=fix("read.side_file_skipped", **fields))
            return _FilePart(parts, sources, log.blocks)
        if not collect_file_errors:
            raise
        log.add_file(severity=ERROR, code=getattr(exc, "code", "file_unreadable"), file=path.name, sheet="",
                     problem=exc.message, fix=exc.hint or "")
        return _FilePart(parts, sources, log.blocks)
    for table in tables:
        headers = {f: table.headers[pos] for pos, f in table.mapping.items()}
        households, skipped = data_rows(table)
        if not has_income(table.mapping) or not households:  # another kind of table, or an empty one: rows reported
            if not has_income(table.mapping):
                log.add_file(severity=severity("read.other_table"), code="other_table", file=path.name,
                             sheet=table.grid.sheet, problem=text("read.other_table", row=table.header_row + 1),
                             fix=fix("read.other_table"))
            sources.append(SourceInfo(path=str(path), sheet=table.grid.sheet, rows=0, skipped=skipped,
                                      header_row=table.header_row + 1, columns=headers, year=year or table.year,
                                      first_record=start, title_year=table.year, skipped_rows=_skipped_rows(table)))
            continue
        original, raw, skipped = table_frames(table, start=start)
        sources.append(
            SourceInfo(path=str(path), sheet=table.grid.sheet, rows=len(original), skipped=skipped,
                       header_row=table.header_row + 1, columns=headers, year=year or table.year,
                       first_record=start, title_year=table.year, skipped_rows=_skipped_rows(table))
        )
        structure_warnings(set(table.mapping.values()), standard, log, path.name, table.grid.sheet)
        typed = typed_households(raw, headers=headers, mapping=table.mapping, standard=standard, log=log,
                                 commune=commune or table.commune, area=area, year=year or table.year)
        keep_id_text(original, table.headers, table.mapping)
        parts.append((original, typed))
        start += len(original)
    return _FilePart(parts, sources, log.blocks, members)


def keep_id_text(original: pd.DataFrame, headers: list[str], mapping: dict[int, str]) -> None:
    """The household id column of the original cells keeps the text form of its ids (no '1.0', no '1.23e+16'):
    next year's list is matched on it."""
    names = unique_headers(headers + [""] * (max(mapping, default=0) + 1 - len(headers)))
    for pos, name in mapping.items():
        if name == "household_id" and names[pos] in original:
            original[names[pos]] = id_text(original[names[pos]])


def _skipped_rows(table: HouseholdTable) -> tuple[tuple[int, str], ...]:
    """The non-blank rows skipped under the table's header, as (Excel row, reason)."""
    return tuple((row + 1, reason) for row, reason in table.skipped_rows)


def household_tables(
    path: Path, specs: tuple, columns: Mapping[str, str] | None, sheet: str | None, *,
    grids: list[SheetGrid] | None = None, members_found: bool = False, standard: Standard | None = None,
) -> list[HouseholdTable]:
    """The tables of a file that hold household rows (a header with income or B1, and data under it), with the
    other tables of those sheets (their rows are reported as skipped). Sheets without a household table
    (instructions, summaries) are passed over; raises InputFileError when none is left, unless the file held a
    members sheet (the households may be in another file)."""
    grids = load_grids(path, sheet=sheet) if grids is None else grids
    by_sheet = [locate_tables(g, specs, dict(columns or {})) for g in grids]
    found = [t for tables in by_sheet for t in tables]
    for table in found:
        check_repeated_headers(path, table.grid.sheet, table.header_row, table.headers, table.mapping)
    if members_found and not [t for t in found if has_income(t.mapping) and data_rows(t)[0]]:
        return []
    with_income = [t for t in found if has_income(t.mapping)]
    if not with_income:
        _no_household_table(path, grids, found, specs, standard)
    with_rows = [t for t in with_income if data_rows(t)[0]]
    if not with_rows:
        raise no_data_rows_error(path)
    sheets = {id(t.grid) for t in with_rows}
    return [t for t in found if id(t.grid) in sheets]  # every table of a sheet with households: all rows counted


def _no_household_table(path: Path, grids: list[SheetGrid], found: list[HouseholdTable], specs: tuple,
                        standard: Standard | None) -> None:
    """Raise the error of a file with no household table: text damaged by an export, a totals file / plan / units
    map (SideFileError, with the option to give it by), no header, or no income or score column."""
    if damaged_by_export(grids):
        raise TableError.of("read.damaged_export", path=path).with_code("damaged_export")
    # Only a file whose tables name nothing but units and persons can be a totals file, plan or units map: a list
    # with an id, names or indicators but no income column stays an error, even beside a summary sheet.
    kind = None if any(set(t.mapping.values()) - SIDE_FIELDS for t in found) else side_kind(grids)
    if not found and not kind:
        raise no_header_error(path)
    fields = {"where": location(path, found[0].grid.sheet) if found else str(path),
              "found": recognised_columns(found[0].mapping, specs) if found else text("read.no_column_recognised"),
              "score": score_phrase(standard), "score_header": score_header(standard)}
    if kind:
        error = SideFileError.of("read.no_income_side_file", **fields, hint=side_hint(kind, path))
        error.kind, error.code = kind, "side_file"
        raise error
    raise no_income_error(fields["where"], found[0].mapping if found else None, specs, standard)


def _input_notes(found: InputFiles, log: ProblemLog) -> None:
    """The inputs given twice, the files of a folder passed over, and the sub-folders not read: one line each."""
    for code, path, fields in found.notes:
        log.add_file(severity=severity(code), code=code.rsplit(".", 1)[-1], file=str(path), sheet="",
                     problem=text(code, path=path, **fields), fix=fix(code))


def _check_duplicates(households: pd.DataFrame, log: ProblemLog, sources: list[SourceInfo]) -> None:
    """Every copy of a repeated household_id is rejected, each naming the rows of the others (steps.reject_duplicate_ids)."""
    copies = duplicate_copies(households)
    if not copies:
        return
    written = {(Path(src.path).name, src.sheet): src.columns.get("household_id", "household_id") for src in sources}
    sub = households.loc[households["household_id"].isin(list(copies)), ["source_file", "source_sheet"]]
    column = pd.Series([written.get(k, "household_id") for k in zip(sub["source_file"], sub["source_sheet"])],
                       index=sub.index, dtype=object)  # one look-up per duplicate row only
    reject_duplicate_ids(households, copies, log, column)
