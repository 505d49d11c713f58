"""The member roster end to end (issue 18): reading the two sheets (or two files), classify from a roster equal to
classify from the marks it derives, `check` listing planted mark/roster disagreements at their exact rows."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import povertool
from conftest import HEADERS, INDICATOR_HEADERS, household_row, write_xlsx
from povertool.cli.app import app
from roster_data import FIRST_HOUSEHOLD_ROW, FIRST_MEMBER_ROW, random_roster, write_roster

CODES = povertool.load_standard("vn-2022").indicator_codes


@pytest.fixture
def run_cli(runner):  # type: ignore[no-untyped-def]
    """Call the CLI in-process: run_cli("check", path, "--json")."""
    return lambda *args: runner.invoke(app, list(args))


def test_two_sheets_and_two_files_read_the_same(tmp_path: Path) -> None:
    hh, mm = random_roster(1, 25)
    one = povertool.classify(write_roster(tmp_path / "one.xlsx", hh, mm)[0])
    two = povertool.classify(write_roster(tmp_path / "two.xlsx", hh, mm, two_files=True))
    assert one.summary["roster"]["derived"] == list(CODES)
    assert one.summary["roster"]["members"] == len(mm) == two.summary["roster"]["members"]
    assert one.households["status"].tolist() == two.households["status"].tolist()
    assert one.households["members"].tolist() == pd.Series([h["household_id"] for h in hh]).map(
        pd.Series([m["household_id"] for m in mm]).value_counts()).astype(float).tolist()


def test_roster_classification_equals_classification_of_the_marks_it_derives(tmp_path: Path) -> None:
    hh, mm = random_roster(7, 60, blanks=0.03)
    derived = povertool.classify(write_roster(tmp_path / "roster.xlsx", hh, mm)[0], year=2024)
    marks = derived.households[list(CODES)]
    cells = marks.astype(object).where(marks.notna(), "?").replace({True: "x", False: ""})
    rows = [HEADERS] + [
        household_row(h["household_id"], members=int(n) if n == n else None, income=h["income"], marks=list(c))
        for h, n, c in zip(hh, derived.households["members"], cells.itertuples(index=False))
    ]
    plain = povertool.classify(write_xlsx(tmp_path / "marks.xlsx", rows), year=2024)
    assert plain.households["status"].tolist() == derived.households["status"].tolist()
    assert plain.households["deprivation_count"].tolist() == derived.households["deprivation_count"].tolist()
    assert (derived.households["status"] == "undetermined").any()  # the blanks left some undetermined
    assert derived.households["status"].isin(["poor", "near_poor"]).any()


def test_check_lists_planted_disagreements_at_exact_rows(tmp_path: Path, run_cli) -> None:
    hh, mm = random_roster(3, 30)
    truth = povertool.classify(write_roster(tmp_path / "truth.xlsx", hh, mm)[0]).households[list(CODES)]
    agree = truth.astype(object).where(truth.notna(), "").replace({True: "x", False: ""})
    planted = {(2, "nutrition"), (5, "housing_area"), (5, "telecom"), (11, "employment"), (29, "water_source")}
    planted = {(i, c) for i, c in planted if truth.at[i, c] is not pd.NA}
    marks = agree.copy()
    for i, code in planted:
        marks.at[i, code] = "" if truth.at[i, code] else "x"
    path = write_roster(tmp_path / "marked.xlsx", hh, mm, marks=marks.values.tolist())[0]
    result = run_cli("check", str(path), "--json")
    assert result.exit_code == 0, result.output
    problems = json.loads(result.stdout)["problems"]
    found = {(p["row"], p["column"]) for p in problems if p["code"] == "roster_mark_disagrees"}
    headers = dict(zip(CODES, INDICATOR_HEADERS))
    assert found == {(FIRST_HOUSEHOLD_ROW + i, headers[c]) for i, c in planted}
    assert len(planted) >= 4
    for p in problems:
        if p["code"] == "roster_mark_disagrees":
            assert "Chủ hộ" not in p["problem"] and "Thành viên " not in p["problem"]  # no personal names
            assert p["sheet"] == "Hộ gia đình" and p["severity"] == "warning"


def test_disagreement_names_mark_and_deciding_facts(tmp_path: Path, run_cli) -> None:
    hh, _ = random_roster(0, 1)
    hh[0].update(floor_area=10, internet="Có")
    members = [{"household_id": hh[0]["household_id"], "name": "Nguyễn Thị Lan", "gender": "Nam", "birth_year": 1990,
                "insured": "Không", "work": "Thất nghiệp", "diploma": "Trung học phổ thông", "in_school": "Không",
                "allowance": "Không", "disabled": "Không", "malnourished": "Không"}] * 2
    marks = [[""] * 12]
    path = write_roster(tmp_path / "one.xlsx", hh, members, marks=marks)[0]
    result = run_cli("check", str(path), "--json", "--lang", "en")
    problems = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "roster_mark_disagrees"]
    by_column = {p["column"]: p for p in problems}
    insurance = by_column["Bảo hiểm y tế"]["problem"]
    assert "marked not deprived" in insurance and "gives deprived" in insurance
    assert f"member on row {FIRST_MEMBER_ROW} of Thành viên: aged 34" in insurance and "Có thẻ BHYT: no" in insurance
    area = by_column["Diện tích nhà ở bình quân đầu người"]["problem"]
    assert "Diện tích nhà ở (m²): 10 (10 for 2 persons = 5 per person)" in area
    assert "Lan" not in result.stdout + result.stderr


def test_orphan_member_and_member_without_id_are_named_by_row(tmp_path: Path, run_cli) -> None:
    hh, mm = random_roster(5, 3)
    mm.insert(2, {**mm[0], "household_id": "KHONG-CO"})
    mm.insert(4, {**mm[0], "household_id": None})
    path = write_roster(tmp_path / "orphans.xlsx", hh, mm)[0]
    result = run_cli("check", str(path), "--json")
    problems = json.loads(result.stdout)["problems"]
    rows = {(p["code"], p["row"]) for p in problems if p["code"] in ("roster_member_orphan", "roster_member_no_id")}
    assert rows == {("roster_member_orphan", FIRST_MEMBER_ROW + 2), ("roster_member_no_id", FIRST_MEMBER_ROW + 4)}
    # every member row is accounted for: joined to a household, or named by its row
    survey = povertool.read_survey(path)
    assert len(survey.roster.members) + len(rows) == len(mm) == survey.roster.sheets[0].rows
    assert "thành viên" in result.stderr  # the members sheet's rows-read line


@pytest.mark.parametrize("reference,expected", [("2024-01-01", False), ("2024-03-15", True), ("15/03/2024", True)])
def test_reference_date_decides_a_birthday_on_the_bound(tmp_path: Path, reference: str, expected: bool, run_cli) -> None:
    hh, _ = random_roster(0, 1)
    member = {"household_id": hh[0]["household_id"], "name": "A", "gender": "Nữ", "insured": "Không",
              "work": "Tự làm (nông nghiệp, kinh doanh, dịch vụ)", "diploma": "Đại học trở lên", "in_school": "Không",
              "allowance": "Không", "disabled": "Không", "malnourished": "Không"}
    path = write_roster(tmp_path / "born.xlsx", hh, [member], marks=None)[0]
    # the birth date column is added by hand: 15/03/2018 turns 6 on the second reference date
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb["Thành viên"]
    ws.cell(1, ws.max_column + 1, "Ngày sinh")
    ws.cell(2, ws.max_column, "15/03/2018")
    wb.save(path)
    result = povertool.classify(path, reference_date=pd.Timestamp(reference.replace("15/03/2024", "2024-03-15")).date())
    assert bool(result.households["health_insurance"].iloc[0]) is expected
    cli = run_cli("classify", str(path), "--reference-date", reference, "--json", "-o", str(tmp_path / "o.json"))
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.stdout)["roster"]["reference_date"] == "2024-03-15" if expected else "2024-01-01"


def test_reference_date_defaults_to_1_january_of_the_review_year(tmp_path: Path) -> None:
    hh, mm = random_roster(2, 3)
    path = write_roster(tmp_path / "r.xlsx", hh, mm, year=2023)[0]
    summary = povertool.classify(path).summary["roster"]
    assert summary["reference_date"] == "2023-01-01" and summary["reference_from"] == "review_year"


def test_a_members_sheet_under_a_standard_without_rules_is_named_not_dropped(tmp_path: Path) -> None:
    hh, mm = random_roster(4, 3)
    path = write_roster(tmp_path / "r.xlsx", hh, mm)[0]
    survey = povertool.read_survey(path, standard="vn-2027")
    assert survey.roster is None
    warned = survey.problems[survey.problems["code"] == "roster_no_rules"]
    assert warned["sheet"].tolist() == ["Thành viên"] and "vn-2027" in warned["problem"].iloc[0]
