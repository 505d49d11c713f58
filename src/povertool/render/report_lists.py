"""Report sheets read from the classified households: by ethnicity (9), by cause (10), and the named lists of
poor and near-poor households (14–15), with initials only when redacted."""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from ..domain.models import NEAR_POOR, POOR
from .report_model import COUNT, RATE, TEXT, TOTAL, UNIT, Column, Sheet, Table
from .report_sheets import basis, shares_basis
from .table import plain


def initials(name: object) -> str:
    """'Nguyễn Văn An' -> 'N.V.A.' (first letter of each word, capitalised); '' for a missing name."""
    if not isinstance(name, str) or not name.strip():
        return ""
    letters = [unicodedata.normalize("NFC", word[0]).upper() for word in name.split() if word[:1].isalpha()]
    return "".join(f"{letter}." for letter in letters)


def _text(series: pd.Series, missing: str) -> pd.Series:
    """Text values with blanks replaced by ``missing``."""
    values = series.astype(object).where(series.notna(), None)
    return values.map(lambda v: missing if v is None or str(v).strip() == "" else str(v).strip())


def _by_value(households: pd.DataFrame, column: str, missing: str) -> pd.DataFrame:
    """Listed, poor and near-poor households and persons per distinct value of ``column``."""
    status = households["status"]
    members = pd.to_numeric(households["members"], errors="coerce").fillna(0) if "members" in households \
        else pd.Series(0.0, index=households.index)
    frame = pd.DataFrame({
        "value": _text(households[column], missing),
        "listed": 1,
        "poor": (status == POOR).astype("int64"),
        "poor_persons": np.where(status == POOR, members, 0),
        "near_poor": (status == NEAR_POOR).astype("int64"),
        "near_poor_persons": np.where(status == NEAR_POOR, members, 0),
    })
    table = frame.groupby("value", sort=False).sum()
    table[["poor_persons", "near_poor_persons"]] = table[["poor_persons", "near_poor_persons"]].round().astype("int64")
    return table


def ethnicity_sheet(households: pd.DataFrame, t: dict[str, str], lang: str = "vi") -> Sheet | None:
    """(9) Listed, poor and near-poor households (and persons) by ethnicity; the largest group first."""
    if "ethnicity" not in households or households["ethnicity"].isna().all():
        return None
    table = _by_value(households, "ethnicity", t["unknown_value"]).sort_values(["listed", "poor"], ascending=False, kind="stable")
    hh, pp, pct = t["u_households"], t["u_persons"], t["u_pct"]
    columns = [Column(t["ethnicity"], TEXT, width=18), Column(t["listed"], unit=hh),
               Column(t["n_households"], group=t["g_poor"], unit=hh), Column(t["n_persons"], group=t["g_poor"], unit=pp),
               Column(t["share_of_poor"], RATE, group=t["g_poor"], unit=pct, width=12),
               Column(t["n_households"], group=t["g_near_poor"], unit=hh),
               Column(t["n_persons"], group=t["g_near_poor"], unit=pp),
               Column(t["share_of_near_poor"], RATE, group=t["g_near_poor"], unit=pct, width=12)]
    return Sheet("ethnicity", "9", t["sheet_ethnicity"], t["title_ethnicity"], "",
                 [_value_table(table, columns, t, persons=True)], basis=shares_basis(t, lang))


def causes_sheet(households: pd.DataFrame, t: dict[str, str], lang: str = "vi") -> Sheet | None:
    """(10) Poor and near-poor households by the main cause of poverty written on the list."""
    if "poverty_cause" not in households:
        return None
    group = households[households["status"].isin([POOR, NEAR_POOR])]
    if group.empty or group["poverty_cause"].isna().all():
        return None
    table = _by_value(group, "poverty_cause", t["unknown_value"])
    table = table.sort_values(["poor", "near_poor"], ascending=False, kind="stable")
    unknown = table.index == t["unknown_value"]
    table = pd.concat([table[~unknown], table[unknown]])  # 'not recorded' last
    hh, pct = t["u_households"], t["u_pct"]
    columns = [Column(t["cause"], TEXT, width=30),
               Column(t["n_households"], group=t["g_poor"], unit=hh),
               Column(t["share_of_poor"], RATE, group=t["g_poor"], unit=pct, width=12),
               Column(t["n_households"], group=t["g_near_poor"], unit=hh),
               Column(t["share_of_near_poor"], RATE, group=t["g_near_poor"], unit=pct, width=12)]
    return Sheet("causes", "10", t["sheet_causes"], t["title_causes"], "",
                 [_value_table(table, columns, t, persons=False)], basis=shares_basis(t, lang))


def _value_table(table: pd.DataFrame, columns: list[Column], t: dict[str, str], *, persons: bool) -> Table:
    poor, near = int(table["poor"].sum()), int(table["near_poor"].sum())
    share = lambda part, whole: part / whole * 100 if whole else None  # noqa: E731
    rows, kinds = [], []
    for value, rec in table.iterrows():  # one row per distinct value, not per household
        cells: list[float | None] = [int(rec["listed"])] if persons else []
        cells += [int(rec["poor"])] + ([int(rec["poor_persons"])] if persons else []) + [share(int(rec["poor"]), poor)]
        cells += [int(rec["near_poor"])] + ([int(rec["near_poor_persons"])] if persons else [])
        cells += [share(int(rec["near_poor"]), near)]
        rows.append([str(value), *cells])
        kinds.append(UNIT)
    total: list[float | None] = [int(table["listed"].sum())] if persons else []
    total += [poor] + ([int(table["poor_persons"].sum())] if persons else []) + [100.0 if poor else None]
    total += [near] + ([int(table["near_poor_persons"].sum())] if persons else []) + [100.0 if near else None]
    rows.append([t["total"], *total])
    kinds.append(TOTAL)
    return Table(columns, rows, kinds)


def list_sheet(households: pd.DataFrame, status: str, indicators: list[tuple[str, str, str]], t: dict[str, str],
               *, redact: bool, lang: str = "vi") -> Sheet | None:
    """(14)/(15) The named list of poor or near-poor households for posting; redacted: id, village, initials."""
    part = households[households["status"] == status]
    if part.empty:
        return None
    order = [c for c in ("commune", "village", "household_id") if c in part]
    part = part.sort_values(order, kind="stable") if order else part
    n = len(part)
    cols: list[tuple[Column, list]] = [(Column(t["stt"], COUNT, width=5), list(range(1, n + 1)))]
    if "household_id" in part:
        cols.append((Column(t["household_id"], TEXT, width=12), _cells(part["household_id"])))
    if "head_name" in part:
        names = part["head_name"]
        shown = names.map(dict(zip(names.unique(), map(initials, names.unique())))) if redact else names  # per distinct name
        cols.append((Column(t["head_initials"] if redact else t["head_name"], TEXT, width=12 if redact else 24), _cells(shown)))
    for level in ("commune", "village"):
        if level in part:
            values = _cells(part[level])
            width = min(28.0, max([len(t[level]) * 0.8, *[len(v) for v in values if v]]) + 3)
            cols.append((Column(t[level], TEXT, width=width), values))
    members = pd.to_numeric(part["members"], errors="coerce") if "members" in part else None
    if not redact:
        if members is not None:
            cols.append((Column(t["members"], unit=t["u_persons"], width=10), [plain(v) for v in members]))
        cols.append((Column(t["deprivation_count"], width=10), [plain(v) for v in part["deprivation_count"]]))
        for i, (code, _, _) in enumerate(indicators, start=1):
            marks = part[code].astype("boolean").fillna(False).to_numpy(bool) if code in part else np.zeros(n, bool)
            cols.append((Column(str(i), TEXT, group=t["g_indicators"], width=4), ["x" if m else None for m in marks]))
    rows = [list(r) for r in zip(*[values for _, values in cols])]
    kinds = [UNIT] * n
    persons = int(members.fillna(0).sum()) if members is not None else 0
    rows.append([t["list_total"].format(households=n, persons=persons)] + [None] * (len(cols) - 1))
    kinds.append(TOTAL)
    notes = [t["redacted_note"]] if redact else \
        [t["indicator_legend"].format(legend="; ".join(f"{i}. {name}" for i, (_, name, _) in enumerate(indicators, 1)))]
    key, number = ("poor_list", "14") if status == POOR else ("near_poor_list", "15")
    return Sheet(key, number, t[f"sheet_{key}"], t[f"title_{key}"], t["units_households"] if redact else t["units_list"],
                 [Table([c for c, _ in cols], rows, kinds)], notes, portrait=redact, basis=basis(lang))


def _cells(series: pd.Series) -> list:
    return [None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v) for v in series.astype(object)]
