"""Boundary tables for the twelve roster rules of vn-2022 (issue 18): every age bound and threshold at, just below
and just above, on frames built in memory and derived by domain/roster.py."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from povertool import load_standard
from povertool.domain.roster import derive

STD = load_standard("vn-2022")
RULES = STD.roster
T, F, U = True, False, None  # expected mark: deprived, not deprived, unknown

# A member who deprives nobody: an insured adult with a contract, upper-secondary diploma, no allowance.
BASE_MEMBER = {"age": 40.0, "female": False, "insured": True, "in_school": False, "diploma": "Trung học phổ thông",
               "work_status": "Làm công ăn lương có hợp đồng lao động", "social_allowance": False, "disabled": False,
               "malnourished": False}
BASE_HOUSEHOLD = {"wall_durable": True, "frame_durable": True, "roof_durable": True, "floor_area": 100.0,
                  "water_source_type": "Nước máy", "latrine_type": "Tự hoại", "uses_internet": True,
                  "information_device": True, "hears_loudspeaker": True}


def run(code: str, households: list[tuple[dict, list[dict]]]) -> list[Any]:
    """The derived mark of ``code`` per household (members given as overrides of BASE_MEMBER)."""
    hh = pd.DataFrame([{**BASE_HOUSEHOLD, **h} for h, _ in households])
    rows, pos = [], []
    for i, (_, members) in enumerate(households):
        for m in members:
            rows.append({**BASE_MEMBER, **m})
            pos.append(i)
    mm = pd.DataFrame(rows)
    for col in ("female", "insured", "in_school", "social_allowance", "disabled", "malnourished"):
        mm[col] = mm[col].astype("boolean")
    for col in ("wall_durable", "frame_durable", "roof_durable", "uses_internet", "information_device", "hears_loudspeaker"):
        hh[col] = hh[col].astype("boolean")
    result = derive(hh, mm, np.array(pos), RULES, (code,)).marks[code]
    return [None if v is pd.NA else bool(v) for v in result]


def one(code: str, member: dict, household: dict | None = None) -> Any:
    return run(code, [(household or {}, [member])])[0]


@pytest.mark.parametrize("age,female,expected", [
    (14, False, F), (15, False, T), (16, False, T),  # from 15 (đủ 15 tuổi)
    (60, False, T), (61, False, F), (62, False, F),  # men below 61
    (55, True, T), (56, True, F), (57, True, F),  # women below 56
    (58, None, U), (40, None, T), (14, None, F),  # gender unknown matters only between the two upper bounds
])
def test_employment_working_age(age: int, female: Any, expected: Any) -> None:
    assert one("employment", {"age": float(age), "female": female, "work_status": "Thất nghiệp"}) is expected


@pytest.mark.parametrize("work,expected", [
    ("Thất nghiệp", T), ("Làm công ăn lương không có hợp đồng lao động", T),
    ("Làm công ăn lương có hợp đồng lao động", F), ("Tự làm (nông nghiệp, kinh doanh, dịch vụ)", F), (None, U),
])
def test_employment_work_status(work: Any, expected: Any) -> None:
    assert one("employment", {"age": 30.0, "work_status": work}) is expected


@pytest.mark.parametrize("ages,expected", [
    ([15, 40], F),  # 1/2 = 50%: at the threshold, not above it
    ([15, 15, 40], T),  # 2/3 just above
    ([15, 40, 40], F),  # 1/3 below
    ([16, 40], F),  # 16 is no longer a child
    ([15, 15, 40, 40], F), ([15, 15, 15, 40], T),
])
def test_dependants_share(ages: list[int], expected: Any) -> None:
    assert run("dependants", [({}, [{"age": float(a)} for a in ages])])[0] is expected


@pytest.mark.parametrize("age,allowance,disabled,expected", [
    (59, True, False, F), (60, True, False, T), (61, True, False, T),  # elderly from 60 with a monthly allowance
    (70, False, False, F), (40, True, True, T), (40, False, True, F), (40, None, True, U), (70, None, False, U),
])
def test_dependant_definition(age: int, allowance: Any, disabled: Any, expected: Any) -> None:
    # one such member beside one child: dependant makes 2/2 (deprived), not makes 1/2 (not above 50%)
    members = [{"age": float(age), "social_allowance": allowance, "disabled": disabled}, {"age": 5.0}]
    assert run("dependants", [({}, members)])[0] is expected


@pytest.mark.parametrize("age,expected", [(0, T), (15, T), (16, F), (17, F), (None, U)])
def test_nutrition_child_under_16(age: Any, expected: Any) -> None:
    assert one("nutrition", {"age": age if age is None else float(age), "malnourished": True}) is expected


@pytest.mark.parametrize("age,expected", [(5, F), (6, T), (7, T), (None, U)])
def test_health_insurance_from_6(age: Any, expected: Any) -> None:
    assert one("health_insurance", {"age": age if age is None else float(age), "insured": False}) is expected


def test_health_insurance_unknowns_only_where_they_matter() -> None:
    known_uninsured = {"age": 30.0, "insured": False}
    assert run("health_insurance", [({}, [known_uninsured, {"insured": None}])]) == [T]
    assert run("health_insurance", [({}, [{"age": 30.0}, {"age": 3.0, "insured": None}])]) == [F]
    assert run("health_insurance", [({}, [{"age": 30.0}, {"age": 8.0, "insured": None}])]) == [U]


@pytest.mark.parametrize("age,diploma,in_school,expected", [
    (15, "Chưa có bằng cấp", False, F), (16, "Chưa có bằng cấp", False, T), (17, "Tiểu học", False, T),
    (16, "Trung học cơ sở", False, F), (17, "Trung học cơ sở", False, F),
    (18, "Trung học cơ sở", False, T), (18, "Trung học phổ thông", False, F), (18, "Trung cấp", False, F),
    (30, "Trung học cơ sở", False, T), (31, "Trung học cơ sở", False, F), (29, "Sơ cấp nghề", False, T),
    (20, "Trung học cơ sở", True, F), (20, None, False, U), (20, "Tiểu học", None, U),
])
def test_adult_education(age: int, diploma: Any, in_school: Any, expected: Any) -> None:
    assert one("adult_education", {"age": float(age), "diploma": diploma, "in_school": in_school}) is expected


@pytest.mark.parametrize("age,expected", [(2, F), (3, T), (4, T), (15, T), (16, F), (17, F)])
def test_child_schooling_3_to_under_16(age: int, expected: Any) -> None:
    assert one("child_schooling", {"age": float(age), "in_school": False}) is expected


@pytest.mark.parametrize("wall,frame,roof,expected", [
    (False, True, True, F), (False, False, True, T), (False, False, False, T), (True, True, True, F),
    (False, None, True, U), (False, False, None, T), (True, True, None, F),
])
def test_housing_quality_two_of_three(wall: Any, frame: Any, roof: Any, expected: Any) -> None:
    household = {"wall_durable": wall, "frame_durable": frame, "roof_durable": roof}
    assert one("housing_quality", {}, household) is expected


@pytest.mark.parametrize("area,members,expected", [
    (31.96, 4, T), (32.0, 4, F), (32.04, 4, F),  # 7.99 / 8 / 8.01 m² per person
    (7.99, 1, T), (8.0, 1, F), (None, 2, U),
])
def test_housing_area_per_person(area: Any, members: int, expected: Any) -> None:
    assert run("housing_area", [({"floor_area": area}, [{}] * members)])[0] is expected


@pytest.mark.parametrize("code,field,value,expected", [
    ("water_source", "water_source_type", "Nước máy", F), ("water_source", "water_source_type", "Nước mưa", F),
    ("water_source", "water_source_type", "Sông, suối, ao, hồ", T), ("water_source", "water_source_type", None, U),
    ("sanitation", "latrine_type", "Tự hoại", F), ("sanitation", "latrine_type", "Cầu tõm, trên ao, sông", T),
    ("sanitation", "latrine_type", "Không có nhà tiêu", T), ("telecom", "uses_internet", False, T),
    ("telecom", "uses_internet", True, F), ("telecom", "uses_internet", None, U),
])
def test_household_facts(code: str, field: str, value: Any, expected: Any) -> None:
    assert one(code, {}, {field: value}) is expected


@pytest.mark.parametrize("device,speaker,expected", [(False, False, T), (True, False, F), (False, True, F), (False, None, U), (True, None, F)])
def test_information_means(device: Any, speaker: Any, expected: Any) -> None:
    assert one("information_means", {}, {"information_device": device, "hears_loudspeaker": speaker}) is expected


def test_household_without_members_is_unknown_for_member_rules() -> None:
    hh = pd.DataFrame([BASE_HOUSEHOLD, BASE_HOUSEHOLD])
    mm = pd.DataFrame([{**BASE_MEMBER, "insured": False}])
    for col in ("insured", "female"):
        mm[col] = mm[col].astype("boolean")
    marks = derive(hh, mm, np.array([0]), RULES, ("health_insurance", "telecom")).marks
    assert marks["health_insurance"].tolist() == [True, pd.NA]
    assert marks["telecom"].tolist() == [False, False]  # a household fact needs no member


def test_every_rule_has_a_boundary_table() -> None:
    tested = {"employment", "dependants", "nutrition", "health_insurance", "adult_education", "child_schooling",
              "housing_quality", "housing_area", "water_source", "sanitation", "telecom", "information_means"}
    assert {r.indicator for r in RULES.rules} == tested == set(STD.indicator_codes)
