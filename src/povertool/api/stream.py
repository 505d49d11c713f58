"""National scale: classify a .csv/.parquet survey of any size chunk by chunk into a .csv/.parquet output,
with the summary aggregated chunk by chunk and peak memory bounded by the chunk size.

Each chunk goes through the same pieces as the whole-file path (header matching, value parsers,
canonical_fields, classify_survey, Classification.table), so the output is the same. Repeated household
ids across chunks are found first, in a pass over the id column only: one 64-bit hash and one row number
per household (12 bytes, ~330 MB at 27 M), then the exact ids of the candidate rows are checked.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..domain.classify import low_income_note
from ..domain.measures import rate
from ..domain.models import STATUSES
from ..domain.run import classify_survey
from ..domain.standard import Standard
from ..domain.survey import PROBLEM_COLUMNS, SourceInfo, Survey
from ..errors import DataError, InputFileError
from ..messages import text, text_rows
from ..read.cell_checks import id_text
from ..read.headers import field_specs
from ..read.normalise import ID_BASE, ProblemLog, _unique_headers, canonical_fields, made_up_id_base
from ..read.sniff import fix_text
from ..read.stream_source import STREAM_SUFFIXES, RowFilter, StreamSource, id_hashes, open_source, raw_chunks
from ..read.values import parse_text
from ..render.reasons import add_words
from ..render.writers import atomic_path, frame_for_text, temp_beside, whole_numbers

DEFAULT_CHUNK_ROWS = 100_000  # ~0.6 GB peak in the benchmark; 200,000 rows ~1.05 GB, no faster
REJECTED_LISTED = 1000  # rejected rows listed in the summary (all of them are in the .rejected file)
SKIPPED_LISTED = 100_000  # non-blank rows skipped under the header, listed by row number


def can_stream(inputs: list[Path], output: Path) -> bool:
    """One .csv/.parquet input and a .csv/.parquet output: the streaming path applies."""
    return len(inputs) == 1 and inputs[0].is_file() and inputs[0].suffix.lower() in STREAM_SUFFIXES \
        and output.suffix.lower() in STREAM_SUFFIXES


def _where(path: Path, rows: np.ndarray) -> np.ndarray:
    head, tail = text("common.file_row", file=path.name, row="\ue002").split("\ue002")
    return np.char.add(np.char.add(head, rows.astype(str)), tail).astype(object)


def duplicate_groups(source: StreamSource, chunk_rows: int) -> dict[str, list[str]]:
    """household_id -> 'file dòng N' of every copy, for ids that occur more than once in the file."""
    id_pos = next((p for p, f in source.mapping.items() if f == "household_id"), None)
    if id_pos is None:
        return {}  # ids are made from file and row: unique
    hashes, rows = [], []
    for frame, excel_rows in raw_chunks(source, chunk_rows, usecols=[id_pos]):
        hashed, known = id_hashes(frame[id_pos])
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
    candidate_rows = np.concatenate(rows)[np.isin(all_hashes, candidates)]
    del all_hashes, rows
    found: list[tuple[str, int]] = []
    for frame, excel_rows in raw_chunks(source, chunk_rows, usecols=[id_pos]):
        pick = np.isin(excel_rows, candidate_rows)
        if pick.any():
            ids = parse_text(frame[id_pos][pick])
            found.extend(zip(ids.tolist(), excel_rows[pick].tolist()))
    table = pd.DataFrame(found, columns=["id", "row"])
    table = table[table["id"].duplicated(keep=False)]
    table["where"] = _where(source.path, table["row"].to_numpy())
    return {k: list(g) for k, g in table.groupby("id", sort=False)["where"]}


def _check_duplicates(households: pd.DataFrame, groups: dict[str, list[str]], log: ProblemLog, column: str) -> None:
    """The whole-file rule (every copy rejected, naming the others), with copies from any chunk."""
    if not groups or households.empty:
        return
    ids = households["household_id"]
    dup = ids.isin(groups.keys()) & ids.notna()
    if not dup.any():
        return
    own = text_rows("common.file_row", file=households["source_file"], row=households["source_row"])
    others = pd.Series("", index=households.index, dtype=object)
    for idx in np.flatnonzero(dup.to_numpy()):
        label = households.index[int(idx)]
        others[label] = ", ".join(w for w in groups[ids.iloc[idx]] if w != own.iloc[idx])
    log.add_rows(dup, households, code="duplicate_id", column=column, values=ids, others=others)


def _chunk_survey(frame: pd.DataFrame, excel_rows: np.ndarray, keep: np.ndarray, *, source: StreamSource,
                  names: dict[int, str], start: int, standard: Standard, groups: dict[str, list[str]],
                  commune: str | None, area: str | None, year: int | None = None) -> Survey:
    """One chunk as a Survey, built like read_survey builds one from a whole sheet."""
    specs = field_specs(standard)
    original = frame.loc[keep, [c for c in names if c in frame.columns]].rename(columns=names)
    for pos, field in source.mapping.items():  # ids keep their text form (a Parquet id column may be numbers)
        if field == "household_id" and names.get(pos) in original:
            original[names[pos]] = id_text(original[names[pos]])
    original.index = pd.RangeIndex(start, start + len(original))
    raw = pd.DataFrame(index=original.index)
    for pos, field in source.mapping.items():
        raw[field] = original[names[pos]] if names.get(pos) in original else ""
    raw["source_file"] = source.path.name
    raw[ID_BASE] = made_up_id_base(source.path, "")
    raw["source_sheet"] = ""
    raw["source_row"] = excel_rows[keep]
    headers = {f: source.headers[pos] for pos, f in source.mapping.items()}
    log = ProblemLog()
    households = canonical_fields(raw, headers=headers, specs=specs, standard=standard, log=log,
                                  commune=commune or source.commune, area=area, year=year or source.year,
                                  positions={f: pos for pos, f in source.mapping.items()})
    _check_duplicates(households, groups, log, headers.get("household_id", "household_id"))
    problems = pd.concat(log.blocks, ignore_index=True) if log.blocks else pd.DataFrame(columns=list(PROBLEM_COLUMNS))
    problems["row"] = problems["row"].astype("Int64")
    problems["record"] = problems["record"].astype("Int64")
    problems = problems.sort_values(["record", "severity"], kind="stable", na_position="first").reset_index(drop=True)
    info = SourceInfo(path=str(source.path), sheet="", rows=len(original), first_record=start)
    return Survey(households=households, original=original, problems=problems[list(PROBLEM_COLUMNS)], sources=[info])


class _Sink:
    """Appends chunks to a .csv (UTF-8 BOM, formulas neutralised, as write_csv) or .parquet file."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path, self.kind = path, kind
        self.handle: Any = None
        self.schema: Any = None
        self.rows = 0

    def write(self, frame: pd.DataFrame) -> None:
        if self.kind == ".csv":
            first = self.handle is None
            if first:
                self.handle = open(self.path, "w", encoding="utf-8-sig", newline="")
            whole_numbers(frame_for_text(frame)).to_csv(self.handle, index=False, header=first, lineterminator="\r\n")
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            out = frame.copy()
            for col in out.columns:  # as write_parquet: mixed object columns are stored as text
                if out[col].dtype == object:
                    out[col] = out[col].map(lambda v: v if v is None or isinstance(v, str) else str(v), na_action="ignore")
            out.columns = [str(c) for c in out.columns]
            if self.handle is None:
                schema = pa.Schema.from_pandas(out, preserve_index=False)
                fields = [pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in schema]
                self.schema = pa.schema(fields, metadata=schema.metadata)
                self.handle = pq.ParquetWriter(self.path, self.schema)
            self.handle.write_table(pa.Table.from_pandas(out, schema=self.schema, preserve_index=False))
        self.rows += len(frame)

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()


class _Totals:
    """The summary, added up chunk by chunk (counts and persons; rates at the end)."""

    def __init__(self, standard: Standard) -> None:
        self.standard = standard
        self.households = self.persons = self.rows = self.skipped = self.warnings = self.rejected_count = 0
        self.counts = dict.fromkeys(STATUSES, 0)
        self.status_persons = dict.fromkeys(STATUSES, 0)
        self.rejected: list[dict] = []
        self.notes_rows: list[int] = []
        self.skipped_rows: list[tuple[int, str]] = []

    def add(self, summary: Mapping[str, Any], rows: int, skipped: int) -> None:
        self.rows += rows
        self.skipped += skipped
        self.households += summary["households"]
        self.persons += summary["persons"]
        for s in STATUSES:
            self.counts[s] += summary["status_counts"][s]
            self.status_persons[s] += summary["status_persons"][s]
        self.warnings += summary["warnings"]
        self.rejected_count += len(summary["rejected"])
        self.rejected.extend(summary["rejected"][: max(0, REJECTED_LISTED - len(self.rejected))])

    def notes(self, year: int | None = None) -> list[str]:
        """domain.classify.standard_notes, from the count kept per chunk (and the review year)."""
        from ..domain.classify import low_income_note, standard_notes

        n = sum(self.notes_rows)
        low_income = low_income_note(self.standard, year) if self.households else None
        if not n:
            return [low_income] if low_income else []
        frame = pd.DataFrame({"b1_score": np.ones(n), "income_per_capita": np.full(n, np.nan)})
        return standard_notes(frame, self.standard, year=year)

    def summary(self, path: Path, year: int | None = None) -> dict:
        poor, near = rate(self.counts["poor"], self.households), rate(self.counts["near_poor"], self.households)
        rejected_households = self.rows - self.households
        return {
            "standard": self.standard.id, "overrides": list(self.standard.overrides),
            "files": [{"path": str(path), "sheet": "", "rows": self.rows, "households": self.households,
                       "rejected": rejected_households, "skipped": self.skipped}],
            "households": self.households, "persons": self.persons, "status_counts": self.counts,
            "status_persons": self.status_persons, "poor_rate": poor, "near_poor_rate": near,
            "multidimensional_rate": None if poor is None or near is None else poor + near,
            "denominator": "census", "denominator_households": self.households,
            "rejected": self.rejected, "rejected_count": self.rejected_count, "warnings": self.warnings,
            "standard_name": self.standard.name, "standard_selected_by": self.standard.selected_by,
            "notes": self.notes(year), "streamed": True,
            "low_income_verify": low_income_note(self.standard, year),
        }


def classify_stream(input_path: Path, output: Path, *, standard: Standard, lang: str = "vi", strict: bool = False,
                    chunk_rows: int = DEFAULT_CHUNK_ROWS, columns: dict[str, str] | None = None,
                    commune: str | None = None, area: str | None = None, year: int | None = None) -> tuple[dict, list[Path]]:
    """Classify one .csv/.parquet survey chunk by chunk into ``output`` (.csv/.parquet, with a .rejected file
    beside it when rows are rejected). Returns (summary, files written)."""
    specs = field_specs(standard)
    for header, field in (columns or {}).items():
        if field not in {s.name for s in specs}:
            raise InputFileError.of("io.columns_unknown_field", header=header, field=field,
                                    known=", ".join(sorted(s.name for s in specs)))
    source = open_source(input_path, specs, dict(columns or {}))
    _check_columns(source, standard, input_path)
    file_log = _file_warnings(source, standard)
    groups = duplicate_groups(source, chunk_rows)
    side = output.with_name(f"{output.stem}.rejected{output.suffix}")
    totals = _Totals(standard)
    totals.warnings = file_log
    with atomic_path(output) as tmp, _optional_atomic(side) as side_tmp:
        sink, side_sink = _Sink(tmp, output.suffix.lower()), _Sink(side_tmp, output.suffix.lower())
        try:
            _run_chunks(source, standard, groups, chunk_rows, lang, commune, area, sink, side_sink, totals, year, columns)
        finally:
            sink.close()
            side_sink.close()
        if totals.rows == 0:
            raise InputFileError.of("io.no_data_rows", path=input_path)
        if strict and (totals.rejected_count or totals.warnings):
            raise DataError.of("io.stream_strict", rejected=totals.rejected_count, warnings=totals.warnings)
    written = [output] + ([side] if side_sink.rows else [])
    summary = totals.summary(input_path, year or source.year)
    info = SourceInfo(path=str(input_path), sheet="", rows=0, skipped_rows=tuple(totals.skipped_rows))
    summary["files"][0]["skipped_rows"] = info.skipped_ranges()
    summary["sources"] = [SourceInfo(path=str(input_path), sheet="", rows=totals.rows, skipped=totals.skipped,
                                     skipped_rows=info.skipped_rows, header_row=source.header_row + 1,
                                     columns={f: source.headers[p] for p, f in source.mapping.items()},
                                     year=year or source.year)]
    return summary, written


def _run_chunks(source: StreamSource, standard: Standard, groups: dict, chunk_rows: int, lang: str,
                commune: str | None, area: str | None, sink: _Sink, side_sink: _Sink, totals: _Totals,
                year: int | None = None, columns: dict[str, str] | None = None) -> None:
    names: dict[int, str] | None = None
    start = 0
    row_filter = RowFilter(source, field_specs(standard), dict(columns or {}))
    totals.skipped += source.header_row + 1  # title and header rows, as the whole-file reader counts them
    for raw_frame, excel_rows in raw_chunks(source, chunk_rows):
        rows = raw_frame.to_numpy(dtype=object).tolist()
        fix_text(rows)  # the reader's text cleaning and legacy-font conversion
        keep = row_filter(rows)
        frame = pd.DataFrame(rows, dtype=object)
        if names is None:
            names = _column_names(source, frame.loc[keep])
        survey = _chunk_survey(frame, excel_rows, keep, source=source, names=names, start=start,
                               standard=standard, groups=groups, commune=commune, area=area, year=year)
        result = classify_survey(survey, standard)
        result.households = add_words(result.households, standard, lang)
        sink.write(result.table())
        if len(result.rejected):
            side_sink.write(result.rejected)
        kept = int(keep.sum())
        totals.add(result.summary, rows=kept, skipped=len(rows) - kept)
        room = SKIPPED_LISTED - len(totals.skipped_rows)
        totals.skipped_rows.extend((int(excel_rows[i]), reason) for i, reason in row_filter.skipped[:max(room, 0)])
        totals.notes_rows.append(_note_rows(result.households, standard))
        start += kept


def _note_rows(households: pd.DataFrame, standard: Standard) -> int:
    """Households behind the run-level note of standard_notes (B1 score, no income, no B1 threshold)."""
    if standard.b1_threshold is None and "b1_score" in households:
        income = pd.to_numeric(households.get("income_per_capita", pd.Series(np.nan, index=households.index)), errors="coerce")
        return int((households["b1_score"].notna() & income.isna()).sum())
    return 0


def title_year(input_path: Path, standard: Standard, columns: dict[str, str] | None = None) -> int | None:
    """The review year written in the file's title rows, if any (reads only the top of the file)."""
    return open_source(input_path, field_specs(standard), dict(columns or {})).year


def _check_columns(source: StreamSource, standard: Standard, path: Path) -> None:
    """The whole-file reader's check: an income or B1 column is required."""
    if not set(source.mapping.values()) & {"income_per_capita", "income_per_capita_year", "b1_score"}:
        from ..read.side_files import score_header, score_phrase
        from ..read.survey_reader import recognised_columns

        raise InputFileError.of("read.no_income_column", where=path, score=score_phrase(standard),
                                score_header=score_header(standard),
                                found=recognised_columns(source.mapping, field_specs(standard)))


def _file_warnings(source: StreamSource, standard: Standard) -> int:
    """File-level warnings (missing indicator columns), counted as the whole-file reader counts them."""
    from ..read.survey_reader import _structure_warnings

    log = ProblemLog()
    _structure_warnings(set(source.mapping.values()), standard, log, source.path.name, "")
    return len(log.blocks)


@contextlib.contextmanager
def _optional_atomic(path: Path) -> Iterator[Path]:
    """Like atomic_path, but the file is kept only if something was written to it."""
    tmp = temp_beside(path)
    try:
        yield tmp
        if tmp.stat().st_size:
            os.replace(tmp, path)
        else:
            tmp.unlink()
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _column_names(source: StreamSource, first: pd.DataFrame) -> dict[int, str]:
    """Column position -> original name, as table_frames names them; layout columns (no header and blank in
    the first chunk) are dropped."""
    width = max(len(source.headers), first.shape[1])
    headers = source.headers + [""] * (width - len(source.headers))
    unique = _unique_headers(headers)
    def empty(j: int) -> bool:  # only columns without a header are tested
        return j not in first or bool(first[j].map(lambda v: v == "" or v is None).all())

    return {j: unique[j] for j in range(width) if headers[j] or j in source.mapping or not empty(j)}
