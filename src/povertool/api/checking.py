"""The check job: read the survey files as classify would, and list every problem without classifying."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.standard import Standard
from ..domain.survey import Survey
from ..read.survey_reader import FileProgress
from .classifying import read_survey, roster_lines
from .options import Inputs


@dataclass
class CheckResult:
    """What ``povertool check`` found: the survey read (an unreadable file is a problem, not a stop) and its problems."""

    survey: Survey
    problems: list[dict[str, Any]] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """Problems that keep a row out of the classification."""
        return sum(1 for p in self.problems if p["severity"] == "error")

    @property
    def notes(self) -> int:
        """Problems that only inform (a sheet passed over, a folder's own outputs)."""
        return sum(1 for p in self.problems if p["severity"] == "note")

    @property
    def warnings(self) -> int:
        """Problems to look at that do not stop a row."""
        return len(self.problems) - self.errors - self.notes

    def failed(self, *, strict: bool = False) -> bool:
        """Exit 1: an error, or with ``strict`` a warning too."""
        return bool(self.errors or (strict and self.warnings))

    def roster_lines(self) -> list[str]:
        """One line per members sheet read beside the households."""
        return roster_lines(self.survey)

    def to_dict(self) -> dict[str, Any]:
        """The ``check --json`` document."""
        sources = [{"file": s.path, "sheet": s.sheet, "header_row": s.header_row, "rows": s.rows,
                    "skipped": s.skipped, "skipped_rows": s.skipped_ranges(), "year": s.year}
                   for s in self.survey.sources]
        return {"errors": self.errors, "warnings": self.warnings, "households": len(self.survey.households),
                "sources": sources, "problems": self.problems}


def check(
    inputs: Inputs,
    *,
    standard: str | Path | Standard | None = None,
    year: int | None = None,
    columns: Mapping[str, str] | str | Path | None = None,
    sheet: str | None = None,
    commune: str | None = None,
    area: str | None = None,
    reference_date: dt.date | None = None,
    file_progress: FileProgress | None = None,
) -> CheckResult:
    """Read survey files and folders and list every problem (file, sheet, Excel row, column, value, fix); a file
    that cannot be read is listed as a problem and the others are still read."""
    survey = read_survey(inputs, standard=standard, year=year, columns=columns, sheet=sheet, commune=commune,
                         area=area, collect_file_errors=True, reference_date=reference_date,
                         file_progress=file_progress)
    return CheckResult(survey, survey.problem_records())
