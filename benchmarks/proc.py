"""Run a command in a fresh process and measure its wall time and its own peak memory (RSS).

The command is started by a small Python wrapper that forks and waits for it with os.wait4: the child's
ru_maxrss is then its own, not the benchmark's (after a vfork+exec from a big process, the high-water mark
would start at the parent's)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass

_WRAPPER = r"""
import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rc": os.waitstatus_to_exitcode(status), "peak_mb": usage.ru_maxrss / 1024,
                  "cpu": usage.ru_utime + usage.ru_stime}))
"""


@dataclass
class Run:
    """One measured process: wall seconds, CPU seconds, peak RSS in MB."""

    seconds: float
    cpu: float
    peak_mb: float


def measure(cmd: list[str], repeat: int = 1, ok_codes: tuple[int, ...] = (0,)) -> Run:
    """The best (least wall time) of ``repeat`` runs of ``cmd``; stdout is discarded, stderr kept for errors."""
    best: Run | None = None
    for _ in range(max(1, repeat)):
        proc = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], capture_output=True, text=True, check=False)
        try:
            res = json.loads(proc.stdout.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            raise RuntimeError(f"{' '.join(cmd)}: {proc.stderr[-2000:]}") from None
        if res["rc"] not in ok_codes:
            raise RuntimeError(f"{' '.join(cmd)} exited {res['rc']}: {proc.stderr[-2000:]}")
        run = Run(res["seconds"], res["cpu"], res["peak_mb"])
        if best is None or run.seconds < best.seconds:
            best = run
    assert best is not None
    return best


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    """(wall seconds, result) of one call in this process."""
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result
