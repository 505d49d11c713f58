"""Issue 20 follow-up: a value that cannot be trusted is unknown and named, never a silent guess. Each case reads
a file of the bad-input corpus (tests/data/make_bad.py, trust_corpus) through the command line."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from povertool.read import extent

BAD = Path(__file__).resolve().parent / "data" / "bad"

pytestmark = pytest.mark.usefixtures("english")


def _problems(cli, name: str) -> list[dict]:
    result = cli("check", BAD / name, "--json", "--lang", "en")
    assert "Traceback" not in result.stderr + result.stdout
    return json.loads(result.stdout)["problems"]


def _classified(cli, tmp_path: Path, name: str) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    out = tmp_path / "out.csv"
    result = cli("classify", BAD / name, "-o", out, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    rejected = out.with_name("out.rejected.csv")
    return (pd.read_csv(out, dtype=str).set_index("Mã hộ"),
            pd.read_csv(rejected, dtype=str) if rejected.exists() else None)


# (1) An income under the implausible-low limit is unknown, and the warning names the cell.

def test_implausible_low_income_is_unknown_and_named(cli, tmp_path):
    table, _ = _classified(cli, tmp_path, "income-implausible.xlsx")
    assert table.loc["I-02", "status"] == "undetermined"  # 2130 (2.130.000 meant): never near-poor
    assert table.loc["I-01", "status"] == "not_poor"
    low = [p for p in _problems(cli, "income-implausible.xlsx") if p["code"] == "income_too_low"]
    assert [p["row"] for p in low] == [3]
    assert "Cell D3" in low[0]["problem"] and "thousands of dong" in low[0]["problem"]


# (2) A whole income column in another unit than its header says stops the run with one message.

@pytest.mark.parametrize("name", ["unit-column-dong-as-thousands.xlsx", "unit-column-thousands-as-dong.xlsx"])
@pytest.mark.parametrize("command", ["classify", "check"])
def test_income_column_in_the_wrong_unit_stops(cli, tmp_path, name, command):
    args = [command, BAD / name, "--lang", "en"] + (["-o", tmp_path / "out.csv"] if command == "classify" else [])
    result = cli(*args)
    assert result.exit_code == 1 and "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert name in errors[0] and 'sheet "DS"' in errors[0] and "Thu nhập bình quân đầu người/tháng" in errors[0]
    assert "4 of 5 readable incomes" in errors[0] and "(nghìn đồng)" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_few_implausible_incomes_do_not_stop(cli):
    assert cli("check", BAD / "income-implausible.xlsx", "--lang", "en").exit_code == 0  # 1 of 4: named only


# (3) A formula with no saved value is unknown, with a warning naming the cell.

def test_unsaved_formulas_are_unknown_and_named(cli, tmp_path):
    problems = _problems(cli, "unsaved-formulas.xlsx")
    unsaved = {p["problem"].split()[1]: p for p in problems if p["code"] == "unsaved_formula"}
    assert set(unsaved) == {"E2", "C3", "D4"}
    assert "no saved value" in unsaved["E2"]["problem"] and "Excel/LibreOffice" in unsaved["E2"]["fix"]
    table, rejected = _classified(cli, tmp_path, "unsaved-formulas.xlsx")
    assert table.loc["S-01", "status"] == "undetermined"  # 2 marks + unknown: not near-poor
    assert table.loc["S-03", "status"] == "undetermined" and table.loc["S-04", "status"] == "not_poor"
    assert rejected is not None and rejected["Mã hộ"].tolist() == ["S-02"]


def _sheet(cells: str) -> bytes:
    return (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<sheetData>" + cells.encode() + b"</sheetData></worksheet>")


def _scan(part: bytes) -> extent.SheetScan:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("s.xml", part)
    with zipfile.ZipFile(buffer) as archive:
        return extent.scan_xlsx_part(archive, "s.xml", long_run=1 << 20, max_errors=1000)


def test_saved_formula_values_are_not_unsaved():
    part = _sheet('<row r="1"><c r="A1" t="str"><f>IF(1&gt;0,"","")</f><v></v></c>'  # a saved empty text
                  '<c r="B1"><f>1+1</f><v>2</v></c><c r="C1"><f>1+1</f><v /></c>'
                  '<c r="D1"><f t="shared" si="0"/></c></row>')
    assert _scan(part).formulas == {(0, 2): "=1+1", (0, 3): "="}


def test_unsaved_formulas_found_across_chunks(monkeypatch):
    monkeypatch.setattr(extent, "CHUNK", 64)  # every cell is cut somewhere by a chunk's end
    cells = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><f>A{r}*2</f>'
                    + ("<v />" if r % 3 == 0 else f"<v>{2 * r}</v>") + "</c></row>" for r in range(1, 41))
    found = _scan(_sheet(cells)).formulas
    assert sorted(found) == [(r - 1, 1) for r in range(3, 41, 3)] and found[(2, 1)] == "=A3*2"


# (4) and (5) Blank members reject the row; a blank income without B1 is named.

def test_blank_members_rejected_and_blank_income_named(cli, tmp_path):
    problems = _problems(cli, "blank-members-income.xlsx")
    missing = [p for p in problems if p["code"] == "members_missing"]
    assert [(p["row"], p["severity"]) for p in missing] == [(3, "error")] and "Cell C3" in missing[0]["problem"]
    blank = [p for p in problems if p["code"] == "income_blank"]
    assert [p["row"] for p in blank] == [4] and "Cell D4" in blank[0]["problem"]
    table, rejected = _classified(cli, tmp_path, "blank-members-income.xlsx")
    assert rejected["Mã hộ"].tolist() == ["K-02"] and "K-02" not in table.index
    assert table.loc["K-03", "status"] == "undetermined"
    assert table["Số nhân khẩu"].astype(float).sum() == 10  # every counted household has its persons
