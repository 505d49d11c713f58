"""The command line: one Typer app; each command lives in povertool/commands/ and stays thin.

Exit codes: 0 done; 1 bad input or data problems; 2 wrong usage. Errors are turned into one message here.
Every word printed comes from the catalogue (messages.toml), in the language of the run.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from ..errors import PovertoolError, Terminated
from ..messages import help_text, os_reason, text
from . import check, classify, progress, report, standards, summary, template, transition
from .localised import Command, Group
from .options import STATE

app = typer.Typer(
    name="povertool",
    cls=Group,
    help=help_text("command.app"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,  # a traceback must never print cell values (names, ID numbers)
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        from .. import __version__

        sys.stdout.write(text("cli.version", version=__version__) + "\n")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[bool | None, typer.Option("--version", "-V", help=help_text("option.version"),
                                                    callback=_show_version, is_eager=True)] = None,
) -> None:
    """povertool"""


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
            sys.stderr.write(text("cli.interrupted") + "\n")
            raise typer.Exit(130) from None
        except Terminated:
            _stop(text("cli.terminated"), 143)
        except MemoryError:
            _stop(text("cli.out_of_memory"), 1)
        except OSError as exc:  # disk full, a file vanished, a device error: name the file, say what happened
            _stop(os_error(exc), 1)
        except BaseException:  # noqa: BLE001 - an internal error (also a panic in compiled code)
            if STATE["debug"]:
                raise
            _stop(text("cli.internal_error"), 1)

    return wrapper


def os_error(exc: OSError) -> str:
    """'a.xlsx: the disk is full. Check the disk and the file, then run again.' in the run's language."""
    return text("cli.os_error", where=f"{exc.filename}: " if exc.filename else "", what=os_reason(exc))


def _stop(message: str, code: int) -> None:
    """Print the traceback being handled (only with --debug, never its local variables), one error line, exit."""
    from . import console

    if STATE["debug"]:
        import traceback

        traceback.print_exc()
    console.error(message)
    raise typer.Exit(code) from None


def _register(name: str, fn: Callable[..., None]) -> None:
    app.command(name, cls=Command, help=help_text(f"command.{name}"))(_guarded(fn))


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
