"""The reading steps shared by the whole-file reader (survey_reader) and the streaming reader (chunks): each rule
lives here once, so a rule fixed for one path is fixed for both (issue 17).

Checking --columns, the income/B1 requirement, the file-level warnings, the 'no data rows' stop, the typed
households of a table, the duplicate-id rule and the problem frame handed to the domain."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ..domain.standard import Standard
from ..domain.survey import PROBLEM_COLUMNS
from ..errors import InputFileError
from ..messages import current_language, fix, location, text, text_rows
from .headers import FieldSpec
from .normalise import ProblemLog, canonical_fields
from .readers import INCOME_FIELDS


class TableError(InputFileError):
    """A file read fine but holds no usable household table; ``code`` names the problem for ``check``."""

    def __init__(self, message: str = "", *, hint: str | None = None, code: str = "file_unreadable") -> None:
        super().__init__(message, hint=hint)
        self.code = code

    def with_code(self, code: str) -> TableError:
        """The same error naming its problem code for ``check``."""
        self.code = code
        return self

    @classmethod
    def coded(cls, message_code: str, code: str, **fields: object) -> TableError:
        """The error of catalogue entry ``message_code`` naming problem ``code`` for ``check``."""
        error = cls.of(message_code, **fields)
        assert isinstance(error, TableError)
        return error.with_code(code)


def reading_specs(standard: Standard) -> tuple[FieldSpec, ...]:
    """The header specs a household table is matched with (the dwelling facts too when the standard has roster
    rules): the same for the whole file and the stream."""
    from .roster_reader import read_specs

    return read_specs(standard)


def check_column_map(columns: Mapping[str, str] | None, standard: Standard) -> None:
    """--columns may only name fields the reader knows (household table and members sheet): else stop, listing them."""
    from .roster_vocab import roster_specs

    known = {s.name for s in reading_specs(standard) + roster_specs("members")}
    for header, field in (columns or {}).items():
        if field not in known:
            raise InputFileError.of("io.columns_unknown_field", header=header, field=field,
                                    known=", ".join(sorted(known)))


def has_income(mapping: Mapping[int, str]) -> bool:
    """A household table has an income or B1 (score) column: without one nobody can be classified."""
    return bool(set(mapping.values()) & INCOME_FIELDS)


def recognised_columns(mapping: Mapping[int, str], specs: tuple[FieldSpec, ...]) -> str:
    """The columns a header row was matched to, by column letter and the field's own header: never the cells as
    written, which may be a household's name or ID number when the real header was not recognised."""
    from .extent import column_letters

    names = {s.name: s.header for s in specs}
    found = [f"{column_letters(pos + 1)}: {names.get(f, f)}" for pos, f in sorted(mapping.items())]
    return "; ".join(found) if found else text("read.no_column_recognised")


def no_income_error(where: object, mapping: Mapping[int, str] | None, specs: tuple[FieldSpec, ...],
                    standard: Standard | None) -> TableError:
    """The stop for a household table with no income or score column, naming the columns that were recognised."""
    from .side_files import score_header, score_phrase

    found = recognised_columns(mapping, specs) if mapping is not None else text("read.no_column_recognised")
    return TableError.coded("read.no_income_column", "required_field_missing", where=where, found=found,
                            score=score_phrase(standard), score_header=score_header(standard))


def require_income(where: object, mapping: Mapping[int, str], specs: tuple[FieldSpec, ...], standard: Standard) -> None:
    """Stop (no_income_error) unless the table has an income or score column."""
    if not has_income(mapping):
        raise no_income_error(where, mapping, specs, standard)


def check_repeated_headers(path: Path, sheet: str, header_row: int, headers: list[str],
                           mapping: Mapping[int, str]) -> None:
    """Two columns with the same header for one field: an error naming both, not a silent pick."""
    from .extent import column_letters
    from .layout import Layout, repeated_headers

    layout = Layout(header_row, header_row, headers, dict(mapping), None, None)
    for positions in repeated_headers(layout).values():
        raise TableError(
            text("read.repeated_header", where=location(path, sheet), row=header_row + 1, header=headers[positions[0]],
                 columns=", ".join(column_letters(p + 1) for p in positions)),
            hint=fix("read.repeated_header"), code="repeated_header",
        )


def no_header_error(path: Path) -> TableError:
    """The stop for a file with no household header in the rows the header search reads (layout.HEADER_SEARCH_ROWS)."""
    from .layout import HEADER_SEARCH_ROWS

    return TableError.coded("io.no_header", "no_header", path=path, rows=HEADER_SEARCH_ROWS)


def no_data_rows_error(path: Path) -> TableError:
    """The stop for a household table with a header but not one household under it."""
    return TableError.coded("io.no_data_rows", "no_data_rows", path=path)


def structure_warnings(mapped: set[str], standard: Standard, log: ProblemLog, file: str, sheet: str) -> None:
    """A file-level warning for each missing column that the results depend on (members, indicators)."""
    if "members" not in mapped:
        log.add_file(code="members_column_missing", file=file, sheet=sheet, column="Số nhân khẩu")
    absent = [ind for ind in standard.indicators if ind.code not in mapped]
    if not absent or len(absent) == len(standard.indicators) and ("b2_score" in mapped):
        return  # all present, or the score path (B2) carries the count
    english = current_language() == "en"
    names = ", ".join((ind.name_en or ind.name) if english else ind.name for ind in absent)
    log.add_file(code="indicator_missing", file=file, sheet=sheet, names=names)


def typed_households(raw: pd.DataFrame, *, headers: dict[str, str], mapping: Mapping[int, str],
                     standard: Standard, log: ProblemLog, commune: str | None, area: str | None,
                     year: int | None) -> pd.DataFrame:
    """The canonical, typed households of a table's raw cells (and the dwelling facts under roster rules)."""
    typed = canonical_fields(raw, headers=headers, specs=reading_specs(standard), standard=standard, log=log,
                             commune=commune, area=area, year=year,
                             positions={f: pos for pos, f in mapping.items()})
    if standard.roster is not None:
        from .roster_reader import household_facts

        typed = household_facts(typed, raw, headers, log)
    return typed


def row_places(files: pd.Series | str, rows: pd.Series | np.ndarray) -> pd.Series:
    """'file dòng N' for each row (common.file_row), as problems name the other copies of a household."""
    rows = rows if isinstance(rows, pd.Series) else pd.Series(rows)
    if isinstance(files, str):
        files = pd.Series(files, index=rows.index)
    return text_rows("common.file_row", file=files, row=rows)


def duplicate_copies(households: pd.DataFrame) -> dict[str, list[str]]:
    """household_id -> the place ('file dòng N') of every copy, for ids that occur more than once in ``households``."""
    if households.empty:
        return {}
    ids = households["household_id"]
    dup = ids.duplicated(keep=False) & ids.notna()
    if not dup.any():
        return {}
    where = row_places(households.loc[dup, "source_file"], households.loc[dup, "source_row"])
    return {k: list(g) for k, g in where.groupby(ids[dup], sort=False)}


def reject_duplicate_ids(households: pd.DataFrame, copies: Mapping[str, list[str]], log: ProblemLog,
                         column: str | pd.Series) -> None:
    """Every copy of a repeated household_id is rejected, each naming the places of the others (``copies``: id ->
    every copy's place, from duplicate_copies or from a pass over a streamed file)."""
    if not copies or households.empty:
        return
    ids = households["household_id"]
    dup = ids.isin(list(copies)) & ids.notna()
    if not dup.any():
        return
    own = row_places(households.loc[dup, "source_file"], households.loc[dup, "source_row"])
    others = pd.Series("", index=households.index, dtype=object)
    for label, own_place, household_id in zip(own.index, own.tolist(), ids[dup].tolist()):  # duplicate rows only
        places = list(copies[household_id])
        if own_place in places:  # its own place once: two sheets of a file may share a row number
            places.remove(own_place)
        others[label] = ", ".join(places)
    if isinstance(column, pd.Series):
        column = column.reindex(households.index[dup.to_numpy()])
    log.add_rows(dup, households, code="duplicate_id", column=column, values=ids, others=others)


def problem_frame(log: ProblemLog) -> pd.DataFrame:
    """The problems of a read, in the declared columns, by record (file-level problems first) then severity."""
    problems = pd.concat(log.blocks, ignore_index=True) if log.blocks else pd.DataFrame(columns=list(PROBLEM_COLUMNS))
    problems["row"] = problems["row"].astype("Int64")
    problems["record"] = problems["record"].astype("Int64")
    problems = problems.sort_values(["record", "severity"], kind="stable", na_position="first").reset_index(drop=True)
    return problems[list(PROBLEM_COLUMNS)]
