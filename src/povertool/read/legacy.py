"""Legacy Vietnamese text (TCVN3 'ABC' / .VnTime, VNI Windows) detected per column and turned into Unicode.

The tables are data (legacy.toml). A column is legacy when none of its text cells holds a Vietnamese letter
outside Latin-1 (real Unicode text always does) and its cells carry the legacy signatures: TCVN3 uses
punctuation-like bytes (µ ¸ ® ¬ ...) for letters, VNI puts a mark letter after the vowel ("aø", "eã").
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TCVN3 = "tcvn3"
VNI = "vni"

# Bytes that only TCVN3 uses for letters: in Latin-1 they are symbols, never letters of a word.
_TCVN3_SIGNS = frozenset("µ¸¶·¹¨»¾¼½©®ª×«¬\u00ad÷¡¢§£¤¥¦")
# A Vietnamese letter outside Latin-1 (ă đ ĩ ũ ơ ư and the U+1EA0 block): the text is already Unicode.
_UNICODE_VI = re.compile("[\u0300-\u0323\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
_VNI_PAIR = re.compile("[aeiouyAEIOUY][ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]|[ñÑ]|[ôöÔÖ][ùøûõïÙØÛÕÏ]")
_HIGH = re.compile("[\u0080-\u00ff]")


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, str]]:
    text = resources.files("povertool.read").joinpath("legacy.toml").read_text("utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=2)
def _vni_pattern() -> re.Pattern[str]:
    codes = sorted(_tables()[VNI], key=len, reverse=True)  # two-letter codes before single letters
    return re.compile("|".join(re.escape(c) for c in codes))


def to_unicode(text: str, encoding: str) -> str:
    """Convert one string from ``encoding`` (tcvn3 or vni) to Unicode."""
    if encoding == TCVN3:
        table = _tables()[TCVN3]
        converted = "".join(table.get(ch, ch) for ch in text)
        letters = [c for c in text if c.isascii() and c.isalpha()]
        # .VnTimeH capitals reuse lower-case codes: an all-capital ASCII cell stays all capitals.
        if letters and all(c.isupper() for c in letters):
            return converted.upper()
        return converted
    if encoding == VNI:
        table = _tables()[VNI]
        return _vni_pattern().sub(lambda m: table[m.group(0)], text)
    raise ValueError(f"unknown legacy encoding {encoding!r}")


def detect_encoding(texts: list[str]) -> str | None:
    """'tcvn3', 'vni' or None (Unicode or plain ASCII) for the text cells of one column."""
    legacy = [t for t in texts if _HIGH.search(t)]
    if not legacy or any(_UNICODE_VI.search(t) for t in texts):
        return None
    tcvn = sum(1 for t in legacy if any(ch in _TCVN3_SIGNS for ch in t))
    vni = sum(1 for t in legacy if _VNI_PAIR.search(t))
    if tcvn and tcvn >= vni:
        return TCVN3
    if vni * 2 >= len(legacy):
        return VNI
    return None


def convert_columns(rows: list[list[Any]]) -> dict[int, str]:
    """Convert legacy text in place, column by column (headers included); returns column -> encoding found."""
    width = max((len(r) for r in rows), default=0)
    found: dict[int, str] = {}
    # Equal-length rows (every spreadsheet grid) are transposed once, in C; ragged CSV rows column by column.
    columns = list(zip(*rows)) if rows and all(len(r) == width for r in rows) else None
    for col in range(width):
        cells = columns[col] if columns is not None else [r[col] for r in rows if col < len(r)]
        texts = [v for v in cells if v.__class__ is str and v]
        if not _HIGH.search("\n".join(set(texts))):
            continue  # no byte a legacy font uses: nothing to detect (most columns)
        encoding = detect_encoding(texts)
        if encoding is None:
            continue
        found[col] = encoding
        for r in rows:
            if col < len(r) and isinstance(r[col], str) and _HIGH.search(r[col]):
                r[col] = to_unicode(r[col], encoding)
    return found
