"""Options shared by the commands; their help comes from the catalogue (messages.toml, codes help.option.*)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from ..messages import help_text

STATE = {"debug": False}

Inputs = Annotated[list[Path], typer.Argument(help=help_text("option.inputs"), show_default=False)]
Standard = Annotated[str | None, typer.Option("--standard", help=help_text("option.standard"))]
Year = Annotated[int | None, typer.Option("--year", help=help_text("option.year"))]
Json = Annotated[bool, typer.Option("--json", help=help_text("option.json"))]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help=help_text("option.quiet"))]
Debug = Annotated[bool, typer.Option("--debug", help=help_text("option.debug"))]
Lang = Annotated[str | None, typer.Option("--lang", help=help_text("option.lang"), show_default=False)]
Sheet = Annotated[str | None, typer.Option("--sheet", help=help_text("option.sheet"))]
Commune = Annotated[str | None, typer.Option("--commune", help=help_text("option.commune"))]
Area = Annotated[str | None, typer.Option("--area", help=help_text("option.area"))]
Columns = Annotated[Path | None, typer.Option("--columns", help=help_text("option.columns"))]
Output = Annotated[Path | None, typer.Option("--output", "-o", help=help_text("option.output"))]
Totals = Annotated[Path | None, typer.Option("--totals", help=help_text("option.totals"))]
ReferenceDate = Annotated[datetime | None, typer.Option("--reference-date", formats=["%Y-%m-%d", "%d/%m/%Y"], help=help_text("option.reference_date"))]
UnitsMapFile = Annotated[Path | None, typer.Option("--units-map", help=help_text("option.units_map"))]
Census = Annotated[bool, typer.Option("--census", help=help_text("option.census"))]
Strict = Annotated[bool, typer.Option("--strict", help=help_text("option.strict"))]
AllowStandardChange = Annotated[bool, typer.Option("--allow-standard-change", help=help_text("option.allow_standard_change"))]


def say_notes(notes: list[str]) -> None:
    """Warnings for people (mixed years, the review year's standard, no --totals) on stderr."""
    from . import console

    for note in notes:
        console.warn(note)


def say_rejected(lines: list[str]) -> None:
    """How many rows were rejected (a warning) and the first few of them, on stderr."""
    from . import console

    if lines:
        console.warn(lines[0])
        for line in lines[1:]:
            console.info(line)


def setup(quiet: bool, debug: bool, lang: str | None = None, area: str | None = None) -> tuple[str, str | None]:
    """Quiet, debug and the language of the run; returns (language, area as 'rural'/'urban' or None).

    ``lang`` None means POVERTOOL_LANG, else Vietnamese. ``--area`` accepts 'nông thôn'/'thành thị', nt/tt,
    rural/urban (any case, with or without accents)."""
    from .. import messages
    from . import console
    from .choices import choose

    console.set_quiet(quiet)
    STATE["debug"] = debug
    chosen = choose("lang", lang, option="--lang") if lang is not None else None
    language = messages.set_language(chosen)
    return language, choose("area", area, option="--area")
