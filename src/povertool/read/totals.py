"""Reading a totals file: all resident households (and persons) per unit, optionally per year.

The rates' denominators are all households of the area, not only those on the review list; this file
gives them. Columns: a year column (Năm, optional), one or more unit columns (Tỉnh, Huyện, Xã/Phường,
Thôn), Tổng số hộ and Tổng số nhân khẩu (optional).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputFileError
from ..messages import fix, location, text
from .headers import FieldSpec, match_headers
from .readers import load_grids
from .text import clean_text, match_key
from .values import is_blank, parse_numbers, parse_text

UNIT_LEVELS = ("province", "district", "commune", "village")

TOTALS_SPECS: tuple[FieldSpec, ...] = tuple(
    FieldSpec(name, header, "", tuple(match_key(a) for a in aliases))
    for name, header, aliases in (
        ("year", "Năm", ("nam", "year", "nam ra soat", "ky ra soat")),
        ("province", "Tỉnh", ("tinh", "tinh thanh pho", "province")),
        ("district", "Huyện", ("huyen", "quan huyen", "huyen thi xa", "district")),
        ("commune", "Xã/Phường", ("xa phuong", "xa phuong thi tran", "xa", "phuong", "don vi", "commune", "unit")),
        ("village", "Thôn", ("thon", "thon ap khu pho", "ap", "khu pho", "to dan pho", "village")),
        ("households", "Tổng số hộ", ("tong so ho", "so ho", "tong so ho dan cu", "so ho dan cu", "households", "tong ho")),
        ("persons", "Tổng số nhân khẩu", ("tong so nhan khau", "so nhan khau", "nhan khau", "persons", "so khau")),
    )
)


def read_totals(path: str | Path) -> pd.DataFrame:
    """Totals as a frame: [year], unit level columns present, households (int), persons (Int64, may be NA)."""
    path = Path(path)
    if not path.exists():
        raise InputFileError.of("io.totals_missing", path=path)
    for grid in load_grids(path):
        for idx, row in enumerate(grid.rows[:40]):
            headers = [clean_text(v) if not is_blank(v) else "" for v in row]
            mapping = match_headers(headers, TOTALS_SPECS)
            fields = set(mapping.values())
            if "households" in fields and fields & set(UNIT_LEVELS):
                return _frame(grid.rows[idx + 1 :], mapping, path, grid.sheet, idx + 2)
    raise InputFileError.of("io.totals_no_header", path=path)


def _frame(rows: list[list], mapping: dict[int, str], path: Path, sheet: str, first_row: int) -> pd.DataFrame:
    data = {field: [r[pos] if pos < len(r) else "" for r in rows] for pos, field in mapping.items()}
    raw = pd.DataFrame(data, dtype=object)
    raw["_row"] = range(first_row, first_row + len(raw))
    raw = raw[~raw.drop(columns="_row").map(is_blank).all(axis=1)]
    levels = [c for c in UNIT_LEVELS if c in raw]
    out = pd.DataFrame(index=raw.index)
    for level in levels:
        out[level] = parse_text(raw[level])
    # A totals row ("Tổng cộng") is not a unit.
    first_level = out[levels[0]].fillna("").map(match_key)
    keep = ~first_level.isin({"tong cong", "cong", "tong", "total"})
    where = location(path, sheet)
    for field in ("year", "households", "persons"):
        if field not in raw:
            continue
        values, bad = parse_numbers(raw[field])
        problem = bad | (values < 0) | (values.notna() & (values % 1 != 0))
        if field != "persons":
            problem |= values.isna() & keep
        if (problem & keep).any():
            i = (problem & keep).idxmax()
            raise InputFileError.of(f"io.totals_bad_{field}", where=where, row=int(raw.loc[i, "_row"]),
                                    value=clean_text(raw.loc[i, field]))
        out[field] = values.round().astype("Int64")
    if "persons" not in out:
        out["persons"] = pd.array([pd.NA] * len(out), dtype="Int64")
    out = out[keep].reset_index(drop=True)
    key = (["year"] if "year" in out else []) + levels
    # Units match the survey by their key (case, accents and spacing ignored): "Xã Tân Phú" and "XÃ TÂN PHÚ"
    # are one unit written twice, never two units to add up.
    keys = out[key].copy()
    for level in levels:
        keys[level] = keys[level].map(lambda v: match_key(v) if isinstance(v, str) else v)
    dup = keys.duplicated(keep=False)
    if dup.any():
        first = keys[dup].iloc[0]
        hit = (keys == first).all(axis=1).to_numpy()
        same = out[hit]
        row_numbers = ", ".join(str(r) for r in raw.loc[keep, "_row"].to_numpy()[hit])
        names = " / ".join(dict.fromkeys(" – ".join(str(v) for v in r) for r in same[levels].itertuples(index=False)))
        raise InputFileError(text("read.totals_unit_repeated", where=where, unit=names, rows=row_numbers),
                             hint=fix("read.totals_unit_repeated"))
    return out


def totals_for_year(totals: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """The rows for one year (all rows when the file has no year column)."""
    if "year" not in totals:
        return totals
    if year is None:
        years = sorted(totals["year"].dropna().unique())
        if len(years) == 1:
            return totals[totals["year"] == years[0]].drop(columns="year").reset_index(drop=True)
        raise InputFileError.of("io.totals_years", years=", ".join(str(y) for y in years))
    rows = totals[totals["year"] == year]
    if rows.empty:
        years_found = ", ".join(str(y) for y in sorted(totals["year"].dropna().unique()))
        raise InputFileError.of("io.totals_no_year", year=year, years=years_found)
    return rows.drop(columns="year").reset_index(drop=True)
