"""The streaming reader: a located .csv/.parquet household table read chunk by chunk into Surveys, with the same
steps as the whole-file reader (steps.py: --columns check, income/B1 requirement, file warnings, typed households,
duplicate ids, problem frame). Repeated household ids across chunks are found first, in a pass over the id column
only: one 64-bit hash and one row number per household (12 bytes, ~330 MB at 27 M), then the exact ids of the
candidate rows are checked."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..domain.standard import Standard
from ..domain.survey import SourceInfo, Survey
from ..messages import location
from .cell_checks import id_text
from .normalise import ID_BASE, ProblemLog, made_up_id_base, unique_headers
from .sniff import fix_text
from .steps import (
    check_column_map,
    check_repeated_headers,
    problem_frame,
    reading_specs,
    reject_duplicate_ids,
    require_income,
    row_places,
    structure_warnings,
    typed_households,
)
from .stream_source import RowFilter, StreamSource, id_hashes, open_source, raw_chunks
from .values import parse_text


@dataclass
class Chunk:
    """One chunk of a streamed survey: its households as a Survey (records numbered across the file) and the
    records under the header it skipped."""

    survey: Survey
    rows: int  # records of the file in this chunk (households and skipped rows)
    kept: int  # household rows
    skipped_rows: list[tuple[int, str]]  # (Excel row, reason) of the non-blank rows skipped


def open_stream(path: Path, standard: Standard, columns: Mapping[str, str] | None = None) -> StreamSource:
    """The household table of a .csv/.parquet file, located and checked as the whole-file reader checks it."""
    check_column_map(columns, standard)
    specs = reading_specs(standard)
    source = open_source(path, specs, dict(columns or {}))
    check_repeated_headers(path, "", source.header_row, source.headers, source.mapping)
    require_income(location(path, ""), source.mapping, specs, standard)
    return source


def file_problems(source: StreamSource, standard: Standard) -> pd.DataFrame:
    """The file-level problems of a streamed table (missing columns), as the whole-file reader records them."""
    log = ProblemLog()
    structure_warnings(set(source.mapping.values()), standard, log, source.path.name, "")
    return problem_frame(log)


def duplicate_groups(source: StreamSource, chunk_rows: int) -> dict[str, list[str]]:
    """household_id -> 'file dòng N' of every copy, for ids that occur more than once in the file."""
    id_pos = next((p for p, f in source.mapping.items() if f == "household_id"), None)
    if id_pos is None:
        return {}  # ids are made from file and row: unique
    hashes, rows = [], []
    for frame, excel_rows in raw_chunks(source, chunk_rows, usecols=[id_pos]):
        hashed, known = id_hashes(frame[id_pos])  # a coarse key: equal hashes are checked exactly below
        hashes.append(hashed[known])
        rows.append(excel_rows[known].astype(np.int32))  # 4 bytes a row: 27 M rows fit
    if not hashes:
        return {}
    all_hashes = np.concatenate(hashes)
    del hashes
    uniq, counts = np.unique(all_hashes, return_counts=True)
    candidates = uniq[counts > 1]
    if not len(candidates):
        return {}
    candidate_rows = np.sort(np.concatenate(rows)[np.isin(all_hashes, candidates)])
    del all_hashes, rows
    found: list[tuple[str, int]] = []
    for frame, excel_rows in raw_chunks(source, chunk_rows, usecols=[id_pos]):
        pick = np.isin(excel_rows, candidate_rows)
        if pick.any():
            ids = parse_text(frame[id_pos][pick])
            found.extend(zip(ids.tolist(), excel_rows[pick].tolist()))
    table = pd.DataFrame(found, columns=["id", "row"])
    table = table[table["id"].duplicated(keep=False)]
    table["where"] = row_places(source.path.name, table["row"])
    return {str(k): list(g) for k, g in table.groupby("id", sort=False)["where"]}


def survey_chunks(source: StreamSource, standard: Standard, *, chunk_rows: int, copies: Mapping[str, list[str]],
                  columns: Mapping[str, str] | None = None, commune: str | None = None, area: str | None = None,
                  year: int | None = None) -> Iterator[Chunk]:
    """Each chunk of records under the header as a Survey, built like read_survey builds one from a whole sheet
    (``copies``: duplicate_groups of the whole file)."""
    names: dict[int, str] | None = None
    start = 0
    row_filter = RowFilter(source, reading_specs(standard), dict(columns or {}))
    for raw_frame, excel_rows in raw_chunks(source, chunk_rows):
        rows = raw_frame.to_numpy(dtype=object).tolist()
        fix_text(rows)  # the reader's text cleaning and legacy-font conversion
        keep = row_filter(rows)
        frame = pd.DataFrame(rows, dtype=object)
        if names is None:
            names = column_names(source, frame.loc[keep])
        survey = chunk_survey(frame, excel_rows, keep, source=source, names=names, start=start, standard=standard,
                              copies=copies, commune=commune, area=area, year=year)
        kept = int(keep.sum())
        skipped = [(int(excel_rows[i]), reason) for i, reason in row_filter.skipped]
        yield Chunk(survey=survey, rows=len(rows), kept=kept, skipped_rows=skipped)
        start += kept


def chunk_survey(frame: pd.DataFrame, excel_rows: np.ndarray, keep: np.ndarray, *, source: StreamSource,
                 names: dict[int, str], start: int, standard: Standard, copies: Mapping[str, list[str]],
                 commune: str | None, area: str | None, year: int | None = None) -> Survey:
    """One chunk's household rows as a Survey (records numbered from ``start``)."""
    original = frame.loc[keep, [c for c in names if c in frame.columns]].rename(columns=names)
    original.index = pd.RangeIndex(start, start + len(original))
    raw = pd.DataFrame(index=original.index)
    for pos, field in source.mapping.items():
        raw[field] = original[names[pos]] if names.get(pos) in original else ""
    raw["source_file"] = source.path.name
    raw["source_sheet"] = ""
    raw["source_row"] = excel_rows[keep]
    raw[ID_BASE] = made_up_id_base(source.path, "")
    for pos, field in source.mapping.items():  # ids keep their text form (a Parquet id column may be numbers)
        if field == "household_id" and names.get(pos) in original:
            original[names[pos]] = id_text(original[names[pos]])
    headers = {f: source.headers[pos] for pos, f in source.mapping.items()}
    log = ProblemLog()
    households = typed_households(raw, headers=headers, mapping=source.mapping, standard=standard, log=log,
                                  commune=commune or source.commune, area=area, year=year or source.year)
    reject_duplicate_ids(households, copies, log, headers.get("household_id", "household_id"))
    info = SourceInfo(path=str(source.path), sheet="", rows=len(original), first_record=start)
    return Survey(households=households, original=original, problems=problem_frame(log), sources=[info])


def column_names(source: StreamSource, first: pd.DataFrame) -> dict[int, str]:
    """Column position -> original name, as table_frames names them; layout columns (no header and blank in
    the first chunk) are dropped."""
    width = max(len(source.headers), first.shape[1])
    headers = source.headers + [""] * (width - len(source.headers))
    unique = unique_headers(headers)

    def empty(j: int) -> bool:  # only columns without a header are tested
        return j not in first or bool(first[j].map(lambda v: v == "" or v is None).all())

    return {j: unique[j] for j in range(width) if headers[j] or j in source.mapping or not empty(j)}
