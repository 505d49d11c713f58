"""The same input gives byte-identical JSON and CSV, and .xlsx files with identical content (fixed document
times), for classify, summary and progress, run twice."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import HEADERS, household_row, write_xlsx

BAD = Path(__file__).resolve().parent / "data" / "bad"
ROUND_HEADERS = [*HEADERS, "Thôn", "Phân loại năm trước"]


def _round(path: Path, shift: int) -> Path:
    communes = ["Xã Tân Phú", "Phường 2", "Xã Mỹ An"]
    rows = [ROUND_HEADERS]
    for i in range(40):
        income = [700_000, 1_300_000, 1_700_000, 2_600_000, "chưa rõ"][(i + shift) % 5]
        rows.append(household_row(f"D-{i:03d}", commune=communes[i % 3], income=income, marks=(i * 7 + shift) % 6,
                                  members=1 + i % 5) + [f"Thôn {i % 4}", "Hộ nghèo" if i % 4 == 0 else ""])
    return write_xlsx(path, rows)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("determinism")
    plan = folder / "plan.toml"
    plan.write_text('year = 2024\n[[targets]]\nunit = "total"\nmetric = "poor_households"\nchange = -2\n',
                    encoding="utf-8")
    return {"baseline": _round(folder / "r2023.xlsx", 0), "current": _round(folder / "r2024.xlsx", 1), "plan": plan}


def _xlsx_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in sorted(archive.namelist())}


def _same(first: Path, second: Path) -> None:
    assert first.exists() and second.exists()
    if first.suffix == ".xlsx":
        assert _xlsx_parts(first) == _xlsx_parts(second)
    else:
        assert first.read_bytes() == second.read_bytes()


def _twice(cli, tmp_path: Path, args: list[str], outputs: list[str]) -> None:
    """Run ``args`` (with -o OUT) into two folders; every file written and stdout must agree."""
    runs = []
    for name in ("one", "two"):
        folder = tmp_path / name
        folder.mkdir(exist_ok=True)
        result = cli(*args, "-o", folder / outputs[0])
        assert result.exit_code == 0, result.stderr
        runs.append((folder, result.stdout))
    assert runs[0][1] == runs[1][1]
    for output in outputs:
        _same(runs[0][0] / output, runs[1][0] / output)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json", ".parquet"])
def test_classify_twice(cli, inputs, tmp_path, suffix):
    outputs = [f"out{suffix}"] + ([f"out.rejected{suffix}"] if suffix in (".csv", ".parquet") else [])
    _twice(cli, tmp_path, ["classify", str(inputs["current"]), str(BAD / "bad-rows.xlsx"), "--json"], outputs)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json"])
def test_summary_twice(cli, inputs, tmp_path, suffix):
    _twice(cli, tmp_path, ["summary", str(inputs["current"]), "--by", "commune,village"], [f"sum{suffix}"])


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json"])
def test_progress_twice(cli, inputs, tmp_path, suffix):
    outputs = [f"prog{suffix}"] + (["prog-near-poor.csv", "prog-targets.csv"] if suffix == ".csv" else [])
    _twice(cli, tmp_path, ["progress", "--baseline", str(inputs["baseline"]), "--current", str(inputs["current"]),
                           "--plan", str(inputs["plan"])], outputs)


def test_json_stdout_twice(cli, inputs):
    for args in (["summary", str(inputs["current"]), "--json"], ["check", str(BAD / "bad-rows.xlsx"), "--json"],
                 ["progress", "--baseline", str(inputs["baseline"]), "--current", str(inputs["current"]), "--json"]):
        first, second = cli(*args), cli(*args)
        assert first.stdout and first.stdout == second.stdout


def test_folder_order_does_not_depend_on_creation_order(cli, tmp_path):
    """Files of a folder are read in name order, whatever order they were written in."""
    outputs = []
    for name, order in (("ab", ["a.xlsx", "b.xlsx"]), ("ba", ["b.xlsx", "a.xlsx"])):
        folder = tmp_path / name
        folder.mkdir()
        for file in order:
            write_xlsx(folder / file, [HEADERS, household_row(f"{file[0]}-1"), household_row(f"{file[0]}-2")])
        result = cli("classify", folder, "-o", tmp_path / f"{name}.csv")
        assert result.exit_code == 0
        outputs.append((tmp_path / f"{name}.csv").read_bytes())
    assert outputs[0] == outputs[1]
