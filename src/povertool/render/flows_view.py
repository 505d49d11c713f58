"""The flows of poor and near-poor households as tables (render/table.py), built once from the progress result
and drawn by every renderer (terminal, flows CSV, progress workbook, official report sheets 2 and 3): the official
aggregates, then the detail per unit in households and in persons."""

from __future__ import annotations

from typing import Any

from ..domain.area_blocks import BLOCK_ORDER, UnitAreas
from ..domain.flows import TOTAL as FLOW_TOTAL
from ..domain.flows import flow_columns
from ..domain.official_flows import OfficialFlows, official_flows
from ..domain.progress import Progress
from ..labels import label, labels
from ..messages import text
from .table import COUNT, RATE, SUBTOTAL, TEXT, TOTAL, UNIT, Column, Table, plain

OPTIONAL_CODES = ("to_undetermined", "from_undetermined", "member_change")  # shown only when not all zero


def shown_codes(progress: Progress, group: str) -> list[str]:
    """The columns of a flow table that are shown: all codes, minus the optional ones that are zero everywhere."""
    dec, inc = flow_columns(group)
    columns = ["start", *dec, "decreases", *inc, "increases", "member_change", "end"]
    hh, persons = progress.flows.table(group), progress.flows.table(group, "persons")
    return [c for c in columns if c not in OPTIONAL_CODES or (hh[c] != 0).any() or (persons[c] != 0).any()]


def flow_tables(progress: Progress, group: str, lang: str = "vi", *, re_known: bool = False, two_lines: bool = False,
                areas: UnitAreas | None = None) -> list[Table]:
    """The official aggregates (thoát, tái, phát sinh with % and DTTS), then start − decreases + increases = end
    per unit in detail: households, then persons; the notes (what each aggregate adds up, how households were
    matched) under the last."""
    t = labels("report", lang)
    title = labels("progress", lang)["flows_title"]
    years = {"baseline": progress.baseline_year or "?", "current": progress.current_year or "?"}
    official = official_flows(progress.flows, group, re_known=re_known)
    official_table = _official_table(official, t, years)
    # the % columns of the official table follow their count; recomputed over the block's start count
    rates = {j: (j - 1, 1) for j, c in enumerate(official_table.columns) if c.kind == RATE}
    tables = [in_blocks(official_table, areas, t, rates)]
    tables[0].title = _title(title, group, t["official_caption"], years, lang)
    codes = shown_codes(progress, group)
    unknown = set() if re_known else {"re_poor", "re_near_poor"}
    for measure in ("households", "persons"):
        frame = progress.flows.table(group, measure)
        shown = [c for c in codes if measure == "persons" or c != "member_change"]
        columns = [Column(t["unit"], TEXT, width=24, key="unit")]
        unit = t["u_households"] if measure == "households" else t["u_persons"]
        for code in shown:
            columns.append(Column(_flow_header(code, group, t, years, two_lines), group=_flow_group(code, group, t),
                                  unit=unit, width=12, key=code))
        rows, kinds = [], []
        for rec in frame.to_dict("records"):
            total = rec["unit"] == FLOW_TOTAL
            rows.append([t["total"] if total else str(rec["unit"]),
                         *[t["not_known"] if c in unknown else plain(rec[c]) for c in shown]])
            kinds.append(TOTAL if total else UNIT)
        caption = t["detail_households"] if measure == "households" else t["detail_persons"]
        detail = in_blocks(Table(columns, rows, kinds, caption=caption), areas, t)
        detail.title = _title(title, group, caption, years, lang)
        tables.append(detail)
    how = t["flow_matched_id"] if progress.matched_by == "household_id" else t["flow_matched_previous"].format(**years)
    notes = [_official_note(group, t, two_lines, lang)]
    if not re_known:
        re_word = t[f"{group}_re_entered"]
        notes.append(text("report.re_unknown_note", lang, re=re_word, new=t[f"{group}_new"]))
    tables[-1].notes = [*notes, t["flow_note"], how]
    return tables


def _title(template: str, group: str, measure: str, years: dict[str, Any], lang: str) -> str:
    """'Diễn biến hộ nghèo từ năm 2023 đến năm 2024 — Chi tiết biến động: số hộ' (a flow table standing alone)."""
    return template.format(group=label("progress", group, lang), measure=measure, **years)


def in_blocks(table: Table, areas: UnitAreas | None, t: dict[str, str], rates: dict[int, tuple[int, int]] | None = None) -> Table:
    """The unit rows of ``table`` grouped as I. Thành thị / II. Nông thôn, each block headed by its subtotal (sums;
    a rate column j recomputed as column a / column b × 100 for ``rates[j] = (a, b)``), then the total row."""
    if areas is None or not areas.blocks:
        return table
    from ..domain.denominators import unit_key

    def area_of(name: object) -> str | None:
        key = unit_key(name)
        return areas.areas.get(key) or ("urban" if key.startswith(("phuong ", "thi tran ")) else
                                        "rural" if key.startswith("xa ") else None)

    body = [r for r, k in zip(table.rows, table.kinds) if k != TOTAL]
    rows, kinds = [], []
    for area, label_key in zip(BLOCK_ORDER, ("block_urban", "block_rural")):
        part = [r for r in body if area_of(r[0]) == area]
        rows.append([t[label_key], *[_column_sum([r[j] for r in part]) for j in range(1, len(table.columns))]])
        for j, (a, b) in (rates or {}).items():
            top, bottom = rows[-1][a], rows[-1][b]
            rows[-1][j] = top / bottom * 100 if isinstance(top, (int, float)) and isinstance(bottom, (int, float)) \
                and bottom else (top if isinstance(top, str) else None)
        kinds.append(SUBTOTAL)
        rows += part
        kinds += [UNIT] * len(part)
    rest = [r for r in body if area_of(r[0]) not in BLOCK_ORDER]
    rows += rest + [r for r, k in zip(table.rows, table.kinds) if k == TOTAL]
    kinds += [UNIT] * len(rest) + [TOTAL] * sum(k == TOTAL for k in table.kinds)
    return Table(table.columns, rows, kinds, caption=table.caption, row_kind=None)


def _column_sum(values: list[Any]) -> Any:
    """The subtotal of one column: the sum of its numbers; a text mark ("—") when the column holds one."""
    marks = [v for v in values if isinstance(v, str)]
    if marks:
        return marks[0]
    numbers = [v for v in values if isinstance(v, (int, float))]
    return sum(numbers) if numbers else None


def _official_table(official: OfficialFlows, t: dict[str, str], years: dict[str, Any]) -> Table:
    """Start, left, re-entered, new (each with % of start) and end, with 'of which ethnic minority' columns."""
    group, em = official.group, official.has_ethnicity
    hh, pct = t["u_households"], t["u_pct"]
    columns, keys = [Column(t["unit"], TEXT, width=24, key="unit")], []

    def add(key: str, header: str, band: str, kind: str = COUNT, unit: str = hh) -> None:
        columns.append(Column(header, kind, group=band, unit=unit, width=10 if kind == COUNT else 9, key=key))
        keys.append(key)

    for part in ("start", "left", "re_entered", "new", "end"):
        band = t[f"g_{part}"].format(**years) if part in ("start", "end") else t[f"{group}_{part}"]
        add(part, t["n_households"], band)
        if part not in ("start", "end"):
            add(f"{part}_pct", t["pct_of_start"], band, RATE, pct)
        if em:
            add(f"{part}_em", t["of_which_em"], band)
    rows, kinds = [], []
    for rec in official.table.to_dict("records"):
        total = rec["unit"] == FLOW_TOTAL
        cells = []
        for key in keys:
            value = plain(rec[key])
            cells.append(t["not_known"] if value is None and key.startswith("re_entered") and not official.re_known else value)
        rows.append([t["total"] if total else str(rec["unit"]), *cells])
        kinds.append(TOTAL if total else UNIT)
    return Table(columns, rows, kinds, caption=t["official_caption"])


def _official_note(group: str, t: dict[str, str], two_lines: bool, lang: str) -> str:
    """What each official aggregate adds up, in the words of the detail columns."""
    from ..domain.official_flows import AGGREGATES

    words = lambda codes: " + ".join(_flow_header(c, group, t, {}, two_lines) for c in codes)  # noqa: E731
    parts = AGGREGATES[group]
    return text("report.official_flow_note", lang, left=t[f"{group}_left"], left_parts=words(parts["left"]),
                new=t[f"{group}_new"], new_parts=words(parts["new"]))


def _flow_header(code: str, group: str, t: dict[str, str], years: dict[str, Any], two_lines: bool = False) -> str:
    if code in ("start", "end"):
        return t[code].format(**years)
    if code in ("decreases", "increases", "member_change"):
        return t[code]
    if code == "escaped" and not two_lines:
        # One income line (vn-2022, vn-2027): leaving both lists means income above the poverty line; "vượt
        # chuẩn cận nghèo" fits only a standard with a separate near-poor line (vn-2016).
        return t[f"{group}_escaped_above_line"]
    if code == "escaped" and group != "poor":
        return t["near_poor_escaped_two_lines"]
    return t[f"{group}_{code}"]


def _flow_group(code: str, group: str, t: dict[str, str]) -> str:
    dec, inc = flow_columns(group)
    if code in dec or code == "decreases":
        return t["g_decreases"]
    if code in inc or code == "increases":
        return t["g_increases"]
    return ""
