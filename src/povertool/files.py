"""What the readers and the writers agree on about files: the size limits (limits.toml) and the mark that every
workbook povertool writes carries, so that a folder read as input skips povertool's own outputs."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MB = 1024 * 1024
OUTPUT_MARK = "povertool output"  # the document category of every workbook povertool writes (not the template)


@dataclass(frozen=True)
class Limits:
    """The limits of limits.toml."""

    max_uncompressed_bytes: int
    max_cells: int
    max_cell_chars: int
    max_rows: int = 1_000_000
    xlsx_max_rows: int = 1_048_576
    max_option_file_bytes: int = 1024 * 1024


@lru_cache(maxsize=1)
def limits() -> Limits:
    """The limits shipped in povertool/limits.toml."""
    data = tomllib.loads(resources.files("povertool").joinpath("limits.toml").read_text("utf-8"))
    return Limits(int(data["zip"]["max_uncompressed_mb"] * MB), int(data["sheet"]["max_cells"]),
                  int(data["cell"]["max_chars"]), int(data["sheet"]["max_rows"]),
                  int(data["output"]["xlsx_max_rows"]), int(data["options"]["max_option_file_kb"] * 1024))
