"""--columns FILE: headers as written in a sheet -> canonical fields, from a two-column CSV or a TOML table."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from ..errors import InputFileError
from ..messages import os_reason, toml_position
from .guard import check_option_file

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_HEADER_WORDS = {("header", "field"), ("cot", "truong"), ("tieu de", "truong"), ("tiêu đề", "trường"), ("cột", "trường")}


def read_columns(path: str | Path) -> dict[str, str]:
    """The mapping in ``path``: CSV lines ``header,field`` (a first line "header,field" is skipped) or TOML
    ``"header" = "field"`` (at the top or under [columns])."""
    from .input_files import require_regular_file

    path = Path(path)
    require_regular_file(path)
    if path.exists():
        check_option_file(path, "--columns")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputFileError.of("io.columns_unreadable", path=path, reason=os_reason(exc)) from exc
    except UnicodeDecodeError as exc:
        raise InputFileError.of("io.columns_not_utf8", path=path) from exc
    if path.suffix.lower() == ".toml":
        return _from_toml(path, text)
    return _from_csv(path, text)


def _from_toml(path: Path, text: str) -> dict[str, str]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputFileError.of("io.columns_toml", path=path, where=toml_position(exc)) from exc
    table = data.get("columns", data)
    bad = [k for k, v in table.items() if not isinstance(v, str)]
    if bad:
        raise InputFileError.of("io.columns_not_field", path=path, header=bad[0])
    return {str(k).strip(): v.strip() for k, v in table.items()}


def _from_csv(path: Path, text: str) -> dict[str, str]:
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    mapping: dict[str, str] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise InputFileError.of("io.columns_line", path=path, line=number, delimiter=delimiter)
        if number == 1 and (cells[0].lower(), cells[1].lower()) in _HEADER_WORDS:
            continue
        mapping[cells[0]] = cells[1]
    if not mapping:
        raise InputFileError.of("io.columns_empty", path=path)
    return mapping
