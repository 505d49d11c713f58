"""Exceptions that stop a run, and sentences by code (Phrase) that the domain returns instead of words. Row-level
problems are data (see domain.problems), not exceptions.

An error is raised with a message code of the catalogue and its fields (``InputFileError.of("io.empty",
path=p)``): its sentence and its fix are rendered in the language of the run when they are shown, so an error
raised in a worker process still speaks the user's language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

_Error = TypeVar("_Error", bound="PovertoolError")


class Deferred:
    """A field value rendered in the language of the sentence it fills (messages._fill calls ``render``)."""

    __slots__ = ()

    def render(self, lang: str | None = None) -> str:
        """The value in ``lang`` (default: the run's language)."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.render()


class Phrase(Deferred):
    """A catalogue sentence by code and fields (messages.toml), rendered in the language of the run when it is
    shown, or in the language of the sentence it is a field of (so an error raised early still speaks the language
    it is read in). The domain says what it found with these: codes and figures, no words."""

    __slots__ = ("code", "fields")

    def __init__(self, code: str, **fields: Any) -> None:
        self.code, self.fields = code, fields

    def render(self, lang: str | None = None) -> str:
        """The sentence in ``lang`` (default: the run's language)."""
        from .messages import text

        return text(self.code, lang, **self.fields)

    def __str__(self) -> str:
        return self.render()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.code, self.fields) == (other.code, other.fields)

    def __hash__(self) -> int:
        return hash(self.code)

    def __repr__(self) -> str:
        return f"Phrase({self.code!r}, **{self.fields!r})"

    def __reduce__(self) -> tuple:
        return (_phrase, (self.code, self.fields))


def _phrase(code: str, fields: dict[str, Any]) -> Phrase:
    return Phrase(code, **fields)


class Localised(Deferred):
    """A field value written by the data in each language (a standard's own name of a score, its note): the
    sentence it fills takes the one of its language."""

    __slots__ = ("en", "vi")

    def __init__(self, *, vi: str, en: str) -> None:
        self.vi, self.en = vi, en

    def render(self, lang: str | None = None) -> str:
        """The value in ``lang`` (default: the run's language)."""
        if lang is None:
            from .messages import current_language

            lang = current_language()
        return self.en if lang == "en" else self.vi

    def __str__(self) -> str:
        return self.render()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Localised) and (self.vi, self.en) == (other.vi, other.en)

    def __hash__(self) -> int:
        return hash((self.vi, self.en))

    def __reduce__(self) -> tuple:
        return (_localised, (self.vi, self.en))


def _localised(vi: str, en: str) -> Localised:
    return Localised(vi=vi, en=en)


class Joined(Deferred):
    """Several sentences or names as one field ('Xã A (3 hộ; …); Xã B (…) và 2 đơn vị khác'): each part rendered
    in the language of the sentence it fills, joined by ``separator``, then ``tail``."""

    __slots__ = ("parts", "separator", "tail")

    def __init__(self, parts: Sequence[Deferred | str], separator: str = "; ", tail: Deferred | str = "") -> None:
        self.parts, self.separator, self.tail = list(parts), separator, tail

    def render(self, lang: str | None = None) -> str:
        """The parts in ``lang`` (default: the run's language), joined."""

        def one(part: Deferred | str) -> str:
            return part.render(lang) if isinstance(part, Deferred) else str(part)

        return self.separator.join(one(p) for p in self.parts) + one(self.tail)

    def __reduce__(self) -> tuple:
        return (Joined, (self.parts, self.separator, self.tail))


class PovertoolError(Exception):
    """A problem the user can fix; the CLI prints it as one message and exits with ``exit_code``."""

    exit_code = 1

    def __init__(self, message: str = "", *, hint: str | None = None) -> None:
        super().__init__(message)
        self._message = message
        self._hint = hint
        self.message_code = ""
        self.hint_code = ""  # the fix is its own catalogue entry (default: the fix of message_code)
        self.fields: dict[str, Any] = {}

    @classmethod
    def of(cls: type[_Error], code: str, **fields: Any) -> _Error:
        """The error of catalogue code ``code`` (messages.toml), its sentence and fix filled with ``fields``."""
        error = cls.__new__(cls)
        PovertoolError.__init__(error)
        error.message_code = code
        error.fields = fields
        return error

    def with_hint(self, code: str) -> PovertoolError:
        """This error with its fix from catalogue entry ``code`` (filled with the same fields)."""
        self.hint_code = code
        return self

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
        if self.hint_code:
            from .messages import text

            return text(self.hint_code, **self.fields) or None
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
