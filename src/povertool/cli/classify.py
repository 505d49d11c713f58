"""povertool classify"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..messages import help_text, text
from .console import Outputs, status_table
from .options import (
    Area,
    Census,
    Columns,
    Commune,
    Inputs,
    Json,
    ReferenceDate,
    Sheet,
    Standard,
    Strict,
    Totals,
    UnitsMapFile,
    Year,
)

if TYPE_CHECKING:
    from ..api import ClassificationSummary


def classify(
    out: Outputs,
    inputs: Inputs,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=help_text("option.classify_output"))] = None,
    standard: Standard = None,
    year: Year = None,
    json_out: Json = False,
    strict: Strict = False,
    min_deprivations: Annotated[int | None, typer.Option("--min-deprivations", help=help_text("option.min_deprivations"))] = None,
    income_line_rural: Annotated[float | None, typer.Option("--income-line-rural", help=help_text("option.income_line_rural"))] = None,
    income_line_urban: Annotated[float | None, typer.Option("--income-line-urban", help=help_text("option.income_line_urban"))] = None,
    totals: Totals = None,
    census: Census = False,
    units_map: UnitsMapFile = None,
    compare_standard: Annotated[str | None, typer.Option("--compare-standard", help=help_text("option.compare_standard"))] = None,
    sheet: Sheet = None,
    columns: Columns = None,
    commune: Commune = None,
    area: Area = None,
    reference_date: ReferenceDate = None,
    include_personal: Annotated[bool, typer.Option("--include-personal", help=help_text("option.include_personal"))] = False,
    stream: Annotated[bool, typer.Option("--stream", help=help_text("option.stream"))] = False,
) -> None:
    """Read surveys, classify every household, write the classified file and print a summary.

    Example: povertool classify data/samples/an-binh-2024.xlsx -o ket-qua.xlsx
    """
    from .. import api

    done = api.classify_files(
        inputs, output, standard=standard, year=year, strict=strict, lang=out.lang,
        min_deprivations=min_deprivations, income_line_rural=income_line_rural, income_line_urban=income_line_urban,
        totals=totals, census=census, units_map=units_map, compare_standard=compare_standard, sheet=sheet,
        columns=columns, commune=commune, area=area, reference_date=reference_date.date() if reference_date else None,
        include_personal=include_personal, stream=stream, file_progress=out.file_progress,
    )
    say_classified(out, done.summary, done.sources, done.written, census=census)
    if json_out:
        from ..render.writers import to_json_text

        out.json(to_json_text(public_summary(done.summary)))
    else:
        out.print(status_table(done.summary, out.lang))
        if done.summary.get("compare"):
            out.print(status_table(done.summary["compare"], out.lang))


def say_classified(out: Outputs, summary: ClassificationSummary, sources: list[Any], written: list[Path], *,
                   census: bool = False) -> None:
    """On stderr: the standard and why, the sheets read, what-if changes, notes, rejected rows, files written."""
    from ..api.guards import rejected_lines
    from ..render.guard_notes import units_not_in_totals
    from .check import source_lines

    out.info(text("cli.standard", id=summary["standard"], name=summary["standard_name"],
                  chosen_by=summary["standard_selected_by"]))
    for line in source_lines(sources, summary["files"]):
        out.info(line)
    if summary.get("roster"):
        for line in summary["roster"]["sheets"]:
            out.info(line)
        out.info(text("roster.summary_line", **summary["roster"]["line"]))
    for note in summary["overrides"]:
        out.warn(text("cli.what_if", change=note))
    out.notes(summary["notes"])
    if summary.get("missing_units"):
        out.warn(units_not_in_totals(summary["missing_units"], summary.get("totals_year")))
    if summary.get("units_map"):
        out.info(text("units_map.applied", file=summary["units_map"]["file"]))
        for message in summary["units_map"]["warnings"]:
            out.warn(message)
    out.rejected(rejected_lines(summary["rejected"]))
    if summary.get("denominator") != "totals" and not census:
        out.warn(text("guard.no_totals"))
    if summary["warnings"]:
        out.warn(text("cli.warnings_count", count=summary["warnings"]))
    out.info(text("cli.wrote", paths=", ".join(str(p) for p in written)))


def public_summary(summary: ClassificationSummary) -> dict[str, Any]:
    """The --json summary: the roster's lines for people are left out."""
    if summary.get("roster"):
        return {**summary, "roster": {k: v for k, v in summary["roster"].items() if k not in ("line", "sheets")}}
    return dict(summary)
