"""Options shared by the commands; their help comes from the catalogue (messages.toml, codes help.option.*).
--lang, --quiet and --debug are added to every command by the app (app._command), which handles them once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from ..messages import help_text

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
