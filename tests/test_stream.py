"""The streaming path (chunk by chunk) writes the same files and counts as the whole-file path."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from conftest import HEADERS, cp1258_bytes, household_row

from povertool import api
from povertool.api.stream import can_stream
from povertool.errors import DataError, InputFileError

SUMMARY_KEYS = ("households", "persons", "status_counts", "status_persons", "poor_rate", "near_poor_rate",
                "multidimensional_rate", "warnings")


def _rows() -> list[list[object]]:
    """Title rows, a numbering row, households of every kind, duplicates far apart, a total row, blank lines."""
    rows: list[list[object]] = [["DANH SÁCH HỘ NGHÈO NĂM 2024"], [], HEADERS, [f"({i})" for i in range(1, len(HEADERS) + 1)]]
    for i in range(1, 31):
        row = household_row(f"H{i:03d}", income=[900_000, 1_400_000, 2_000_000, 6_000_000][i % 4], marks=i % 6,
                            commune="Phường An Lạc" if i % 3 else "Xã Tân Phú", agricultural="x" if i % 2 else "")
        rows.append(row)
    rows.append(household_row("H005", income=800_000, marks=4))  # a repeat of H005, in a later chunk
    rows.append(household_row("", income=1_000_000, marks=1))  # id missing: made from file and row
    rows.append(household_row("H040", members="bốn", income="1,5 triệu"))  # members unreadable: rejected
    rows.append(household_row("H041", commune="Thôn Một", income="=2+2"))  # area unknown: rejected; formula text
    rows.append([])
    rows.append(household_row("H017", income=" 1.200.000 ", marks=["x", "X", "✓", "", "có", "k", "", "", "", "", "", ""]))
    rows.append(["Tổng cộng", "", "", 130, 45_000_000])
    rows.append(["", "Người lập biểu"])
    return rows


def _write_csv(path: Path, rows: list[list[object]], *, delimiter: str = ",", encoding: str = "utf-8-sig") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    text = buffer.getvalue()
    path.write_bytes(text.encode(encoding) if encoding != "cp1258" else cp1258_bytes(text))
    return path


def _plain(inp: Path, out: Path) -> tuple[dict, list[Path]]:
    result = api.classify(inp, year=2024)
    return result.summary, api.write_classified(result, out, inputs=[inp])


@pytest.mark.parametrize("chunk_rows", [3, 1000])
def test_csv_stream_writes_the_same_bytes_as_the_whole_file_path(tmp_path: Path, chunk_rows: int) -> None:
    inp = _write_csv(tmp_path / "xa.csv", _rows())
    plain_summary, plain_files = _plain(inp, tmp_path / "plain.csv")
    summary, files = api.classify_stream(inp, tmp_path / "stream.csv", year=2024, chunk_rows=chunk_rows)
    assert [p.name for p in files] == ["stream.csv", "stream.rejected.csv"]
    assert [p.name for p in plain_files] == ["plain.csv", "plain.rejected.csv"]
    assert files[0].read_bytes() == plain_files[0].read_bytes()
    assert files[1].read_bytes() == plain_files[1].read_bytes()
    for key in SUMMARY_KEYS:
        assert summary[key] == plain_summary[key], key
    assert summary["rejected"] == plain_summary["rejected"]
    assert summary["rejected_count"] == len(plain_summary["rejected"]) >= 4
    assert summary["files"][0]["rows"] == plain_summary["files"][0]["rows"]
    assert summary["files"][0]["skipped"] == plain_summary["files"][0]["skipped"]


def test_duplicates_in_different_chunks_name_each_other(tmp_path: Path) -> None:
    inp = _write_csv(tmp_path / "xa.csv", _rows())
    api.classify_stream(inp, tmp_path / "s.csv", year=2024, chunk_rows=5)
    rejected = pd.read_csv(tmp_path / "s.rejected.csv", encoding="utf-8-sig", dtype=str)
    dup = rejected[rejected["problem"].str.startswith("Mã hộ trùng")]
    by_row = dict(zip(dup["row"].astype(int), dup["problem"]))
    assert sorted(by_row) == [9, 21, 35, 40]  # H005 at rows 9 and 35, H017 at rows 21 and 40
    assert by_row[9] == "Mã hộ trùng với: xa.csv dòng 35" and by_row[35] == "Mã hộ trùng với: xa.csv dòng 9"
    assert by_row[21] == "Mã hộ trùng với: xa.csv dòng 40" and by_row[40] == "Mã hộ trùng với: xa.csv dòng 21"


def test_semicolon_cp1258_csv_streams_like_the_whole_file_path(tmp_path: Path) -> None:
    rows = [HEADERS] + [household_row(f"H{i}", income=1_000_000 + i * 100_000, marks=i % 5) for i in range(12)]
    inp = _write_csv(tmp_path / "cu.csv", rows, delimiter=";", encoding="cp1258")
    _, plain_files = _plain(inp, tmp_path / "plain.csv")
    _, files = api.classify_stream(inp, tmp_path / "stream.csv", year=2024, chunk_rows=5)
    assert files == [tmp_path / "stream.csv"]
    assert files[0].read_bytes() == plain_files[0].read_bytes()


def test_parquet_in_parquet_out_matches_the_whole_file_path(tmp_path: Path) -> None:
    body = [household_row(f"H{i}", income=700_000 + i * 150_000, marks=i % 6, members=(i % 5) + 1) for i in range(25)]
    body.append(household_row("H3", income=500_000))
    frame = pd.DataFrame(body, columns=HEADERS).astype({"Thu nhập bình quân đầu người/tháng (đồng)": float})
    inp = tmp_path / "ds.parquet"
    frame.to_parquet(inp, index=False)
    plain_summary, plain_files = _plain(inp, tmp_path / "plain.parquet")
    summary, files = api.classify_stream(inp, tmp_path / "stream.parquet", year=2024, chunk_rows=4)
    assert [p.name for p in files] == ["stream.parquet", "stream.rejected.parquet"]
    pd.testing.assert_frame_equal(pd.read_parquet(files[0]), pd.read_parquet(plain_files[0]))
    pd.testing.assert_frame_equal(pd.read_parquet(files[1]), pd.read_parquet(plain_files[1]))
    for key in SUMMARY_KEYS:
        assert summary[key] == plain_summary[key], key


def test_strict_stream_writes_nothing_when_rows_are_rejected(tmp_path: Path) -> None:
    inp = _write_csv(tmp_path / "xa.csv", _rows())
    with pytest.raises(DataError):
        api.classify_stream(inp, tmp_path / "s.csv", year=2024, strict=True, chunk_rows=5)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["xa.csv"]


def test_can_stream_only_for_one_csv_or_parquet_file(tmp_path: Path) -> None:
    inp = _write_csv(tmp_path / "a.csv", [HEADERS])
    assert can_stream([inp], tmp_path / "o.parquet")
    assert not can_stream([inp], tmp_path / "o.xlsx")
    assert not can_stream([inp, inp], tmp_path / "o.csv")
    assert not can_stream([tmp_path], tmp_path / "o.csv")


def test_cli_stream_flag_gives_the_same_file_and_table(tmp_path: Path, cli) -> None:
    inp = _write_csv(tmp_path / "xa.csv", _rows())
    plain = cli("classify", inp, "-o", tmp_path / "plain.csv", "--year", "2024")
    streamed = cli("classify", inp, "-o", tmp_path / "stream.csv", "--year", "2024", "--stream")
    assert plain.exit_code == streamed.exit_code == 0, streamed.stderr
    assert (tmp_path / "stream.csv").read_bytes() == (tmp_path / "plain.csv").read_bytes()
    assert streamed.stdout == plain.stdout
    bad = cli("classify", inp, "-o", tmp_path / "s.xlsx", "--stream")
    assert bad.exit_code == 2 and "--stream" in bad.stderr


def test_column_mapping_is_used_and_checked_like_the_whole_file_path(tmp_path: Path) -> None:
    rows = [["Mã", "Chủ hộ", "Xã/Phường", "NK", "TN tháng", *HEADERS[5:]]]
    rows += [household_row(f"H{i}", income=1_000_000 + i * 200_000, marks=i % 4) for i in range(8)]
    inp = _write_csv(tmp_path / "m.csv", rows)
    columns = {"Mã": "household_id", "NK": "members", "TN tháng": "income_per_capita"}
    plain = api.classify(inp, year=2024, columns=columns)
    api.write_classified(plain, tmp_path / "plain.csv", inputs=[inp])
    summary, files = api.classify_stream(inp, tmp_path / "s.csv", year=2024, columns=columns, chunk_rows=3)
    assert files[0].read_bytes() == (tmp_path / "plain.csv").read_bytes()
    assert summary["persons"] == plain.summary["persons"] > 0
    with pytest.raises(InputFileError, match="trường không có 'nope'"):
        api.classify_stream(inp, tmp_path / "t.csv", year=2024, columns={"Mã": "nope"})


@pytest.mark.parametrize("chunk", [2, 5, 100])
def test_chunked_row_filter_agrees_with_the_reader(tmp_path: Path, chunk: int) -> None:
    from povertool.read.headers import field_specs
    from povertool.read.readers import data_rows, load_grids, locate_table
    from povertool.read.stream_source import RowFilter, open_source

    rows = _rows() + [["(1)", "(2)", "(3)", "(4)", "(5)"], ["  Cộng:  ", "", "", 3, 2_000_000],
                      household_row("H900"), ["", "", "", "", ""]]  # a household under the signature line
    inp = _write_csv(tmp_path / "xa.csv", rows)
    specs = field_specs(api.load_standard(year=2024))
    table = locate_table(load_grids(inp)[0], specs, {})
    keep_rows, skipped = data_rows(table)
    source = open_source(inp, specs, {})
    assert source.header_row == table.header_row
    under = table.grid.rows[table.header_row + 1:]
    row_filter, kept = RowFilter(source), []
    for first in range(0, len(under), chunk):
        part = [list(r) for r in under[first:first + chunk]]
        kept += [table.header_row + 1 + first + int(i) for i in row_filter(part).nonzero()[0]]
    assert kept == keep_rows
    assert len(table.grid.rows) - len(kept) == skipped
