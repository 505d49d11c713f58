"""``povertool transition`` laid out for people: rich tables, and the same figures as .xlsx, .csv or .json."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rich.table import Table

from ..domain.models import STATUSES
from ..domain.roll_up import TOTAL
from ..domain.transition import Transition
from ..labels import labels
from ..messages import text
from ..numbers import format_count
from .table import COUNT, RATE, TEXT, Column, plain
from .table import Table as TableModel
from .table_frame import table_frame
from .table_terminal import terminal_table
from .writers import write_atomic, write_csv, write_json
from .xlsx import new_workbook, write_table

SHOWN_CHANGED = 40  # households listed on the terminal; the full list is in -o / --json
UNIT_COLUMNS = ("households", "reviewed", "poor_from", "poor_to", "poor_rate_from", "poor_rate_to", "poor_rate_change",
                "near_poor_from", "near_poor_to", "near_poor_rate_from", "near_poor_rate_to",
                "multidimensional_rate_from", "multidimensional_rate_to", "became_poor", "left_poor", "changed",
                "undetermined_to", "depends_on_missing", "poor_at_least", "poor_at_most", "poor_at_least_rate",
                "poor_at_most_rate", "near_poor_at_least", "near_poor_at_most")
RATES = {c for c in UNIT_COLUMNS if "rate" in c}


def _words(t: Transition, lang: str) -> dict[str, str]:
    words = labels("transition", lang)
    return {k: v.replace("{from}", t.from_id).replace("{to}", t.to_id) for k, v in words.items()}


def unit_names(t: Transition, lang: str = "vi") -> list[str]:
    """A display name per units row: the unit, 'Cộng …' for a subtotal, 'Tổng cộng' for the total."""
    w = _words(t, lang)
    names = []
    for rec in t.units[["kind", "level", *t.levels]].to_dict("records"):
        if rec["kind"] == TOTAL:
            names.append(w["total"])
            continue
        value = rec[rec["level"]]
        name = w["other_units"] if value is None or value == "" or (isinstance(value, float) and pd.isna(value)) \
            else str(value)
        names.append(f"{w['subtotal']} {name}" if rec["kind"] == "subtotal" else name)
    return names


def matrix_table(t: Transition, lang: str = "vi", row: int | None = None) -> Table:
    """Status under the first standard (rows) x under the second (columns), 'households (persons)'."""
    w, status = _words(t, lang), labels("status", lang)
    row = int(t.units["row"].iloc[-1]) if row is None else row
    part = t.matrix[t.matrix["row"] == row]
    table = Table(title=w["matrix_title"].format(unit=unit_names(t, lang)[row]))
    table.add_column(w["from_to"])
    for s in STATUSES:
        table.add_column(status[s], justify="right")
    table.add_column(w["total"], justify="right")
    cells = part.set_index(["status_from", "status_to"])
    for a in STATUSES:
        sub = cells.loc[a]
        table.add_row(status[a], *[f"{format_count(sub.at[b, 'households'], lang)} ({format_count(sub.at[b, 'persons'], lang)})"
                                   for b in STATUSES],
                      f"{format_count(sub['households'].sum(), lang)} ({format_count(sub['persons'].sum(), lang)})")
    table.add_section()
    by_to = part.groupby("status_to")[["households", "persons"]].sum()
    table.add_row(w["total"], *[f"{format_count(by_to.at[b, 'households'], lang)} ({format_count(by_to.at[b, 'persons'], lang)})"
                                for b in STATUSES],
                  f"{format_count(part['households'].sum(), lang)} ({format_count(part['persons'].sum(), lang)})")
    return table


TERMINAL = ("households", "poor_from", "poor_to", "poor_rate_from", "poor_rate_to", "poor_rate_change",
            "near_poor_from", "near_poor_to", "changed")  # the other columns are exported only
BOUNDS = ("depends_on_missing", "poor_at_least", "poor_at_most")  # shown when the second standard lacks a column


def units_model(t: Transition, lang: str = "vi") -> TableModel:
    """Per unit: poor under each standard, rates, who changes, and the bounds for the missing indicators; every
    count, rate and bound exported (CSV, workbook), the main ones on the terminal."""
    w = _words(t, lang)
    shown = TERMINAL + (BOUNDS if t.missing_indicators else ())
    columns = [Column(w["unit"], TEXT, key="unit")]
    for c in UNIT_COLUMNS:
        columns.append(Column(w.get(c, c), RATE if c in RATES else COUNT, key=c, signed=c == "poor_rate_change",
                              detail=c not in shown))
    names = unit_names(t, lang)
    rows = [[name, *[plain(rec[c]) for c in UNIT_COLUMNS]] for name, rec in zip(names, t.units.to_dict("records"))]
    return TableModel(columns, rows, [str(k) for k in t.units["kind"]], title=w["units_title"])


def units_table(t: Transition, lang: str = "vi") -> Table:
    """The units table on the terminal."""
    return terminal_table(units_model(t, lang), lang)


def changed_table(t: Transition, lang: str = "vi", limit: int = SHOWN_CHANGED) -> Table:
    """The first households whose status changes: id, unit, status under each standard."""
    w, status = _words(t, lang), labels("status", lang)
    table = Table(title=w["changed_title"].format(n=format_count(len(t.changed), lang)))
    for c in ("household_id", *t.levels, "status_from", "status_to", "source_row"):
        table.add_column(w.get(c, c))
    for rec in t.changed.head(limit).to_dict("records"):
        table.add_row(str(rec["household_id"] or ""), *[str(rec[lv] or "") for lv in t.levels],
                      status[rec["status_from"]], status[rec["status_to"]], str(rec["source_row"] or ""))
    if len(t.changed) > limit:
        table.caption = text("transition.changed_more", lang, n=len(t.changed) - limit)
    return table


def units_frame(t: Transition, lang: str = "vi") -> pd.DataFrame:
    """The units table with headers for people (every count, rate and bound)."""
    return table_frame(units_model(t, lang), lang)


def matrix_frame(t: Transition, lang: str = "vi") -> pd.DataFrame:
    """The status matrix of every unit, long: unit, status under each, households, persons."""
    w, status = _words(t, lang), labels("status", lang)
    names = unit_names(t, lang)
    frame = t.matrix.assign(unit=t.matrix["row"].map(lambda r: names[r]))
    frame["status_from"] = frame["status_from"].map(status)
    frame["status_to"] = frame["status_to"].map(status)
    frame = frame[["unit", "status_from", "status_to", "households", "persons"]]
    return frame.rename(columns={"unit": w["unit"], "status_from": w["status_from"], "status_to": w["status_to"],
                                 "households": w["status_households"], "persons": w["status_persons"]})


def changed_frame(t: Transition, lang: str = "vi", *, names: bool = True) -> pd.DataFrame:
    """The named list of households whose status changes (the head's name only when ``names``)."""
    w, status = _words(t, lang), labels("status", lang)
    frame = t.changed.copy()
    if not names and "head_name" in frame:
        frame = frame.drop(columns="head_name")
    frame["status_from"] = frame["status_from"].map(status)
    frame["status_to"] = frame["status_to"].map(status)
    return frame.rename(columns={c: w.get(c, c) for c in frame.columns})


def write_transition(t: Transition, path: Path, lang: str = "vi") -> list[Path]:
    """.xlsx (units, matrix, changed households, notes), .csv (units; NAME-matrix.csv, NAME-changed.csv) or .json."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        write_json(t.to_dict(), path)
        return [path]
    w = _words(t, lang)
    if suffix == ".csv":
        matrix_path, changed_path = (path.with_name(f"{path.stem}-{n}.csv") for n in ("matrix", "changed"))
        write_csv(units_frame(t, lang), path)
        write_csv(matrix_frame(t, lang), matrix_path)
        write_csv(changed_frame(t, lang), changed_path)
        return [path, matrix_path, changed_path]

    def _write(tmp: Path) -> None:
        workbook = new_workbook(tmp)
        write_table(workbook, w["sheet_units"], units_frame(t, lang))
        write_table(workbook, w["sheet_matrix"], matrix_frame(t, lang))
        write_table(workbook, w["sheet_changed"], changed_frame(t, lang))
        if t.warnings:
            write_table(workbook, w["sheet_notes"], pd.DataFrame({w["note"]: t.warnings}))
        workbook.close()

    write_atomic(path, _write)
    return [path]
