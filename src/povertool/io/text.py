"""Text normalisation: NFC output text and accent-free keys for matching headers and words."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")


def clean_text(value: object) -> str:
    """NFC text with non-breaking and repeated spaces collapsed and the ends trimmed."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


@lru_cache(maxsize=65536)
def match_key(value: object) -> str:
    """Lower-case, accent-free, punctuation-free key: 'Số nhân khẩu (người)' -> 'so nhan khau nguoi'."""
    text = unicodedata.normalize("NFD", str(value)).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _NON_ALNUM.sub(" ", text).strip()


def contains_words(key: str, phrase: str) -> bool:
    """True when ``phrase`` (a key) occurs in ``key`` as whole words."""
    return f" {phrase} " in f" {key} "
