"""Writes: atomic, interrupted without a half-written file, refused without permission, normal file permissions,
the output-exists policy, sheet names, and formulas kept as text in .xlsx and neutralised in .csv."""

from __future__ import annotations

import csv
import os
import stat
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import HEADERS, household_row, write_xlsx

from povertool import api

# These tests read the English sentences (the Vietnamese ones are checked in test_i18n_both_languages.py).
pytestmark = pytest.mark.usefixtures("english")

BAD_ROWS = Path(__file__).resolve().parent / "data" / "bad" / "bad-rows.xlsx"
FORMULAS = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(1,1)", "=1+1"]


@pytest.fixture
def survey(tmp_path) -> Path:
    return write_xlsx(tmp_path / "in.xlsx", [HEADERS] + [household_row(f"W-{i}", income=900_000 + i * 400_000)
                                                         for i in range(6)])


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


# -- interrupted runs ------------------------------------------------------------------------------------------

def _interrupt_zip_after(monkeypatch, parts: int) -> None:
    """Ctrl-C while the workbook's zip is being written, after ``parts`` parts."""
    original = zipfile.ZipFile.writestr
    calls = {"n": 0}

    def writestr(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] > parts:
            raise KeyboardInterrupt
        return original(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", writestr)
    monkeypatch.setattr(zipfile.ZipFile, "write", lambda self, *a, **k: writestr(self, *a, **k))


@pytest.mark.parametrize("command", ["classify", "summary"])
def test_ctrl_c_leaves_no_half_written_file(cli, survey, tmp_path, monkeypatch, command):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    _interrupt_zip_after(monkeypatch, 3)
    result = cli(command, survey, "-o", out_dir / "result.xlsx")
    assert result.exit_code == 130
    assert "Interrupted" in result.stderr and "Traceback" not in result.stderr
    assert _leftovers(out_dir, set()) == []


def test_ctrl_c_keeps_the_previous_output_whole(cli, survey, tmp_path, monkeypatch):
    out = tmp_path / "result.xlsx"
    assert cli("classify", survey, "-o", out).exit_code == 0
    before = out.read_bytes()
    _interrupt_zip_after(monkeypatch, 2)
    assert cli("classify", survey, "-o", out).exit_code == 130
    assert out.read_bytes() == before
    assert _leftovers(tmp_path, {"in.xlsx", "result.xlsx"}) == []


def test_ctrl_c_during_csv(cli, survey, tmp_path, monkeypatch):
    from povertool.render import csv_table

    def interrupted(frame, out, **kwargs):
        out.write(b"half a line")
        raise KeyboardInterrupt

    monkeypatch.setattr(csv_table, "write_csv_rows", interrupted)
    assert cli("classify", survey, "-o", tmp_path / "out.csv").exit_code == 130
    assert _leftovers(tmp_path, {"in.xlsx"}) == []


# -- permissions ---------------------------------------------------------------------------------------------

def test_no_write_permission_gives_one_message(cli, survey, tmp_path, monkeypatch):
    """The operating system refuses the temp file (as in a read-only folder): one message, exit 1."""

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", kwargs.get("dir"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    for command in (["classify", survey], ["summary", survey], ["template"]):
        target = tmp_path / "locked" / f"{command[0]}.xlsx"
        target.parent.mkdir(exist_ok=True)
        result = cli(*command, "-o", target)
        assert result.exit_code == 1, result.stderr
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and "locked" in errors[0] and "Traceback" not in result.stderr
        assert not target.exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into any folder")
def test_read_only_folder(cli, survey, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = cli("classify", survey, "-o", locked / "out.xlsx")
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 1 and "locked" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json", ".parquet"])
def test_outputs_get_normal_permissions(cli, survey, tmp_path, suffix):
    """Outputs are readable by others like any saved file (0644 under umask 022), not the temp file's 0600."""
    old = os.umask(0o022)
    try:
        out = tmp_path / f"out{suffix}"
        assert cli("classify", survey, "-o", out).exit_code == 0
        assert cli("summary", survey, "-o", tmp_path / "sum.xlsx").exit_code == 0
        assert cli("template", "-o", tmp_path / "t.xlsx").exit_code == 0
        assert cli("report", "--census", "--current", survey, "-o", tmp_path / "r.xlsx", "--html", tmp_path / "r.html").exit_code == 0
    finally:
        os.umask(old)
    for path in (out, tmp_path / "sum.xlsx", tmp_path / "t.xlsx", tmp_path / "r.xlsx", tmp_path / "r.html"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path.name


# -- the output-exists policy ----------------------------------------------------------------------------------

def test_existing_output_is_replaced_whole(cli, survey, tmp_path):
    """An output that exists (and is not an input) is replaced: the new file, complete, and nothing else."""
    out = tmp_path / "out.csv"
    out.write_text("an older result\n", encoding="utf-8")
    result = cli("classify", survey, "-o", out)
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8-sig").startswith("Mã hộ,")
    assert _leftovers(tmp_path, {"in.xlsx", "out.csv"}) == []


def test_template_does_not_replace_without_force(cli, tmp_path):
    out = tmp_path / "mau.xlsx"
    out.write_bytes(b"filled in by the commune")
    result = cli("template", "-o", out)
    assert result.exit_code == 1 and "--force" in result.stderr
    assert out.read_bytes() == b"filled in by the commune"


# -- sheet names and formulas ----------------------------------------------------------------------------------

def test_sheet_names_are_sanitised(tmp_path):
    from povertool.render.xlsx import new_workbook, write_table

    import pandas as pd

    frame = pd.DataFrame({"a": [1]})
    path = tmp_path / "sheets.xlsx"
    workbook = new_workbook(path)
    for name in ["Xã A/B: [2024]*?", "'quoted'", "", "Một tên rất dài hơn ba mươi mốt ký tự của Excel",
                 "Một tên rất dài hơn ba mươi mốt ký tự nữa", "history", "History"]:
        write_table(workbook, name, frame)
    workbook.close()
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    assert len(names) == 7 and len({n.lower() for n in names}) == 7
    for name in names:
        assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\") and not name.startswith("'")
    assert names[0] == "Xã A_B_ _2024___"


def test_formulas_stay_text_in_xlsx(cli, tmp_path):
    out = tmp_path / "out.xlsx"
    assert cli("classify", BAD_ROWS, "-o", out).exit_code == 0
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    workbook = openpyxl.load_workbook(out)
    texts = {c.value for ws in workbook for row in ws.iter_rows() for c in row if c.data_type == "s"}
    assert {'=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(1,1)"} <= texts
    assert not any(c.data_type == "f" for ws in workbook for row in ws.iter_rows() for c in row)


def _formula_survey(path: Path) -> Path:
    rows = [[*HEADERS, "=Ghi chú"]]
    for i, text in enumerate(FORMULAS):
        rows.append(household_row(f"F-{i}", name=text, commune=f"Xã {i}" if i else "=Xã 0") + [text])
    return write_xlsx(path, rows)


def test_formulas_neutralised_in_csv(cli, tmp_path):
    survey = _formula_survey(tmp_path / "formulas.xlsx")
    out = tmp_path / "out.csv"
    assert cli("classify", survey, "-o", out, "--area", "rural").exit_code == 0
    cells = [c for row in csv.reader(out.open(encoding="utf-8-sig")) for c in row]
    for text in FORMULAS:
        assert text not in cells and "'" + text in cells
    assert "'=Ghi chú" in cells  # a header too
    assert all(not c.startswith(("=", "+", "@")) for c in cells)
    assert cli("summary", survey, "-o", tmp_path / "sum.csv", "--area", "rural").exit_code == 0
    summary_cells = [c for row in csv.reader((tmp_path / "sum.csv").open(encoding="utf-8-sig")) for c in row]
    assert not any(c.startswith(("=", "+", "@")) for c in summary_cells) and any("'=Xã 0" in c for c in summary_cells)


def test_formula_like_unit_names_stay_text_in_summary_xlsx(cli, tmp_path):
    survey = _formula_survey(tmp_path / "formulas.xlsx")
    out = tmp_path / "sum.xlsx"
    assert cli("summary", survey, "-o", out, "--area", "rural").exit_code == 0
    workbook = openpyxl.load_workbook(out)
    assert not any(c.data_type == "f" for ws in workbook for row in ws.iter_rows() for c in row)
    assert any(isinstance(c.value, str) and "=Xã 0" in c.value for ws in workbook for row in ws.iter_rows() for c in row)


def test_api_writes_refuse_inputs_too(survey, tmp_path):
    from povertool.errors import OutputError

    result = api.classify(survey)
    with pytest.raises(OutputError, match="never overwrites an input"):
        api.write_classified(result, survey, inputs=[survey])
    with pytest.raises(OutputError, match="never overwrites an input"):
        api.write_classified(result, survey, inputs=[tmp_path])


def test_csv_and_its_rejected_file_are_replaced_together(cli, survey, tmp_path, monkeypatch):
    """Ctrl-C while the .rejected.csv is written: the earlier pair stays as it was, both files."""
    from povertool.render import csv_table

    out, side = tmp_path / "out.csv", tmp_path / "out.rejected.csv"
    assert cli("classify", BAD_ROWS, "-o", out).exit_code == 0
    before = (out.read_bytes(), side.read_bytes())
    original = csv_table.write_csv_rows
    calls = {"n": 0}

    def second_interrupted(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return original(*args, **kwargs)

    monkeypatch.setattr(csv_table, "write_csv_rows", second_interrupted)
    assert cli("classify", BAD_ROWS, survey, "-o", out).exit_code == 130
    assert (out.read_bytes(), side.read_bytes()) == before
    assert _leftovers(tmp_path, {"in.xlsx", "out.csv", "out.rejected.csv"}) == []


def test_stale_rejected_file_is_removed(cli, survey, tmp_path):
    """A run without rejected rows removes the .rejected.csv of an earlier run: it no longer belongs to out.csv."""
    out, side = tmp_path / "out.csv", tmp_path / "out.rejected.csv"
    assert cli("classify", BAD_ROWS, "-o", out).exit_code == 0 and side.exists()
    assert cli("classify", survey, "-o", out).exit_code == 0
    assert out.exists() and not side.exists()
