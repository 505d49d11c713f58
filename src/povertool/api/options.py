"""What every job is given besides its inputs: the survey files, how to read them, the what-if values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..read.survey_reader import FileProgress

Inputs = Iterable[str | Path] | str | Path


def as_list(inputs: Inputs) -> list[str | Path]:
    """One file or folder, or several, as a list."""
    return [inputs] if isinstance(inputs, (str, Path)) else list(inputs)


def columns_mapping(columns: Mapping[str, str] | str | Path | None) -> Mapping[str, str] | None:
    """A --columns mapping given as a mapping or as a CSV/TOML file."""
    if columns is None or isinstance(columns, Mapping):
        return columns
    from ..read.columns import read_columns

    return read_columns(columns)


@dataclass(frozen=True)
class ReadOptions:
    """How the survey files are read: the command line's --sheet, --columns, --commune, --area, --reference-date."""

    columns: Mapping[str, str] | str | Path | None = None
    sheet: str | None = None
    commune: str | None = None
    area: str | None = None
    reference_date: dt.date | None = None
    collect_file_errors: bool = False  # an unreadable file is a problem, not a stop (what `check` does)
    file_progress: FileProgress | None = None  # n files -> done(path): the command line's progress bar

    def resolved(self) -> ReadOptions:
        """The same options with a --columns file read into its mapping (read once, used for every round)."""
        mapping = columns_mapping(self.columns)
        return self if mapping is self.columns else replace(self, columns=mapping)

    def files(self) -> list[Path]:
        """The files these options name (a --columns file), which no output may overwrite."""
        return [Path(self.columns)] if isinstance(self.columns, (str, Path)) else []

    def reader_arguments(self) -> dict[str, Any]:
        """The keywords of read.survey_reader.read_survey."""
        return {"columns": columns_mapping(self.columns), "sheet": self.sheet, "commune": self.commune,
                "area": self.area, "collect_file_errors": self.collect_file_errors,
                "reference_date": self.reference_date, "progress": self.file_progress}


@dataclass(frozen=True)
class WhatIf:
    """One-run overrides of the standard (--min-deprivations, --income-line-rural, --income-line-urban)."""

    min_deprivations: int | None = None
    income_line_rural: float | None = None
    income_line_urban: float | None = None

    def arguments(self) -> dict[str, Any]:
        """The keywords of Standard.with_overrides."""
        return {"min_deprivations": self.min_deprivations, "income_line_rural": self.income_line_rural,
                "income_line_urban": self.income_line_urban}
