"""io.parallel.read_many: the same results in the same order with worker processes as without."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pandas as pd
import pytest

from povertool.errors import InputFileError
from povertool.read.parallel import read_many, worker_count
from povertool.read.readers import load_grids

from conftest import HEADERS, household_row, write_xlsx


def _rows(path: Path) -> list[list[object]]:
    return [row for grid in load_grids(path) for row in grid.rows]


def _files(tmp_path: Path, n: int) -> list[Path]:
    return [write_xlsx(tmp_path / f"x{i}.xlsx", [HEADERS] + [household_row(f"H{i}-{j}", marks=j % 4) for j in range(i + 2)])
            for i in range(n)]


def test_workers_give_the_serial_results_in_path_order(tmp_path: Path) -> None:
    paths = _files(tmp_path, 4)
    done: list[Path] = []
    serial = read_many(paths, _rows, workers=1)
    parallel = read_many(paths, _rows, workers=2, on_done=done.append)
    assert parallel == serial
    assert [len(r) for r in parallel] == [3, 4, 5, 6]
    assert sorted(done) == sorted(paths)


def test_a_partial_reader_and_frames_come_back_whole(tmp_path: Path) -> None:
    paths = _files(tmp_path, 3)
    frames = read_many(paths, partial(pd.read_excel, header=0), workers=2)
    assert [f["Mã hộ"].tolist() for f in frames] == [[f"H{i}-{j}" for j in range(i + 2)] for i in range(3)]


def test_the_first_error_in_path_order_is_raised_with_its_hint(tmp_path: Path) -> None:
    paths = _files(tmp_path, 2)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(InputFileError) as info:
        read_many([paths[0], broken, paths[1]], _rows, workers=2)
    assert "broken.xlsx" in info.value.message and info.value.hint


def test_worker_count_never_exceeds_files() -> None:
    assert worker_count(1, 8) == 1
    assert worker_count(5, 2) == 2
    assert worker_count(3) >= 1


def test_progress_bar_only_on_a_terminal_and_never_quiet(tmp_path: Path) -> None:
    import io

    from rich.console import Console

    from povertool.cli.console import Outputs

    paths = _files(tmp_path, 3)
    buffer = io.StringIO()
    out = Outputs(err=Console(file=buffer, force_terminal=True, width=80))
    with out.file_progress(len(paths), "Reading") as done:
        read_many(paths, _rows, workers=1, on_done=done)
    assert "Reading" in buffer.getvalue()

    for quiet, terminal in ((True, True), (False, False)):
        buffer = io.StringIO()
        out = Outputs(quiet=quiet, err=Console(file=buffer, force_terminal=terminal, width=80))
        with out.file_progress(len(paths), "Reading") as done:
            read_many(paths, _rows, workers=1, on_done=done)
        assert buffer.getvalue() == ""


class _CodedError(InputFileError):
    def __init__(self, message: str, *, hint: str, code: str) -> None:
        super().__init__(message, hint=hint)
        self.code = code


def _coded_failure(path: Path) -> list:
    raise _CodedError(f"{path.name}: no table", hint="add a header", code="no_header")


def test_an_error_with_extra_attributes_comes_back_whole(tmp_path: Path) -> None:
    paths = _files(tmp_path, 2)
    with pytest.raises(_CodedError) as info:
        read_many(paths, _coded_failure, workers=2)
    assert (info.value.message, info.value.hint, info.value.code) == ("x0.xlsx: no table", "add a header", "no_header")
    assert str(info.value) == "x0.xlsx: no table add a header"


def test_read_survey_in_worker_processes_equals_the_serial_read(tmp_path: Path, monkeypatch) -> None:
    from povertool import api
    from povertool.read import survey_reader

    folder = tmp_path / "xa"
    folder.mkdir()
    for i in range(3):
        rows = [HEADERS] + [household_row(f"H{j}", income=900_000 + 300_000 * j, marks=j % 5) for j in range(i + 3)]
        rows.append(household_row("H1", members="nhiều"))  # a duplicate id across files and a bad count
        write_xlsx(folder / f"thon-{i}.xlsx", rows)
    monkeypatch.setattr(survey_reader, "_worth_workers", lambda paths: False)
    serial = api.read_survey(folder, year=2024)
    monkeypatch.setattr(survey_reader, "_worth_workers", lambda paths: True)
    parallel = api.read_survey(folder, year=2024)
    pd.testing.assert_frame_equal(parallel.households, serial.households)
    pd.testing.assert_frame_equal(parallel.original, serial.original)
    pd.testing.assert_frame_equal(parallel.problems, serial.problems)
    assert parallel.sources == serial.sources
    assert [s.first_record for s in parallel.sources] == [0, 4, 9]
    assert (parallel.problems["code"] == "duplicate_id").sum() > 0
