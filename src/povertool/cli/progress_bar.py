"""A progress bar over files being read: on a terminal only (never when stderr is piped, never with --quiet),
and only when there is more than one file."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path


def _nothing(path: Path) -> None:
    """The callback when no bar is shown."""


@contextlib.contextmanager
def file_progress(total: int, description: str | None = None) -> Iterator[Callable[[Path], None]]:
    """Yields ``done(path)`` to call as each file finishes; draws a rich bar on stderr when it makes sense."""
    if description is None:
        from ..messages import text

        description = text("cli.reading_files")
    from . import console

    if total < 2 or console._quiet or not console.err.is_terminal or console.err.is_dumb_terminal:
        yield _nothing
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console.err, transient=True) as bar:
        task = bar.add_task(description, total=total)

        def done(path: Path) -> None:
            bar.update(task, advance=1, description=f"{description}: {path.name}")

        yield done
