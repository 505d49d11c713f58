"""povertool classify"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer

from ..messages import help_text, text
from .localised import OptionValueError
from .options import (
    Area,
    Census,
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
    Totals,
    UnitsMapFile,
    Year,
    say_notes,
    say_rejected,
    setup,
)


def classify(
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
    lang: Lang = None,
    quiet: Quiet = False,
    debug: Debug = False,
    include_personal: Annotated[bool, typer.Option("--include-personal", help=help_text("option.include_personal"))] = False,
    stream: Annotated[bool, typer.Option("--stream", help=help_text("option.stream"))] = False,
) -> None:
    """Read surveys, classify every household, write the classified file and print a summary.

    Example: povertool classify data/samples/an-binh-2024.xlsx -o ket-qua.xlsx
    """
    lang, area = setup(quiet, debug, lang, area)
    from .. import api
    from ..api.guards import check_census_flag
    from ..render.writers import default_output

    check_census_flag(totals, census)
    target = output or default_output(inputs[0])
    protected = [*inputs, *(p for p in (totals, columns, units_map) if p is not None)]  # every file the command reads
    from ..render.writers import check_output

    check_output(target, protected)
    if stream and totals is not None:
        raise OptionValueError(text("usage.stream_totals"), param_hint="--stream")
    if totals is None and units_map is None and compare_standard is None and api.use_stream(inputs, target, force=stream):
        summary, written = api.classify_stream(
            inputs[0], target, standard=standard, year=year, strict=strict, lang=lang,
            min_deprivations=min_deprivations, income_line_rural=income_line_rural,
            income_line_urban=income_line_urban, columns=columns, commune=commune, area=area,
        )
        summary.setdefault("rejected_rows", sum(f["rejected"] for f in summary["files"]))
        _report(summary, summary.pop("sources"), written, json_out, lang, census)
        return
    if stream:
        raise OptionValueError(text("usage.stream_files"), param_hint="--stream")
    result = api.classify(
        inputs, standard=standard, year=year, strict=strict, lang=lang,
        min_deprivations=min_deprivations, income_line_rural=income_line_rural, income_line_urban=income_line_urban,
        sheet=sheet, commune=commune, area=area, totals=totals, columns=columns, units_map=units_map,
        compare_standard=compare_standard,
        reference_date=reference_date.date() if reference_date else None,
    )
    written = api.write_classified(result, target, inputs=protected, lang=lang, include_personal=include_personal)
    _report(result.summary, result.sources, written, json_out, lang, census)


def _report(summary: Mapping[str, Any], sources: list, written: list, json_out: bool, lang: str, census: bool = False) -> None:
    from ..render.writers import to_json_text
    from . import console
    from .check import source_lines

    console.info(text("cli.standard", id=summary["standard"], name=summary["standard_name"],
                      chosen_by=summary["standard_selected_by"]))
    for line in source_lines(sources, summary["files"]):
        console.info(line)
    if summary.get("roster"):
        for line in summary["roster"]["sheets"]:
            console.info(line)
        console.info(text("roster.summary_line", **summary["roster"]["line"]))
    for note in summary["overrides"]:
        console.warn(text("cli.what_if", change=note))
    say_notes(summary["notes"])
    if summary.get("missing_units"):
        from ..render.guard_notes import units_not_in_totals

        console.warn(units_not_in_totals(summary["missing_units"], summary.get("totals_year")))
    if summary.get("units_map"):
        console.info(text("units_map.applied", file=summary["units_map"]["file"]))
        for message in summary["units_map"]["warnings"]:
            console.warn(message)
    from ..api.guards import rejected_lines

    say_rejected(rejected_lines(summary["rejected"]))
    if summary.get("denominator") != "totals" and not census:
        console.warn(text("guard.no_totals"))
    if summary["warnings"]:
        console.warn(text("cli.warnings_count", count=summary["warnings"]))
    console.info(text("cli.wrote", paths=", ".join(str(p) for p in written)))
    if json_out:
        console.print_json(to_json_text(_public_summary(summary)))
    else:
        console.out.print(console.status_table(summary, lang))
        if summary.get("compare"):
            console.out.print(console.status_table(summary["compare"], lang))


def _public_summary(summary: Mapping[str, Any]) -> dict[str, Any]:
    if summary.get("roster"):
        return {**summary, "roster": {k: v for k, v in summary["roster"].items() if k not in ("line", "sheets")}}
    return dict(summary)
