"""povertool template"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..messages import help_text, text
from .console import Outputs
from .options import Standard, Year


def template(
    out: Outputs,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=help_text("option.template_output"))] = None,
    standard: Standard = None,
    year: Year = None,
    totals: Annotated[Path | None, typer.Option("--totals", help=help_text("option.template_totals"))] = None,
    force: Annotated[bool, typer.Option("--force", help=help_text("option.force"))] = False,
    area_name: Annotated[str | None, typer.Option("--area-name", help=help_text("option.area_name"))] = None,
    roster: Annotated[bool, typer.Option("--roster", help=help_text("option.roster"))] = False,
) -> None:
    """Write a blank survey workbook to fill in: canonical headers, drop-downs, validation, instructions.

    Example: povertool template -o mau-ra-soat.xlsx --totals data/samples/an-binh-totals.csv
    """
    from .. import api

    written = api.write_template(output, standard=standard, year=year, totals=totals, lang=out.lang, force=force,
                                 area_name=area_name, roster=roster)
    out.info(text("cli.wrote", paths=written))
