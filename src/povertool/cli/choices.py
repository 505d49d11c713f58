"""Option values as a person types them ("nông thôn", "xã,thôn") -> the values povertool means; an unknown
word is a usage error (exit 2) that lists the words accepted, in the language of the run."""

from __future__ import annotations

from typing import overload

from ..choices import accepted, lookup
from ..messages import text
from .localised import OptionValueError


def choose(kind: str, word: str | None, *, option: str, values: tuple[str, ...] | None = None) -> str | None:
    """The value meant by ``word`` (None stays None); a usage error naming ``option`` when it is unknown."""
    if word is None:
        return None
    value = lookup(kind, word)
    if value is None or (values is not None and value not in values):
        raise OptionValueError(text("usage.unknown_value", value=word, accepted=accepted(kind, values)),
                               param_hint=option)
    return value


@overload
def choose_list(kind: str, words: str, *, option: str, values: tuple[str, ...] | None = None) -> str: ...
@overload
def choose_list(kind: str, words: None, *, option: str, values: tuple[str, ...] | None = None) -> None: ...
def choose_list(kind: str, words: str | None, *, option: str, values: tuple[str, ...] | None = None) -> str | None:
    """'xã,thôn' -> 'commune,village' (each item matched as ``choose`` does); None stays None."""
    if words is None:
        return None
    items = [w for w in words.split(",") if w.strip()]
    return ",".join(str(choose(kind, w, option=option, values=values)) for w in items)
