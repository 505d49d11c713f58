"""No head name, ID-card number or address in any message: every command, with --json and without, with
--debug, on files with bad rows, has its stdout and stderr searched for personal data planted in every row."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import INDICATOR_HEADERS, write_xlsx

from povertool.cli.app import app

BAD = Path(__file__).resolve().parent / "data" / "bad"
NAME = "Quách Thị Planted Xuyến"
ID_CARD = "079188001234"
ADDRESS = "Số 77 ngõ Zqwx"
SECRETS = (NAME, "Planted", ID_CARD, ADDRESS, "Zqwx")
HEADERS = ["Mã hộ", "Họ và tên chủ hộ", "Số CCCD", "Địa chỉ", "Xã/Phường", "Thôn", "Số nhân khẩu",
           "Thu nhập bình quân đầu người/tháng (đồng)", *INDICATOR_HEADERS, "Phân loại năm trước"]


def _round(path: Path, incomes: list[object]) -> Path:
    """A review list: every row carries the planted name, ID card and address; some rows are bad."""
    kinds = [(4, "Xã Tân Phú"), (0, "Xã Tân Phú"), (3, "Thôn Lạ"), ("ba", "Xã Tân Phú"), (2, "Xã Tân Phú")]
    rows = [HEADERS]
    for i, income in enumerate(incomes):
        members, commune = kinds[i % len(kinds)]
        marks = ["x"] * (i % 5) + ["?"] * (i % 2) + [""] * (12 - i % 5 - i % 2)
        rows.append([f"P-{i}", NAME, ID_CARD, ADDRESS, commune, "Thôn 1", members, income, *marks,
                     "Hộ nghèo" if i % 3 == 0 else "Hộ không nghèo"])
    return write_xlsx(path, rows)


@pytest.fixture(scope="module")
def rounds(tmp_path_factory) -> tuple[Path, Path, Path]:
    folder = tmp_path_factory.mktemp("privacy")
    incomes = [900_000, "-200.000", 1_600_000, "chưa rõ", 2_500_000, 1_000_000, "1,2 triệu", 700_000]
    baseline = _round(folder / "round-2023.xlsx", incomes)
    current = _round(folder / "round-2024.xlsx", list(reversed(incomes)))
    plan = folder / "plan.toml"
    plan.write_text('year = 2024\n[[targets]]\nunit = "total"\nmetric = "poor_households"\nchange = -1\n',
                    encoding="utf-8")
    return baseline, current, plan


def _commands(baseline: Path, current: Path, plan: Path, out: Path) -> list[list[str]]:
    bad_rows = str(BAD / "bad-rows.xlsx")
    return [
        ["classify", str(current), "-o", str(out / "c.xlsx")],
        ["classify", str(current), "-o", str(out / "c.csv"), "--json"],
        ["classify", bad_rows, "-o", str(out / "b.json"), "--json"],
        ["classify", bad_rows, "-o", str(out / "b.xlsx"), "--strict"],
        ["check", str(current)],
        ["check", str(current), "--json"],
        ["check", bad_rows, "--json"],
        ["summary", str(current), "--by", "commune,village"],
        ["summary", str(current), "--by", "commune,village", "--json"],
        ["summary", bad_rows, "-o", str(out / "s.csv")],
        ["progress", "--baseline", str(baseline), "--current", str(current), "--plan", str(plan)],
        ["progress", "--baseline", str(baseline), "--current", str(current), "--plan", str(plan), "--json"],
        ["progress", "--current", str(current), "--json"],
        ["progress", "--current", bad_rows],
        ["report", "--census", "--current", str(current), "--baseline", str(baseline), "--plan", str(plan),
         "-o", str(out / "r.xlsx"), "--html", str(out / "r.html")],
        ["report", "--census", "--current", bad_rows, "-o", str(out / "rb.xlsx"), "--redact"],
        ["transition", str(current), "--to", "vn-2027"],
        ["transition", str(current), "--to", "vn-2027", "--json"],
        ["template", "-o", str(out / "t.xlsx"), "--force"],
        ["standards"],
        ["standards", "vn-2022", "--json"],
    ]


def _assert_clean(text: str, command: list[str]) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked by {' '.join(command)}"


def test_no_personal_data_in_any_message(cli, rounds, tmp_path):
    baseline, current, plan = rounds
    ran = set()
    for command in _commands(baseline, current, plan, tmp_path):
        for extra in ([], ["--debug"]):
            result = cli(*command, *extra)
            assert result.exit_code in (0, 1), (command, result.stderr)
            _assert_clean(result.stdout + result.stderr, command + extra)
            ran.add(command[0])
    registered = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert registered <= ran  # every command of the app, including any added later, was run


def test_outputs_keep_names_but_json_drops_them(cli, rounds, tmp_path):
    """The classified workbook keeps the original columns (the commune needs them); --json output never."""
    _, current, _ = rounds
    out = tmp_path / "c.json"
    result = cli("classify", current, "-o", out, "--json")
    assert result.exit_code == 0
    _assert_clean(result.stdout, ["classify --json"])
    assert NAME not in out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_debug_traceback_prints_no_local_variables(rounds, tmp_path):
    """A real process with --debug: the traceback is there, the values of local variables are not."""
    _, current, _ = rounds
    broken = tmp_path / f"{ID_CARD[:3]}-broken.xlsx"
    broken.write_bytes((BAD / "truncated.xlsx").read_bytes())
    for args in (["classify", str(current), str(broken), "--debug"],
                 ["classify", str(current), "--strict", "--debug", "-o", str(tmp_path / "x.xlsx")]):
        proc = subprocess.run([sys.executable, "-m", "povertool", *args], capture_output=True, text=True,
                              timeout=120, env={"PATH": "", "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"})
        assert proc.returncode == 1
        assert "Traceback" in proc.stderr
        assert "locals" not in proc.stderr and "│" not in proc.stderr  # no rich traceback boxes
        _assert_clean(proc.stdout + proc.stderr, args)
    assert app.pretty_exceptions_enable is False and app.pretty_exceptions_show_locals is False
