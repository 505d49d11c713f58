"""Exceptions that stop a run. Row-level problems are data (see domain.problems), not exceptions."""

from __future__ import annotations


class PovertoolError(Exception):
    """A problem the user can fix; the CLI prints it as one message and exits with ``exit_code``."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} {self.hint}"

    def __reduce__(self) -> tuple:
        # Survives pickling (worker processes) with its hint and any extra attributes such as a problem code.
        return (_rebuild, (type(self), self.message, self.hint, dict(self.__dict__)))


def _rebuild(cls: type, message: str, hint: str | None, state: dict) -> PovertoolError:
    error = cls.__new__(cls)
    PovertoolError.__init__(error, message, hint=hint)
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


class Terminated(BaseException):
    """The process was asked to stop (SIGTERM): unwinds like Ctrl-C so that no temporary file is left."""
