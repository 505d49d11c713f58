"""Every broken file of tests/data/bad/ gives exit 1 and one message naming the file and what to do; --debug
adds the traceback, nothing else shows one."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from conftest import HEADERS, household_row, write_xlsx

from povertool import api
from povertool.errors import InputFileError
from povertool import files
from povertool.read import guard
from povertool.read.readers import load_grids

# These tests read the English sentences (the Vietnamese ones are checked in test_i18n_both_languages.py).
pytestmark = pytest.mark.usefixtures("english")

BAD = Path(__file__).resolve().parent / "data" / "bad"

# file -> words its message must hold (what is wrong; the file name is checked for all).
CORPUS = {
    "not-a-zip.xlsx": "damaged",
    "truncated.xlsx": "damaged",
    "empty.xlsx": "empty",
    "empty.csv": "empty",
    "csv-renamed.xlsx": "text (CSV) file",
    "protected.xlsx": "password-protected",
    "zip-bomb.xlsx": "zip bomb",
    "tall-sheet.xlsx": "S1048576",
    "tall-sheet.ods": "row 1,048,576",
    "huge-cell.xlsx": "row 2, column B",
    "binary-garbage.xlsx": "not a spreadsheet",
    "binary-garbage.csv": "binary data",
    "survey.txt": "not a survey format",
    "undecodable.csv": "encodings",
}


def _one_error(result, name: str, words: str) -> str:
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert name in errors[0] and words in errors[0]
    return errors[0]


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_classify_bad_file_one_message(cli, tmp_path, name):
    result = cli("classify", BAD / name, "-o", tmp_path / "out.xlsx")
    message = _one_error(result, name, CORPUS[name])
    assert result.stdout == ""
    assert not (tmp_path / "out.xlsx").exists()
    assert len(message) > len(name) + 40  # what is wrong and what to do, not just the name


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_summary_and_progress_bad_file_one_message(cli, name):
    _one_error(cli("summary", BAD / name, "--json"), name, CORPUS[name])
    _one_error(cli("progress", "--current", BAD / name, "--json"), name, CORPUS[name])


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_report_bad_file_one_message(cli, tmp_path, name):
    _one_error(cli("report", "--census", "--current", BAD / name, "-o", tmp_path / "r.xlsx"), name, CORPUS[name])
    assert not (tmp_path / "r.xlsx").exists()


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_check_lists_bad_file_as_an_error(cli, name):
    result = cli("check", BAD / name, "--json")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] == 1 and report["households"] == 0
    problem = report["problems"][0]
    assert problem["file"] == name and CORPUS[name] in problem["problem"] and problem["fix"]


@pytest.mark.parametrize("name", ["zip-bomb.xlsx", "protected.xlsx", "truncated.xlsx"])
def test_debug_shows_the_traceback(cli, name):
    result = cli("classify", BAD / name, "--debug", "-o", "unused.xlsx")
    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert sum(line.startswith("error:") for line in result.stderr.splitlines()) == 1


def test_folder_without_survey_files(cli, tmp_path):
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    _one_error(cli("classify", empty), "empty-folder", "no survey files")
    (empty / "notes.txt").write_text("Danh sách nộp sau.\n", encoding="utf-8")
    (empty / "~$lock.xlsx").write_bytes(b"")  # Excel's lock file is not a survey
    _one_error(cli("summary", empty), "empty-folder", "no survey files")


def test_missing_file(cli, tmp_path):
    _one_error(cli("classify", tmp_path / "khong-co.xlsx"), "khong-co.xlsx", "does not exist")


def test_one_bad_file_in_a_folder_names_that_file(cli, tmp_path):
    folder = tmp_path / "communes"
    folder.mkdir()
    write_xlsx(folder / "a-good.xlsx", [HEADERS, household_row("G-1")])
    (folder / "b-broken.xlsx").write_bytes((BAD / "truncated.xlsx").read_bytes())
    _one_error(cli("classify", folder, "-o", tmp_path / "out.csv"), "b-broken.xlsx", "damaged")
    assert not (tmp_path / "out.csv").exists()


def test_unclosed_quote_in_csv(cli, tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text("Mã hộ,Số nhân khẩu,Thu nhập bình quân,Xã/Phường\n"
                    'A-1,4,"1.000.000,Xã Tân Phú\n' + "A-2,3,900000,Xã Tân Phú\n" * 4000, encoding="utf-8")
    _one_error(cli("classify", path, "--lang", "en"), "quote.csv", "line 2: a quote")


def test_zip_bomb_refused_from_the_directory_alone(tmp_path):
    """The guard reads the zip's directory: a declared size over the limit stops before anything inflates."""
    with zipfile.ZipFile(BAD / "zip-bomb.xlsx") as archive:
        declared = sum(e.file_size for e in archive.infolist())
    assert declared > guard.limits().max_uncompressed_bytes > (BAD / "zip-bomb.xlsx").stat().st_size * 100
    with pytest.raises(InputFileError, match="zip bomb"):
        guard.check_zip(BAD / "zip-bomb.xlsx")


def test_limits_are_data(monkeypatch, tmp_path):
    """The limits come from limits.toml; a lower one applies to an ordinary workbook."""
    path = write_xlsx(tmp_path / "list.xlsx", [HEADERS] + [household_row(f"L-{i}") for i in range(10)])
    assert len(load_grids(path)[0].rows) == 11
    low = files.Limits(max_uncompressed_bytes=10**9, max_cells=10 * len(HEADERS), max_cell_chars=32_767)
    monkeypatch.setattr(guard, "limits", lambda: low)
    with pytest.raises(InputFileError, match=r"reaches row 11 \(cell R11;"):
        load_grids(path)
    monkeypatch.setattr(guard, "limits", lambda: files.Limits(10**9, 10**6, 32_767, max_rows=10))
    with pytest.raises(InputFileError, match=r"reaches row 11 "):
        load_grids(path)
    monkeypatch.setattr(guard, "limits", lambda: files.Limits(1000, 10**6, 32_767))
    with pytest.raises(InputFileError, match="zip bomb"):
        load_grids(path)


def test_tall_sheet_extent_read_without_the_grid():
    def extent(path, names):
        return {name: (scan.rows, scan.cols) for name, scan in guard.sheet_scans(path, names).items()}

    assert extent(BAD / "tall-sheet.xlsx", ["DS"]) == {"DS": (1_048_576, 19)}
    assert extent(BAD / "tall-sheet.ods", None) == {"DS": (1_048_576, 19)}
    assert extent(BAD.parent / "quirks" / "official-list.ods", None) == {"Danh sách": (22, 18)}


def test_giant_cell_in_a_csv_names_its_line(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("Mã hộ,Số nhân khẩu,Thu nhập\nA-1,4,1000000\nA-2,4," + "9" * 40_000 + "\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="line 3"):
        load_grids(path)


def test_long_but_legal_cells_are_read(tmp_path):
    note = "ghi chú " * 4000  # 32,000 characters: within Excel's limit
    path = write_xlsx(tmp_path / "notes.xlsx", [HEADERS + ["Ghi chú"], household_row("N-1") + [note]])
    result = api.classify(path)
    assert result.summary["households"] == 1


def test_parquet_with_millions_of_rows_stopped_from_its_metadata(cli, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "many.parquet"
    rows = guard.limits().max_rows + 1
    pq.write_table(pa.table({"Mã hộ": pa.repeat("H", rows), "Thu nhập": pa.repeat(1_000_000, rows)}), path)
    assert path.stat().st_size < 1_000_000
    _one_error(cli("classify", path), "many.parquet", "reaches row")


def test_csv_over_the_size_limit(monkeypatch, tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("Mã hộ,Số nhân khẩu,Thu nhập\n" + "A,4,1000000\n" * 200, encoding="utf-8")
    monkeypatch.setattr(guard, "limits", lambda: files.Limits(1000, 10**6, 32_767))
    with pytest.raises(InputFileError, match="more than povertool reads at once"):
        load_grids(path)


@pytest.mark.parametrize("name", ["binary-garbage.csv", "empty.csv", "undecodable.csv"])
def test_streamed_bad_csv_one_message(cli, tmp_path, name):
    """The chunked path (classify --stream, and any large .csv) gives the same messages."""
    result = cli("classify", "--stream", BAD / name, "-o", tmp_path / "out.csv")
    _one_error(result, name, CORPUS[name])
    assert list(tmp_path.iterdir()) == []


def test_streamed_csv_broken_after_the_header(cli, tmp_path):
    path = tmp_path / "broken.csv"
    path.write_bytes("Mã hộ,Số nhân khẩu,Thu nhập,Xã/Phường\n".encode() + b"A-1,4,1000000,X\xe3 T\xe2n\n" * 50
                     + b"A-2,4,\x81\x8d\x8f,X\n")
    out = tmp_path / "out"
    out.mkdir()
    _one_error(cli("classify", "--stream", path, "-o", out / "out.csv", "--area", "rural"), "broken.csv", "encodings")
    assert list(out.iterdir()) == []


def test_streamed_csv_unclosed_quote(cli, tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text("Mã hộ,Số nhân khẩu,Thu nhập bình quân,Xã/Phường\n"
                    'A-1,4,"1.000.000,Xã Tân Phú\n' + "A-2,3,900000,Xã Tân Phú\n" * 8000, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    _one_error(cli("classify", "--stream", path, "-o", out / "out.csv", "--lang", "en"), "quote.csv", "line 2: a quote")
    assert list(out.iterdir()) == []
