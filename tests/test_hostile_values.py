"""Issue 20, part A: values and files that used to be misread or lost with exit 0. Each case reads a file of the
bad-input corpus (tests/data/make_bad.py, values_corpus) through the command line or the public API."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from conftest import data_script

from povertool import api
from povertool.errors import InputFileError, OutputError
from povertool import files
from povertool.read import guard
from povertool.render.xlsx import check_xlsx_rows
from povertool.read.plan import read_plan
from povertool.read.readers import load_grids

BAD = Path(__file__).resolve().parent / "data" / "bad"
MAKE_BAD = data_script("make_bad")

# These tests read the English sentences (the Vietnamese ones are checked in test_i18n_both_languages.py).
pytestmark = pytest.mark.usefixtures("english")


def _error_line(result) -> str:
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith(("error:", "lỗi:"))]
    assert len(errors) == 1, result.stderr
    return errors[0]


def _low_limits(monkeypatch, **changes) -> None:
    real = guard.limits()
    values = {**real.__dict__, **changes}
    monkeypatch.setattr(guard, "limits", lambda: files.Limits(**values))
    monkeypatch.setattr(files, "limits", lambda: files.Limits(**values))


# 1. An .xlsx output past Excel's row limit is refused before anything is written.

def test_xlsx_row_limit_is_excels():
    check_xlsx_rows(Path("out.xlsx"), {"DS": 1_048_575})  # with the header: exactly Excel's last row
    with pytest.raises(OutputError, match="1,048,576|1.048.576"):
        check_xlsx_rows(Path("out.xlsx"), {"DS": 1_048_576})


def test_classify_refuses_xlsx_past_the_row_limit(cli, monkeypatch, tmp_path):
    _low_limits(monkeypatch, xlsx_max_rows=21)  # a 20-household sheet, for the 30 households of the file
    out = tmp_path / "out.xlsx"
    message = _error_line(cli("classify", BAD / "csv-trailing-comma.csv", "-o", out, "--lang", "en"))
    assert "30 data rows" in message and "21 rows" in message and ".csv or .parquet" in message
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert cli("classify", BAD / "csv-trailing-comma.csv", "-o", tmp_path / "out.csv").exit_code == 0


# 2. Quotes in a CSV: a cell spanning lines stops the read with its lines, in both readers.

@pytest.mark.parametrize("stream", [False, True])
@pytest.mark.parametrize(("name", "words"), [("csv-quote-unclosed.csv", "line 6: a quote \" opened on this line is never closed"),
                                             ("csv-quote-stray.csv", "line 6: a cell starting on this line runs over a line break to line 13"),
                                             ("csv-whole-row-in-a-cell.csv", "line 8: the whole line is inside one cell")])
def test_csv_quote_swallowing_rows_is_an_error_with_its_lines(cli, tmp_path, stream, name, words):
    args = ["classify", *(["--stream"] if stream else []), BAD / name, "-o", tmp_path / "out.csv", "--lang", "en"]
    message = _error_line(cli(*args))
    assert name in message and words in message
    assert list(tmp_path.iterdir()) == []


def test_check_lists_the_swallowing_quote(cli):
    result = cli("check", BAD / "csv-quote-stray.csv", "--json", "--lang", "en")
    assert result.exit_code == 1
    problem = json.loads(result.stdout)["problems"][0]
    assert "lines 6–13" in problem["problem"] and "line 6" in problem["fix"]


def test_a_quoted_line_break_is_never_data(tmp_path):
    path = tmp_path / "note.csv"
    path.write_text('Mã hộ,Số nhân khẩu,Thu nhập,Ghi chú\nA-1,4,1000000,"hai\ndòng"\nA-2,4,1000000,\n', encoding="utf-8")
    with pytest.raises(InputFileError, match="2–3"):
        load_grids(path)


@pytest.mark.parametrize("name", ["csv-trailing-comma.csv", "csv-sep-line.csv", "csv-cr-only.csv",
                                  "csv-utf16-no-bom.csv"])
def test_csv_written_other_ways_reads_every_household_in_both_readers(cli, tmp_path, name):
    whole, streamed = tmp_path / "whole.csv", tmp_path / "streamed.csv"
    assert cli("classify", BAD / name, "-o", whole).exit_code == 0
    result = cli("classify", "--stream", BAD / name, "-o", streamed)
    assert result.exit_code == 0, result.stderr
    a, b = pd.read_csv(whole, dtype=str), pd.read_csv(streamed, dtype=str)
    assert len(a) == 30 and a.equals(b)
    assert a["Mã hộ"].tolist() == [f"Q-{i:02d}" for i in range(1, 31)]
    assert a["Thu nhập bình quân đầu người/tháng (đồng)"].astype(float).tolist()[:2] == [1_100_000, 1_200_000]


def test_sep_line_keeps_the_files_line_numbers():
    survey = api.read_survey(BAD / "csv-sep-line.csv")
    assert survey.sources[0].header_row == 2
    assert survey.households["source_row"].tolist()[:2] == [3, 4]


# 3. Spreadsheet error cells are unknown values with a warning naming the cell.

@pytest.mark.parametrize("name", ["error-cells.xlsx", "error-cells.ods", "error-cells.xls"])
def test_error_cells_are_unknown_and_named(cli, name):
    result = cli("check", BAD / name, "--json", "--lang", "en")
    assert result.exit_code == 1, result.stderr  # one error: the #DIV/0! members cell (the rest are warnings)
    found = json.loads(result.stdout)["problems"]
    assert [p["row"] for p in found if p["severity"] == "error"] == [3]
    problems = [p for p in found if p["code"] == "error_cell"]
    cells = {p["problem"].split()[1]: p["value"] for p in problems}
    assert set(cells) == {"J2", "F3", "G4", "A5", "G7"}
    assert cells["J2"] == "#REF!" and cells["G7"] == "Err:502" and all(v.startswith(("#", "Err")) for v in cells.values())
    result = api.classify(BAD / name)
    classified = result.households.set_index("source_row")
    assert classified.loc[2, "status"] == "undetermined"  # 2 marks + #REF!: not near-poor
    assert 3 not in classified.index  # #DIV/0! members: rejected, never counted with 0 persons
    missing = result.problems[result.problems["code"] == "members_missing"]
    assert missing["row"].tolist() == [3] and missing["severity"].tolist() == ["error"]
    assert "F3" in missing["problem"].iloc[0]
    assert classified.loc[4, "status"] == "undetermined" and classified.loc[7, "status"] == "undetermined"
    assert classified.loc[5, "household_id"] != "#VALUE!"
    assert classified.loc[6, "status"] == "poor"


def test_error_cell_mark_is_never_not_deprived():
    result = api.classify(BAD / "error-cells.xlsx", standard="vn-2022")
    row = result.households.set_index("source_row").loc[2]
    marks = [ind.code for ind in api.load_standard("vn-2022").indicators]
    assert row[marks[0]] == True and row[marks[1]] == True and pd.isna(row[marks[2]])  # noqa: E712
    assert row[marks[3]] == False  # noqa: E712 - a blank stays "not deprived"


# 5. Money and units.

def test_money_units_and_malformed_grouping(cli):
    survey = api.read_survey(BAD / "money-units.xlsx")
    income = dict(zip(survey.households["household_id"], survey.households["income_per_capita"]))
    for hid, _, expected in MAKE_BAD.MONEY_ROWS:
        assert (math.isnan(income[hid]) if expected is None else income[hid] == expected), hid
    codes = survey.problems.groupby("code")["row"].apply(sorted).to_dict()
    assert codes["unreadable_income"] == [5, 6]  # 1.60.000 and 16.00.000
    from povertool.messages import text

    grouping = survey.problems.loc[survey.problems["code"] == "unreadable_income", "problem"]
    assert set(grouping) == {text("read.money_grouping")}  # says what is wrong with the amount
    assert codes["income_too_low"] == [9, 10]  # 5.000 and 1,5k: a unit left out? (unknown, named)
    low = survey.problems.loc[survey.problems["code"] == "income_too_low", "problem"].tolist()
    assert "Cell G9" in low[0] and "thousands of dong" in low[0] and "unknown" in low[0]


@pytest.mark.parametrize(("name", "expected"), [("income-thousands.xlsx", [2_500_000, 1_600_000, None]),
                                                ("income-millions.xlsx", [1_200_000, 2_000_000, 800_000])])
def test_header_unit_scales_plain_values(name, expected):
    survey = api.read_survey(BAD / name, area="rural")
    income = survey.households["income_per_capita"].tolist()
    assert [None if math.isnan(v) else v for v in income] == expected  # "1,2" nghìn = 1.200 đ: implausible, unknown


def test_members_are_whole_counts_within_a_limit():
    result = api.classify(BAD / "members-as-money.xlsx")
    rejected = set(result.rejected["Mã hộ"]) if "Mã hộ" in result.rejected else set()
    assert rejected == {"N-02", "N-03", "N-04", "N-05"}
    assert sorted(result.households["members"].dropna().tolist()) == [4, 5]
    problems = result.problems[result.problems["code"] == "members_invalid"]
    assert problems["value"].tolist() == ["3 tr", "2k", "60", "1.000"]


def test_plan_cell_with_grouping_is_thousands():
    targets = read_plan(BAD / "plan-grouped.csv").targets
    assert [t.change for t in targets] == [-1200, -0.5]


# 9. Native crash and memory: the real extent comes from the sheet's XML stream, before any grid.

@pytest.mark.parametrize(("name", "cell"), [("far-cell-no-dimension.xlsx", "XFD1048576"),
                                            ("far-cell-lying-dimension.xlsx", "XFD1048576"),
                                            ("repeated-columns.ods", "XFD1048002")])
def test_far_cells_refused_from_the_xml_stream(name, cell):
    scans = guard.sheet_scans(BAD / name, ["DS"] if name.endswith(".xlsx") else None)
    assert scans["DS"].cols == 16_384
    with pytest.raises(InputFileError, match=cell):
        load_grids(BAD / name)


@pytest.mark.slow
def test_far_cell_does_not_crash_the_process(tmp_path):
    """The reader that aborted with a Rust backtrace (exit 134): now one message and exit 1, memory capped."""
    import resource
    import subprocess
    import sys

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    run = subprocess.run([sys.executable, "-m", "povertool", "classify", str(BAD / "far-cell-no-dimension.xlsx"),
                          "-o", str(tmp_path / "out.csv"), "--lang", "en"], capture_output=True, text=True,
                         preexec_fn=cap, timeout=120)
    assert run.returncode == 1 and "XFD1048576" in run.stderr and "panicked" not in run.stderr


def test_long_shared_string_refused_before_the_workbook_opens(monkeypatch):
    import python_calamine

    def never(*args, **kwargs):
        raise AssertionError("the workbook was opened: its 600-million-character string would be read")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", never)
    with pytest.raises(InputFileError, match=r'sheet "DS", row 2, column B'):
        load_grids(BAD / "long-shared-string.xlsx")


# Medium and low: ids, Parquet types, option files.

def test_numeric_ids_keep_their_text_form(cli, tmp_path):
    for suffix in (".csv", ".json", ".parquet", ".xlsx"):
        assert cli("classify", BAD / "numeric-ids.xlsx", "-o", tmp_path / f"out{suffix}").exit_code == 0
    ids = pd.read_csv(tmp_path / "out.csv", dtype=str)["Mã hộ"].tolist()
    assert ids[:2] == ["1", "2"] and not any("." in i or "e+" in i for i in ids)
    rows = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["households_table"]
    assert [r["Mã hộ"] for r in rows] == ids
    assert pd.read_parquet(tmp_path / "out.parquet")["Mã hộ"].tolist() == ids
    survey = api.read_survey(BAD / "numeric-ids.xlsx")
    assert survey.problems.loc[survey.problems["code"] == "id_rounded", "row"].tolist() == [4]


@pytest.mark.parametrize("suffix", [".csv", ".json", ".parquet", ".xlsx"])
def test_parquet_of_odd_types_is_read(cli, tmp_path, suffix):
    result = cli("classify", BAD / "parquet-odd-types.parquet", "-o", tmp_path / f"out{suffix}")
    assert result.exit_code == 0, result.stderr
    streamed = cli("classify", "--stream", BAD / "parquet-odd-types.parquet", "-o", tmp_path / "s.csv")
    assert streamed.exit_code == 0, streamed.stderr
    assert api.read_survey(BAD / "parquet-odd-types.parquet").households["income_per_capita"].tolist() == [1e6] * 3


def test_parquet_nested_column_named(cli, tmp_path):
    for stream in ([], ["--stream"]):
        message = _error_line(cli("classify", *stream, BAD / "parquet-nested.parquet", "-o", tmp_path / "o.csv"))
        assert '"Thành viên"' in message


def test_columns_file_size_is_limited(cli, monkeypatch):
    _low_limits(monkeypatch, max_option_file_bytes=1024)
    message = _error_line(cli("check", BAD / "csv-cr-only.csv", "--columns", BAD / "survey-as-columns.csv",
                              "--lang", "en"))
    assert "--columns" in message and "survey-as-columns.csv" in message and "at most 1 KB" in message


# The grouping rule as a property: grouped thousands read back; a malformed group is never a number.

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from povertool.read.values import parse_number_text  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=10**12), st.sampled_from([".", ",", " ", "'"]))
def test_grouped_amounts_read_back(amount, separator):
    assert parse_number_text(f"{amount:,}".replace(",", separator)) == amount


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=4), min_size=3, max_size=5), st.sampled_from([".", ","]),
       st.integers(min_value=0, max_value=9))
def test_malformed_grouping_is_unreadable(sizes, separator, digit):
    groups = [str(digit + 1)] + [str(digit) * size for size in sizes[1:]]
    if all(len(g) == 3 for g in groups[1:]):
        groups[-1] += "0"  # at least one group of other than three digits
    assert parse_number_text(separator.join(groups)) is None
