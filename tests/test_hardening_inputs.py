"""Inputs are byte-identical after every command, and no command writes over one (also through a folder)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import HEADERS, household_row, write_xlsx

# These tests read the English sentences (the Vietnamese ones are checked in test_i18n_both_languages.py).
pytestmark = pytest.mark.usefixtures("english")

DATA = Path(__file__).resolve().parent / "data"


def _digests(paths: list[Path]) -> dict[Path, tuple[str, int]]:
    return {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in paths}


@pytest.fixture
def survey_folder(tmp_path) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    rows = [[*HEADERS, "Phân loại năm trước"]] + [household_row(f"I-{i}", income=800_000 + i * 300_000, marks=i % 5)
                                                    + ["Hộ nghèo" if i % 2 else ""] for i in range(8)]
    write_xlsx(folder / "round-2024.xlsx", rows)
    write_xlsx(folder / "round-2023.xlsx", rows[:6])
    shutil.copy(DATA / "bad" / "bad-rows.xlsx", folder / "bad-rows.xlsx")
    shutil.copy(DATA / "quirks" / "csv-cp1258.csv", folder / "legacy.csv")
    (folder / "totals.csv").write_text("Xã/Phường,Tổng số hộ\nXã Tân Phú,100\n", encoding="utf-8")
    (folder / "plan.toml").write_text('year = 2024\n[[targets]]\nunit = "total"\nmetric = "poor_households"\n'
                                      "change = -1\n", encoding="utf-8")
    return folder


def test_inputs_untouched_by_every_command(cli, survey_folder, tmp_path):
    f = survey_folder
    inputs = sorted(p for p in f.iterdir())
    before = _digests(inputs)
    out = tmp_path / "out"
    out.mkdir()
    commands = [
        ["classify", f / "round-2024.xlsx"],  # the default output goes beside the input
        ["classify", f / "round-2024.xlsx", f / "legacy.csv", "-o", out / "c.csv", "--totals", f / "totals.csv"],
        ["classify", f / "bad-rows.xlsx", "-o", out / "b.parquet"],
        ["check", f / "bad-rows.xlsx", f / "legacy.csv"],
        ["summary", f / "round-2024.xlsx", "--totals", f / "totals.csv", "-o", out / "s.xlsx"],
        ["progress", "--baseline", f / "round-2023.xlsx", "--current", f / "round-2024.xlsx",
         "--plan", f / "plan.toml", "--totals", f / "totals.csv", "-o", out / "p.xlsx"],
        ["progress", "--current", f / "round-2024.xlsx", "--json"],
        ["report", "--current", f / "round-2024.xlsx", "--baseline", f / "round-2023.xlsx", "--plan", f / "plan.toml",
         "--totals", f / "totals.csv", "-o", out / "r.xlsx", "--html", out / "r.html"],
        ["template", "-o", out / "t.xlsx", "--totals", f / "totals.csv"],
    ]
    for command in commands:
        result = cli(*command)
        assert result.exit_code in (0, 1), (command, result.stderr)
        assert _digests(inputs) == before, command
    assert (f / "round-2024.classified.xlsx").exists()


@pytest.mark.parametrize("command", ["classify", "summary"])
def test_output_named_as_an_input_is_refused(cli, survey_folder, command):
    target = survey_folder / "round-2024.xlsx"
    before = _digests([target])
    result = cli(command, target, "-o", target)
    assert result.exit_code == 1
    assert "never overwrites an input" in result.stderr and "Traceback" not in result.stderr
    assert _digests([target]) == before


def test_output_over_a_file_of_an_input_folder_is_refused(cli, survey_folder):
    """A folder given as input: each survey file in it is an input, and is never written over."""
    communes = survey_folder / "communes"
    communes.mkdir()
    for name in ("round-2023.xlsx", "round-2024.xlsx"):
        shutil.copy(survey_folder / name, communes / name)
    target = communes / "round-2023.xlsx"
    before = _digests([target])
    result = cli("classify", communes, "-o", target)
    assert result.exit_code == 1
    assert "never overwrites an input" in result.stderr
    assert _digests([target]) == before


def test_output_through_a_link_to_an_input_is_refused(cli, survey_folder, tmp_path):
    target = survey_folder / "round-2024.xlsx"
    link = tmp_path / "link.xlsx"
    link.symlink_to(target)
    before = _digests([target])
    result = cli("classify", target, "-o", link)
    assert result.exit_code == 1 and "never overwrites an input" in result.stderr
    assert _digests([target]) == before
