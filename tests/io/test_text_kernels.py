"""The vectorised text kernels of the reader give what the per-cell Python steps they replaced gave."""

from __future__ import annotations

import unicodedata

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from povertool.read import legacy
from povertool.read.cell_block import CellBlock
from povertool.read.sniff import fix_text
from povertool.read.text_kernels import WHITESPACE, clean_texts
from povertool.read.values import is_blank

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# What officials type (accents composed and not, odd spaces, legacy-font bytes) and anything at all.
VIETNAMESE = st.text(alphabet="aăâeêioôơuưyđAĂÂĐ \u00a0\u200b\t\u3000\u0300\u0301\u0303\u0309\u0323"
                              "áàảãạếềểễệốồổỗộớờởỡợNguyễnThịµ¸¶·¹¨»¾øùõñôö", max_size=30)
TEXTS = st.one_of(st.text(max_size=30), VIETNAMESE)


def _clean_per_cell(text: str) -> str:
    """The cleaner the reader used to call once per cell (sniff._clean before issue 19)."""
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.replace("\u00a0", " ").replace("\u200b", "").split())


def _detect_per_cell(texts: list[str]) -> str | None:
    """The per-cell legacy detection the reader used before issue 19."""
    found = [t for t in texts if legacy._HIGH.search(t)]
    if not found or any(legacy._UNICODE_VI.search(t) for t in texts):
        return None
    tcvn = sum(1 for t in found if any(ch in legacy._TCVN3_SIGNS for ch in t))
    vni = sum(1 for t in found if legacy._VNI_PAIR.search(t))
    if tcvn and tcvn >= vni:
        return legacy.TCVN3
    return legacy.VNI if vni * 2 >= len(found) else None


def test_whitespace_is_pythons():
    assert WHITESPACE == "".join(chr(i) for i in range(0x110000) if chr(i).isspace())


@given(st.lists(TEXTS, max_size=20))
@FAST
def test_clean_texts_equals_the_per_cell_cleaner(texts):
    cleaned = clean_texts(np.array(texts + [None], dtype=object)[:-1])
    assert list(cleaned) == [_clean_per_cell(t) for t in texts]


CELLS = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=True), TEXTS)


@given(st.lists(st.lists(CELLS, min_size=1, max_size=4), min_size=1, max_size=8))
@FAST
def test_block_facts_equal_the_per_cell_tests(rows):
    block = CellBlock.of(rows)
    width = block.shape[1]
    for r, row in enumerate(rows):
        for c in range(width):
            value = row[c] if c < len(row) else ""
            if isinstance(value, bool) or value == 1 or value == 0:
                continue  # True, 1 and 1.0 are one distinct value to pandas (as they were to the old cells())
            assert block.at(block.blank)[r, c] == is_blank(value)
            assert block.at(block.text)[r, c] == (isinstance(value, str) and bool(value.strip()))


@given(st.lists(st.lists(TEXTS, min_size=1, max_size=4), min_size=1, max_size=8))
@FAST
def test_fix_text_cleans_each_cell_and_detects_legacy_as_the_per_cell_rules(rows):
    grid = [list(r) for r in rows]
    found = fix_text(grid)
    cleaned = [[_clean_per_cell(v) for v in r] for r in rows]
    width = max(len(r) for r in rows)
    for col in range(width):
        texts = [r[col] for r in cleaned if col < len(r) and r[col]]
        assert found.get(col) == _detect_per_cell(texts) == legacy.detect_encoding(texts)
        for r, row in enumerate(cleaned):
            if col < len(row):
                expected = legacy.to_unicode(row[col], found[col]) if col in found and \
                    legacy._HIGH.search(row[col]) else row[col]
                assert grid[r][col] == expected


ERROR_TEXTS = st.one_of(TEXTS, st.sampled_from(["#REF!", " #N/A ", "#DIV/0!", "Err:502", "Err:50", "Err:５０２",
                                                "\u00a0#VALUE!\u3000", "#ref!", "Err:5021", "x#REF!"]))


@given(st.lists(st.one_of(ERROR_TEXTS, CELLS), max_size=20))
@FAST
def test_column_tests_equal_the_per_value_tests(cells):
    import pandas as pd

    from povertool.read.text import clean_text
    from povertool.read.values import parse_text, spreadsheet_errors, value_words

    raw = pd.Series(cells, dtype=object)
    words = value_words()
    expected = [isinstance(v, str) and (v.strip() in words.error_values or bool(words.error_pattern.match(v.strip())))
                for v in cells]
    assert spreadsheet_errors(raw).tolist() == expected
    texts = [None if is_blank(v) else str(int(v)) if isinstance(v, float) and v.is_integer() else clean_text(v)
             for v in cells]
    shown = parse_text(raw).tolist()
    for value, got, want in zip(cells, shown, texts):
        if not (isinstance(value, bool) or value == 1 or value == 0):  # True, 1, 1.0: one distinct value
            assert got == (want or None)
