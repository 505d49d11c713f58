"""Appending frames chunk by chunk to a .csv or .parquet output, each chunk prepared exactly as the whole-file
writers prepare a frame (writers.csv_frame, writers.parquet_frame), so the streamed file equals the one written
whole."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .writers import csv_frame, parquet_frame, temp_beside

if TYPE_CHECKING:
    import pandas as pd


class ChunkWriter:
    """Appends chunks to a .csv (UTF-8 BOM, as write_csv: csv_table, else pandas) or .parquet file (as write_parquet); ``kind`` is the
    suffix. The Parquet schema is the first chunk's (a column of only blanks there is text)."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path, self.kind = path, kind
        self.handle: Any = None
        self.schema: Any = None
        self.rows = 0

    def write(self, frame: pd.DataFrame) -> None:
        """Append ``frame`` (the header comes with the first chunk)."""
        if self.kind == ".csv":
            from .csv_table import write_csv_rows

            first = self.handle is None
            if first:
                self.handle = open(self.path, "wb")  # noqa: SIM115 (open across chunks)
                self.handle.write("\ufeff".encode())  # the BOM, as write_csv
            if not write_csv_rows(frame, self.handle, header=first):  # as csv_to: pandas for other column types
                text = csv_frame(frame).to_csv(index=False, header=first, lineterminator="\r\n")
                self.handle.write(text.encode("utf-8"))
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            out = parquet_frame(frame)
            if self.handle is None:
                schema = pa.Schema.from_pandas(out, preserve_index=False)
                fields = [pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in schema]
                self.schema = pa.schema(fields, metadata=schema.metadata)
                self.handle = pq.ParquetWriter(self.path, self.schema)
            self.handle.write_table(pa.Table.from_pandas(out, schema=self.schema, preserve_index=False))
        self.rows += len(frame)

    def close(self) -> None:
        """Close the file (nothing to do when no chunk came)."""
        if self.handle is not None:
            self.handle.close()


@contextlib.contextmanager
def optional_atomic(path: Path) -> Iterator[Path]:
    """Like writers.atomic_path, but the file is kept only if something was written to it."""
    tmp = temp_beside(path)
    try:
        yield tmp
        if tmp.stat().st_size:
            os.replace(tmp, path)
        else:
            tmp.unlink()
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
