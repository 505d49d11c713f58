"""From a located household table to canonical, typed fields plus a list of problems."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import messages
from ..domain.models import ERROR, WARNING
from ..domain.standard import Standard
from ..messages import fix, text
from .cell_checks import (
    ERROR_CELLS,
    cell_names,
    check_income,
    check_rounded_ids,
    log_bad_grouping,
    log_members_too_many,
    members_too_many,
    take_error_cells,
    unknown_where,
)
from .headers import FieldSpec
from .readers import HouseholdTable, data_rows
from .text import clean_text
from .values import (
    area_from_unit_name,
    header_scale,
    parse_area,
    parse_counts,
    parse_flags,
    parse_head_female,
    parse_money,
    parse_numbers,
    parse_status,
    parse_text,
    unit_kind,
)

TEXT_FIELDS = ("household_id", "province", "district", "commune", "village", "ethnicity", "poverty_cause", "change_reason")


class ProblemLog:
    """Collects problems as columns (vectorised), one block per check."""

    def __init__(self) -> None:
        self.blocks: list[pd.DataFrame] = []

    def add_rows(
        self,
        mask: pd.Series,
        frame: pd.DataFrame,
        *,
        code: str,
        column: str | pd.Series,
        values: pd.Series | None,
        severity: str | None = None,
        message: str | None = None,
        problem: str | pd.Series | None = None,
        fix: str | None = None,
        **fields: Any,
    ) -> None:
        """One problem for each household where ``mask`` is true. Its sentence and fix come from the catalogue
        entry ``message`` (default ``problem.<code>``) filled with ``fields`` (Series are filled per row), and
        its severity from the entry unless given."""
        if not mask.any():
            return
        message = message or f"problem.{code}"
        severity = severity or messages.severity(message)
        if problem is None:
            problem = messages.text_rows(message, **fields)
            fix = messages.text_rows(message, part="fix", **fields)
        sub = frame.loc[mask]
        raw = values[mask] if values is not None else pd.Series("", index=sub.index)
        self.blocks.append(
            pd.DataFrame(
                {
                    "severity": severity,
                    "code": code,
                    "file": sub["source_file"],
                    "sheet": sub["source_sheet"],
                    "row": sub["source_row"],
                    "column": column,
                    "value": raw.map(_display_value),
                    "problem": problem[mask] if isinstance(problem, pd.Series) else problem,
                    "fix": fix[mask] if isinstance(fix, pd.Series) else (fix or ""),
                    "record": sub.index,
                }
            )
        )

    def add_file(self, *, code: str, file: str, sheet: str, severity: str | None = None, problem: str | None = None,
                 fix: str | None = None, column: str = "", value: str = "", message: str | None = None,
                 **fields: Any) -> None:
        """One problem about a whole file or sheet (sentence and fix from ``message``, default ``problem.<code>``,
        unless ``problem`` is given already written)."""
        if problem is None:
            message = message or f"problem.{code}"
            problem, fix = messages.text(message, **fields), messages.fix(message, **fields)
            severity = severity or messages.severity(message)
        self.blocks.append(
            pd.DataFrame(
                [{"severity": severity, "code": code, "file": file, "sheet": sheet, "row": None, "column": column,
                  "value": value, "problem": problem, "fix": fix or "", "record": None}]
            )
        )


MAX_SHOWN_CHARS = 200  # a problem shows at most this much of a cell's value


def _display_value(value: Any) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = clean_text(value)
    return text if len(text) <= MAX_SHOWN_CHARS else text[: MAX_SHOWN_CHARS - 1] + "…"


def table_frames(table: HouseholdTable, *, start: int) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """(original columns, raw field columns + source columns, skipped rows) for one table.
    The index starts at ``start`` so that several tables concatenate into one survey."""
    rows, skipped = data_rows(table)
    block = table.grid.cell_block()
    at = np.array(rows, dtype=np.intp)
    width = max(len(table.headers), int(block.lengths[at].max()) if len(at) else 0)
    body = np.full((len(at), width), "", dtype=object)
    shared = min(width, block.shape[1])
    body[:, :shared] = block.cells[at, :shared]  # cells past a row's own end are '' (as a short CSV row's)
    headers = unique_headers(table.headers + [""] * (width - len(table.headers)))
    original = pd.DataFrame(body, columns=headers, dtype=object)
    original.index = pd.RangeIndex(start, start + len(rows))
    # Columns with neither header nor any value are layout, not data.
    empty = [h for j, (h, raw) in enumerate(zip(headers, table.headers + [""] * width))
             if not raw and all(v == "" or v is None for v in set(body[:, j].tolist()) - {""})]
    original = original.drop(columns=empty)
    fields = pd.DataFrame(index=original.index)
    for pos, field in table.mapping.items():
        fields[field] = original[headers[pos]] if headers[pos] in original else ""
    fields["source_file"] = table.grid.path.name
    fields["source_sheet"] = table.grid.sheet
    fields["source_row"] = np.array(rows, dtype=np.int64) + 1  # Excel rows are 1-based
    fields[ID_BASE] = made_up_id_base(table.grid.path, table.grid.sheet)
    fields.attrs[ERROR_CELLS] = block.has_error_cells()  # False: no column needs looking at for them
    return original, fields, skipped


ID_BASE = "_id_base"  # a raw column: what a made-up household id starts with


def made_up_id_base(path: Path, sheet: str) -> str:
    """The start of a made-up household id: folder, file and sheet ("thon-1/ds-DS hộ"), so that two villages'
    files with the same name, or two sheets of one file, never make the same id."""
    folder = path.resolve().parent.name
    return f"{folder}/{path.stem}" + (f"-{sheet}" if sheet else "") if folder else path.stem + (f"-{sheet}" if sheet else "")


def unique_headers(headers: list[str]) -> list[str]:
    """Column names of the original cells: the header as written, 'Cột N' when blank, '(2)' on a repeat."""
    seen: dict[str, int] = {}
    result = []
    for i, h in enumerate(headers):
        name = h or f"Cột {i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        result.append(name)
    return result


def canonical_fields(
    raw: pd.DataFrame,
    *,
    headers: dict[str, str],
    specs: tuple[FieldSpec, ...],
    standard: Standard,
    log: ProblemLog,
    commune: str | None = None,
    area: str | None = None,
    year: int | None = None,
    positions: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """Typed canonical fields from the raw cells of the matched columns; problems go to ``log``.
    ``headers`` maps field -> header as written (for messages), ``positions`` field -> column (0-based) for
    naming cells; ``year`` is the review year (for unit names that changed meaning with the 2025 reform).
    A spreadsheet error cell (#REF! …) is an unknown value with a warning, never a blank."""
    kinds = {s.name: s.kind for s in specs}
    out = pd.DataFrame(index=raw.index)
    for name in ("source_file", "source_sheet", "source_row"):
        out[name] = raw[name]
    errors = take_error_cells(raw, headers, positions, log)

    for field in raw.columns:
        if field in out.columns or field not in kinds:
            continue
        kind = kinds[field]
        column = headers.get(field, field)
        if kind in ("text", "id", "reason"):
            out[field] = parse_text(raw[field])
            if kind == "id":
                check_rounded_ids(raw, column, log)
        elif kind == "name":
            out[field] = parse_text(raw[field])
        elif kind == "flag":
            values, bad = parse_flags(raw[field])
            out[field] = unknown_where(values, errors.get(field))
            log.add_rows(bad, raw, code="unreadable_mark", column=column, values=raw[field])
        elif kind == "gender":
            values, bad = parse_head_female(raw[field])
            out["head_female"] = unknown_where(values, errors.get(field))
            log.add_rows(bad, raw, code="unreadable_gender", column=column, values=raw[field])
        elif kind == "status":
            out[field], bad = parse_status(raw[field])
            log.add_rows(bad, raw, code="unreadable_status", column=column, values=raw[field])
        elif kind in ("money", "money_year"):
            values, bad = parse_money(raw[field], header_scale(column))
            out[field] = values
            grouping = log_bad_grouping(bad, raw, field, column, log)
            log.add_rows(bad & ~grouping, raw, code="unreadable_income", column=column, values=raw[field])
            log.add_rows(values < 0, raw, code="negative_income", column=column, values=raw[field])
        elif kind in ("int", "score"):
            values, bad = parse_counts(raw[field]) if field == "members" else parse_numbers(raw[field])
            out[field] = values
            if field == "members":
                _check_members(values, bad, raw, column, log, cell_names(raw, positions, field))
            else:
                log.add_rows(bad, raw, code=f"unreadable_{field}", message="problem.unreadable_number", column=column,
                             values=raw[field])

    _derive(out, standard, headers, log, raw)
    check_income(out, raw, headers, log, positions, errors=errors,
                 b1_name=standard.term("b1", messages.current_language()))
    _check_counts(out, raw, headers, standard, log)
    _resolve_area(out, raw, headers, log, commune=commune, area=area, year=year)
    return out


def _check_counts(out: pd.DataFrame, raw: pd.DataFrame, headers: dict[str, str], standard: Standard, log: ProblemLog) -> None:
    """B2 must be a multiple of the points per indicator; B2 and a "total deprivations" column must agree with
    the marks when both are in the file."""
    codes = [ind.code for ind in standard.indicators if ind.code in out]
    marks = out[codes].fillna(False).astype(int).sum(axis=1) if codes else None
    points = standard.b2_points_per_indicator
    if "b2_score" in out and points:
        b2 = pd.to_numeric(out["b2_score"], errors="coerce").astype(float)
        column = headers.get("b2_score", "b2_score")
        name = standard.term("b2", messages.current_language())  # "điểm B (TT 07/2021)" since 2022, "điểm B2" for vn-2016
        title = name[:1].upper() + name[1:]
        off = b2.notna() & ((b2 % points) != 0)
        log.add_rows(off, raw, code="b2_not_multiple", column=column, values=raw["b2_score"], points=f"{points:g}",
                     score=name, Score=title)
        if marks is not None:
            expected = marks * points
            differs = b2.notna() & ~off & (b2 != expected)
            log.add_rows(differs, raw, code="b2_disagrees", column=column, values=raw["b2_score"],
                         marks=marks, points=expected.map(lambda v: f"{v:g}"), score=name, Score=title)
    if "total_deprivations" in out and marks is not None:
        total = pd.to_numeric(out["total_deprivations"], errors="coerce").astype(float)
        differs = total.notna() & (total != marks)
        log.add_rows(differs, raw, code="total_disagrees",
                     column=headers.get("total_deprivations", "total_deprivations"), values=raw["total_deprivations"],
                     marks=marks)


def _check_members(values: pd.Series, bad: pd.Series, raw: pd.DataFrame, column: str, log: ProblemLog,
                   cells: pd.Series) -> None:
    """Members must be a whole number from 1 to the limit: a blank, an error cell or a formula with no saved
    value rejects the row as a number below 1 does (the persons counts would be short silently)."""
    missing = values.isna() & ~bad
    log.add_rows(missing, raw, code="members_missing", column=column, values=raw["members"], cell=cells)
    invalid = bad | (values < 1) | (values.notna() & (values % 1 != 0))
    log.add_rows(invalid, raw, code="members_invalid", column=column, values=raw["members"])
    log_members_too_many(members_too_many(values) & ~invalid, values, raw, column, log)


def _derive(out: pd.DataFrame, standard: Standard, headers: dict[str, str], log: ProblemLog, raw: pd.DataFrame) -> None:
    """Fields computed from others: monthly income from a yearly column, minority from ethnicity, ..."""
    if "income_per_capita_year" in out:
        yearly = out.pop("income_per_capita_year") / 12
        out["income_per_capita"] = out["income_per_capita"].fillna(yearly) if "income_per_capita" in out else yearly
    if "ethnic_minority" not in out and "ethnicity" in out:
        eth = out["ethnicity"]
        from .text import match_key
        from .vocabulary import majority_ethnicities

        majority = majority_ethnicities()
        out["ethnic_minority"] = eth.map(lambda v: match_key(v) not in majority, na_action="ignore").astype("boolean").array
    if ID_BASE in raw:
        base = raw[ID_BASE].astype(str)
    else:
        base = out["source_file"].map(lambda f: Path(str(f)).stem) + out["source_sheet"].map(lambda s: f"-{s}" if s else "")
    if "household_id" not in out:
        out["household_id"] = base + "-" + out["source_row"].astype(str)
    else:
        missing = out["household_id"].isna()
        if missing.any():
            out.loc[missing, "household_id"] = (base + "-" + out["source_row"].astype(str))[missing]
            log.add_rows(missing, raw, code="id_missing", column=headers.get("household_id", ""), values=None)


def _resolve_area(out: pd.DataFrame, raw: pd.DataFrame, headers: dict[str, str], log: ProblemLog, *, commune: str | None,
                  area: str | None, year: int | None = None) -> None:
    """Area from its column, else from the commune's name (read.vocabulary.area_from_unit_name: Phường, Xã, Thị trấn
    before the 2025 reform; never Đặc khu), else --area; else an error that says why the name could not tell it."""
    if commune:
        out["commune"] = out["commune"].fillna(commune) if "commune" in out else commune
    result = pd.Series(None, index=out.index, dtype=object)
    if "area" in raw:
        parsed, bad = parse_area(raw["area"])
        result = parsed
        log.add_rows(bad, raw, code="unreadable_area", column=headers.get("area", ""), values=raw["area"])
    kinds = pd.Series(None, index=out.index, dtype=object)
    if "commune" in out:
        codes, uniques = pd.factorize(out["commune"])
        by_name = np.array([area_from_unit_name(u, year) for u in uniques] + [None], dtype=object)
        kind_of = np.array([unit_kind(u) for u in uniques] + [None], dtype=object)
        at = np.where(codes < 0, len(uniques), codes)
        kinds = pd.Series(kind_of[at], index=out.index)
        from_name = pd.Series(by_name[at], index=out.index)
        _warn_town_of_unknown_year(result.isna() & (kinds == "urban_before_reform"), raw, log, year)
        result = result.where(result.notna(), from_name)
    if area:
        result = result.fillna(area)
    out["area"] = result
    unknown = out["area"].isna()
    column = headers.get("area", "Khu vực")
    values = raw["area"] if "area" in raw else None
    special = unknown & (kinds == "no_area")
    town = unknown & (kinds == "urban_before_reform")
    for mask, code in ((special, "area.special_zone"), (town, "area.town_after_reform")):
        log.add_rows(mask, raw, severity=ERROR, code="area_unknown", column=column, values=values,
                     problem=text(code, year=year), fix=fix(code))
    log.add_rows(unknown & ~special & ~town, raw, code="area_unknown", column=column, values=values)


def _warn_town_of_unknown_year(mask: pd.Series, raw: pd.DataFrame, log: ProblemLog, year: int | None) -> None:
    """One warning per sheet whose 'Thị trấn …' households were taken as urban without knowing the review year."""
    if year is not None or not mask.any():
        return
    for (file, sheet), _ in raw.loc[mask].groupby(["source_file", "source_sheet"], sort=False, dropna=False):
        log.add_file(severity=WARNING, code="area_town_year_unknown", file=file, sheet=sheet, column="Xã/Phường",
                     problem=text("area.town_year_unknown"), fix=fix("area.town_year_unknown"))
