"""National scale on an existing engine (issue 19): read a big .csv/.parquet survey in batches with each engine,
classify every batch with povertool's own rule (domain.classify.classify_frame) and tally statuses by commune.

    python benchmarks/engines.py ENGINE FILE [--batch ROWS]     # one engine, prints one JSON line

Engines: povertool-chunks (povertool's own chunked reader, read.stream_source.raw_chunks: header search, every cell
as text, the CSV checks), pandas-chunks (the parser under it alone: pandas.read_csv(chunksize) /
ParquetFile.iter_batches),
pyarrow (pyarrow.csv.open_csv / pyarrow.dataset batches), duckdb, polars (LazyFrame.collect_batches). DuckDB and
Polars are not povertool dependencies: an engine that is not installed is reported as such. Each engine maps the
file's columns to the rule's fields by position (the benchmark's own layout); header matching, text cleaning
and the output file are the same for every engine and are measured by run.py's --stream lines instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import datagen  # noqa: E402

ENGINES = ("povertool-chunks", "pandas-chunks", "pyarrow", "duckdb", "polars")
BATCH = 100_000  # rows per batch: povertool's --stream chunk
_MARKS = datagen.HEADERS[6:]  # the twelve indicators, then the agricultural column


def _csv_types() -> dict[str, Any]:
    import pyarrow as pa

    types = {h: pa.string() for h in datagen.HEADERS}
    types[datagen.HEADERS[4]] = pa.float64()
    types[datagen.HEADERS[5]] = pa.float64()
    return types


def arrow_batches(engine: str, path: Path, batch: int) -> Iterator[Any]:
    """pyarrow RecordBatches (or Tables) of ``path`` as ``engine`` reads them."""
    csv = path.suffix.lower() == ".csv"
    if engine == "pyarrow":
        if csv:
            import pyarrow.csv as pacsv

            reader = pacsv.open_csv(path, read_options=pacsv.ReadOptions(block_size=16 << 20),
                                    convert_options=pacsv.ConvertOptions(column_types=_csv_types()))
            yield from reader
        else:
            import pyarrow.dataset as ds

            yield from ds.dataset(path, format="parquet").to_batches(batch_size=batch)
    elif engine == "duckdb":
        import duckdb

        con = duckdb.connect()
        source = f"read_csv('{path}', header=true, all_varchar=true)" if csv else f"read_parquet('{path}')"
        yield from con.sql(f"SELECT * FROM {source}").to_arrow_reader(batch)
    elif engine == "polars":
        import polars as pl

        frame = pl.scan_csv(path, infer_schema=False) if csv else pl.scan_parquet(path)
        for part in frame.collect_batches(chunk_size=batch):
            yield part.to_arrow()
    else:
        raise ValueError(engine)


def fields_from_arrow(part: Any, codes: tuple[str, ...]) -> Any:
    """The rule's canonical fields of one arrow batch (column operations only)."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    def number(j: int) -> np.ndarray:
        col = part.column(j)
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            col = pc.cast(col, pa.float64())
        return pc.cast(col, pa.float64()).to_numpy(zero_copy_only=False)

    def mark(name: str) -> np.ndarray:
        col = part.column(datagen.HEADERS.index(name))
        return pc.fill_null(pc.equal(col, "x"), False).to_numpy(zero_copy_only=False)

    frame = {"members": number(4), "income_per_capita": number(5),
             "area": np.where(pc.equal(part.column(3), "Thành thị").to_numpy(zero_copy_only=False), "urban", "rural")}
    frame.update({code: mark(name) for code, name in zip(codes, _MARKS)})
    frame["agricultural"] = mark(_MARKS[-1])
    return pd.DataFrame(frame), part.column(2).to_numpy(zero_copy_only=False)


def pandas_batches(path: Path, batch: int, codes: tuple[str, ...]) -> Iterator[tuple[Any, np.ndarray]]:
    """povertool's chunked reader as it reads today (every cell as text, pandas' C parser)."""
    import pandas as pd

    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        for part in pq.ParquetFile(path).iter_batches(batch_size=batch):
            frame = part.to_pandas().astype(object)  # stream_source._object_rows: cells as objects
            yield _fields_from_pandas(frame.where(frame.notna(), ""), codes)
        return
    reader = pd.read_csv(path, header=None, skiprows=1, dtype=str, keep_default_na=False, na_filter=False,
                         chunksize=batch, engine="c")
    for frame in reader:
        yield _fields_from_pandas(frame, codes)


def povertool_batches(path: Path, batch: int, codes: tuple[str, ...], standard: Any) -> Iterator[tuple[Any, np.ndarray]]:
    """povertool's own chunked reader (the header found in the file, cells as text, CSV checks per chunk)."""
    from povertool.read.headers import field_specs
    from povertool.read.stream_source import open_source, raw_chunks

    source = open_source(path, field_specs(standard), {})
    for frame, _rows in raw_chunks(source, batch):
        yield _fields_from_pandas(frame, codes)


def _fields_from_pandas(frame: Any, codes: tuple[str, ...]) -> tuple[Any, np.ndarray]:
    import pandas as pd

    cols = list(frame.columns)
    out = {"members": pd.to_numeric(frame[cols[4]], errors="coerce").to_numpy(float),
           "income_per_capita": pd.to_numeric(frame[cols[5]], errors="coerce").to_numpy(float),
           "area": np.where(frame[cols[3]].to_numpy() == "Thành thị", "urban", "rural")}
    out.update({code: frame[cols[6 + j]].to_numpy() == "x" for j, code in enumerate(codes)})
    out["agricultural"] = frame[cols[18]].to_numpy() == "x"
    return pd.DataFrame(out), frame[cols[2]].to_numpy()


def run(engine: str, path: Path, batch: int = BATCH, read_only: bool = False) -> dict:
    """Classify every household of ``path`` batch by batch; statuses tallied by commune (``read_only``: the
    batches and their fields only, no rule)."""
    from povertool import api
    from povertool.domain.classify import classify_frame
    from povertool.domain.models import STATUSES

    standard = api.load_standard("vn-2022")
    codes = tuple(standard.indicator_codes)
    communes = {c: i for i, c in enumerate(datagen.COMMUNES)}
    status_index = {s: i for i, s in enumerate(STATUSES)}
    tally = np.zeros((len(communes), len(STATUSES)), dtype=np.int64)
    if engine == "povertool-chunks":
        parts: Iterator[tuple[Any, np.ndarray]] = povertool_batches(path, batch, codes, standard)
    elif engine == "pandas-chunks":
        parts = pandas_batches(path, batch, codes)
    else:
        parts = (fields_from_arrow(p, codes) for p in arrow_batches(engine, path, batch))
    if read_only:
        return {"engine": engine, "households": sum(len(frame) for frame, _ in parts), "read_only": True}
    for frame, commune in parts:
        status = classify_frame(frame, standard)["status"]
        c = _codes(commune, communes)
        s = _codes(status.to_numpy(), status_index)
        tally += np.bincount(c * len(STATUSES) + s, minlength=tally.size).reshape(tally.shape)
    return {"engine": engine, "households": int(tally.sum()),
            "by_commune": {name: dict(zip(STATUSES, tally[i].tolist())) for name, i in communes.items()}}


def _codes(values: np.ndarray, index: dict[str, int]) -> np.ndarray:
    """Integer codes of text values, one lookup per distinct value."""
    import pandas as pd

    codes, uniques = pd.factorize(values)
    return np.array([index[u] for u in uniques], dtype=np.int64)[codes]


def available(engine: str) -> bool:
    """Whether the engine's package is installed."""
    import importlib.util

    module = {"povertool-chunks": "povertool", "pandas-chunks": "pandas"}.get(engine, engine)
    return importlib.util.find_spec(module) is not None


def main(argv: list[str] | None = None) -> int:
    """Run one engine on one file and print its tallies as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("engine", choices=ENGINES)
    parser.add_argument("path", type=Path)
    parser.add_argument("--batch", type=int, default=BATCH)
    parser.add_argument("--read-only", action="store_true", help="read the batches and their fields, no rule")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.engine, args.path, args.batch, args.read_only), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
