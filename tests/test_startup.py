"""Start-up stays light: help, standards and usage errors never import pandas or numpy, nor pydantic (typer's
value checks; cli/localised.py leaves them out when no value needs one), checked in a fresh interpreter since
this test process has them loaded already. No timing here: the benchmark measures the seconds."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # every test here starts a real Python process

_PROBE = """
import json, sys
from povertool.cli.app import app
args = json.loads(sys.argv[1])
try:
    app(args, prog_name="povertool")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
heavy = sorted(m for m in ("pandas", "numpy", "pyarrow", "openpyxl", "xlsxwriter") if m in sys.modules)
sys.__stderr__.write("\\nPROBE " + json.dumps({"code": code, "heavy": heavy, "pydantic": "pydantic" in sys.modules}) + "\\n")
"""


def _probe(*args: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(list(args))], capture_output=True, text=True, timeout=60)
    line = [ln for ln in proc.stderr.splitlines() if ln.startswith("PROBE ")][-1]
    return {**json.loads(line[6:]), "stdout": proc.stdout, "stderr": proc.stderr}


def test_importing_the_cli_does_not_import_pandas() -> None:
    code = "import sys, povertool.cli.app; print(sorted(m for m in ('pandas', 'numpy') if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "args, exit_code",
    [
        (["--help"], 0),
        (["classify", "--help"], 0),
        (["standards"], 0),
        (["standards", "vn-2022"], 0),
        (["standards", "--json"], 0),
        (["classify"], 2),  # missing argument
        (["classify", "x.xlsx", "--lang", "fr"], 2),  # bad option value
        (["no-such-command"], 2),
        (["standards", "--year", "2019"], 0),  # a whole number checked without pydantic
        *[([cmd, "--help"], 0) for cmd in ("check", "summary", "progress", "report", "template", "transition")],
        (["classify", "x.xlsx", "--yaer", "2024"], 2),  # mistyped option
        (["summary", "x.xlsx", "--by", "tỉnh,,xã", "--lang", "en", "--bogus"], 2),
    ],
)
def test_light_commands_do_not_import_pandas(args: list[str], exit_code: int) -> None:
    result = _probe(*args)
    assert result["code"] == exit_code, result["stderr"]
    assert result["heavy"] == [], f"{args} imported {result['heavy']}"
    # the start-up goal (issue 19): help, standards and a mistyped option; a file given is checked by typer's
    # pydantic path coercion (a command with files loads pandas anyway)
    if "--help" in args or args[0] == "standards" or "--yaer" in args:
        assert not result["pydantic"], f"{args} imported pydantic"


def test_standards_json_is_still_valid_json() -> None:
    result = _probe("standards", "--json")
    data = json.loads(result["stdout"])
    assert any(item.get("id") == "vn-2022" for item in data)


def test_a_bad_value_is_still_checked_by_typer() -> None:
    result = _probe("standards", "--year", "20.5", "--lang", "en")
    assert result["code"] == 2 and "--year" in result["stderr"]
