"""Exceptions that stop a run. Row-level problems are data (see domain.problems), not exceptions.

An error is raised with a message code of the catalogue and its fields (``InputFileError.of("io.empty",
path=p)``): its sentence and its fix are rendered in the language of the run when they are shown, so an error
raised in a worker process still speaks the user's language."""

from __future__ import annotations

from typing import Any, TypeVar

_Error = TypeVar("_Error", bound="PovertoolError")


class PovertoolError(Exception):
    """A problem the user can fix; the CLI prints it as one message and exits with ``exit_code``."""

    exit_code = 1

    def __init__(self, message: str = "", *, hint: str | None = None) -> None:
        super().__init__(message)
        self._message = message
        self._hint = hint
        self.message_code = ""
        self.fields: dict[str, Any] = {}

    @classmethod
    def of(cls: type[_Error], code: str, **fields: Any) -> _Error:
        """The error of catalogue code ``code`` (messages.toml), its sentence and fix filled with ``fields``."""
        error = cls.__new__(cls)
        PovertoolError.__init__(error)
        error.message_code = code
        error.fields = fields
        return error

    @property
    def message(self) -> str:
        """What went wrong, in the language of the run."""
        if self.message_code:
            from .messages import text

            return text(self.message_code, **self.fields)
        return self._message

    @message.setter
    def message(self, value: str) -> None:
        self._message, self.message_code = value, ""

    @property
    def hint(self) -> str | None:
        """How to fix it, in the language of the run (None when there is nothing to add)."""
        if self.message_code:
            from .messages import fix

            return fix(self.message_code, **self.fields) or None
        return self._hint

    @hint.setter
    def hint(self, value: str | None) -> None:
        self._hint = value

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} {self.hint}"

    def __reduce__(self) -> tuple:
        # Survives pickling (worker processes) with its hint, code, fields and any extra attributes.
        return (_rebuild, (type(self), dict(self.__dict__)))


def _rebuild(cls: type[PovertoolError], state: dict) -> PovertoolError:
    error = cls.__new__(cls)
    PovertoolError.__init__(error)
    error.__dict__.update(state)
    return error


class InputFileError(PovertoolError):
    """A file cannot be read as a survey (missing, unreadable, no header, no data rows)."""


class StandardError(PovertoolError):
    """A standard (built-in or local TOML) is missing or invalid."""


class DataError(PovertoolError):
    """The data has problems that stop the run (e.g. ``--strict`` with rejected rows)."""


class OutputError(PovertoolError):
    """An output cannot be written (would overwrite an input, no permission, ...)."""


class UsageError(PovertoolError):
    """Options that do not fit together."""

    exit_code = 2


class OptionError(UsageError):
    """A value of one option that cannot be used here; the command line shows it as a bad value of ``option``."""

    option = ""

    @classmethod
    def about(cls, option: str, code: str, **fields: Any) -> OptionError:
        """The error of catalogue code ``code`` about ``option`` ("--stream")."""
        error = cls.of(code, **fields)
        error.option = option
        return error


class Terminated(BaseException):
    """The process was asked to stop (SIGTERM): unwinds like Ctrl-C so that no temporary file is left."""
