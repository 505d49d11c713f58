"""benchmarks/run.py --quick runs end to end on tiny data and prints every line of the table (no timings
are checked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_quick_prints_every_measurement(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--data-dir", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    for needle in ("pandas+openpyxl read", "raw calamine parse", "xlsxwriter constant_memory",
                   "core classification, households/s", "summary of 3,000 households", "stream 3,000 rows",
                   "stream peak RSS", "povertool --help"):
        assert needle in proc.stdout, needle
    assert (tmp_path / "households-300.xlsx").is_file()
