"""The command line: parse options, call one API function, render, exit. No pandas here.

Exit codes: 0 done; 1 bad input or data problems; 2 wrong usage.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Annotated, Any, Callable, List, Optional

import typer

from .errors import PovertoolError

app = typer.Typer(
    name="povertool",
    help="Classify households by Viet Nam's multidimensional poverty standard and write the official tables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state = {"debug": False}

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


def _guarded(fn: Callable[..., None]) -> Callable[..., None]:
    """Turn a PovertoolError into one message on stderr and its exit code; no traceback unless --debug."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            fn(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise
        except PovertoolError as exc:
            from . import console

            if _state["debug"]:
                import traceback

                traceback.print_exc()
            console.error(exc.message + (f" {exc.hint}" if exc.hint else ""))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            sys.stderr.write("Interrupted; no output was written.\n")
            raise typer.Exit(130) from None
        except Exception as exc:  # an internal error: one line; the traceback only with --debug
            if _state["debug"]:
                raise
            from . import console

            console.error(f"internal error ({type(exc).__name__}). Run again with --debug and report the traceback.")
            raise typer.Exit(1) from None

    return wrapper


def _common(quiet: bool, debug: bool, lang: str = "vi", area: str | None = None) -> None:
    from . import console

    console.set_quiet(quiet)
    _state["debug"] = debug
    if lang not in ("vi", "en"):
        raise typer.BadParameter("use 'vi' or 'en'", param_hint="--lang")
    if area is not None and area not in ("rural", "urban"):
        raise typer.BadParameter("use 'rural' or 'urban'", param_hint="--area")


@app.command()
@_guarded
def classify(
    inputs: Inputs,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Output .xlsx, .csv, .parquet or .json (default: IN.classified.xlsx).")] = None,
    standard: Standard = None,
    year: Year = None,
    json_out: Json = False,
    strict: Annotated[bool, typer.Option("--strict", help="Any rejected row or warning is an error (exit 1).")] = False,
    min_deprivations: Annotated[Optional[int], typer.Option("--min-deprivations", help="What-if: deprivations needed to be poor.")] = None,
    income_line_rural: Annotated[Optional[float], typer.Option("--income-line-rural", help="What-if: rural income line (VND/person/month).")] = None,
    income_line_urban: Annotated[Optional[float], typer.Option("--income-line-urban", help="What-if: urban income line (VND/person/month).")] = None,
    sheet: Sheet = None,
    commune: Commune = None,
    area: Area = None,
    lang: Lang = "vi",
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Read surveys, classify every household, write the classified file and print a summary.

    Example: povertool classify data/samples/an-binh-2024.xlsx -o ket-qua.xlsx
    """
    _common(quiet, debug, lang, area)
    from . import api, console
    from .io.writers import default_output, to_json_text

    result = api.classify(
        inputs, standard=standard, year=year, strict=strict, lang=lang,
        min_deprivations=min_deprivations, income_line_rural=income_line_rural, income_line_urban=income_line_urban,
        sheet=sheet, commune=commune, area=area,
    )
    target = output or default_output(inputs[0])
    written = api.write_classified(result, target, inputs=inputs, lang=lang)
    summary = result.summary
    for note in summary["overrides"]:
        console.warn(f"what-if: {note}")
    if summary["rejected"]:
        console.warn(f"{len(summary['rejected'])} row problem(s) rejected households; see the rejected sheet/file.")
    if summary["warnings"]:
        console.warn(f"{summary['warnings']} warning(s); run 'povertool check' to list them.")
    console.info("Wrote " + ", ".join(str(p) for p in written))
    if json_out:
        console.print_json(to_json_text(_public_summary(summary)))
    else:
        console.out.print(console.status_table(summary, lang))


def _public_summary(summary: dict) -> dict:
    return summary


@app.command()
@_guarded
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
    _common(quiet, debug, lang, area)
    from . import api, console
    from .io.writers import to_json_text

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


@app.command()
@_guarded
def standards(
    standard_id: Annotated[Optional[str], typer.Argument(help="Show this standard in full (an id or a .toml file).")] = None,
    json_out: Json = False,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """List the built-in standards, or show one: lines, indicators, rule, legal source.

    Example: povertool standards vn-2022
    """
    _common(quiet, debug)
    from . import console
    from .io import standards as std_io
    from .reports.standards_view import describe, listing

    if standard_id is None:
        items = [std_io.read_standard(i) for i in std_io.builtin_ids()]
        if json_out:
            from .io.writers import to_json_text

            console.print_json(to_json_text([describe(s) for s in items]))
        else:
            console.out.print(listing(items))
        return
    std = std_io.read_standard(standard_id)
    if json_out:
        from .io.writers import to_json_text

        console.print_json(to_json_text(describe(std)))
    else:
        from .reports.standards_view import render

        for part in render(std):
            console.out.print(part)


def main() -> None:
    """Entry point for the ``povertool`` script and ``python -m povertool``."""
    app(prog_name="povertool")
