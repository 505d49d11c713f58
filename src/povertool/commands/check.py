"""povertool check"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .options import Area, Commune, Debug, Inputs, Json, Lang, Quiet, Sheet, Standard, Year, setup

def check(
    inputs: Inputs,
    standard: Standard = None,
    year: Year = None,
    json_out: Json = False,
    sheet: Sheet = None,
    commune: Commune = None,
    area: Area = None,
    lang: Lang = "vi",
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Validate only: list every problem with file, sheet, Excel row, column, value and a fix; exit 1 on errors.

    Example: povertool check data/samples/an-binh-2024.xlsx
    """
    setup(quiet, debug, lang, area)
    from .. import api, console
    from ..io.writers import to_json_text

    survey = api.read_survey(inputs, standard=standard, year=year, sheet=sheet, commune=commune, area=area)
    problems = survey.problems.drop(columns="record").astype(object).where(survey.problems.notna(), None)
    records = problems.to_dict("records")
    errors = sum(1 for p in records if p["severity"] == "error")
    if json_out:
        console.print_json(to_json_text({"errors": errors, "warnings": len(records) - errors, "problems": records}))
    elif records:
        console.out.print(console.problems_table(records, lang))
    console.info(f"{len(survey.households)} household row(s) read; {errors} error(s), {len(records) - errors} warning(s).")
    if errors:
        raise typer.Exit(1)
