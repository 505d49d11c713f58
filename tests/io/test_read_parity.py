"""The whole-file reader (read_survey) and the streaming reader (read.chunks) are built from the same steps
(read/steps.py): the same messy survey read both ways gives the same households, statuses and problems."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from conftest import HEADERS, cp1258_bytes, household_row

from povertool import api
from povertool.domain.run import classify_survey
from povertool.errors import InputFileError
from povertool.read.chunks import duplicate_groups, file_problems, open_stream, survey_chunks
from povertool.read.layout import HEADER_ROWS_READ, HEADER_SEARCH_ROWS
from povertool.read.survey_reader import read_survey

# Headers only --columns can map (no known words), so the mapping is used by both paths.
MAPPED = {"C1": "household_id", "C4": "members", "C5": "income_per_capita"}
MESSY_HEADERS = ["C1", "Họ và tên chủ hộ", "Xã/Phường", "C4", "C5", *HEADERS[5:]]


def _messy_rows() -> list[list[object]]:
    """A title, the header, a group row, households of every kind (repeated ids far apart, a blank income,
    unreadable cells, a missing id), a total row and a signature line: 20 households."""
    rows: list[list[object]] = [["DANH SÁCH HỘ NGHÈO NĂM 2024"], [], MESSY_HEADERS, ["Thôn 1"]]
    for i in range(1, 15):
        rows.append(household_row(f"H{i:02d}", income=[900_000, 1_400_000, 2_100_000, 6_000_000][i % 4], marks=i % 6,
                                  commune="Phường An Lạc" if i % 3 else "Xã Tân Phú", name="Trần Thị Ngọc Ánh"))
    rows.append(household_row("H03", income=700_000, marks=3))  # a repeat of H03, chunks away
    rows.append(household_row("H20", income=""))  # income blank
    rows.append(household_row("H21", members="bốn", income="1,5 triệu"))  # members unreadable
    rows.append(household_row("", income=1_000_000, marks=1))  # id made from file and row
    rows.append(household_row("H22", marks=["x", "có", "k", "?", "", "", "", "", "", "", "", ""]))  # marks unreadable
    rows.append(household_row("H07", income=" 1.200.000 "))  # a repeat of H07
    rows.append(["Tổng cộng", "", "", 80, 30_000_000])
    rows.append(["", "Người lập biểu"])
    return rows


def _write(path: Path, rows: list[list[object]], encoding: str, *, sep_line: bool = False) -> Path:
    buffer = io.StringIO()
    if sep_line:
        buffer.write("sep=;\r\n")
    csv.writer(buffer, delimiter=";").writerows(rows)
    text = buffer.getvalue()
    if encoding == "cp1258":
        path.write_bytes(cp1258_bytes(text))
    elif encoding == "utf-16-le":  # no BOM: every other byte zero
        path.write_bytes(text.encode("utf-16-le"))
    else:
        path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le") if encoding == "utf-16" else text.encode(encoding))
    return path


def _whole(path: Path, standard, columns) -> tuple[pd.DataFrame, pd.DataFrame]:
    survey = read_survey([path], standard=standard, columns=columns, year=2024)
    return _households(classify_survey(survey, standard)), survey.problems


def _streamed(path: Path, standard, columns, chunk_rows: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    source = open_stream(path, standard, columns)
    copies = duplicate_groups(source, chunk_rows)
    households, problems = [], [file_problems(source, standard)]
    for chunk in survey_chunks(source, standard, chunk_rows=chunk_rows, copies=copies, columns=columns, year=2024):
        households.append(_households(classify_survey(chunk.survey, standard)))
        problems.append(chunk.survey.problems)
    return pd.concat(households), pd.concat(problems)


def _households(result) -> pd.DataFrame:
    frame = result.households[["household_id", "source_row", "members", "income_per_capita", "status"]]
    return frame.reset_index(drop=True).astype(object)


def _problem_keys(problems: pd.DataFrame) -> list[tuple]:
    keys = problems[["file", "row", "column", "code", "severity"]].astype(object)
    return sorted(tuple("" if pd.isna(v) else v for v in row) for row in keys.itertuples(index=False))


@pytest.mark.parametrize(("encoding", "sep_line"), [("cp1258", False), ("utf-16", False), ("utf-16-le", True)])
@pytest.mark.parametrize("chunk_rows", [4, 1000])
def test_a_messy_survey_reads_the_same_whole_and_streamed(tmp_path: Path, encoding: str, sep_line: bool,
                                                          chunk_rows: int) -> None:
    path = _write(tmp_path / "xa.csv", _messy_rows(), encoding, sep_line=sep_line)
    standard = api.load_standard(year=2024)
    whole_households, whole_problems = _whole(path, standard, MAPPED)
    households, problems = _streamed(path, standard, MAPPED, chunk_rows)
    pd.testing.assert_frame_equal(households.reset_index(drop=True), whole_households)
    assert _problem_keys(problems) == _problem_keys(whole_problems)
    codes = set(whole_problems["code"])
    assert {"duplicate_id", "unreadable_mark", "members_invalid", "income_blank", "id_missing"} <= codes, codes
    rejected = set(whole_problems.loc[whole_problems["severity"] == "error", "row"].dropna())
    assert len(whole_households) + len(rejected) == 20 and len(rejected) >= 5
    assert set(whole_households["household_id"]) >= {"H01", "H14", "H22"}


def test_the_streamed_duplicate_names_the_copy_in_another_chunk(tmp_path: Path) -> None:
    path = _write(tmp_path / "xa.csv", _messy_rows(), "cp1258")
    standard = api.load_standard(year=2024)
    _, problems = _streamed(path, standard, MAPPED, 3)
    dup = problems[problems["code"] == "duplicate_id"].set_index("row")["problem"]
    assert dup[7] == "Mã hộ trùng với: xa.csv dòng 19" and dup[19] == "Mã hộ trùng với: xa.csv dòng 7"


@pytest.mark.parametrize("columns", [{"Mã HGĐ": "nope"}, None])
def test_column_map_and_income_checks_stop_both_paths_alike(tmp_path: Path, columns) -> None:
    path = _write(tmp_path / "xa.csv", _messy_rows(), "cp1258")
    standard = api.load_standard(year=2024)
    with pytest.raises(InputFileError) as whole:
        read_survey([path], standard=standard, columns=columns, year=2024)
    with pytest.raises(InputFileError) as streamed:
        open_stream(path, standard, columns)
    assert streamed.value.message == whole.value.message
    assert streamed.value.hint == whole.value.hint
    assert ("nope" if columns else "thu nhập") in whole.value.message


def test_no_data_rows_stops_both_paths_alike(tmp_path: Path) -> None:
    path = _write(tmp_path / "xa.csv", [["DANH SÁCH HỘ NGHÈO NĂM 2024"], HEADERS, ["Tổng cộng", "", "", 0, 0]], "cp1258")
    with pytest.raises(InputFileError) as whole:
        api.classify(path, year=2024)
    with pytest.raises(InputFileError) as streamed:
        api.classify_stream(path, tmp_path / "o.csv", year=2024)
    assert streamed.value.message == whole.value.message
    assert getattr(streamed.value, "code", None) == getattr(whole.value, "code", None) == "no_data_rows"
    assert not (tmp_path / "o.csv").exists()


def _header_at(path: Path, top: int, band: int) -> Path:
    """A CSV whose header band (``band`` rows) starts on Excel row ``top``, under notes."""
    rows: list[list[object]] = [[f"Ghi chú {i}"] for i in range(1, top)]
    if band == 2:
        rows.append(["Thông tin hộ", "", "", "", "", "Chỉ số thiếu hụt"])
    rows.append(HEADERS)
    rows += [household_row(f"H{i}", marks=i % 4) for i in range(5)]
    return _write(path, rows, "cp1258")


@pytest.mark.parametrize("band", [1, 2])
def test_both_paths_search_the_same_header_rows(tmp_path: Path, band: int) -> None:
    """Issue 17: the streaming reader read fewer rows than the header search; one limit for both, and the message
    says the number the search uses."""
    standard = api.load_standard(year=2024)
    last = _header_at(tmp_path / "last.csv", HEADER_SEARCH_ROWS, band)
    whole = read_survey([last], standard=standard, year=2024)
    source = open_stream(last, standard)
    assert source.header_row == whole.sources[0].header_row - 1 == HEADER_SEARCH_ROWS + band - 2
    assert HEADER_SEARCH_ROWS + band - 1 <= HEADER_ROWS_READ
    late = _header_at(tmp_path / "late.csv", HEADER_SEARCH_ROWS + 1, band)
    with pytest.raises(InputFileError) as whole_error:
        read_survey([late], standard=standard, year=2024)
    with pytest.raises(InputFileError) as stream_error:
        open_stream(late, standard)
    assert stream_error.value.message == whole_error.value.message
    assert f"{HEADER_SEARCH_ROWS} dòng đầu" in whole_error.value.message


def test_the_encoding_is_decided_over_the_whole_file_for_both_paths(tmp_path: Path) -> None:
    """A file plain ASCII at the start and Windows-1258 further on is read as Windows-1258 by both readers (the
    stream once decided from its first megabyte and stopped later)."""
    from povertool.read.csv_text import csv_file_encoding, decode_csv

    path = tmp_path / "late.csv"
    late = cp1258_bytes("H2;Bốn\r\n")
    path.write_bytes(b"Ma ho;So nhan khau\r\n" + b"H1;4\r\n" * 50 + late)
    assert csv_file_encoding(path, block=64) == "cp1258"
    assert decode_csv(path, path.read_bytes()).endswith(late.decode("cp1258"))
    utf8 = tmp_path / "utf8.csv"
    utf8.write_bytes("Mã hộ;Số nhân khẩu\r\n".encode() + b"H1;4\r\n" * 50)
    assert csv_file_encoding(utf8, block=7) == "utf-8-sig"  # a letter cut between blocks is still UTF-8


@pytest.mark.parametrize(("lines", "delimiter"), [
    (["DANH SÁCH HỘ NGHÈO", "", "Mã hộ;Họ tên;Thu nhập", "H1;A;1,5 triệu", "H2;B;2.000.000"], ";"),
    (["Mã hộ,Họ tên,Thu nhập", "H1,A,1500000", "H2,B,\"1,5\""], ","),
    (["Mã hộ\tHọ tên\tThu nhập", "H1\tA\t1,5", "H2\tB\t2"], "\t"),
    (["sep=;", "Mã hộ,Họ tên;Thu nhập"], ";"),
])
def test_one_delimiter_rule_for_both_paths(lines: list[str], delimiter: str) -> None:
    from povertool.read.csv_text import csv_start

    found, declared, body = csv_start("\r\n".join(lines) + "\r\n")
    assert found == delimiter
    assert declared == lines[0].startswith("sep=") and body.startswith(lines[int(declared)])


def test_two_columns_with_one_header_stop_both_paths_alike(tmp_path: Path) -> None:
    """Two income columns written the same (one of them last year's): the stream once picked one silently."""
    income = HEADERS[4]
    rows = [[*HEADERS, income]] + [household_row(f"H{i}", marks=i % 4) + [2_000_000] for i in range(4)]
    path = _write(tmp_path / "xa.csv", rows, "cp1258")
    standard = api.load_standard(year=2024)
    with pytest.raises(InputFileError) as whole:
        read_survey([path], standard=standard, year=2024)
    with pytest.raises(InputFileError) as streamed:
        open_stream(path, standard)
    assert streamed.value.message == whole.value.message and "E, S" in whole.value.message
    assert getattr(streamed.value, "code", None) == "repeated_header"
