"""Reading several files at once: one worker process per core when there is more than one file and more
than one core; results come back in the order of the paths, as if read one after the other."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TypeVar

from ..errors import PovertoolError

T = TypeVar("T")


def worker_count(files: int, workers: int | None = None) -> int:
    """Processes to use: ``workers`` if given, else one per core (the cores this process may run on), never
    more than the files."""
    if workers is None:
        try:
            workers = len(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover - not on Linux
            workers = os.cpu_count() or 1
    return max(1, min(workers, files))


def _call(read_one: Callable[[Path], T], path: Path) -> tuple[str, object]:
    """Run in a worker. A PovertoolError comes back as data: pickling would lose its hint and other attributes."""
    try:
        return "ok", read_one(path)
    except PovertoolError as exc:
        return "error", (type(exc), exc.args, dict(exc.__dict__))


def _rebuilt(cls: type[PovertoolError], args: tuple, state: dict) -> PovertoolError:
    """The worker's exception with all its attributes (hint, code, ...), whatever its __init__ takes."""
    exc = cls.__new__(cls)
    exc.args = args
    exc.__dict__.update(state)
    return exc


def read_many(
    paths: Sequence[Path],
    read_one: Callable[[Path], T],
    *,
    workers: int | None = None,
    on_done: Callable[[Path], None] | None = None,
) -> list[T]:
    """``[read_one(p) for p in paths]``, in worker processes when that can be faster. ``read_one`` must be a
    module-level function (or a functools.partial of one). ``on_done`` is called in this process as each file
    finishes (for a progress bar). The first file's error (in path order) is raised, as a serial read would."""
    n = worker_count(len(paths), workers)
    if n == 1:
        results = []
        for path in paths:
            results.append(read_one(path))
            if on_done:
                on_done(path)
        return results
    outcomes: dict[int, tuple[str, object]] = {}
    with ProcessPoolExecutor(max_workers=n) as pool:
        futures = {pool.submit(_call, read_one, path): i for i, path in enumerate(paths)}
        for future in as_completed(futures):
            outcomes[futures[future]] = future.result()
            if on_done:
                on_done(paths[futures[future]])
    results = []
    for i in range(len(paths)):
        status, value = outcomes[i]
        if status == "error":
            raise _rebuilt(*value)  # type: ignore[misc]
        results.append(value)  # type: ignore[arg-type]
    return results
