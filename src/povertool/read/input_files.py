"""Which files the inputs name: each file once, a folder's survey files, and a note for every file passed over.

A path given twice is read once (with a warning). In a folder, macOS resource files (``._name.xlsx``), Excel's
lock files (``~$name.xlsx``) and files povertool wrote itself (a classified list, a summary or a report saved
there) are passed over with a note, and sub-folders holding survey files are named (they are not read). A
pipe, device or socket is refused before anything tries to read it (it would wait for ever)."""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputFileError
from ..files import OUTPUT_MARK
from ..messages import fix, text

SURVEY_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".parquet")
_OUTPUT_COLUMNS = ("source_file", "source_row")  # a classified or rejected table povertool wrote
_SUMMARY_COLUMNS = ("kind", "level")  # a summary table povertool wrote (its row codes, never a survey's headers)


@dataclass
class InputFiles:
    """The files to read, in order, and notes (message code, path) about what was passed over."""

    paths: list[Path] = field(default_factory=list)
    in_folder: set[Path] = field(default_factory=set)  # the files found in a given folder (not named by the user)
    notes: list[tuple[str, Path, dict[str, str]]] = field(default_factory=list)


def find_inputs(inputs: Iterable[str | Path]) -> InputFiles:
    """Files as given, and every survey file of a given folder in name order; each file once."""
    found = InputFiles()
    seen: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files = _folder_files(path, found)
        elif not path.exists():
            raise InputFileError.of("io.missing_file", path=path)
        else:
            require_regular_file(path)
            files = [path]
        for file in files:
            if any(_same_file(file, other) for other in seen):
                found.notes.append(("read.input_repeated", file, {}))
                continue
            seen.append(file)
            found.paths.append(file)
            if path.is_dir():
                found.in_folder.add(file)
    return found


def require_regular_file(path: Path) -> None:
    """Refuse a pipe, device or socket: opening one waits for a writer that may never come."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # missing or unreadable: the reader's own message names it
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise InputFileError(text("read.not_regular_file", path=path), hint=fix("read.not_regular_file"))


def _folder_files(folder: Path, found: InputFiles) -> list[Path]:
    files: list[Path] = []
    nested: list[str] = []
    for entry in sorted(folder.iterdir()):
        if entry.is_dir():
            if _holds_surveys(entry):
                nested.append(entry.name)
            continue
        if entry.suffix.lower() not in SURVEY_SUFFIXES or entry.name.startswith("~$"):
            continue
        if entry.name.startswith("._"):
            found.notes.append(("read.resource_file_skipped", entry, {}))
        elif not _regular(entry):
            found.notes.append(("read.special_file_skipped", entry, {}))
        elif is_own_output(entry):
            found.notes.append(("read.own_output_skipped", entry, {}))
        else:
            files.append(entry)
    if nested:
        found.notes.append(("read.subfolders_not_read", folder, {"names": ", ".join(nested)}))
    if not files and nested:
        raise InputFileError(text("read.folder_only_subfolders", path=folder, names=", ".join(nested)),
                             hint=fix("read.folder_only_subfolders", path=folder))
    if not files:
        raise InputFileError.of("io.folder_empty", path=folder, formats=", ".join(SURVEY_SUFFIXES))
    return files


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # the reader names the problem


def _holds_surveys(folder: Path) -> bool:
    """A sub-folder with survey files in it, at any depth (the first few thousand entries are looked at)."""
    try:
        for n, path in enumerate(folder.rglob("*")):
            if n > 5000:
                return False
            if path.suffix.lower() in SURVEY_SUFFIXES and not path.name.startswith(("._", "~$")):
                return True
    except OSError:
        return False
    return False


def is_own_output(path: Path) -> bool:
    """A file povertool wrote: IN.classified.xlsx / OUT.rejected.csv by name; any workbook whose document
    category is povertool's output mark; a .csv or .parquet table with povertool's source columns."""
    name = path.name
    if ".classified" in name or ".rejected" in name:
        return True
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            with zipfile.ZipFile(path) as archive:
                if "docProps/core.xml" not in archive.namelist():
                    return False
                with archive.open("docProps/core.xml") as handle:
                    return OUTPUT_MARK.encode() in handle.read(65536)
        if suffix == ".csv":
            with path.open("rb") as handle:
                first = handle.read(65536).split(b"\n", 1)[0].decode("utf-8-sig", "replace")
            fields = [f.strip().strip('"') for f in first.strip().split(",")]
            return all(c in fields for c in _OUTPUT_COLUMNS) or all(c in fields for c in _SUMMARY_COLUMNS)
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            names = pq.ParquetFile(path).schema_arrow.names
            return all(c in names for c in _OUTPUT_COLUMNS)
    except Exception:  # noqa: BLE001 - a damaged file is not ours; the reader gives its own message
        return False
    return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or os.path.samefile(a, b)
    except OSError:
        return False
