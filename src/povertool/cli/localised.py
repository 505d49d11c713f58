"""The command line in the user's language: --help, usage lines and usage errors drawn from the catalogue.

typer (and the click it carries) writes its own English words: "Usage:", "Options", "[default: vi]", "Show
this message and exit.", "Missing argument", "No such option". The command classes here draw them from
messages.toml instead, in the language in force when the help is drawn: ``--lang`` when it is on the command
line, else POVERTOOL_LANG, else Vietnamese."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
import typer.core
from typer import _click

from ..messages import LANGUAGES, Help, library_word, set_language, text

typer.core._ = library_word  # typer's own words ("Options", "default: {default}")

_NOT_VALID = re.compile(r"^Value (?P<value>.+) is not a valid (?P<kind>\w+)\.?$")
_SHOULD_BE = re.compile(r"^Input should be a valid (?P<kind>\w+)")
_LANG_ARG = re.compile(r"^--lang=(?P<lang>.*)$")


class OptionValueError(typer.BadParameter):
    """A bad option value whose message is already in the user's language (from the catalogue)."""


def _language_from(args: Sequence[str]) -> None:
    """--lang on the command line decides the language of --help and usage errors too."""
    for i, arg in enumerate(args):
        match = _LANG_ARG.match(arg)
        value = match["lang"] if match else (args[i + 1] if arg == "--lang" and i + 1 < len(args) else None)
        if value is not None and value.strip().lower() in LANGUAGES:
            set_language(value.strip().lower())


def _localise(command: _click.Command, ctx: _click.Context) -> None:
    """Redraw the help texts and placeholders of a command and its options in the language in force."""
    if isinstance(command.help, Help):
        command.help = command.help.now()
    if getattr(command, "options_metavar", None):
        command.options_metavar = text("usage.metavar.options")
    if getattr(command, "subcommand_metavar", None):
        command.subcommand_metavar = text("usage.metavar.command")  # type: ignore[attr-defined]
    for param in command.params:
        if isinstance(getattr(param, "help", None), Help):
            param.help = param.help.now()  # type: ignore[attr-defined]
        kind = getattr(param, "_povertool_kind", None)
        if kind is None:
            kind = ""
            if isinstance(param, typer.core.TyperArgument):
                kind = {"inputs": "files", "standard_id": "standard"}.get(str(param.name), "")
                param.display_type_rich = lambda ctx: ""  # type: ignore[method-assign]  # the name says it
            elif getattr(param, "metavar", None) is None and not getattr(param, "is_flag", False):
                try:
                    shown = param.display_type(ctx)  # type: ignore[attr-defined]
                except Exception:  # noqa: BLE001 - help must always be drawn
                    shown = None
                kind = {"<path>": "path", "<str>": "text", "<int>": "number", "<float>": "number"}.get(str(shown), "")
            param._povertool_kind = kind  # type: ignore[attr-defined]
        if kind:
            param.metavar = text(f"usage.metavar.{kind}")


def _light_coercion(params: Sequence[Any]) -> None:
    """Start-up (issue 19): typer checks every option value with a pydantic adapter, built on first use, and
    importing pydantic costs more than the rest of ``--help``. An option left out (None) or a plain text or whole
    number needs no adapter; anything else is handed to typer's own coercion, so values and errors are typer's."""
    try:
        from typer._coercion import RuntimeParam, build_runtime_param
        from typer.core import _TyperParameter
    except ImportError:  # another typer: its own coercion as it is
        return

    class Light(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: _click.Context) -> Any:
            info = self.parameter_info
            plain = info.parser is None and getattr(info, "min", None) is None and getattr(info, "max", None) is None
            if plain and self.annotation is str and isinstance(value, str):
                return value
            if plain and self.annotation is int and isinstance(value, str) and value.isascii() and value.isdigit():
                return int(value)
            param._runtime_param = build_runtime_param(param.type_descriptor)
            return param._runtime_param.coerce(value, param=param, ctx=ctx)

    for param in params:
        if isinstance(param, _TyperParameter) and getattr(param, "_runtime_param", "") is None:
            descriptor = param.type_descriptor
            if descriptor.file_annotation is None:
                param._runtime_param = Light(parameter_info=descriptor.parameter_info,
                                             annotation=descriptor.annotation)


class _Localised:
    """Mixed into typer's command and group classes."""

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        _language_from(args)
        _light_coercion(self.get_params(ctx))  # type: ignore[attr-defined]
        return super().parse_args(ctx, args)  # type: ignore[misc]

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        _localise(self, ctx)  # type: ignore[arg-type]
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=text("usage.usage_prefix") + " ")

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        for sub in getattr(self, "commands", {}).values():
            _localise(sub, ctx)
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def get_help_option(self, ctx: _click.Context) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = text("usage.help_option")
        return option

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> Any:
        _language_from(list(sys.argv[1:] if args is None else args))
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False,  # type: ignore[misc]
                              windows_expand_args=windows_expand_args, **extra)
        except _click.exceptions.NoArgsIsHelpError as exc:
            if not standalone_mode:
                raise
            exc.show()
            sys.exit(exc.exit_code)
        except _click.exceptions.ClickException as exc:
            if not standalone_mode:
                raise
            show_error(exc)
            sys.exit(exc.exit_code)
        except typer.Abort:
            if not standalone_mode:
                raise
            _click.echo(text("usage.aborted"), file=sys.stderr)
            sys.exit(1)
        if standalone_mode:
            sys.exit(rv if isinstance(rv, int) else 0)
        return rv


class Command(_Localised, typer.core.TyperCommand):
    """A povertool command: help and usage errors in the user's language."""


class Group(_Localised, typer.core.TyperGroup):
    """The povertool command group: help, command list and usage errors in the user's language."""

    def resolve_command(self, ctx: _click.Context, args: list[str]) -> Any:
        try:
            return self._click_resolve_command(ctx, args)
        except _click.exceptions.UsageError as exc:
            from difflib import get_close_matches

            matches = get_close_matches(args[0], list(self.commands)) if args else []
            if matches:
                exc.message = text("usage.no_such_command_like", name=args[0], like=", ".join(matches))
            raise


def _hint(exc: _click.exceptions.BadParameter) -> str:
    if exc.param_hint is not None:
        hint = exc.param_hint
        return " / ".join(hint) if isinstance(hint, (list, tuple)) else str(hint)
    if exc.param is not None:
        opts = getattr(exc.param, "opts", None) or [exc.param.name or ""]
        if getattr(exc.param, "param_type_name", "") == "option":
            return " / ".join(opts)
        return str(exc.param.metavar or exc.param.name)
    return ""


def describe(exc: _click.exceptions.ClickException) -> str:
    """The error's sentence in the user's language."""
    errors = _click.exceptions
    if isinstance(exc, errors.NoSuchOption):
        sentence = text("usage.no_such_option", option=exc.option_name)
        if exc.possibilities:
            sentence += " " + text("usage.did_you_mean", options=", ".join(sorted(exc.possibilities)))
        return sentence
    if isinstance(exc, errors.MissingParameter):
        return text("usage.missing", name=_hint(exc))
    if isinstance(exc, errors.BadOptionUsage):
        if "does not take a value" in exc.message:
            return text("usage.no_value", option=exc.option_name)
        return text("usage.needs_value", option=exc.option_name)
    if isinstance(exc, OptionValueError):
        return text("usage.bad_value", hint=_hint(exc), message=exc.message)
    if isinstance(exc, errors.BadParameter):
        found = _NOT_VALID.match(exc.message)
        if found:
            return text("usage.not_valid", hint=_hint(exc), value=found["value"],
                        kind=text(f"usage.kind.{found['kind']}") if f"usage.kind.{found['kind']}" in _kinds() else found["kind"])
        wanted = _SHOULD_BE.match(exc.message)
        if wanted and f"usage.kind.{wanted['kind']}" in _kinds():
            return text("usage.wants", hint=_hint(exc), kind=text(f"usage.kind.{wanted['kind']}"))
        if exc.message.startswith("Path ") and exc.message.endswith("does not exist."):
            return text("usage.path_missing", hint=_hint(exc), path=exc.message[5:-16].strip())
        return text("usage.bad_value_plain", hint=_hint(exc))
    if isinstance(exc, errors.BadArgumentUsage):
        return text("usage.bad_argument")
    message = exc.format_message() if not isinstance(exc, errors.UsageError) else exc.message
    if message.startswith("Got unexpected extra argument"):
        return text("usage.extra_argument", args=message[message.find("(") + 1:message.rfind(")")])
    return message


def _kinds() -> set[str]:
    from ..messages import catalogue

    return {code for code in catalogue() if code.startswith("usage.kind.")}


def show_error(exc: _click.exceptions.ClickException) -> None:
    """Usage line, where to get help, and the error, on stderr."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, _click.exceptions.UsageError) and ctx is not None:
        lines = [ctx.get_usage()]
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(text("usage.try_help", command=ctx.command_path, option=ctx.help_option_names[0]))
        _click.echo("\n".join(lines) + "\n", file=sys.stderr)
    _click.echo(f"{text('cli.error_prefix')} {describe(exc)}", file=sys.stderr)
