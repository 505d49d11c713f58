"""Writing a Classification in the format named by the output's extension."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from ..domain.models import STATUSES
from ..domain.survey import Classification
from ..labels import label, labels
from ..messages import text
from .writers import csv_to, parquet_to, write_atomic, write_atomic_many, write_json
from .xlsx import check_xlsx_rows, new_workbook, write_key_values, write_table

_PROBLEM_COLUMNS = ["file", "sheet", "row", "column", "value", "problem", "fix"]


def write_classified(result: Classification, path: Path, *, personal_by_header: Callable[[Iterable[str]], set[str]],
                     lang: str = "vi", include_personal: bool = False) -> list[Path]:
    """Write the classified table; returns every file written (a .csv gets a .rejected.csv beside it).
    A .json output leaves out the columns of personal data (name, ID-card number, address) unless
    ``include_personal``; the workbook and CSV keep the list as it was written (the commune works from them).
    ``personal_by_header`` names the columns whose header names personal data (the reader's header matching)."""
    suffix = path.suffix.lower()
    table = result.table()
    if suffix == ".xlsx":
        check_xlsx_rows(path, {label("text", "sheet_classified", lang): len(table),
                               label("text", "sheet_rejected", lang): len(result.rejected),
                               label("text", "sheet_warnings", lang): int((result.problems["severity"] == "warning").sum())})
        write_atomic(path, lambda tmp: _write_xlsx(result, table, tmp, lang))
        return [path]
    if suffix == ".json":
        personal = set() if include_personal else personal_headers(result) | personal_by_header([str(c) for c in table.columns])
        data = {**result.summary, "households_table": _json_rows(table, personal)}
        write_json(data, path)
        return [path]
    # A .csv/.parquet and its .rejected file are replaced together; a run without rejected rows removes the
    # .rejected file of an earlier run, which no longer belongs to this output.
    write_one = csv_to if suffix == ".csv" else parquet_to
    side = path.with_name(f"{path.stem}.rejected{suffix}")
    if not len(result.rejected):
        write_atomic(path, lambda tmp: write_one(table, tmp))
        if side.is_file():
            side.unlink()
        return [path]
    write_atomic_many([path, side], lambda temps: (write_one(table, temps[0]), write_one(result.rejected, temps[1])))
    return [path, side]


def personal_headers(result: Classification) -> set[str]:
    """Original column headers that hold personal data (the head's name, ID numbers)."""
    from ..domain.models import PERSONAL_FIELDS

    return {header for s in result.sources for field, header in s.columns.items() if field in PERSONAL_FIELDS}


def _json_rows(table: pd.DataFrame, personal: set[str]) -> list[dict]:
    # Personal data stays out of JSON: the columns holding the head's name are dropped.
    kept = table.drop(columns=[c for c in table.columns if c in personal])
    return kept.astype(object).where(kept.notna(), None).to_dict("records")


def _write_xlsx(result: Classification, table: pd.DataFrame, tmp: Path, lang: str) -> None:
    compare = result.summary.get("compare", {}).get("standard", "")
    from .classified_print import people_values, print_layout, setup_page

    names = {k: v.replace("{compare}", compare) for k, v in labels("column", lang).items()}
    names["status"] = names.get("status_code", names["status"])  # the code column; the label column is in words
    if result.summary.get("low_income_verify"):  # NĐ 30/2025 after 2025: the flag stays, marked on its header
        names["low_income"] = names["low_income_verify"]
    headers = [names.get(c, c) if c in result.households.columns and c not in result.original.columns else str(c) for c in table.columns]
    table = people_values(result, table, lang)
    widths, header_formats, formats, height, row_heights = print_layout(table, headers)
    if "income_line" in formats:
        formats["income_line"] = {**formats["income_line"], "num_format": "#,##0"}
    workbook = new_workbook(tmp)
    ws = write_table(
        workbook,
        label("text", "sheet_classified", lang),
        table,
        headers=headers,
        status_column="status_label",
        statuses=result.households["status"],
        number_formats=formats,
        widths=widths,
        header_formats=header_formats,
        header_height=height,
        row_heights=row_heights,
    )
    setup_page(ws, lang)
    ws = write_key_values(workbook, label("text", "sheet_summary", lang), summary_rows(result, lang),
                          title=label("text", "summary_title", lang))
    ws.set_paper(9)  # A4, the labels and their values on one page wide
    ws.fit_to_pages(1, 0)
    rejected = result.rejected
    ws = write_table(workbook, label("text", "sheet_rejected", lang), rejected,
                     headers=[names.get(c, c) if c in _PROBLEM_COLUMNS else str(c) for c in rejected.columns])
    setup_page(ws, lang)  # every sheet prints on A4 landscape, one page wide
    warnings = result.problems[result.problems["severity"] == "warning"][_PROBLEM_COLUMNS]
    ws = write_table(workbook, label("text", "sheet_warnings", lang), warnings, headers=[names[c] for c in _PROBLEM_COLUMNS])
    setup_page(ws, lang)
    workbook.close()


def summary_rows(result: Classification, lang: str = "vi") -> list[tuple]:
    """Label/value rows of the summary sheet."""
    s = result.summary
    status_names = labels("status", lang)
    col = labels("column", lang)
    rows: list[tuple[str, object] | tuple[str, object, str]] = [(label("text", "standard", lang), s["standard"])]
    for note in s.get("overrides", []):
        rows.append((text("cli.what_if_label", lang), note))
    rows.append((col["households"], s["households"]))
    rows.append((col["persons"], s["persons"]))
    for status in STATUSES:
        rows.append((f"{status_names[status]} — {col['households']}", s["status_counts"][status]))
        rows.append((f"{status_names[status]} — {col['persons']}", s["status_persons"][status]))
    # The rates' denominator, then the rates as numbers shown as % (Excel writes them in the reader's own way).
    rows.append((label("text", "denominator_households", lang), s.get("denominator_households", s["households"]), "#,##0"))
    for key in ("poor_rate", "near_poor_rate", "multidimensional_rate"):
        value = s[key]
        rows.append((label("text", key, lang), None if value is None else value / 100, "0.00%"))
    rows.append((label("text", "rejected", lang), s.get("rejected_rows", len(s["rejected"]))))  # rows, not problems
    rows.extend(("", note) for note in s.get("notes", []))
    rows.append(("", label("text", f"denominator_{s['denominator']}", lang)))
    return rows
