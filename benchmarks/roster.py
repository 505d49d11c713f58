"""povertool roster benchmark (issue 18): the twelve indicators derived from a member roster, at province size.

    python benchmarks/roster.py                  # 100,000 households, about 400,000 members
    python benchmarks/roster.py --households 20000
    python benchmarks/roster.py --quick          # tiny sizes, to check that it runs

Measures, side by side:
  - derive: the twelve rules over the members (domain/roster.py), households/s and members/s;
  - classify from the two-sheet workbook (read both sheets, join, derive, classify) against classify of the
    same households written with their twelve marks (the roster's extra cost, as a ratio);
  - the mark/roster comparison on a workbook carrying both (what `check` reports).
The workbooks are made once and kept in benchmarks/_data/.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the roster writer of the tests (same headers as the template)


CPU: dict[str, float] = {}  # CPU seconds of the last call, beside its wall time (a shared machine inflates walls)


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    """(wall seconds, result) of one call; its CPU seconds go to CPU["last"]."""
    start, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    CPU["last"] = time.process_time() - cpu
    return time.perf_counter() - start, result


def member_frames(households: int, seed: int = 18) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    """Typed frames as the reader makes them: about 4 members per household, every fact known."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 8, households)
    pos = np.repeat(np.arange(households), sizes)
    n = len(pos)
    yes = lambda p: pd.array(rng.random(n) < p, dtype="boolean")  # noqa: E731
    members = pd.DataFrame({
        "age": rng.integers(0, 90, n).astype(float), "female": yes(0.5), "insured": yes(0.85), "in_school": yes(0.4),
        "social_allowance": yes(0.1), "disabled": yes(0.05), "malnourished": yes(0.05),
        "diploma": rng.choice(["Chưa có bằng cấp", "Tiểu học", "Trung học cơ sở", "Trung học phổ thông"], n),
        "work_status": rng.choice(["Thất nghiệp", "Làm công ăn lương không có hợp đồng lao động",
                                   "Tự làm (nông nghiệp, kinh doanh, dịch vụ)"], n),
    })
    hyes = lambda p: pd.array(rng.random(households) < p, dtype="boolean")  # noqa: E731
    hh = pd.DataFrame({
        "wall_durable": hyes(0.8), "frame_durable": hyes(0.8), "roof_durable": hyes(0.8),
        "floor_area": rng.integers(10, 90, households).astype(float),
        "water_source_type": rng.choice(["Nước máy", "Giếng khoan", "Sông, suối, ao, hồ"], households),
        "latrine_type": rng.choice(["Tự hoại", "Không có nhà tiêu"], households),
        "uses_internet": hyes(0.7), "information_device": hyes(0.9), "hears_loudspeaker": hyes(0.6),
    })
    return hh, members, pos


def bench_derive(households: int) -> list[tuple]:
    from povertool import load_standard
    from povertool.domain.roster import derive

    std = load_standard("vn-2022")
    hh, members, pos = member_frames(households)
    seconds, _ = timed(derive, hh, members, pos, std.roster, std.indicator_codes)
    return [(f"derive 12 indicators: {households:,} households, {len(members):,} members, s", round(seconds, 3)),
            ("  CPU s", round(CPU["last"], 3)),
            ("  households/s", int(households / seconds)), ("  members/s", int(len(members) / seconds))]


def bench_workbooks(households: int, data_dir: Path) -> list[tuple]:
    import povertool
    from roster_data import random_roster, write_roster

    data_dir.mkdir(parents=True, exist_ok=True)
    roster_path = data_dir / f"roster-{households}.xlsx"
    marks_path = data_dir / f"roster-marks-{households}.xlsx"
    if not roster_path.exists() or not marks_path.exists():
        hh, mm = random_roster(18, households)
        write_roster(roster_path, hh, mm)
        derived = povertool.read_survey(roster_path).households[list(povertool.load_standard("vn-2022").indicator_codes)]
        marks = derived.astype(object).where(derived.notna(), "").replace({True: "x", False: ""}).values.tolist()
        write_roster(marks_path, hh, mm, marks=marks)
    roster_s, result = timed(povertool.classify, roster_path, year=2024)
    roster_cpu = CPU["last"]
    both_s, both = timed(povertool.read_survey, marks_path, year=2024)
    n_members = result.summary["roster"]["members"]
    disagreements = int((both.problems["code"] == "roster_mark_disagrees").sum())
    # the same households, marks only: the household sheet alone (members sheet dropped)
    plain_path = data_dir / f"roster-plain-{households}.xlsx"
    if not plain_path.exists():
        frame = pd.read_excel(marks_path, sheet_name="Hộ gia đình", header=None, dtype=object, engine="calamine")
        frame.to_excel(plain_path, header=False, index=False)
    plain_s, plain = timed(povertool.classify, plain_path, year=2024)
    plain_cpu = CPU["last"]
    same = (plain.households["status"].to_numpy() == result.households["status"].to_numpy()).all()
    return [
        (f"classify from roster workbook ({households:,} households, {n_members:,} members), s", round(roster_s, 2)),
        ("classify of the same households from their marks only, s", round(plain_s, 2)),
        ("  roster ÷ marks", round(roster_s / plain_s, 2)),
        ("  CPU s: roster, marks only", f"{roster_cpu:.2f}, {plain_cpu:.2f}"),
        ("  CPU roster ÷ marks", round(roster_cpu / plain_cpu, 2)),
        ("  same statuses", bool(same)),
        ("read + compare marks with the roster (check), s", round(both_s, 2)),
        ("  disagreements found (marks written from the roster: 0 expected)", disagreements),
    ]


def main(argv: list[str] | None = None) -> int:
    """Print every measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000, help="households (about 4 members each)")
    parser.add_argument("--workbook-households", type=int, default=None,
                        help="households in the workbooks (default: --households)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, to check that it runs")
    parser.add_argument("--data-dir", type=Path, default=HERE / "_data", help="where the generated workbooks are kept")
    args = parser.parse_args(argv)
    households = 500 if args.quick else args.households
    book = 60 if args.quick else args.workbook_households or households
    rows = bench_derive(households) + bench_workbooks(book, args.data_dir)
    width = max(len(r[0]) for r in rows) + 2
    for name, value in rows:
        print(f"{name:<{width}}{value:>12,}" if isinstance(value, (int, float)) and not isinstance(value, bool)
              else f"{name:<{width}}{value!s:>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
