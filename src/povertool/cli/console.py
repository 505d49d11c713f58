"""Where a command writes: data on stdout, people's lines on stderr. One ``Outputs`` per run, made by the app
and passed to the command (no module state), so tests and scripts can hand in their own streams."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..labels import label, labels
from ..messages import text
from ..numbers import format_count, format_rate

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def _nothing(path: Path) -> None:
    """The callback when no progress bar is shown."""


class Outputs:
    """The two consoles of a run (stdout for data, stderr for people), --quiet, --debug and the language."""

    def __init__(self, *, quiet: bool = False, debug: bool = False, lang: str = "vi",
                 stdout: IO[str] | None = None, stderr: IO[str] | None = None,
                 out: Console | None = None, err: Console | None = None) -> None:
        self.quiet, self.debug, self.lang = quiet, debug, lang
        self._stdout, self._stderr = stdout, stderr  # None: the process's streams at the time of writing
        self._out, self._err = out, err

    @property
    def out(self) -> Console:
        """The data console (stdout); rich is imported only when something is printed."""
        if self._out is None:
            from rich.console import Console

            self._out = Console(file=self._stdout, soft_wrap=True)
        return self._out

    @property
    def err(self) -> Console:
        """The console for people (stderr)."""
        if self._err is None:
            from rich.console import Console

            self._err = Console(file=self._stderr, stderr=self._stderr is None, soft_wrap=True)
        return self._err

    def wide(self) -> Console:
        """stdout for wide tables: piped or redirected output is not squeezed to 80 columns (an officer opens it
        in an editor)."""
        if self.out.is_terminal:
            return self.out
        from rich.console import Console

        return Console(file=self._stdout, width=250, soft_wrap=True)

    def info(self, message: str) -> None:
        """A progress or context line on stderr (not shown with --quiet)."""
        if not self.quiet:
            self.err.print(message, markup=False, highlight=False)

    def warn(self, message: str) -> None:
        """A warning on stderr (not shown with --quiet)."""
        if not self.quiet:
            self.err.print(f"[yellow]{text('cli.warning_prefix')}[/] {_escape(message)}", highlight=False)

    def error(self, message: str) -> None:
        """An error on stderr (always shown)."""
        self.err.print(f"[bold red]{text('cli.error_prefix')}[/] {_escape(message)}", highlight=False)

    def notes(self, notes: list[str]) -> None:
        """Warnings for people (mixed years, the review year's standard, no --totals)."""
        for note in notes:
            self.warn(note)

    def rejected(self, lines: list[str]) -> None:
        """How many rows were rejected (a warning) and the first few of them."""
        if lines:
            self.warn(lines[0])
            for line in lines[1:]:
                self.info(line)

    def json(self, data: str) -> None:
        """JSON on stdout exactly as given (no colours, no wrapping)."""
        stream = self._stdout or sys.stdout
        stream.write(data)
        stream.flush()

    def print(self, *renderables: Any) -> None:
        """Tables and text on stdout."""
        for renderable in renderables:
            self.out.print(renderable)

    @contextlib.contextmanager
    def file_progress(self, total: int, description: str | None = None) -> Iterator[Callable[[Path], None]]:
        """Yields ``done(path)`` to call as each file finishes; a bar on stderr only on a terminal, never with
        --quiet, and only for more than one file."""
        if total < 2 or self.quiet or not self.err.is_terminal or self.err.is_dumb_terminal:
            yield _nothing
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        description = description or text("cli.reading_files")
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=self.err, transient=True) as bar:
            task = bar.add_task(description, total=total)

            def done(path: Path) -> None:
                bar.update(task, advance=1, description=f"{description}: {path.name}")

            yield done


def _escape(message: str) -> str:
    from rich.markup import escape

    return escape(message)


def status_table(summary: Any, lang: str = "vi") -> Table:
    """Households and persons by status with the three rates."""
    from rich.table import Table

    col = labels("column", lang)
    names = labels("status", lang)
    table = Table(title=f"{label('text', 'summary_title', lang)} — {label('text', 'standard', lang)}: {summary['standard']}")
    table.add_column(col["status_label"])
    table.add_column(col["households"], justify="right")
    table.add_column(col["persons"], justify="right")
    table.add_column(col["share"], justify="right")
    denominator = summary.get("denominator_households") or 0
    by_totals = summary.get("denominator") == "totals"
    # Over all households of the area only the poor and near-poor shares mean something: the list holds only
    # part of the other households, so "not poor 0,53%" of the area would mislead.
    shown = ("poor", "near_poor") if by_totals else tuple(summary["status_counts"])
    for status, count in summary["status_counts"].items():
        share = count / denominator * 100 if denominator and status in shown else None
        table.add_row(names[status], format_count(count, lang), format_count(summary["status_persons"][status], lang),
                      format_rate(share, lang))
    table.add_section()
    table.add_row(label("text", "listed" if by_totals else "total", lang), format_count(summary["households"], lang),
                  format_count(summary["persons"], lang), "")
    if by_totals:
        table.add_row(label("text", "denominator_households", lang), format_count(denominator, lang), "", "")
    for key in ("poor_rate", "near_poor_rate", "multidimensional_rate"):
        table.add_row(label("text", key, lang), "", "", format_rate(summary[key], lang))
    table.caption = label("text", f"denominator_{summary['denominator']}", lang)
    return table


def problems_table(problems: list[dict[str, Any]], lang: str = "vi", title: str = "") -> Table:
    """Problems with file, sheet, Excel row, column, value, problem and fix."""
    from rich.table import Table

    col = labels("column", lang)
    table = Table(title=title or None, show_lines=False)
    for key in ("severity", "file", "sheet", "row", "column", "value", "problem", "fix"):
        table.add_column(col.get(key, key), overflow="fold")
    severity = {key: text(f"cli.severity_{key}", lang) for key in ("error", "warning", "note")}
    for p in problems:
        cells = [("" if p.get(k) is None else str(p.get(k))) for k in
                 ("severity", "file", "sheet", "row", "column", "value", "problem", "fix")]
        cells[0] = severity.get(cells[0], cells[0])
        table.add_row(*cells)
    return table
