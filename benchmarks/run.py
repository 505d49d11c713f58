"""povertool benchmark: makes its own data, measures povertool and the reference next to it in one run, and
prints the ratios of issue 8 with their goals.

    python benchmarks/run.py              # 100,000-household workbook, 5 M-row stream (the first run makes
                                          # the data, ~2 min, kept in benchmarks/_data/)
    python benchmarks/run.py --size 20000 --stream-rows 1000000
    python benchmarks/run.py --quick      # tiny sizes: checks that everything runs
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import datagen  # noqa: E402

YEAR = "2024"


def timed(fn, *args, **kwargs):
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def run_child(code: str, *args: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON line (its own peak RSS included)."""
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False)
    if proc.returncode:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def wall(args: list[str], repeat: int = 3) -> float:
    """Best wall time of a command (start-up included)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
    return best


# --- the measurements -------------------------------------------------------------------------------------


def bench_read(xlsx: Path) -> list[tuple]:
    """povertool read and classify against pandas+openpyxl and raw calamine."""
    import pandas as pd
    from python_calamine import CalamineWorkbook

    from povertool import api

    t_openpyxl, _ = timed(pd.read_excel, xlsx, engine="openpyxl", header=2)

    def calamine_parse():
        wb = CalamineWorkbook.from_path(str(xlsx))
        return [wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names]

    t_calamine, _ = timed(calamine_parse)
    api.read_survey(xlsx, year=int(YEAR))  # warm imports and caches
    t_read, survey = timed(api.read_survey, xlsx, year=int(YEAR))
    out = Path(tempfile.mkdtemp(dir=xlsx.parent)) / "out.csv"
    cmd = [sys.executable, "-m", "povertool", "classify", str(xlsx), "-o", str(out), "--year", YEAR, "-q"]
    t_classify = wall(cmd, repeat=1)
    n = len(survey.households)
    return [
        ("classify xlsx→csv (CLI, start-up included) ÷ pandas+openpyxl read", t_classify, t_openpyxl, 0.1),
        ("read_survey ÷ raw calamine parse", t_read, t_calamine, 1.3),
        ("  (rows read)", n, None, None),
    ]


def bench_write(xlsx: Path) -> tuple[list[tuple], object]:
    """povertool's xlsx table writer against xlsxwriter writing the same cells, and the optional writers."""
    import xlsxwriter

    from povertool import api
    from povertool.render.xlsx import _column_values, new_workbook, write_table

    result = api.classify(xlsx, year=int(YEAR))
    table = result.table()
    folder = Path(tempfile.mkdtemp(dir=xlsx.parent))

    def ours():
        wb = new_workbook(folder / "ours.xlsx")
        write_table(wb, "T", table, status_column="status_label", statuses=result.households["status"])
        wb.close()

    columns = [_column_values(table.iloc[:, j])[0] for j in range(table.shape[1])]
    rows = list(zip(*columns))
    headers = [str(c) for c in table.columns]

    def reference():
        wb = xlsxwriter.Workbook(str(folder / "ref.xlsx"), {"constant_memory": True})
        ws = wb.add_worksheet("T")
        ws.write_row(0, 0, headers)
        for i, row in enumerate(rows, start=1):
            for j, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, str):
                    ws.write_string(i, j, v)
                elif isinstance(v, bool):
                    ws.write_boolean(i, j, v)
                else:
                    ws.write_number(i, j, v)
        wb.close()

    t_ref, _ = timed(reference)
    t_ours, _ = timed(ours)
    lines = [("xlsx write (styled, povertool) ÷ xlsxwriter constant_memory, same cells", t_ours, t_ref, 1.2)]
    lines += _alternative_writers(folder, headers, rows, t_ref)
    return lines, result


def _alternative_writers(folder: Path, headers: list[str], rows: list[tuple], t_ref: float) -> list[tuple]:
    """Other xlsx writers on the same cells, when installed (not dependencies of povertool)."""
    lines = []
    try:
        from rustpy_xlsxwriter import write_worksheet

        records = [dict(zip(headers, r)) for r in rows]
        t, _ = timed(write_worksheet, records, str(folder / "rust.xlsx"), sheet_name="T")
        lines.append(("  rustpy-xlsxwriter (unstyled) ÷ xlsxwriter, same cells", t, t_ref, None))
    except ImportError:
        pass
    try:
        from pyexcelerate import Workbook

        def pyexcelerate_write():
            wb = Workbook()
            wb.new_sheet("T", data=[headers, *rows])
            wb.save(str(folder / "pyx.xlsx"))

        t, _ = timed(pyexcelerate_write)
        lines.append(("  pyexcelerate (unstyled) ÷ xlsxwriter, same cells", t, t_ref, None))
    except ImportError:
        pass
    return lines


def bench_core(result, rows: int) -> list[tuple]:
    """classify_frame throughput and the summary of ``rows`` households (households tiled to that size)."""
    import pandas as pd

    from povertool.domain.measures import headline
    from povertool.render.reasons import classify_with_words

    base = result.households
    reps = max(1, -(-rows // len(base)))
    big = pd.concat([base] * reps, ignore_index=True).iloc[:rows]
    fields = big.drop(columns=["status", "status_label", "deprivation_count", "deprived", "income_line", "reason", "low_income"])
    # The decision (domain/classify.py) and its words (reasons.py), as the output needs them.
    t_core, _ = timed(classify_with_words, fields, result.standard, "vi")
    try:  # the summary API (by commune, with subtotals, deprivations, Alkire–Foster)
        from povertool.domain.summary import summarise_households

        codes = list(result.standard.indicator_codes)
        t_summary, _ = timed(summarise_households, big, codes, ("commune",))
        what = "domain.summary.summarise_households by commune"
    except ImportError:  # before the summary API: the headline counts
        t_summary, _ = timed(headline, big)
        what = "domain.measures.headline; placeholder for the summary API"
    return [
        (f"core classification, households/s ({rows:,} households)", rows / t_core, None, None),
        (f"summary of {rows:,} households ({what}), s", t_summary, None, None),
    ]


# The child reads its peak RSS from /proc (VmHWM: this process image only). getrusage's ru_maxrss is not
# used: after a vfork+exec it starts from the parent's high-water mark, here the benchmark's own ~3 GB.
_STREAM_CHILD = """
import json, resource, sys, time
from povertool import api
start = time.perf_counter()
summary, written = api.classify_stream(sys.argv[1], sys.argv[2], year=2024)
seconds = time.perf_counter() - start
try:
    peak = next(int(ln.split()[1]) for ln in open("/proc/self/status") if ln.startswith("VmHWM")) / 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "households": summary["households"], "peak_rss_mb": peak}))
"""


def bench_stream(csv_path: Path, rows: int) -> list[tuple]:
    """classify_stream of a large CSV in a child process, with the child's own peak RSS."""
    out = Path(tempfile.mkdtemp(dir=csv_path.parent)) / "stream.csv"
    res = run_child(_STREAM_CHILD, str(csv_path), str(out))
    return [
        (f"stream {rows:,} rows csv→csv, s", res["seconds"], None, None),
        ("  stream households/s", res["households"] / res["seconds"], None, None),
        ("  stream peak RSS, MB (goal ≤ 4096 at 27 M)", res["peak_rss_mb"], None, 4096),
    ]


def bench_startup() -> list[tuple]:
    """Wall time of `povertool --help` and of a usage error (best of 5)."""
    exe = [sys.executable, "-m", "povertool"]
    return [
        ("povertool --help, s", wall([*exe, "--help"], 5), None, 0.3),
        ("povertool standards, s", wall([*exe, "standards"], 5), None, 0.3),
    ]


# --- report -----------------------------------------------------------------------------------------------


def machine() -> str:
    """CPU model, cores and RAM of this machine."""
    cpu = platform.processor() or "?"
    try:
        cpu = next(ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name"))
        mem = next(int(ln.split()[1]) for ln in open("/proc/meminfo") if ln.startswith("MemTotal")) / 1024 / 1024
    except (OSError, StopIteration):
        mem = 0
    return f"{cpu}; {os.cpu_count()} cores; {mem:.0f} GB RAM; Python {platform.python_version()}"


def render(lines: list[tuple]) -> str:
    """One row per measurement: value, reference, ratio, goal, verdict."""
    out = [f"{'measurement':<74} {'povertool':>12} {'reference':>10} {'ratio':>7} {'goal':>7}  "]
    for name, value, ref, goal in lines:
        if ref is not None:
            ratio = value / ref if ref else float("inf")
            verdict = "" if goal is None else ("ok" if ratio <= goal else "MISSED")
            out.append(f"{name:<74} {value:>11.2f}s {ref:>9.2f}s {ratio:>7.2f} {'' if goal is None else f'≤{goal}':>7}  {verdict}")
        else:
            verdict = "" if goal is None else ("ok" if value <= goal else "MISSED")
            shown = f"{value:>12,.0f}" if value >= 100 else f"{value:>12.3f}"
            out.append(f"{name:<74} {shown} {'':>10} {'':>7} {'' if goal is None else f'≤{goal}':>7}  {verdict}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Make the data, run every measurement, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="households in the benchmark workbook")
    parser.add_argument("--stream-rows", type=int, default=5_000_000, help="rows of the streamed CSV")
    parser.add_argument("--summary-rows", type=int, default=1_000_000, help="households for core and summary")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, to check that it runs")
    parser.add_argument("--data-dir", type=Path, default=HERE / "_data", help="where the generated data is kept")
    args = parser.parse_args(argv)
    if args.quick:
        args.size, args.stream_rows, args.summary_rows = 300, 3_000, 3_000
    args.data_dir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}", flush=True)
    xlsx = datagen.write_xlsx(args.data_dir / f"households-{args.size}.xlsx", args.size)
    big_csv = datagen.write_csv(args.data_dir / f"households-{args.stream_rows}.csv", args.stream_rows)
    lines = bench_read(xlsx)
    write_lines, result = bench_write(xlsx)
    lines += write_lines
    lines += bench_core(result, args.summary_rows)
    lines += bench_stream(big_csv, args.stream_rows)
    lines += bench_startup()
    print(f"workbook: {args.size:,} households × {len(datagen.HEADERS)} columns; stream: {args.stream_rows:,} rows")
    print(render(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
