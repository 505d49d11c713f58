"""Fuzzing the parsers that meet raw cells: money, flags, areas, statuses, text and legacy encodings, CSV
decoding and the header matcher. Whatever the input, the only exception allowed is the project's own."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from povertool.errors import PovertoolError
from povertool.read import legacy, values
from povertool.read.headers import best_score, field_specs, header_keys, match_headers
from povertool.read.layout import find_layout
from povertool.read.readers import load_grids
from povertool.read.standards import read_standard
from povertool.read.text import clean_text, match_key

SPECS = field_specs(read_standard("vn-2022"))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like what officials type, mixed with anything at all.
MONEY_TEXT = st.from_regex(r"-?\s*[0-9][0-9 .,']{0,14}\s*(triệu|tr|nghìn|k|đồng|đ|VND|/người/tháng)?\s*", fullmatch=True)
WORDS = st.sampled_from(["x", "X", "có", "không", "k", "✓", "?", "chưa rõ", "Thành thị", "Nông thôn", "Hộ nghèo",
                         "Nữ", "1", "0", "", " ", "\u00a0", "nan", "inf", "-", "=1+1", "1e309", "١٢٣"])
CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40), MONEY_TEXT, WORDS,
)
PARSERS = [values.parse_money, values.parse_numbers, values.parse_flags, values.parse_optional_flags,
           values.parse_area, values.parse_head_female, values.parse_status]


def _call(fn, *args):
    try:
        return fn(*args)
    except PovertoolError:
        return None


@given(st.lists(CELLS, max_size=25))
@FAST
def test_column_parsers_never_raise(cells):
    raw = pd.Series(cells, dtype=object)
    for parse in PARSERS:
        result = _call(parse, raw)
        if result is not None:
            parsed, unreadable = result
            assert len(parsed) == len(raw) and len(unreadable) == len(raw)
            assert not unreadable[raw.map(values.is_blank)].any()  # a blank cell is never unreadable
    text = values.parse_text(raw)
    assert len(text) == len(raw)


@given(CELLS)
@FAST
def test_money_value_is_a_finite_number_or_unreadable(cell):
    result = values.parse_money_value(cell)
    if isinstance(result, float):
        assert not math.isnan(result)
    for fn in (values.area_from_unit_name, clean_text, match_key):
        fn(cell)


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([".", ",", " "]))
@FAST
def test_money_with_thousands_separators(amount, sep):
    written = f"{amount:,}".replace(",", sep)
    assert values.parse_money_value(written) == amount


@given(st.lists(st.lists(st.one_of(st.text(max_size=20), st.text(alphabet="µ¸¶·¹¨»¾¼½©®ª×«¬aeoøùõ ", max_size=20)),
                         min_size=1, max_size=4), min_size=1, max_size=8))
@FAST
def test_legacy_detection_never_raises(rows):
    grid = [list(r) for r in rows]
    found = legacy.convert_columns(grid)
    assert set(found.values()) <= {legacy.TCVN3, legacy.VNI}
    assert all(isinstance(v, str) for r in grid for v in r)


@given(st.binary(max_size=300), st.sampled_from([".csv", ".xlsx", ".xls", ".ods", ".parquet", ".xlsm", ".txt"]))
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_reading_any_bytes_raises_only_input_errors(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"file{suffix}"
        path.write_bytes(data)
        grids = _call(load_grids, path)
    if grids is not None:
        assert all(isinstance(g.rows, list) for g in grids)


@given(st.text(max_size=200), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"]))
@FAST
def test_csv_text_in_any_encoding(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "file.csv"
        path.write_bytes(data)
        _call(load_grids, path)


HEADER_TEXT = st.one_of(st.text(max_size=30), st.sampled_from(
    ["Mã hộ", "Họ và tên chủ hộ", "Số nhân khẩu", "Thu nhập BQ", "Điểm B1", "Nhà tiêu HVS", "BHYT", "DTTS",
     "Xã/Phường", "(1)", "Thu nhập bình quân / Tháng", " / ", "", "Số CCCD"]))


@given(st.lists(HEADER_TEXT, max_size=20), st.dictionaries(HEADER_TEXT, st.sampled_from([s.name for s in SPECS]),
                                                            max_size=3))
@FAST
def test_header_matcher_never_raises(headers, overrides):
    mapping = match_headers(headers, SPECS, overrides=overrides)
    assert set(mapping) <= set(range(len(headers)))
    assert len(set(mapping.values())) == len(mapping)  # a field goes to one column at most
    for header in headers:
        header_keys(header)
        best_score(header, SPECS)


@given(st.lists(st.lists(st.one_of(HEADER_TEXT, CELLS), max_size=8), max_size=12))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_header_finder_on_any_grid(rows):
    _call(find_layout, [list(r) for r in rows], SPECS, {}, [])
