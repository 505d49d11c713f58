"""The command line: one Typer app; each command lives in povertool/commands/ and stays thin.

Exit codes: 0 done; 1 bad input or data problems; 2 wrong usage. Errors are turned into one message here.
"""

from __future__ import annotations

import functools
import sys
from typing import Any, Callable

import typer

from .commands import check, classify, progress, report, standards, summary, template, transition
from .commands.options import STATE
from .errors import PovertoolError, Terminated
from .messages import text

app = typer.Typer(
    name="povertool",
    help="Classify households by Viet Nam's multidimensional poverty standard and write the official tables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,  # a traceback must never print cell values (names, ID numbers)
    rich_markup_mode=None,
)


def _guarded(fn: Callable[..., None]) -> Callable[..., None]:
    """Turn any failure into one message on stderr and an exit code; a traceback only with --debug.

    A PovertoolError says what and how to fix; an OSError names its file; anything else is an internal error.
    Local variables are never printed (they may hold names and ID numbers)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            fn(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.BadParameter, SystemExit):
            raise
        except PovertoolError as exc:
            _stop(exc.message + (f" {exc.hint}" if exc.hint else ""), exc.exit_code)
        except KeyboardInterrupt:
            sys.stderr.write("Interrupted; no half-written file was left.\n")
            raise typer.Exit(130) from None
        except Terminated:
            _stop(text("cli.terminated"), 143)
        except MemoryError:
            _stop("not enough memory for these files. Close other programs, or give fewer or smaller files "
                  "(one file per commune).", 1)
        except OSError as exc:  # disk full, a file vanished, a device error: name the file, say what happened
            where = f"{exc.filename}: " if exc.filename else ""
            _stop(f"{where}{exc.strerror or type(exc).__name__}. Check the disk and the file, then run again.", 1)
        except BaseException as exc:  # noqa: BLE001 - an internal error (also a panic in compiled code)
            if STATE["debug"]:
                raise
            _stop(f"internal error ({type(exc).__name__}). Run again with --debug and report the traceback.", 1)

    return wrapper


def _stop(message: str, code: int) -> None:
    """Print the traceback being handled (only with --debug, never its local variables), one error line, exit."""
    from . import console

    if STATE["debug"]:
        import traceback

        traceback.print_exc()
    console.error(message)
    raise typer.Exit(code) from None


def _register(name: str, fn: Callable[..., None]) -> None:
    app.command(name)(_guarded(fn))


_register("classify", classify.classify)
_register("check", check.check)
_register("standards", standards.standards)
_register("template", template.template)
_register("progress", progress.progress)
_register("summary", summary.summary)
_register("report", report.report)
_register("transition", transition.transition)


def stop_on_sigterm() -> None:
    """SIGTERM (a service stopping, ``kill``) unwinds like Ctrl-C: the temporary output files are removed."""
    import signal

    def terminated(signum: int, frame: Any) -> None:
        raise Terminated()

    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, terminated)


def main() -> None:
    """Entry point for the ``povertool`` script and ``python -m povertool``."""
    stop_on_sigterm()
    app(prog_name="povertool")
