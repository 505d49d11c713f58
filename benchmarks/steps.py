"""Each step of summary, progress and report on two review rounds of N households, against the classification
itself (issue 19: no step slower than the classification). Steps run in this process and are timed in CPU seconds
(this process's own, which a busy shared machine does not inflate as it does wall time); reading is shown for
scale only (its workers are other processes). A round of 1 M households is two files of half a million (a
district's list each): one sheet or table holds at most 12 million cells."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import datagen

YEAR = 2024


def cpu(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[float, Any]:
    """(CPU seconds of this process, result) of one call."""
    start = time.process_time()
    result = fn(*args, **kwargs)
    return time.process_time() - start, result


def round_files(folder: Path, n: int, seed: int) -> list[Path]:
    """One round of ``n`` households as Parquet files of at most 500,000 (ids the same in every round)."""
    import pyarrow.parquet as pq

    paths = []
    for start in range(0, n, 500_000):
        size = min(500_000, n - start)
        path = folder / f"round-{n}-s{seed}-{start}.parquet"
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            pq.write_table(datagen.table(size, seed, start), tmp)
            tmp.rename(path)
        paths.append(path)
    return paths


def bench_steps(folder: Path, n: int, line: Callable[..., Any]) -> list[Any]:
    """The steps' lines: value ÷ the classification of one round (goal ≤ 1)."""
    from povertool import api
    from povertool.api.report import write_report_files
    from povertool.domain.flows import code_flows, flow_tables, match_rounds

    current, baseline = round_files(folder, n, datagen.SEED), round_files(folder, n, 7)
    out = Path(tempfile.mkdtemp(dir=folder))
    t_read, survey = cpu(api.read_survey, current, year=YEAR)
    t_read_b, survey_b = cpu(api.read_survey, baseline, year=YEAR - 1)
    t_cls, result = cpu(api.classify, survey, year=YEAR)
    t_cls_b, base = cpu(api.classify, survey_b, year=YEAR - 1)
    t_tally, summary = cpu(api.summarise, result, by="commune")
    t_sum_xlsx, _ = cpu(api.write_summary, summary, out / "summary.xlsx")
    t_progress, progress = cpu(api.progress, result, baseline=base, by="commune", current_year=YEAR,
                               baseline_year=YEAR - 1, census=True)
    t_flows, _ = cpu(lambda: flow_tables(code_flows(match_rounds(base.households, result.households, ["commune"])),
                                         ["commune"]))
    t_prog_xlsx, _ = cpu(api.write_progress, progress, out / "progress.xlsx")
    t_report, report = cpu(api.write_report, current, out / "report.xlsx", baseline=baseline, census=True, year=YEAR,
                           html=out / "report.html")
    t_files, _ = cpu(write_report_files, report, out / "again.xlsx", out / "again.html")
    # write_report reads and classifies both rounds itself (about what the lines above took) and writes the files
    t_build = max(0.0, t_report - (t_read + t_read_b + t_cls + t_cls_b) - t_files)
    label = f"{n:,} households a round, CPU s"
    return [
        line(f"steps: read one round ({label}; its workers not counted)", t_read),
        line(f"steps: classification itself, one round ({label})", t_cls),
        line("steps: summary tally (api.summarise by commune) ÷ classification", t_tally, t_cls, 1.0),
        line("steps: summary workbook written ÷ classification", t_sum_xlsx, t_cls, 1.0),
        line("steps: progress (flows, targets, trend) ÷ classification", t_progress, t_cls, 1.0),
        line("steps:   of which flows (match, codes, tables) ÷ classification", t_flows, t_cls, None),
        line("steps: progress workbook written ÷ classification", t_prog_xlsx, t_cls, 1.0),
        line("steps: report built (summary, progress, sheets) ÷ classification", t_build, t_cls, 1.0),
        line("steps: report workbook and HTML written ÷ classification", t_files, t_cls, 1.0),
    ]
