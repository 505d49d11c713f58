"""Whole-array string kernels (pyarrow.compute) for the reader: cleaning text and testing it against patterns,
one call per column of distinct values instead of one Python call per cell.

The patterns are RE2 (pyarrow's engine): written so that each means what the Python pattern it stands for
means (Python's Unicode whitespace is listed, not RE2's ASCII ``\\s``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pyarrow as pa

# Every character str.split() and str.strip() treat as a space (str.isspace(), Unicode 14): RE2's \s is ASCII.
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
              "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_SPACE_CLASS = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in WHITESPACE) + "]"
_SPACE_RUN = _SPACE_CLASS + "+"
SPACES_ONLY = f"^{_SPACE_CLASS}*$"  # RE2: text that is blank (only spaces, or empty)


def arrow_strings(texts: np.ndarray) -> pa.Array | None:
    """``texts`` (Python str objects) as an Arrow string array; None when one of them is not valid Unicode
    (a lone surrogate, which no file decoder gives)."""
    import pyarrow as pa

    try:
        return pa.array(texts, type=pa.string(), from_pandas=False)
    except (pa.ArrowException, UnicodeError):
        return None


def clean_texts(texts: np.ndarray, *, zero_width: bool = True, strings: pa.Array | None = None) -> np.ndarray:
    """Each text in NFC Unicode, non-breaking and other odd spaces made one space, zero-width spaces removed
    (unless not ``zero_width``: text.clean_text keeps them), runs of spaces collapsed and the ends trimmed (an
    object array of str, same order); ``strings``: ``texts`` as an Arrow array when the caller has it."""
    import pyarrow.compute as pc

    if not len(texts):
        return texts
    strings = arrow_strings(texts) if strings is None else strings
    if strings is None:  # not valid Unicode: cleaned one by one with the same steps
        return np.array([_clean_one(t, zero_width) for t in texts] + [None], dtype=object)[:-1]
    strings = pc.utf8_normalize(strings, "NFC")
    if zero_width:
        strings = pc.replace_substring(strings, "\u200b", "")
    strings = pc.replace_substring_regex(strings, _SPACE_RUN, " ")
    strings = pc.utf8_trim(strings, " ")
    return strings.to_numpy(zero_copy_only=False)


def _clean_one(text: str, zero_width: bool) -> str:
    """The steps of clean_texts for one string that Arrow cannot hold."""
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    return " ".join((text.replace("\u200b", "") if zero_width else text).split())


def matches(texts: np.ndarray | pa.Array, pattern: str) -> np.ndarray:
    """Whether each text contains a match of the RE2 ``pattern`` (anchor it with ^…$ for a whole match);
    ``texts`` may be given as an Arrow array already."""
    import re

    import pyarrow as pa
    import pyarrow.compute as pc

    if not len(texts):
        return np.zeros(0, dtype=bool)
    strings = texts if isinstance(texts, pa.Array) else arrow_strings(texts)
    if strings is None:
        compiled = re.compile(pattern)
        return np.fromiter((bool(compiled.search(t)) for t in texts), dtype=bool, count=len(texts))
    return pc.match_substring_regex(strings, pattern).to_numpy(zero_copy_only=False).astype(bool)


def lengths(texts: np.ndarray | pa.Array) -> np.ndarray:
    """The number of characters of each text (``texts`` may be an Arrow array already)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not len(texts):
        return np.zeros(0, dtype=np.int64)
    strings = texts if isinstance(texts, pa.Array) else arrow_strings(texts)
    if strings is None:
        return np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    return pc.utf8_length(strings).to_numpy(zero_copy_only=False).astype(np.int64)
