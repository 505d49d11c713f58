"""povertool check"""

from __future__ import annotations

from typing import Any

import typer

from ..messages import text
from .options import (
    Area,
    Columns,
    Commune,
    Debug,
    Inputs,
    Json,
    Lang,
    Quiet,
    ReferenceDate,
    Sheet,
    Standard,
    Strict,
    Year,
    setup,
)


def check(
    inputs: Inputs,
    standard: Standard = None,
    year: Year = None,
    json_out: Json = False,
    sheet: Sheet = None,
    columns: Columns = None,
    commune: Commune = None,
    area: Area = None,
    reference_date: ReferenceDate = None,
    strict: Strict = False,
    lang: Lang = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Validate only: list every problem with file, sheet, Excel row, column, value and a fix; exit 1 on errors.

    Example: povertool check data/samples/an-binh-2024.xlsx
    """
    lang, area = setup(quiet, debug, lang, area)
    from .. import api
    from ..render.writers import to_json_text
    from . import console

    survey = api.read_survey(inputs, standard=standard, year=year, sheet=sheet, commune=commune, area=area,
                             columns=columns, collect_file_errors=True,
                             reference_date=reference_date.date() if reference_date else None)
    for line in source_lines(survey.sources):
        console.info(line)
    if survey.roster is not None:
        from ..read.roster_reader import sheet_lines

        for line in sheet_lines(survey.roster):
            console.info(line)
    records = survey.problem_records()
    errors = sum(1 for p in records if p["severity"] == "error")
    notes = sum(1 for p in records if p["severity"] == "note")
    if json_out:
        sources = [{"file": s.path, "sheet": s.sheet, "header_row": s.header_row, "rows": s.rows,
                    "skipped": s.skipped, "skipped_rows": s.skipped_ranges(), "year": s.year}
                   for s in survey.sources]
        console.print_json(to_json_text({"errors": errors, "warnings": len(records) - errors - notes,
                                         "households": len(survey.households), "sources": sources,
                                         "problems": records}))
    elif records:
        console.out.print(console.problems_table(records, lang))
    console.info(text("cli.check_done", households=len(survey.households), errors=errors,
                      warnings=len(records) - errors - notes))
    if errors or (strict and records and len(records) > notes):
        raise typer.Exit(1)


def source_lines(sources: list[Any], files: list[dict[str, Any]] | None = None) -> list[str]:
    """One line per sheet read: which sheet, where its header is, and rows read = households (classified +
    rejected, when ``files`` from a classify summary is given) + other rows skipped."""
    from ..messages import text

    lines = []
    for i, s in enumerate(sources):
        where = text("common.file_sheet", file=s.path, sheet=s.sheet) if s.sheet else str(s.path)
        counts = text("cli.source_households", rows=s.rows)
        if files is not None and i < len(files):
            counts = text("cli.source_classified", households=files[i]["households"], rejected=files[i]["rejected"])
        lines.append(text("cli.source_line", where=where, header_row=s.header_row, read=s.rows + s.skipped,
                          counts=counts, skipped=s.skipped))
        if getattr(s, "skipped_rows", ()):
            lines.append(skipped_line(where, s.skipped_ranges()))
    return lines


def skipped_line(where: str, ranges: list[dict[str, Any]]) -> str:
    """The rows skipped under a header, by row number and reason: "rows 30 (totals), 45–52 (date/signature)"."""
    from ..messages import text

    parts = [(f"{r['from']}" if r["from"] == r["to"] else f"{r['from']}–{r['to']}")
             + f" ({text('read.skip_reason.' + r['reason'])})" for r in ranges]
    return text("read.skipped_rows", where=where, rows=", ".join(parts))
