"""Thin commands (issue 17.6): --lang/--quiet/--debug handled once by the app, outputs passed in (no module
state), so a command runs in-process on any streams."""

from __future__ import annotations

import importlib
import inspect
import io
import json
import pkgutil
from pathlib import Path

import pytest

import povertool.cli
from povertool.cli.app import app
from povertool.cli.console import Outputs

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
COMMANDS = ["classify", "check", "summary", "progress", "report", "template", "standards", "transition"]


def _callback(name: str):
    return importlib.import_module(f"povertool.cli.{name}").__dict__[name]


@pytest.mark.parametrize("name", COMMANDS)
def test_common_options_are_added_once_by_the_app(cli, name: str) -> None:
    own = inspect.signature(_callback(name)).parameters
    assert list(own)[0] == "out" and not {"lang", "quiet", "debug"} & set(own)
    help_text = cli(name, "--help").stdout
    assert all(option in help_text for option in ("--lang", "--quiet", "--debug"))


def test_no_console_state_at_module_level() -> None:
    from rich.console import Console

    for module in pkgutil.iter_modules(povertool.cli.__path__):
        loaded = importlib.import_module(f"povertool.cli.{module.name}")
        assert not [k for k, v in vars(loaded).items() if isinstance(v, (Console, Outputs))], module.name
        assert "STATE" not in vars(loaded), module.name


def test_a_command_writes_to_the_streams_it_is_given() -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    _callback("standards")(Outputs(stdout=stdout, stderr=stderr), standard_id="vn-2022", json_out=True)
    assert json.loads(stdout.getvalue())["id"] == "vn-2022" and stderr.getvalue() == ""


def test_people_lines_go_to_the_given_stderr_and_quiet_silences_them(tmp_path: Path) -> None:
    survey = SAMPLES / "an-binh-2024.xlsx"
    for quiet in (False, True):
        stdout, stderr = io.StringIO(), io.StringIO()
        _callback("classify")(Outputs(quiet=quiet, stdout=stdout, stderr=stderr), [survey],
                              output=tmp_path / f"out-{quiet}.csv", json_out=True)
        assert json.loads(stdout.getvalue())["households"] > 0
        assert ("out-False.csv" in stderr.getvalue()) is not quiet
        assert quiet is (stderr.getvalue() == "")


def test_quiet_keeps_errors() -> None:
    stderr = io.StringIO()
    out = Outputs(quiet=True, stderr=stderr)
    out.info("tiến độ")
    out.warn("cảnh báo")
    out.error("hỏng")
    assert "hỏng" in stderr.getvalue() and "tiến độ" not in stderr.getvalue() and "cảnh báo" not in stderr.getvalue()


def test_an_option_error_from_the_api_is_a_usage_error_of_that_option(cli, tmp_path: Path) -> None:
    csv = tmp_path / "ds.csv"
    csv.write_text("Mã hộ,Số nhân khẩu\nH1,3\n", encoding="utf-8")
    result = cli("classify", csv, "-o", tmp_path / "out.csv", "--stream", "--totals", SAMPLES / "an-binh-totals.csv")
    assert result.exit_code == 2 and "--stream" in result.stderr and result.stdout == ""
    assert "Traceback" not in result.stderr


def test_the_app_has_every_command() -> None:
    assert sorted(c.name for c in app.registered_commands) == sorted(COMMANDS)
