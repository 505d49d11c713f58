"""The command line: one Typer app; each command lives in povertool/commands/ and stays thin.

Exit codes: 0 done; 1 bad input or data problems; 2 wrong usage. Errors are turned into one message here.
"""

from __future__ import annotations

import functools
import sys
from typing import Any, Callable

import typer

from .commands import check, classify, progress, report, standards, summary, template
from .commands.options import STATE
from .errors import PovertoolError

app = typer.Typer(
    name="povertool",
    help="Classify households by Viet Nam's multidimensional poverty standard and write the official tables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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

            if STATE["debug"]:
                import traceback

                traceback.print_exc()
            console.error(exc.message + (f" {exc.hint}" if exc.hint else ""))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            sys.stderr.write("Interrupted; no output was written.\n")
            raise typer.Exit(130) from None
        except Exception as exc:  # an internal error: one line; the traceback only with --debug
            if STATE["debug"]:
                raise
            from . import console

            console.error(f"internal error ({type(exc).__name__}). Run again with --debug and report the traceback.")
            raise typer.Exit(1) from None

    return wrapper



def _register(name: str, fn: Callable[..., None]) -> None:
    app.command(name)(_guarded(fn))


_register("classify", classify.classify)
_register("check", check.check)
_register("standards", standards.standards)
_register("template", template.template)
_register("progress", progress.progress)
_register("summary", summary.summary)
_register("report", report.report)


def main() -> None:
    """Entry point for the ``povertool`` script and ``python -m povertool``."""
    app(prog_name="povertool")
