"""benchmarks/run.py --quick runs end to end on tiny data and prints every line of issue 19's table with a
verdict (no timing is checked: the numbers of a shared machine are not a test)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_benchmark_quick_prints_every_measurement(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--data-dir", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    for needle in ("classify .xlsx→.csv ÷ calamine raw parse, 300 households",
                   "classify .csv→.csv ÷ pyarrow.csv.read_csv, 1,000 households",
                   "classify .parquet→.csv ÷ pyarrow.parquet.read_table, 1,000 households",
                   "classify→.xlsx write ÷ xlsxwriter constant_memory, same cells, 1,000",
                   "summary step", "progress step", "report step",
                   "povertool standards, s", "povertool report --help, s", "mistyped option",
                   "growth: classify .xlsx→.csv, 1,000 households", "growth exponent",
                   "stream .csv→.csv, 3,000 households", "stream .parquet→.csv, 3,000 households", "peak RSS",
                   "engine povertool-chunks .csv", "engine pyarrow .parquet"):
        assert needle in out, needle
    verdicts = [ln.rsplit(None, 1)[-1] for ln in out.splitlines()[2:]]
    assert verdicts and set(verdicts) <= {"PASS", "MISS", "info"}, set(verdicts)
    assert sum(v != "info" for v in verdicts) >= 20  # every ratio with a goal has its verdict
    for kind in ("xlsx", "csv", "parquet"):
        assert (tmp_path / f"households-1000.{kind}").is_file()  # the data is kept for the next run
