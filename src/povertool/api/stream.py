"""National scale: classify a .csv/.parquet survey of any size chunk by chunk into a .csv/.parquet output,
with the summary aggregated chunk by chunk and peak memory bounded by the chunk size.

The job only orchestrates: the streaming reader (read/chunks.py) gives each chunk as a Survey built with the
whole-file reader's steps (read/steps.py), classify_survey classifies it, and render/chunk_writer appends it as
the whole-file writers would write it; so the output is the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..domain.classify import low_income_note
from ..domain.measures import rate
from ..domain.models import STATUSES
from ..domain.run import classify_survey
from ..domain.standard import Standard
from ..domain.survey import SourceInfo
from ..errors import DataError
from ..read.chunks import duplicate_groups, file_problems, open_stream, survey_chunks
from ..read.steps import no_data_rows_error, reading_specs
from ..read.stream_source import STREAM_SUFFIXES, StreamSource, open_source
from ..render.chunk_writer import ChunkWriter, optional_atomic
from ..render.notes import note_text
from ..render.reasons import add_words
from ..render.writers import atomic_path

DEFAULT_CHUNK_ROWS = 100_000  # ~0.6 GB peak in the benchmark; 200,000 rows ~1.05 GB, no faster
REJECTED_LISTED = 1000  # rejected rows listed in the summary (all of them are in the .rejected file)
SKIPPED_LISTED = 100_000  # non-blank rows skipped under the header, listed by row number


def can_stream(inputs: list[Path], output: Path) -> bool:
    """One .csv/.parquet input and a .csv/.parquet output: the streaming path applies."""
    return len(inputs) == 1 and inputs[0].is_file() and inputs[0].suffix.lower() in STREAM_SUFFIXES \
        and output.suffix.lower() in STREAM_SUFFIXES


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
        from ..render.notes import notes_text

        n = sum(self.notes_rows)
        low_income = low_income_note(self.standard, year) if self.households else None
        if not n:
            return notes_text([low_income] if low_income else [])
        frame = pd.DataFrame({"b1_score": np.ones(n), "income_per_capita": np.full(n, np.nan)})
        return notes_text(standard_notes(frame, self.standard, year=year))

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
            "low_income_verify": note_text(low_income_note(self.standard, year)),
        }


def classify_stream(input_path: Path, output: Path, *, standard: Standard, lang: str = "vi", strict: bool = False,
                    chunk_rows: int = DEFAULT_CHUNK_ROWS, columns: dict[str, str] | None = None,
                    commune: str | None = None, area: str | None = None, year: int | None = None) -> tuple[dict, list[Path]]:
    """Classify one .csv/.parquet survey chunk by chunk into ``output`` (.csv/.parquet, with a .rejected file
    beside it when rows are rejected). Returns (summary, files written)."""
    source = open_stream(input_path, standard, columns)
    groups = duplicate_groups(source, chunk_rows)
    side = output.with_name(f"{output.stem}.rejected{output.suffix}")
    totals = _Totals(standard)
    totals.warnings = len(file_problems(source, standard))
    with atomic_path(output) as tmp, optional_atomic(side) as side_tmp:
        sink, side_sink = ChunkWriter(tmp, output.suffix.lower()), ChunkWriter(side_tmp, output.suffix.lower())
        try:
            _run_chunks(source, standard, groups, chunk_rows, lang, commune, area, sink, side_sink, totals, year, columns)
        finally:
            sink.close()
            side_sink.close()
        if totals.rows == 0:
            raise no_data_rows_error(input_path)
        if strict and (totals.rejected_count or totals.warnings):
            raise DataError.of("io.stream_strict", rejected=totals.rejected_count, warnings=totals.warnings)
    written = [output] + ([side] if side_sink.rows else [])
    summary = totals.summary(input_path, year or source.year)
    info = SourceInfo(path=str(input_path), sheet="", rows=0, skipped_rows=tuple(totals.skipped_rows))
    summary["files"][0]["skipped_rows"] = info.skipped_ranges()
    summary["sources"] = [SourceInfo(path=str(input_path), sheet="", rows=totals.rows, skipped=totals.skipped,
                                     skipped_rows=info.skipped_rows, header_row=source.header_row + 1,
                                     columns={f: source.headers[p] for p, f in source.mapping.items()},
                                     year=year or source.year, title_year=source.year)]
    return summary, written


def _run_chunks(source: StreamSource, standard: Standard, groups: dict, chunk_rows: int, lang: str,
                commune: str | None, area: str | None, sink: ChunkWriter, side_sink: ChunkWriter, totals: _Totals,
                year: int | None = None, columns: dict[str, str] | None = None) -> None:
    """Each chunk read (read.chunks.survey_chunks), classified, written, and added to the totals."""
    totals.skipped += source.header_row + 1  # title and header rows, as the whole-file reader counts them
    for chunk in survey_chunks(source, standard, chunk_rows=chunk_rows, copies=groups, columns=columns,
                               commune=commune, area=area, year=year):
        result = classify_survey(chunk.survey, standard)
        result.households = add_words(result.households, standard, lang)
        sink.write(result.table())
        if len(result.rejected):
            side_sink.write(result.rejected)
        totals.add(result.summary, rows=chunk.kept, skipped=chunk.rows - chunk.kept)
        room = SKIPPED_LISTED - len(totals.skipped_rows)
        totals.skipped_rows.extend(chunk.skipped_rows[:max(room, 0)])
        totals.notes_rows.append(_note_rows(result.households, standard))


def _note_rows(households: pd.DataFrame, standard: Standard) -> int:
    """Households behind the run-level note of standard_notes (B1 score, no income, no B1 threshold)."""
    if standard.b1_threshold is None and "b1_score" in households:
        income = pd.to_numeric(households.get("income_per_capita", pd.Series(np.nan, index=households.index)), errors="coerce")
        return int((households["b1_score"].notna() & income.isna()).sum())
    return 0


def title_year(input_path: Path, standard: Standard, columns: dict[str, str] | None = None) -> int | None:
    """The review year written in the file's title rows, if any (reads only the top of the file)."""
    return open_source(input_path, reading_specs(standard), dict(columns or {})).year
