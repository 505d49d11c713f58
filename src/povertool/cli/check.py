"""povertool check"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import typer

from ..messages import text
from .console import Outputs, problems_table
from .options import (
    Area,
    Columns,
    Commune,
    Inputs,
    Json,
    ReferenceDate,
    Sheet,
    Standard,
    Strict,
    Year,
)


def check(
    out: Outputs,
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
) -> None:
    """Validate only: list every problem with file, sheet, Excel row, column, value and a fix; exit 1 on errors.

    Example: povertool check data/samples/an-binh-2024.xlsx
    """
    from .. import api

    result = api.check(inputs, standard=standard, year=year, sheet=sheet, commune=commune, area=area,
                       columns=columns, reference_date=reference_date.date() if reference_date else None,
                       file_progress=out.file_progress)
    for line in source_lines(result.survey.sources):
        out.info(line)
    for line in result.roster_lines():
        out.info(line)
    if json_out:
        from ..render.writers import to_json_text

        out.json(to_json_text(result.to_dict()))
    elif result.problems:
        out.print(problems_table(result.problems, out.lang))
    out.info(text("cli.check_done", households=len(result.survey.households), errors=result.errors,
                  warnings=result.warnings))
    if result.failed(strict=strict):
        raise typer.Exit(1)


def source_lines(sources: list[Any], files: Sequence[Mapping[str, Any]] | None = None) -> list[str]:
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
