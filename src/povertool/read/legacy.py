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
from typing import TYPE_CHECKING, Any

import numpy as np

from .text_kernels import matches

if TYPE_CHECKING:
    from .cell_block import CellBlock

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
_TCVN3_CLASS = "[" + "".join(sorted(_TCVN3_SIGNS)) + "]"


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
    distinct, counts = np.unique(np.array([t for t in texts if t] + [""], dtype=object)[:-1], return_counts=True) \
        if texts else (np.zeros(0, dtype=object), np.zeros(0, dtype=np.int64))
    return detect_distinct(distinct.astype(object), counts)


def detect_distinct(texts: np.ndarray, counts: np.ndarray) -> str | None:
    """detect_encoding for the distinct non-empty texts of a column, each written ``counts`` times."""
    high = matches(texts, _HIGH.pattern)
    if not high.any() or matches(texts, _UNICODE_VI.pattern).any():
        return None
    legacy = int(counts[high].sum())
    tcvn = int(counts[high & matches(texts, _TCVN3_CLASS)].sum())
    vni = int(counts[high & matches(texts, _VNI_PAIR.pattern)].sum())
    if tcvn and tcvn >= vni:
        return TCVN3
    if vni * 2 >= legacy:
        return VNI
    return None


def convert_block(block: CellBlock) -> dict[int, str]:
    """Convert the legacy columns of a block (headers included), each distinct text once; returns column ->
    encoding found."""
    found: dict[int, str] = {}
    for col in range(block.shape[1]):
        values = block.column_values(col)
        texts = plain_texts(values)
        if not texts.any():
            continue
        counts = np.bincount(block.codes[:, col] - block.starts[col], minlength=len(values))
        encoding = detect_distinct(values[texts], counts[texts])
        if encoding is None:
            continue
        found[col] = encoding
        high = np.zeros(len(values), dtype=bool)
        high[texts] = matches(values[texts], _HIGH.pattern)
        converted = np.array([to_unicode(v, encoding) for v in values[high]] + [None], dtype=object)[:-1]
        block.replace_values(col, high, converted)
    return found


def plain_texts(values: np.ndarray) -> np.ndarray:
    """Which values are non-empty str (not a subclass: an unsaved formula's text is never converted)."""
    from .values import of_kind

    return of_kind(values, lambda k: k is str) & np.asarray(values != "", dtype=bool)


def convert_columns(rows: list[list[Any]]) -> dict[int, str]:
    """Convert legacy text in place, column by column (headers included); returns column -> encoding found."""
    from .cell_block import CellBlock, write_back

    block = CellBlock.of(rows)
    found = convert_block(block)
    write_back(rows, block)
    return found
