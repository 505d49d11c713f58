"""povertool benchmark (issue 19): makes its own data, measures povertool and the reference beside it in one run,
and prints every ratio with its goal and PASS/MISS.

    python benchmarks/run.py                 # everything: 100k and 1 M households, growth 10k→1 M, 27 M streamed
    python benchmarks/run.py --only read     # one part: read, write, commands, startup, growth, stream, engines
    python benchmarks/run.py --sizes 100000 --stream-rows 1000000
    python benchmarks/run.py --quick         # tiny sizes: checks that every line runs (seconds)

Data is made with column operations and kept in benchmarks/_data/ (the 27 M-row CSV takes ~30 s and 2.3 GB).
Commands run as fresh processes (start-up included) with their own peak RSS; references likewise.
"""

from __future__ import annotations

import argparse
import atexit
import math
import os
import platform
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import datagen  # noqa: E402
import engines  # noqa: E402
import steps  # noqa: E402
from proc import measure, timed  # noqa: E402

YEAR = "2024"
PARTS = ("read", "write", "commands", "steps", "startup", "growth", "stream", "engines")
POVERTOOL = [sys.executable, "-m", "povertool"]
PARSE = {  # the reference reader of each input format, as a whole program
    "xlsx": "import sys; from python_calamine import CalamineWorkbook as W; b = W.from_path(sys.argv[1]); "
            "[b.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in b.sheet_names]",
    "csv": "import sys, pyarrow.csv as c; c.read_csv(sys.argv[1])",
    "parquet": "import sys, pyarrow.parquet as pq; pq.read_table(sys.argv[1])",
}
REFERENCE_NAME = {"xlsx": "calamine raw parse", "csv": "pyarrow.csv.read_csv", "parquet": "pyarrow.parquet.read_table"}


def scratch(folder: Path) -> Path:
    """A folder for outputs, removed when the benchmark ends (a 1 M-row output is hundreds of MB)."""
    path = Path(tempfile.mkdtemp(dir=folder, prefix="out-"))
    atexit.register(shutil.rmtree, path, True)
    return path


@dataclass
class Line:
    """One measurement: ``value`` against ``reference`` (a ratio) or alone, with its goal (≤)."""

    name: str
    value: float
    reference: float | None = None
    goal: float | None = None
    unit: str = "s"

    def verdict(self) -> str:
        if self.goal is None:
            return "info"
        measured = self.value / self.reference if self.reference else self.value
        return "PASS" if measured <= self.goal else "MISS"


def bench_read(folder: Path, sizes: list[int], repeat: int) -> list[Line]:
    """classify FILE → .csv (the command, start-up included) ÷ the raw reader of the same file (a program too)."""
    lines = []
    out = scratch(folder)
    for n in sizes:
        for kind in ("xlsx", "csv", "parquet"):
            path = datagen.write(kind, folder, n)
            rep = repeat if n <= 100_000 else 1
            ref = measure([sys.executable, "-c", PARSE[kind], str(path)], rep)
            ours = measure([*POVERTOOL, "classify", str(path), "-o", str(out / f"{kind}-{n}.csv"), "--year", YEAR,
                            "-q"], rep)
            lines.append(Line(f"classify .{kind}→.csv ÷ {REFERENCE_NAME[kind]}, {n:,} households",
                              ours.seconds, ref.seconds, 1.5))
            lines.append(Line(f"  peak RSS classify / reference, MB ({n:,})", ours.peak_mb, ref.peak_mb, None, "MB"))
    return lines


def reference_xlsx(path: Path, frame) -> None:  # type: ignore[no-untyped-def]
    """xlsxwriter in constant_memory mode writing the cells of ``frame`` (one typed call per cell)."""
    import xlsxwriter

    columns = [frame[c].astype(object).where(frame[c].notna(), None).tolist() for c in frame.columns]
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("T")
    ws.write_row(0, 0, [str(c) for c in frame.columns])
    for i, row in enumerate(zip(*columns), start=1):
        for j, v in enumerate(row):
            if v is None or v == "":
                continue
            if isinstance(v, str):
                ws.write_string(i, j, v)
            elif isinstance(v, bool):
                ws.write_boolean(i, j, v)
            else:
                ws.write_number(i, j, v)
    wb.close()


def bench_write(folder: Path, sizes: list[int]) -> list[Line]:
    """Writing the classified .xlsx (api.write_classified) ÷ xlsxwriter constant_memory writing the same cells."""
    from povertool import api

    lines = []
    out = scratch(folder)
    for n in sizes:
        result = api.classify(datagen.write("parquet", folder, n), year=int(YEAR))
        t_ref, _ = timed(reference_xlsx, out / f"ref-{n}.xlsx", result.table())
        t_ours, _ = timed(api.write_classified, result, out / f"ours-{n}.xlsx")
        lines.append(Line(f"classify→.xlsx write ÷ xlsxwriter constant_memory, same cells, {n:,}", t_ours, t_ref, 1.1))
        del result
    return lines


def bench_commands(folder: Path, n: int) -> list[Line]:
    """summary, progress and report on ``n`` households: each step's own time ÷ the classification itself."""
    from povertool import api

    current, baseline = datagen.write("parquet", folder, n), datagen.write("parquet", folder, n, seed=7)
    t_read, survey = timed(api.read_survey, current, year=int(YEAR))
    t_cls, result = timed(api.classify, survey, year=int(YEAR))
    t_read_b, survey_b = timed(api.read_survey, baseline, year=int(YEAR) - 1)
    t_cls_b, base = timed(api.classify, survey_b, year=int(YEAR) - 1)
    t_sum, _ = timed(api.summarise, result, by="commune")
    t_prog, _ = timed(api.progress, result, baseline=base, by="commune", current_year=int(YEAR),
                      baseline_year=int(YEAR) - 1, census=True)
    out = scratch(folder) / "report.xlsx"
    t_report, _ = timed(api.write_report, current, out, baseline=baseline, census=True, year=int(YEAR))
    # write_report reads and classifies both rounds itself: its own step is what is left
    report_step = max(0.0, t_report - (t_read + t_cls + t_read_b + t_cls_b))
    return [
        Line(f"read {n:,} households (.parquet), s", t_read),
        Line(f"classification itself (api.classify of the read survey), {n:,}, s", t_cls),
        Line(f"summary step (api.summarise by commune) ÷ classification, {n:,}", t_sum, t_cls, 1.0),
        Line(f"progress step (api.progress, two rounds) ÷ classification, {n:,}", t_prog, t_cls, 1.0),
        Line(f"report step (write_report − 2 reads − 2 classifications) ÷ classification, {n:,}",
             report_step, t_cls, 1.0),
        Line(f"  report command whole (reads and classifies two rounds), {n:,}, s", t_report),
    ]


COMMANDS = ("classify", "check", "standards", "template", "progress", "summary", "report", "transition")


def bench_startup(repeat: int) -> list[Line]:
    """Start-up: every command's --help, `standards`, a mistyped option (best of ``repeat``)."""
    lines = [Line("povertool --help, s", measure([*POVERTOOL, "--help"], repeat).seconds, None, 0.3)]
    for cmd in COMMANDS:
        lines.append(Line(f"povertool {cmd} --help, s", measure([*POVERTOOL, cmd, "--help"], repeat).seconds, None, 0.3))
    lines.append(Line("povertool standards, s", measure([*POVERTOOL, "standards"], repeat).seconds, None, 0.3))
    mistyped = measure([*POVERTOOL, "classify", "x.xlsx", "--yaer", YEAR], repeat, ok_codes=(2,))
    lines.append(Line("povertool classify --yaer (mistyped option), s", mistyped.seconds, None, 0.3))
    return lines


def bench_growth(folder: Path, sizes: list[int]) -> list[Line]:
    """Time per household of classify .xlsx → .csv (in one warm process) from the smallest size to the largest;
    each size ÷ the size before it (linear growth: ≤ 1.2, the shared machine's noise)."""
    from povertool import api

    out = scratch(folder)
    api.classify(datagen.write("xlsx", folder, sizes[0]), year=int(YEAR))  # warm imports and caches
    lines, before = [], None

    def run(path: Path, n: int) -> None:
        api.write_classified(api.classify(path, year=int(YEAR)), out / f"g-{n}.csv")

    for n in sizes:
        path = datagen.write("xlsx", folder, n)
        t, _ = timed(run, path, n)
        per = t / n * 1e6
        lines.append(Line(f"growth: classify .xlsx→.csv, {n:,} households, µs/household (÷ previous size)",
                          per, before, None if before is None else 1.2, "µs"))
        before = per
    slope = _slope([(ln.name, ln.value) for ln in lines], sizes)
    if slope is not None:
        lines.append(Line(f"growth exponent {sizes[0]:,}→{sizes[-1]:,} (time ∝ n^k; linear: k ≤ 1.1)", slope, None,
                          1.1, ""))
    return lines


def _slope(points: list[tuple[str, float]], sizes: list[int]) -> float | None:
    """k in time ∝ n^k between the first and last sizes (from the per-household times)."""
    if len(sizes) < 2:
        return None
    t0, t1 = points[0][1] * sizes[0], points[-1][1] * sizes[-1]
    return math.log(t1 / t0) / math.log(sizes[-1] / sizes[0])


def bench_stream(folder: Path, rows: int) -> list[Line]:
    """`povertool classify BIG -o out.csv --stream` on .csv and .parquet: time, households/s, peak RSS."""
    out = scratch(folder)
    lines = []
    for kind in ("csv", "parquet"):
        path = datagen.write(kind, folder, rows)
        run = measure([*POVERTOOL, "classify", str(path), "-o", str(out / f"stream-{kind}.csv"), "--stream",
                       "--year", YEAR, "-q"])
        (out / f"stream-{kind}.csv").unlink(missing_ok=True)
        lines += [Line(f"stream .{kind}→.csv, {rows:,} households, s", run.seconds),
                  Line(f"  stream .{kind} CPU s", run.cpu),
                  Line("  households/s", rows / run.seconds, None, None, "/s"),
                  Line("  peak RSS, MB (goal ≤ 4096)", run.peak_mb, None, 4096, "MB")]
    return lines


def bench_engines(folder: Path, rows: int, names: tuple[str, ...] = engines.ENGINES) -> list[Line]:
    """Each engine's batches through povertool's rule, tallied by commune (benchmarks/engines.py)."""
    lines = []
    for kind in ("csv", "parquet"):
        path = datagen.write(kind, folder, rows)
        for engine in names:
            if not engines.available(engine):
                lines.append(Line(f"engine {engine} .{kind}: not installed", float("nan")))
                continue
            run = measure([sys.executable, str(HERE / "engines.py"), engine, str(path)])
            lines += [Line(f"engine {engine} .{kind}, {rows:,} households: read + rule + tallies, s", run.seconds),
                      Line(f"  {engine} .{kind} CPU s", run.cpu),
                      Line(f"  {engine} .{kind} peak RSS, MB", run.peak_mb, None, None, "MB")]
    return lines


def machine() -> str:
    """CPU model, cores and RAM of this machine."""
    cpu, mem = platform.processor() or "?", 0.0
    try:
        cpu = next(ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name"))
        mem = next(int(ln.split()[1]) for ln in open("/proc/meminfo") if ln.startswith("MemTotal")) / 1024 / 1024
    except (OSError, StopIteration):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{cpu}; {os.cpu_count()} cores; {mem:.0f} GB RAM; Python {platform.python_version()}; load {load:.1f}"


def render(line: Line) -> str:
    """value, reference, ratio, goal, verdict."""
    def shown(v: float, unit: str) -> str:
        if math.isnan(v):
            return "—"
        if unit in ("MB", "/s"):
            return f"{v:,.0f}{' ' + unit if unit == 'MB' else ''}"
        return f"{v:.2f}{unit}" if v < 100 else f"{v:,.0f}{unit}"

    ref = shown(line.reference, line.unit) if line.reference is not None else ""
    ratio = f"{line.value / line.reference:.2f}" if line.reference else ""
    goal = f"≤{line.goal:g}" if line.goal is not None else ""
    return f"{line.name:<92} {shown(line.value, line.unit):>11} {ref:>11} {ratio:>7} {goal:>7}  {line.verdict()}"


def main(argv: list[str] | None = None) -> int:
    """Make the data, run the parts asked for, print each line as soon as it is measured."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="households for the ratios (comma-separated)")
    parser.add_argument("--growth", default="10000,30000,100000,300000,1000000", help="sizes of the growth curve")
    parser.add_argument("--commands-size", type=int, default=1_000_000, help="households for summary/progress/report")
    parser.add_argument("--stream-rows", type=int, default=27_000_000, help="households of the streamed file")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each small measurement (the best is kept)")
    parser.add_argument("--only", default=",".join(PARTS), help=f"parts to run, of: {', '.join(PARTS)}")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, to check that every line runs")
    parser.add_argument("--data-dir", type=Path, default=HERE / "_data", help="where the generated data is kept")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.growth, args.commands_size, args.stream_rows, args.repeat = "300,1000", "300,1000", 1000, 3000, 1
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    sizes = [int(s) for s in args.sizes.split(",")]
    growth = [int(s) for s in args.growth.split(",")]
    args.data_dir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}", flush=True)
    print(f"{'measurement':<92} {'povertool':>11} {'reference':>11} {'ratio':>7} {'goal':>7}  verdict", flush=True)
    runs = {
        "read": lambda: bench_read(args.data_dir, sizes, args.repeat),
        "write": lambda: bench_write(args.data_dir, sizes),
        "commands": lambda: bench_commands(args.data_dir, args.commands_size),
        "steps": lambda: steps.bench_steps(args.data_dir, args.commands_size, Line),
        "startup": lambda: bench_startup(1 if args.quick else max(3, args.repeat)),
        "growth": lambda: bench_growth(args.data_dir, growth),
        "stream": lambda: bench_stream(args.data_dir, args.stream_rows),
        "engines": lambda: bench_engines(args.data_dir, args.stream_rows,
                                         ("povertool-chunks", "pyarrow") if args.quick else engines.ENGINES),
    }
    for part in PARTS:
        if part in parts:
            for line in runs[part]():
                print(render(line), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
