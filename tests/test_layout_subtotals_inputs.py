"""Issue 20 (a new user's report): subtotal rows not labelled exactly "Cộng", totals/plan/units-map files inside
an input folder, and CSVs whose Vietnamese letters an export replaced by "?". Files from tests/data/bad/layout
(made by bad_layout.py), read through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import data_script

LAYOUT = Path(__file__).resolve().parent / "data" / "bad" / "layout"
CASES = data_script("bad_layout")


def test_subtotal_rows_are_skipped_by_row_number_never_households(cli, tmp_path):
    result = cli("classify", LAYOUT / "subtotals.xlsx", "--json", "-o", tmp_path / "out.csv")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert out["households"] == len(CASES.SUBTOTAL_IDS) and out["persons"] == CASES.SUBTOTAL_PERSONS
    assert out["rejected_rows"] == 0 and out["status_counts"]["undetermined"] == 0
    skipped = [r for run in out["files"][0]["skipped_rows"] if run["reason"] == "total"
               for r in range(run["from"], run["to"] + 1)]
    assert skipped == CASES.SUBTOTAL_SKIPPED
    written = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "Tống Công Minh" in written and "9001" in written  # a row with a household id is never skipped
    assert "Cộng" not in written and "Cong xa" not in written
    check = cli("check", LAYOUT / "subtotals.xlsx", "--lang", "en")
    assert check.exit_code == 0 and "skipped: 6 (totals), 8 (totals), 10–11 (totals)" in check.stderr
