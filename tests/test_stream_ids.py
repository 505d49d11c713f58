"""Repeated household ids in a streamed file are found across chunks exactly as the whole-file reader finds them,
whatever spaces or Unicode form the copies are written in (the first pass keys ids with column operations)."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from povertool import api
from povertool.read.stream_source import id_hashes
from povertool.read.values import parse_text

from conftest import HEADERS, household_row

SPELLINGS = ["H 001", " H  001 ", "H\u00a0001", "Há02", unicodedata.normalize("NFD", "Há02"), "H003", "H004", "h004"]


def _rejected_rows(path: Path) -> list[int]:
    if not path.exists():
        return []
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str)
    return sorted(frame.loc[frame["problem"].str.startswith("Mã hộ trùng"), "row"].astype(int).tolist())


def test_ids_written_with_other_spaces_or_unicode_forms_are_repeats_across_chunks(tmp_path: Path) -> None:
    rows = [HEADERS] + [household_row(hid, income=1_000_000 + 50_000 * i) for i, hid in enumerate(SPELLINGS)]
    inp = tmp_path / "xa.csv"
    with open(inp, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    whole = api.classify(inp, year=2024)
    api.write_classified(whole, tmp_path / "whole.csv", inputs=[inp])
    api.classify_stream(inp, tmp_path / "s.csv", year=2024, chunk_rows=2)  # every pair of copies in two chunks
    streamed = _rejected_rows(tmp_path / "s.rejected.csv")
    assert streamed == _rejected_rows(tmp_path / "whole.rejected.csv")
    assert streamed == [2, 3, 4, 5, 6]  # H 001 three times, Há02 in NFC and NFD; H004 and h004 differ


def test_numeric_parquet_ids_are_keyed_as_their_text(tmp_path: Path) -> None:
    rows = [household_row(str(i), income=1_000_000) for i in (12, 13, 12, 14)]
    table = pd.DataFrame(rows, columns=HEADERS)
    table["Mã hộ"] = [12.0, 13.0, 12.0, 14.0]
    inp = tmp_path / "xa.parquet"
    pq.write_table(pa.Table.from_pandas(table, preserve_index=False), inp)
    summary, _ = api.classify_stream(inp, tmp_path / "s.csv", year=2024, chunk_rows=1)
    assert summary["rejected_count"] == 2
    assert sorted(r["row"] for r in summary["rejected"]) == [2, 4]


def test_equal_parsed_ids_have_equal_hashes() -> None:
    values = pd.Series(SPELLINGS + ["", "   ", None, 7.0, "7"], dtype=object)
    hashes, known = id_hashes(values)
    parsed = parse_text(values)
    assert known.tolist() == parsed.notna().tolist()
    for i in range(len(values)):
        for j in range(len(values)):
            if known[i] and known[j] and parsed[i] == parsed[j]:
                assert hashes[i] == hashes[j], (values[i], values[j])
    assert hashes[6] != hashes[7]  # H004 and h004 stay apart
