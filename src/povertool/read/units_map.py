"""Reading a units map (--units-map): which old commune (or village of one) forms which new commune.

A CSV or a sheet with a header row holding at least the old commune and the new commune; optionally the old
district and province, a village column (rows for a commune split between two new ones) and the new province.
Header wordings are in MAP_SPECS; the rows become a domain.crosswalk.UnitsMap (checked by check_map).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..domain.crosswalk import RULE_COLUMNS, UnitsMap, check_map
from ..errors import InputFileError
from ..messages import text
from .headers import FieldSpec, match_headers
from .readers import load_grids
from .text import clean_text, match_key
from .values import is_blank, parse_text

MAP_SPECS: tuple[FieldSpec, ...] = tuple(
    FieldSpec(name, header, "", tuple(match_key(a) for a in aliases))
    for name, header, aliases in (
        ("old_province", "Tỉnh cũ", ("tinh cu", "tinh truoc sap xep", "tinh thanh pho cu", "tinh", "old province", "province")),
        ("old_district", "Huyện cũ", ("huyen cu", "huyen", "quan huyen", "huyen truoc sap xep", "quan huyen thi xa",
                                      "huyen thi xa thanh pho", "old district", "district")),
        ("old_commune", "Xã/Phường cũ", ("xa cu", "xa phuong cu", "xa phuong thi tran cu", "don vi cu",
                                         "xa truoc sap xep", "xa phuong truoc sap xep", "don vi truoc sap xep",
                                         "don vi hanh chinh cu", "old commune", "commune before")),
        ("old_village", "Thôn", ("thon", "thon ap", "thon ap khu pho", "thon cu", "ap", "khu pho", "to dan pho",
                                 "old village", "village")),
        ("new_commune", "Xã/Phường mới", ("xa moi", "xa phuong moi", "don vi moi", "xa sau sap xep",
                                          "xa phuong sau sap xep", "don vi sau sap xep", "don vi hanh chinh moi",
                                          "new commune", "commune after")),
        ("new_province", "Tỉnh mới", ("tinh moi", "tinh sau sap xep", "tinh thanh pho moi", "new province")),
    )
)
REQUIRED = ("old_commune", "new_commune")


def read_units_map(path: str | Path) -> UnitsMap:
    """The map's rules (checked: no old unit goes to two new communes without village rows)."""
    path = Path(path)
    if not path.exists():
        raise InputFileError(text("units_map.missing_file", file=path), hint=text("units_map.missing_file_fix"))
    for grid in load_grids(path):
        for idx, row in enumerate(grid.rows[:40]):
            headers = [clean_text(v) if not is_blank(v) else "" for v in row]
            mapping = match_headers(headers, MAP_SPECS)
            if set(REQUIRED) <= set(mapping.values()):
                units_map = UnitsMap(_rules(grid.rows[idx + 1:], mapping, path, idx + 2), source=path.name)
                check_map(units_map)
                return units_map
    raise InputFileError(text("units_map.no_header", file=path), hint=text("units_map.no_header_fix"))


def _rules(rows: list[list], mapping: dict[int, str], path: Path, first_row: int) -> pd.DataFrame:
    data = {name: [r[pos] if pos < len(r) else "" for r in rows] for pos, name in mapping.items()}
    raw = pd.DataFrame(data, dtype=object)
    raw["row"] = range(first_row, first_row + len(raw))
    raw = raw[~raw.drop(columns="row").map(is_blank).all(axis=1)]
    out = pd.DataFrame({"row": raw["row"].astype("int64")}, index=raw.index)
    for name in RULE_COLUMNS[1:]:
        out[name] = parse_text(raw[name]) if name in raw else None
    for name in REQUIRED:
        blank = out[name].isna()
        if blank.any():
            row = int(out.loc[blank.idxmax(), "row"])
            header = next(s.header for s in MAP_SPECS if s.name == name)
            raise InputFileError(text("units_map.blank_cell", file=path, row=row, column=header),
                                 hint=text("units_map.blank_cell_fix"))
    if out.empty:
        raise InputFileError(text("units_map.no_rows", file=path), hint=text("units_map.no_header_fix"))
    return out.reset_index(drop=True)[list(RULE_COLUMNS)].astype({c: object for c in RULE_COLUMNS[1:]})
