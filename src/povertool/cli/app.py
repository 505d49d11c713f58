"""The command line: one Typer app; each command lives in its own module of povertool/cli/ and stays thin.

Exit codes: 0 done; 1 bad input or data problems; 2 wrong usage. Errors are turned into one message here.
Every word printed comes from the catalogue (messages.toml), in the language of the run.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from ..errors import OptionError, PovertoolError, Terminated
from ..messages import help_text, os_reason, text
from . import (
    check,
    classify,
    progress,
    report,
    standards,
    summary,
    template,
    transition,
)
from .choices import choose
from .console import Outputs
from .localised import Command, Group, OptionValueError
from .options import Debug, Lang, Quiet

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
    # a plain flag (False, not None): typer then needs no value check at start-up
    version: Annotated[bool, typer.Option("--version", "-V", help=help_text("option.version"),
                                          callback=_show_version, is_eager=True)] = False,
) -> None:
    """povertool"""


def _command(fn: Callable[..., None]) -> Callable[..., None]:
    """The command as typer sees it: its own options plus --lang, --quiet, --debug, handled here once.

    ``fn(out, **options)`` gets the run's Outputs (the consoles, quiet, debug, language) first; --area is turned
    into 'rural'/'urban' here too. Any failure becomes one message on stderr and an exit code; a traceback only
    with --debug, never with its local variables (they may hold names and ID numbers)."""
    signature = inspect.signature(fn, eval_str=True)
    own = [p for name, p in signature.parameters.items() if name != "out"]
    common = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
              for name, kind, default in (("lang", Lang, None), ("quiet", Quiet, False), ("debug", Debug, False))]

    @functools.wraps(fn)
    def command(**options: Any) -> None:
        lang, quiet, debug = options.pop("lang"), options.pop("quiet"), options.pop("debug")
        out = Outputs(quiet=quiet, debug=debug)
        try:
            out.lang = run_language(lang)
            if "area" in options:
                options["area"] = choose("area", options["area"], option="--area")
            fn(out, **options)
        except OptionError as exc:  # a value the API found unusable: shown as the bad option value it is
            raise OptionValueError(exc.message, param_hint=exc.option) from None
        except (typer.Exit, typer.Abort, typer.BadParameter, SystemExit):
            raise
        except PovertoolError as exc:
            _stop(out, exc.message + (f" {exc.hint}" if exc.hint else ""), exc.exit_code)
        except KeyboardInterrupt:
            sys.stderr.write(text("cli.interrupted") + "\n")
            raise typer.Exit(130) from None
        except Terminated:
            _stop(out, text("cli.terminated"), 143)
        except MemoryError:
            _stop(out, text("cli.out_of_memory"), 1)
        except OSError as exc:  # disk full, a file vanished, a device error: name the file, say what happened
            _stop(out, os_error(exc), 1)
        except BaseException:
            if out.debug:
                raise
            _stop(out, text("cli.internal_error"), 1)

    parameters = [*own, *common]
    command.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in parameters}
    return command


def run_language(lang: str | None) -> str:
    """The language of the run: --lang, else POVERTOOL_LANG, else Vietnamese (an unknown word is a usage error)."""
    from .. import messages

    chosen = choose("lang", lang, option="--lang") if lang is not None else None
    return messages.set_language(chosen)


def os_error(exc: OSError) -> str:
    """'a.xlsx: the disk is full. Check the disk and the file, then run again.' in the run's language."""
    return text("cli.os_error", where=f"{exc.filename}: " if exc.filename else "", what=os_reason(exc))


def _stop(out: Outputs, message: str, code: int) -> None:
    """Print the traceback being handled (only with --debug, never its local variables), one error line, exit."""
    if out.debug:
        import traceback

        traceback.print_exc()
    out.error(message)
    raise typer.Exit(code) from None


def _register(name: str, fn: Callable[..., None]) -> None:
    app.command(name, cls=Command, help=help_text(f"command.{name}"))(_command(fn))


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
