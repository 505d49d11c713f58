"""Text normalisation: NFC output text and accent-free keys for matching headers and words."""

from __future__ import annotations

import re
import unicodedata

from ..domain.keys import match_key

__all__ = ["clean_text", "contains_words", "match_key"]

_SPACES = re.compile(r"\s+")


def clean_text(value: object) -> str:
    """NFC text with non-breaking and repeated spaces collapsed and the ends trimmed."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


def contains_words(key: str, phrase: str) -> bool:
    """True when ``phrase`` (a key) occurs in ``key`` as whole words."""
    return f" {phrase} " in f" {key} "
