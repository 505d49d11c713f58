"""Containers passed between the layers: a read survey and a classified one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .classification_summary import ClassificationSummary
from .models import ERROR, WARNING

PROBLEM_COLUMNS = ("severity", "code", "file", "sheet", "row", "column", "value", "problem", "fix", "record")


@dataclass(frozen=True)
class SourceInfo:
    """One sheet that held households."""

    path: str
    sheet: str
    rows: int  # data rows read (households and rejected), title/total/footer rows excluded
    skipped: int = 0  # non-data rows under the header: blank, numbering, totals, signatures
    header_row: int | None = None  # Excel row of the (last) header row
    columns: dict[str, str] = field(default_factory=dict)  # field -> header as written
    year: int | None = None  # from the title rows ("NĂM 2024")
    first_record: int = 0  # households[first_record:first_record + rows] came from this sheet
    title_year: int | None = None  # the year the title rows name, even when --year set ``year``
    skipped_rows: tuple[tuple[int, str], ...] = ()  # (Excel row, reason) of each non-blank row skipped under the header

    def skipped_ranges(self) -> list[dict[str, Any]]:
        """The skipped rows as runs of one reason: [{"from": 30, "to": 30, "reason": "total"}, …]."""
        runs: list[dict[str, Any]] = []
        for row, reason in self.skipped_rows:
            if runs and runs[-1]["reason"] == reason and runs[-1]["to"] == row - 1:
                runs[-1]["to"] = row
            else:
                runs.append({"from": row, "to": row, "reason": reason})
        return runs


@dataclass
class Survey:
    """Households read from one or more files.

    ``households`` has canonical typed fields plus source_file/source_sheet/source_row; ``original`` has the
    columns as written in the files, same index; ``problems`` lists every problem found (ERROR rows are
    rejected by classify).
    """

    households: pd.DataFrame
    original: pd.DataFrame
    problems: pd.DataFrame
    sources: list[SourceInfo]
    roster: Any = None  # io.roster_reader.Roster when a member roster gave the indicators (issue 18)

    @property
    def rejected_mask(self) -> pd.Series:
        """True for households with at least one ERROR problem."""
        errors = self.problems[(self.problems["severity"] == ERROR) & self.problems["record"].notna()]
        mask = pd.Series(False, index=self.households.index)
        mask[mask.index.isin(errors["record"].astype(int))] = True
        return mask

    @property
    def warnings(self) -> pd.DataFrame:
        """Problems of WARNING severity."""
        return self.problems[self.problems["severity"] == WARNING]

    @property
    def year(self) -> int | None:
        """The review year written in the title rows, when all files agree."""
        years = {s.year for s in self.sources if s.year}
        return years.pop() if len(years) == 1 else None

    def problem_records(self) -> list[dict[str, Any]]:
        """Every problem as a plain dict (file, sheet, row, column, value, problem, fix, severity, code)."""
        problems = self.problems.drop(columns="record")
        return problems.astype(object).where(problems.notna(), None).to_dict("records")

    def file_errors(self) -> pd.DataFrame:
        """ERROR problems not tied to a household row."""
        p = self.problems
        return p[(p["severity"] == ERROR) & p["record"].isna()]


@dataclass
class Classification:
    """A classified survey: accepted households with results, rejected rows, and the summary."""

    standard_id: str
    households: pd.DataFrame  # canonical fields + result fields, accepted rows only
    original: pd.DataFrame  # original columns of the accepted rows, same index
    rejected: pd.DataFrame  # one row per problem of a rejected household, with its original columns
    problems: pd.DataFrame
    sources: list[SourceInfo]
    summary: ClassificationSummary
    standard: Any = None
    roster: Any = None  # the Roster of the survey, when the indicators came from a member roster

    def table(self) -> pd.DataFrame:
        """The output table: original columns as they were, then the result and source columns (spec §3)."""
        from .models import RESULT_FIELDS, SOURCE_FIELDS

        present = [f for f in RESULT_FIELDS if f in self.households]  # low_income only where the standard has it
        compare = [c for c in ("compare_status", "compare_status_label", "compare_deprivation_count", "compare_reason")
                   if c in self.households]  # classify --compare-standard: the second standard beside the first
        results = self.households[[*present, *compare, *SOURCE_FIELDS]]
        original = self.original.rename(columns=lambda c: f"{c} (gốc)" if c in results.columns else c)
        return pd.concat([original, results], axis=1)
