"""The bad-rows sheet: every problem listed with file, sheet, row, column, value and problem; nothing lost."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import openpyxl
from conftest import data_script

DATA = Path(__file__).resolve().parent / "data"
BAD_ROWS_FILE = DATA / "bad" / "bad-rows.xlsx"


BAD = data_script("make_bad")
ERROR_CODES = {"duplicate_id", "members_invalid", "negative_income", "area_unknown"}


def _sheet(workbook, title: str) -> list[dict]:
    rows = list(workbook[title].iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_check_lists_every_problem_of_every_row(cli):
    result = cli("check", BAD_ROWS_FILE, "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    found: dict[int, Counter] = {}
    for p in report["problems"]:
        assert p["file"] == "bad-rows.xlsx" and p["sheet"] == "DS hộ" and p["column"] and p["problem"] and p["fix"]
        found.setdefault(p["row"], Counter())[p["code"]] += 1
    for i, (*_, codes) in enumerate(BAD.BAD_ROWS):
        assert found.get(i + 2, Counter()) == Counter(codes), f"Excel row {i + 2}"
    assert report["households"] == len(BAD.BAD_ROWS)


def test_rejected_and_warnings_sheets_hold_every_problem(cli, tmp_path):
    out = tmp_path / "out.xlsx"
    result = cli("classify", BAD_ROWS_FILE, "-o", out, "--json", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    f = summary["files"][0]
    rejected_rows = {i + 2 for i, (*_, codes) in enumerate(BAD.BAD_ROWS) if set(codes) & ERROR_CODES}
    assert f["rejected"] == len(rejected_rows) and f["households"] == len(BAD.BAD_ROWS) - len(rejected_rows)
    assert f["households"] + f["rejected"] + f["skipped"] == len(BAD.BAD_ROWS) + 1  # + the header row
    workbook = openpyxl.load_workbook(out, read_only=True)
    names = workbook.sheetnames
    rejected = _sheet(workbook, next(n for n in names if n.lower().startswith("rejected")))
    warnings = _sheet(workbook, next(n for n in names if n.lower().startswith("warning")))
    assert {r["Row"] for r in rejected} == rejected_rows
    for r in rejected + warnings:
        assert r["File"] == "bad-rows.xlsx" and r["Sheet"] == "DS hộ" and r["Column"] and r["Problem"]
    expected_errors = sum(1 for *_, codes in BAD.BAD_ROWS for c in codes if c in ERROR_CODES)
    expected_warnings = sum(1 for *_, codes in BAD.BAD_ROWS for c in codes if c not in ERROR_CODES)
    assert len(rejected) == expected_errors and len(warnings) == expected_warnings
    values = {(r["Row"], r["Value"]) for r in rejected}
    assert {(5, "0"), (6, "-2"), (7, "-500000"), (8, "-1.200.000"), (11, "bốn")} <= values
    duplicates = [r for r in rejected if r["Value"] == "BR-02"]
    assert sorted(r["Row"] for r in duplicates) == [3, 4, 12]
    for r in duplicates:  # each copy names the rows of the others
        others = {3, 4, 12} - {r["Row"]}
        assert all(f"row {o}" in r["Problem"] for o in others) and f"row {r['Row']}," not in r["Problem"]
    classified = _sheet(workbook, names[0])
    assert sorted(c["Row"] for c in classified) == sorted(set(range(2, 14)) - rejected_rows)


def test_every_row_in_csv_outputs(cli, tmp_path):
    out = tmp_path / "out.csv"
    assert cli("classify", BAD_ROWS_FILE, "-o", out).exit_code == 0
    side = tmp_path / "out.rejected.csv"
    import csv

    main_rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    rejected = list(csv.DictReader(side.open(encoding="utf-8-sig")))
    rows = {int(r["source_row"]) for r in main_rows} | {int(r["row"]) for r in rejected}
    assert rows == set(range(2, 2 + len(BAD.BAD_ROWS)))
    assert not {int(r["source_row"]) for r in main_rows} & {int(r["row"]) for r in rejected}
