"""Option types shared by the commands, and the setup every command does first."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, List, Optional

import typer

STATE = {"debug": False}

Inputs = Annotated[List[Path], typer.Argument(help="Survey files (.xlsx .xlsm .xls .ods .csv .parquet) or folders.", show_default=False)]
Standard = Annotated[Optional[str], typer.Option("--standard", help="Standard id (vn-2022) or a local .toml file.")]
Year = Annotated[Optional[int], typer.Option("--year", help="Review year; picks the standard in force.")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON to stdout instead of a table.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or warnings on stderr (errors still shown).")]
Debug = Annotated[bool, typer.Option("--debug", help="Show a traceback for errors.")]
Lang = Annotated[str, typer.Option("--lang", help="Labels: vi (Vietnamese) or en (English).")]
Sheet = Annotated[Optional[str], typer.Option("--sheet", help="Read only this sheet.")]
Commune = Annotated[Optional[str], typer.Option("--commune", help="Commune name for files that do not carry one.")]
Area = Annotated[Optional[str], typer.Option("--area", help="rural or urban, for rows whose area is not known otherwise.")]
Columns = Annotated[Optional[Path], typer.Option("--columns", help="A file mapping headers to fields (header,field per line, or TOML).")]
Output = Annotated[Optional[Path], typer.Option("--output", "-o", help="Output file; the format follows the extension.")]
ReferenceDate = Annotated[Optional[datetime], typer.Option("--reference-date", formats=["%Y-%m-%d", "%d/%m/%Y"], help="Date at which members' ages are taken, with a member roster (default: 1 January of the review year).")]
UnitsMapFile = Annotated[Optional[Path], typer.Option("--units-map", help="Old commune (district, province; village for a split commune) -> new commune, CSV or sheet: figures by the communes after the 2025 reform.")]
Totals = Annotated[Optional[Path], typer.Option("--totals", help="All households (and persons) per unit: the rates' denominators.")]
Census = Annotated[bool, typer.Option("--census", help="Declare that the list holds every household of the area (rates over the list; no --totals).")]
Strict = Annotated[bool, typer.Option("--strict", help="Any rejected row or warning is an error (exit 1).")]
AllowStandardChange = Annotated[bool, typer.Option("--allow-standard-change", help="Compare rounds classified under different standards; the change of standard is shown with the flows.")]


def say_notes(notes: list[str]) -> None:
    """Warnings for people (mixed years, the review year's standard, no --totals) on stderr."""
    from .. import console

    for note in notes:
        console.warn(note)


def say_rejected(lines: list[str]) -> None:
    """How many rows were rejected (a warning) and the first few of them, on stderr."""
    from .. import console

    if lines:
        console.warn(lines[0])
        for line in lines[1:]:
            console.info(line)


def setup(quiet: bool, debug: bool, lang: str = "vi", area: str | None = None) -> None:
    from .. import console, messages

    console.set_quiet(quiet)
    STATE["debug"] = debug
    if lang not in ("vi", "en"):
        raise typer.BadParameter("use 'vi' or 'en'", param_hint="--lang")
    messages.set_language(lang)
    if area is not None and area not in ("rural", "urban"):
        raise typer.BadParameter("use 'rural' or 'urban'", param_hint="--area")


