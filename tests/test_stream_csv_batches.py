"""The streamed CSV reader (read/csv_batches.py, pyarrow's streaming reader): ragged rows, blank lines and odd
rows keep their place and Excel row at any chunk size, as the whole-file reader reads them."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from povertool import api
from povertool.errors import InputFileError
from povertool.read.csv_batches import TooManyCells, record_chunks

from conftest import HEADERS, household_row


def _write(path: Path, rows: list[list[object]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _ragged(n: int = 23) -> list[list[object]]:
    """Households with short rows (no trailing cells), trailing commas, blank lines and a note line among them."""
    rows: list[list[object]] = [["DANH SÁCH HỘ NĂM 2024"], [], HEADERS]
    for i in range(n):
        row = household_row(f"H{i:03d}", income=900_000 + 100_000 * (i % 7), marks=i % 5)
        if i % 4 == 1:
            row = row[:5]  # no indicator cells at all: not deprived (blank)
        elif i % 4 == 2:
            row = row + ["", ""]  # a line ending in two delimiters
        rows.append(row)
        if i % 6 == 5:
            rows.append([])
    rows += [["Tổng cộng", "", "", 90], [], ["", "Người lập biểu"]]
    return rows


@pytest.mark.parametrize("chunk", [1, 2, 5, 1000])
def test_ragged_csv_streams_like_the_whole_file_path(tmp_path: Path, chunk: int) -> None:
    inp = _write(tmp_path / "xa.csv", _ragged())
    whole = api.classify(inp, year=2024)
    api.write_classified(whole, tmp_path / "whole.csv", inputs=[inp])
    summary, files = api.classify_stream(inp, tmp_path / "s.csv", year=2024, chunk_rows=chunk)
    assert files[0].read_bytes() == (tmp_path / "whole.csv").read_bytes()
    assert summary["households"] == len(whole.households) == 23
    rows = pd.read_csv(files[0], encoding="utf-8-sig", dtype=str)["source_row"].astype(int).tolist()
    assert rows == whole.households["source_row"].tolist()  # Excel rows: blank lines counted


def test_records_keep_their_place_and_cells(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("a,b,c\n1,2,3\n4\n\n5,6,7,8\n9,10,11\n12\n", encoding="utf-8")
    chunks = list(record_chunks(path, encoding="utf-8", delimiter=",", skip_records=1, first_row=2, chunk_rows=4,
                                min_columns=3, max_columns=19))
    cells = pd.concat(chunks, ignore_index=True).fillna("").values.tolist()
    assert [len(c) for c in chunks] == [4, 2]
    assert cells == [["1", "2", "3", ""], ["4", "", "", ""], ["", "", "", ""], ["5", "6", "7", "8"],
                     ["9", "10", "11", ""], ["12", "", "", ""]]


def test_only_the_columns_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("a,b,c\n1,2,3\n4\n5,6,7\n", encoding="utf-8")
    (frame,) = record_chunks(path, encoding="utf-8", delimiter=",", skip_records=1, first_row=2, chunk_rows=10,
                             min_columns=3, max_columns=19, usecols=[1])
    assert list(frame.columns) == [1] and frame[1].tolist() == ["2", "", "6"]


def test_a_line_with_too_many_cells_is_named_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("a,b,c\n1,2,3\n" + "4," * 30 + "\n5,6,7\n", encoding="utf-8")
    with pytest.raises(TooManyCells) as found:
        list(record_chunks(path, encoding="utf-8", delimiter=",", skip_records=1, first_row=2, chunk_rows=10,
                           min_columns=3, max_columns=19))
    assert found.value.line == 3
    with pytest.raises(InputFileError, match="3"):
        api.classify_stream(_write(tmp_path / "w.csv", [HEADERS, household_row("A"), ["B"] * 40]), tmp_path / "o.csv",
                            year=2024, area="rural")


def test_a_cell_over_a_line_break_in_an_odd_row_names_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text('a,b,c\n1,2,3\n4,"five\nsix"\n7,8,9\n', encoding="utf-8")
    with pytest.raises(InputFileError, match="3.*4"):
        list(record_chunks(path, encoding="utf-8", delimiter=",", skip_records=1, first_row=2, chunk_rows=10,
                           min_columns=3, max_columns=19))
