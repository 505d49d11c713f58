"""Writing outputs: atomically (temp file in the same folder, then rename), never over an input."""

from __future__ import annotations

import contextlib
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import OutputError

if TYPE_CHECKING:  # pandas is imported lazily: `povertool standards --json` must start without it
    import pandas as pd

OUTPUT_SUFFIXES = (".xlsx", ".csv", ".json", ".parquet")
# Characters that make a spreadsheet treat text as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def default_output(first_input: Path) -> Path:
    """IN.xlsx -> IN.classified.xlsx beside the input (a folder -> FOLDER.classified.xlsx beside it)."""
    if first_input.is_dir():
        return first_input.parent / f"{first_input.name}.classified.xlsx"
    return first_input.with_name(f"{first_input.stem}.classified.xlsx")


def check_output(path: Path, inputs: Iterable[Path]) -> None:
    """Refuse to write over an input (also a file of an input folder, or a link to one), into a missing folder,
    or in an unknown format. An output that exists and is not an input is replaced (atomically)."""
    if path.suffix.lower() not in OUTPUT_SUFFIXES:
        raise OutputError.of("io.output_format", path=path, suffix=path.suffix, formats=", ".join(OUTPUT_SUFFIXES))
    targets = [path]
    if path.suffix.lower() in (".csv", ".parquet"):  # classify writes OUT.rejected.csv beside OUT.csv
        targets.append(path.with_name(f"{path.stem}.rejected{path.suffix}"))
    for item in _input_files(inputs):
        for target in targets:
            if _same_file(target, item):
                raise OutputError.of("io.output_is_input", path=target)
    if not path.parent.resolve().is_dir():
        raise OutputError.of("io.output_folder_missing", folder=path.parent)
    if not os.access(path.parent.resolve(), os.W_OK):
        raise OutputError.of("io.output_folder_readonly", folder=path.parent)


def _input_files(inputs: Iterable[Path]) -> Iterator[Path]:
    """The inputs, with each folder standing for every file in it."""
    for item in inputs:
        item = Path(item)
        if item.is_dir():
            yield from (p for p in item.iterdir() if p.is_file())
        else:
            yield item


def _same_file(a: Path, b: Path) -> bool:
    """The same file: the same path once links are resolved, or the same file on disk (a hard link)."""
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def temp_beside(path: Path) -> Path:
    """A new empty temporary file in ``path``'s folder, with the permissions a plain new file would get
    (mkstemp's are owner-only, which would hide the output from colleagues sharing the folder)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    return Path(tmp)


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path in the target's folder; renamed onto ``path`` only if the block succeeds."""
    with atomic_paths([path]) as (tmp,):
        yield tmp


@contextlib.contextmanager
def atomic_paths(paths: list[Path]) -> Iterator[tuple[Path, ...]]:
    """Temporary paths beside each target, renamed onto their targets only if the block succeeds (a .csv and
    its .rejected.csv are replaced together); otherwise, Ctrl-C included, every one is removed."""
    temps: list[Path] = []
    try:
        for path in paths:
            temps.append(temp_beside(path))
        yield tuple(temps)
        for tmp, path in zip(temps, paths):
            os.replace(tmp, path)
    except BaseException as exc:
        for tmp in temps:
            with contextlib.suppress(OSError):
                tmp.unlink()
        failure = write_failure(exc, paths[0], temps)
        if failure is not None:
            raise failure from exc
        raise


def write_failure(exc: BaseException, path: Path, temps: Iterable[Path] = ()) -> OutputError | None:
    """The error to show when writing ``path`` failed in the operating system (disk full, quota, device error),
    whether the OSError came bare or wrapped by a writer library (xlsxwriter's FileCreateError); None otherwise.
    A permission error keeps its own message (write_atomic_many)."""
    import errno

    from ..messages import fix, text

    cause: BaseException | None = exc
    for _ in range(4):  # the OSError may be the exception, its first argument, or its cause
        if isinstance(cause, OSError) or cause is None:
            break
        inner = cause.args[0] if cause.args and isinstance(cause.args[0], OSError) else None
        cause = inner or cause.__cause__ or cause.__context__
    if not isinstance(cause, OSError) or isinstance(cause, PermissionError):
        return None
    if cause.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG):
        return OutputError(text("write.disk_full", path=path), hint=fix("write.disk_full"))
    if cause.filename is None or str(cause.filename) not in {str(t) for t in temps}:
        return None  # not the output's own file (e.g. an input read while writing): the general message names it
    return OutputError(text("write.failed", path=path, reason=cause.strerror or type(cause).__name__),
                       hint=fix("write.failed"))


def write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Run ``write(tmp)`` and move the result onto ``path``."""
    write_atomic_many([path], lambda temps: write(temps[0]))


def write_atomic_many(paths: list[Path], write: Callable[[tuple[Path, ...]], object]) -> None:
    """Run ``write(temps)`` and move every result onto its path: all of them, or none."""
    try:
        with atomic_paths(paths) as temps:
            write(temps)
    except PermissionError as exc:
        raise OutputError.of("io.output_denied", path=paths[0]) from exc


def neutralise_formula(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (CSV only; xlsx stores text)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def frame_for_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where object columns have formula-like text neutralised (for CSV)."""
    import pandas as pd

    out = frame.copy()
    for j in range(out.shape[1]):
        series = out.iloc[:, j]
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            risky = _formula_mask(series)
            if risky is None:  # not all text: cell by cell
                out.isetitem(j, series.map(neutralise_formula, na_action="ignore"))
            elif risky.any():
                fixed = series.to_numpy(dtype=object, copy=True)
                fixed[risky] = ["'" + v for v in fixed[risky]]
                out.isetitem(j, pd.Series(fixed, index=series.index, dtype=series.dtype))
    out.columns = [neutralise_formula(c) for c in out.columns]  # a header is a cell too
    return out


def _formula_mask(series: pd.Series) -> Any:
    """Cells that start like a formula, tested on the whole column in Arrow; None if the column holds values
    other than text (those go cell by cell through neutralise_formula)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        values = pa.array(series.to_numpy(dtype=object), type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    risky = None
    for prefix in FORMULA_PREFIXES:
        hit = pc.starts_with(values, prefix)
        risky = hit if risky is None else pc.or_(risky, hit)
    assert risky is not None  # FORMULA_PREFIXES is not empty
    return np.asarray(risky.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8 with BOM so that Excel opens Vietnamese text correctly; formulas neutralised."""
    write_atomic(path, lambda tmp: csv_to(frame, tmp))


def csv_to(frame: pd.DataFrame, file: Path) -> None:
    """The CSV text of ``frame`` into ``file`` (no rename: for a temporary path): built column by column
    (csv_table), or by pandas for a table with columns of other types (dates, categories)."""
    from .csv_table import write_csv_rows

    with open(file, "wb") as out:
        out.write("\ufeff".encode())  # the BOM: Excel then reads the file as UTF-8
        if write_csv_rows(frame, out):
            return
    csv_frame(frame).to_csv(file, index=False, encoding="utf-8-sig", lineterminator="\r\n")


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as its CSV cells for pandas: formulas neutralised, whole numbers without '.0' (whole file and
    chunks alike)."""
    return whole_numbers(frame_for_text(frame))


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Whole numbers as whole numbers (6, 1720000), never 6.0: a spreadsheet's numbers arrive as floats. Text is
    never touched (an id '06' stays '06'); a column is inspected once (its inferred type) before any cell."""
    import numpy as np
    import pandas as pd

    out = None
    for j in range(frame.shape[1]):
        series = frame.iloc[:, j]
        if pd.api.types.is_float_dtype(series.dtype):
            values = series.to_numpy(dtype="float64", na_value=np.nan)
            floats = np.ones(len(values), dtype=bool)
        elif series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) in (
                "floating", "mixed-integer-float", "mixed"):
            raw = series.to_numpy(dtype=object)
            floats = np.frompyfunc(lambda v: type(v) is float or isinstance(v, np.floating), 1, 1)(raw).astype(bool)
            values = np.full(len(raw), np.nan)
            values[floats] = raw[floats].astype("float64")
        else:
            continue
        finite = np.isfinite(values)
        whole = floats & finite & (np.abs(values) < 2**53)
        whole[whole] = values[whole] == np.floor(values[whole])
        if not whole.any():
            continue
        cells = series.to_numpy(dtype=object).copy()
        cells[whole] = values[whole].astype("int64")
        out = frame.copy() if out is None else out
        out.isetitem(j, pd.Series(cells, index=series.index, dtype=object))
    return frame if out is None else out


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Parquet via pyarrow; mixed object columns are stored as text."""
    write_atomic(path, lambda tmp: parquet_to(frame, tmp))


def parquet_to(frame: pd.DataFrame, file: Path) -> None:
    """``frame`` as Parquet into ``file`` (no rename: for a temporary path)."""
    parquet_frame(frame).to_parquet(file, index=False)


def parquet_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as Parquet stores it: mixed object columns as text, column names as text (whole file and chunks)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(lambda v: v if v is None or isinstance(v, str) else str(v), na_action="ignore")
    out.columns = [str(c) for c in out.columns]
    return out


def to_json_text(data: Any) -> str:
    """Stable JSON: sorted keys are not used (order is the contract's), NaN -> null, numpy -> Python."""
    return json.dumps(_jsonable(data), ensure_ascii=False, indent=2) + "\n"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if type(value).__module__ == "numpy":  # numpy scalars; numpy itself is only imported when data uses it
        return _jsonable(value.item())
    if type(value).__name__ in ("NAType", "NaTType"):  # pandas.NA / NaT, without importing pandas
        return None
    if hasattr(value, "isoformat"):  # dates and times of a sheet (datetime, date, time, pandas.Timestamp)
        return value.isoformat()
    return str(value)  # any other cell value (a duration, a decimal) as the text it shows


def write_json(data: Any, path: Path) -> None:
    """JSON text, written atomically."""
    write_atomic(path, lambda tmp: tmp.write_text(to_json_text(data), encoding="utf-8"))
