"""The CLI's one place for errors: every failure is one line on stderr and an exit code; --debug adds the
traceback; error objects survive worker processes; a problem never shows a whole giant cell."""

from __future__ import annotations

import json
import pickle

import pytest
from conftest import HEADERS, household_row, write_xlsx

from povertool import api
from povertool.errors import InputFileError, OutputError, PovertoolError
from povertool.read.survey_reader import TableError

# These tests read the English sentences (the Vietnamese ones are checked in test_i18n_both_languages.py).
pytestmark = pytest.mark.usefixtures("english")


class FakePanic(BaseException):
    """Like pyo3's PanicException: not an Exception."""


def _raising(exc: BaseException):
    def fail(*args, **kwargs):
        raise exc

    return fail


def _errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


@pytest.fixture
def survey(tmp_path):
    return write_xlsx(tmp_path / "in.xlsx", [HEADERS, household_row("E-1")])


@pytest.mark.parametrize("exc, words", [
    (OSError(28, "No space left on device", "ket-qua.xlsx"), "ket-qua.xlsx: the disk is full"),
    (MemoryError(), "not enough memory"),
    (ValueError("Nguyễn Văn Bí mật"), "povertool failed inside"),  # no class name: people read it
    (FakePanic("panicked at Nguyễn Văn Bí mật"), "povertool failed inside"),
])
def test_one_line_for_every_failure(cli, survey, monkeypatch, exc, words):
    monkeypatch.setattr(api, "classify_files", _raising(exc))
    result = cli("classify", survey)
    assert result.exit_code == 1
    assert _errors(result) == [_errors(result)[0]] and words in _errors(result)[0]
    assert "Traceback" not in result.stderr and "Bí mật" not in result.stderr + result.stdout


def test_debug_reraises_internal_errors(cli, survey, monkeypatch):
    monkeypatch.setattr(api, "classify_files", _raising(ValueError("boom")))
    with pytest.raises(ValueError, match="boom"):
        cli("classify", survey, "--debug")


def test_debug_prints_traceback_for_os_errors(cli, survey, monkeypatch):
    monkeypatch.setattr(api, "classify_files", _raising(OSError(5, "Input/output error", "in.xlsx")))
    result = cli("classify", survey, "--debug")
    assert result.exit_code == 1 and "Traceback" in result.stderr and len(_errors(result)) == 1


@pytest.mark.parametrize("error", [
    InputFileError("a.xlsx is empty.", hint="Save it again."),
    OutputError("b.xlsx: denied.", hint="Choose another -o."),
    TableError("c.xlsx: no table.", hint="Add a header.", code="no_header"),
    PovertoolError("plain"),
])
def test_errors_survive_pickling(error):
    """Worker processes send errors back pickled: the class, message, hint and code must all arrive."""
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and copy.message == error.message and copy.hint == error.hint
    assert str(copy) == str(error) and getattr(copy, "code", None) == getattr(error, "code", None)
    assert TableError("x").code == "file_unreadable"


def test_problem_value_of_a_long_cell_is_cut(cli, tmp_path):
    path = write_xlsx(tmp_path / "long.xlsx", [HEADERS, household_row("L-1", income="chưa rõ " * 2000)])
    result = cli("check", path, "--json")
    values = [p["value"] for p in json.loads(result.stdout)["problems"] if p["code"] == "unreadable_income"]
    assert len(values) == 1 and len(values[0]) <= 200 and values[0].endswith("…")
