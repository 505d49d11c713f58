"""povertool template"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .options import Debug, Lang, Quiet, Standard, Year, setup


def template(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="The workbook to write (default: mau-ra-soat.xlsx in the current folder).")] = None,
    standard: Standard = None,
    year: Year = None,
    totals: Annotated[Optional[Path], typer.Option("--totals", help="Totals file (Xã/Phường, Thôn, Tổng số hộ): its communes and villages become drop-down lists.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the output if it already exists.")] = False,
    area_name: Annotated[Optional[str], typer.Option("--area-name", help="The area of the list, e.g. \"Xã Tân Phú\": fills the \"UBND …\" line.")] = None,
    roster: Annotated[bool, typer.Option("--roster", help="The two-sheet form (households, members) from which the indicators are derived.")] = False,
    lang: Lang = "vi",
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Write a blank survey workbook to fill in: canonical headers, drop-downs, validation, instructions.

    Example: povertool template -o mau-ra-soat.xlsx --totals data/samples/an-binh-totals.csv
    """
    setup(quiet, debug, lang)
    from .. import api, console

    written = api.write_template(output, standard=standard, year=year, totals=totals, lang=lang, force=force,
                                 area_name=area_name, roster=roster)
    console.info(f"Wrote {written}")
