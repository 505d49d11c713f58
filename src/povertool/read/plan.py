"""Reading the yearly plan: TOML (spec §6) or a sheet (.xlsx/.csv) with columns Đơn vị / Chỉ tiêu / Mức thay đổi.

A sheet says targets the way plans are written: "Giảm số hộ nghèo" | 3, "Giảm tỷ lệ hộ nghèo" | 0,01%. The word
"Giảm" makes the change negative, "Tăng" positive (the words: vocabulary.toml [plan]). An optional Năm column (or "NĂM 2024" in the title rows)
gives the plan's year; an optional "Mục tiêu" column gives an end value instead of a change.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from ..domain.flows import TOTAL
from ..domain.targets import METRICS, Plan, Target
from ..errors import InputFileError
from ..messages import fix, location, text, toml_position
from .guard import check_option_file
from .readers import load_grids
from .text import clean_text, match_key
from .values import is_blank, parse_number_text
from .vocabulary import plan_columns, plan_metrics, plan_signs, whole_area_names

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_YEAR_RE = re.compile(r"\b(19|20)\d\d\b")


def read_plan(path: str | Path) -> Plan:
    """The plan's year and targets, from a .toml file or a sheet (.xlsx, .xls, .ods, .csv)."""
    path = Path(path)
    if not path.exists():
        raise InputFileError.of("io.plan_missing", path=path)
    from .input_files import require_regular_file

    require_regular_file(path)
    if path.suffix.lower() in (".toml", ".csv"):  # read whole: a plan is a few lines
        check_option_file(path, "--plan")
    if path.suffix.lower() == ".toml":
        return _from_toml(path)
    return _from_sheet(path)


def parse_metric(text: object) -> tuple[str | None, int]:
    """'Giảm tỷ lệ hộ nghèo' -> ('poor_rate', -1); a metric code -> (code, 0); unknown -> (None, 0)."""
    key = match_key(clean_text(text))
    sign = 0
    for word, s in plan_signs():
        if key == word or key.startswith(word + " "):
            key, sign = key[len(word):].strip(), s
    return ({match_key(m): m for m in METRICS} | plan_metrics()).get(key), sign


def _from_toml(path: Path) -> Plan:
    try:
        data = tomllib.loads(path.read_text("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputFileError.of("io.plan_toml", path=path, where=toml_position(exc)) from exc
    year = data.get("year")
    if year is not None and not isinstance(year, int):
        raise InputFileError.of("io.plan_year", path=path, value=repr(year))
    targets = []
    items = data.get("targets", [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise InputFileError(text("read.plan_targets_shape", path=path), hint=fix("read.plan_targets_shape"))
    for i, item in enumerate(items, start=1):
        where = text("io.plan_target_at", file=path.name, number=i)
        metric, sign = parse_metric(item.get("metric", ""))
        if metric is None:
            raise InputFileError.of("io.plan_metric", where=where, metric=item.get("metric", ""), known=", ".join(METRICS))
        change, target = item.get("change"), item.get("target")
        for name, value in (("change", change), ("target", target)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                raise InputFileError.of("io.plan_not_number", where=where, name=name, value=repr(value))
        if change is not None and sign:
            change = sign * abs(change)
        targets.append(Target(_unit(item.get("unit", "total")), metric, change, target, where))
    if not targets:
        raise InputFileError.of("io.plan_no_targets", path=path)
    return Plan(year, targets, str(path))


def _unit(name: object) -> str:
    text = clean_text(name) if not is_blank(name) else ""
    return TOTAL if not text or is_whole_area(text) else text


def is_whole_area(name: str) -> bool:
    """True for 'total' and the Vietnamese ways of saying the whole area (Toàn thị xã, Tổng cộng …)."""
    return match_key(name) in whole_area_names()


def _from_sheet(path: Path) -> Plan:
    for grid in load_grids(path):
        for idx, row in enumerate(grid.rows[:30]):
            columns = plan_header(row)
            if {"unit", "metric"} <= set(columns.values()) and ({"change", "target"} & set(columns.values())):
                year = _title_year(grid.rows[:idx])
                return _sheet_targets(path, grid.sheet, grid.rows[idx + 1 :], columns, idx + 2, year)
    raise InputFileError.of("io.plan_no_header", path=path)


def plan_header(row: list[Any]) -> dict[int, str]:
    """Column -> plan field (unit, metric, change, target, year) of a row that is a plan header (side_files asks too)."""
    found: dict[int, str] = {}
    for pos, cell in enumerate(row):
        key = match_key(clean_text(cell)) if not is_blank(cell) else ""
        for field, words in plan_columns().items():
            if key in words and field not in found.values():
                found[pos] = field
    return found


def _title_year(rows: list[list[Any]]) -> int | None:
    for row in rows:
        for cell in row:
            m = _YEAR_RE.search(str(cell)) if not is_blank(cell) else None
            if m:
                return int(m.group(0))
    return None


def _sheet_targets(path: Path, sheet: str, rows: list[list[Any]], columns: dict[int, str], first: int,
                   year: int | None) -> Plan:
    pos = {field: p for p, field in columns.items()}
    cell = lambda r, f: r[pos[f]] if f in pos and pos[f] < len(r) else ""  # noqa: E731
    targets = []
    for n, row in enumerate(rows, start=first):
        if all(is_blank(v) for v in row):
            continue
        where = location(path.name, sheet, n)
        metric, sign = parse_metric(cell(row, "metric"))
        if metric is None:
            raise InputFileError.of("io.plan_sheet_metric", where=where, metric=clean_text(cell(row, "metric")))
        change, target = _number(cell(row, "change"), where), _number(cell(row, "target"), where)
        if change is not None and sign:
            change = sign * abs(change)
        if not is_blank(cell(row, "year")) and year is None:
            year = int(_number(cell(row, "year"), where) or 0) or None
        targets.append(Target(_unit(cell(row, "unit")), metric, change, target, where))
    if not targets:
        raise InputFileError.of("io.plan_sheet_empty", path=path)
    return Plan(year, targets, str(path))


def _number(value: Any, where: str) -> float | int | None:
    """3, '03 hộ', '0,01%', '-0.01' -> a number; blank -> None."""
    if is_blank(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else float(value)
    text = re.sub(r"[^0-9,.\-]", "", clean_text(value))
    number = parse_number_text(text.lstrip("-")) if text.count("-") <= int(text.startswith("-")) else None
    if number is None:  # '1.200' is 1200 (grouped thousands), '0,01' is 0.01
        raise InputFileError.of("io.plan_sheet_number", where=where, value=clean_text(value))
    number = -number if text.startswith("-") else number
    return int(number) if number.is_integer() else number
