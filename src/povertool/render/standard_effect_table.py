"""The change across a change of standard, split in two labelled parts (domain/standard_effect.py), for people."""

from __future__ import annotations

from typing import Any

import pandas as pd
from rich.table import Table

from ..labels import labels
from ..numbers import format_count, format_number, format_rate

SHOWN = ("baseline", "standard_effect", "baseline_under_current", "real_change", "current", "change",
         "baseline_rate", "standard_effect_pp", "real_change_pp", "current_rate", "change_pp")
SIGNED = {"standard_effect", "real_change", "change", "standard_effect_pp", "real_change_pp", "change_pp"}


def _words(lang: str, baseline_year: object, current_year: object, to: str) -> dict[str, str]:
    fill = {"{baseline}": str(baseline_year or "?"), "{current}": str(current_year or "?"), "{to}": to}
    words = labels("standard_effect", lang)
    for key, value in words.items():
        for field, filled in fill.items():
            value = value.replace(field, filled)
        words[key] = value
    return words  # {group} stays for the title


def _cell(column: str, value: Any, lang: str) -> str:
    if value is None or pd.isna(value):
        return "—"
    if column.endswith("_pp"):
        return format_number(float(value), 2, lang, sign=True)
    if column.endswith("_rate"):
        return format_rate(float(value), lang)
    return format_number(int(value), 0, lang, sign=True) if column in SIGNED else format_count(value, lang)


def effect_table(table: pd.DataFrame, group: str, lang: str = "vi", *, baseline_year: object = None,
                 current_year: object = None, to: str = "") -> Table:
    """One group (poor or near-poor): per unit the baseline, the two parts of the change, and the current round."""
    w = _words(lang, baseline_year, current_year, to)
    out = Table(title=w["title"].format(group=w[group]))
    out.add_column(w["unit"])
    for c in SHOWN:
        out.add_column(w[c], justify="right")
    for rec in table[table["group"] == group].to_dict("records"):
        if rec["unit"] == "total":
            out.add_section()
        out.add_row(w["total"] if rec["unit"] == "total" else str(rec["unit"]), *[_cell(c, rec[c], lang) for c in SHOWN])
    out.caption = w["caption"]
    return out


def effect_frame(table: pd.DataFrame, lang: str = "vi", *, baseline_year: object = None, current_year: object = None,
                 to: str = "") -> pd.DataFrame:
    """Both groups with headers for people (a sheet or CSV)."""
    w = _words(lang, baseline_year, current_year, to)
    frame = table[["unit", "group", *SHOWN, "undetermined_under_current"]].copy()
    frame["unit"] = frame["unit"].replace({"total": w["total"]})
    frame["group"] = frame["group"].map(w)
    return frame.rename(columns={c: w.get(c, c) for c in frame.columns})


def sheet_name(lang: str = "vi") -> str:
    """The sheet that holds the split in a progress workbook."""
    return labels("standard_effect", lang)["sheet"]
