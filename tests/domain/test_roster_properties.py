"""Properties of the roster derivation (issue 18): unknowns never make a wrong mark, and the counts the
classification reports are the counts of the derived marks."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from povertool import load_standard
from povertool.domain.classify import classify_frame
from povertool.domain.roster import derive
from povertool.labels import labels

STD = load_standard("vn-2022")
CODES = STD.indicator_codes
FLAGS_M = ("female", "insured", "in_school", "social_allowance", "disabled", "malnourished")
FLAGS_H = ("wall_durable", "frame_durable", "roof_durable", "uses_internet", "information_device", "hears_loudspeaker")
CHOICES_M = {"diploma": ["Chưa có bằng cấp", "Tiểu học", "Trung học cơ sở", "Trung học phổ thông"],
             "work_status": ["Thất nghiệp", "Làm công ăn lương không có hợp đồng lao động", "Làm công ăn lương có hợp đồng lao động"]}
CHOICES_H = {"water_source_type": ["Nước máy", "Sông, suối, ao, hồ"], "latrine_type": ["Tự hoại", "Không có nhà tiêu"]}

maybe_bool = st.sampled_from([True, False, None])
member = st.fixed_dictionaries({
    "age": st.one_of(st.none(), st.integers(0, 90).map(float)),
    **{f: maybe_bool for f in FLAGS_M},
    **{f: st.one_of(st.none(), st.sampled_from(v)) for f, v in CHOICES_M.items()},
})
household = st.fixed_dictionaries({
    **{f: maybe_bool for f in FLAGS_H},
    **{f: st.one_of(st.none(), st.sampled_from(v)) for f, v in CHOICES_H.items()},
    "floor_area": st.one_of(st.none(), st.integers(0, 60).map(float)),
    "members": st.lists(member, min_size=0, max_size=5),
})


def frames(households: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    hh = pd.DataFrame([{k: v for k, v in h.items() if k != "members"} for h in households])
    rows = [m for h in households for m in h["members"]]
    pos = np.array([i for i, h in enumerate(households) for _ in h["members"]], dtype=np.int64)
    mm = pd.DataFrame(rows, columns=["age", *FLAGS_M, *CHOICES_M])
    for f in FLAGS_M:
        mm[f] = mm[f].astype("boolean")
    for f in FLAGS_H:
        hh[f] = hh[f].astype("boolean")
    mm["age"] = mm["age"].astype(float)
    hh["floor_area"] = hh["floor_area"].astype(float)
    return hh, mm, pos


def complete(households: list[dict], rng: np.random.Generator) -> list[dict]:
    """The same households with every unknown fact given some value."""
    def fill(d: dict, flags: tuple, choices: dict) -> dict:
        out = dict(d)
        for f in flags:
            if out[f] is None:
                out[f] = bool(rng.integers(0, 2))
        for f, values in choices.items():
            if out[f] is None:
                out[f] = values[int(rng.integers(0, len(values)))]
        return out

    result = []
    for h in households:
        filled = fill(h, FLAGS_H, CHOICES_H)
        if filled["floor_area"] is None:
            filled["floor_area"] = float(rng.integers(0, 60))
        members = []
        for m in h["members"]:
            mm = fill(m, FLAGS_M, CHOICES_M)
            if mm["age"] is None:
                mm["age"] = float(rng.integers(0, 90))
            members.append(mm)
        filled["members"] = members
        result.append(filled)
    return result


@settings(max_examples=25, deadline=None)
@given(st.lists(household, min_size=1, max_size=6), st.integers(0, 2**32 - 1))
def test_a_known_mark_holds_whatever_the_unknown_facts_are(households: list[dict], seed: int) -> None:
    hh, mm, pos = frames(households)
    known = derive(hh, mm, pos, STD.roster, CODES).marks
    rng = np.random.default_rng(seed)
    for _ in range(3):
        chh, cmm, cpos = frames(complete(households, rng))
        filled = derive(chh, cmm, cpos, STD.roster, CODES).marks
        for code in CODES:
            mask = known[code].notna().to_numpy()
            assert (filled[code].to_numpy()[mask] == known[code].to_numpy()[mask]).all(), code
            # a household with members listed has a known value once every fact is known
            assert filled[code].notna().to_numpy()[np.bincount(cpos, minlength=len(chh)) > 0].all(), code


@settings(max_examples=25, deadline=None)
@given(st.lists(household, min_size=1, max_size=6))
def test_derived_counts_are_the_counts_of_the_derived_marks(households: list[dict]) -> None:
    hh, mm, pos = frames(households)
    marks = derive(hh, mm, pos, STD.roster, CODES).marks
    frame = pd.concat([marks, pd.DataFrame({"area": "rural", "income_per_capita": 1_000_000.0}, index=marks.index)], axis=1)
    result = classify_frame(frame, STD)
    deprived = marks.fillna(False).astype(bool)
    assert result["deprivation_count"].tolist() == deprived.sum(axis=1).tolist()
    expected_codes = [";".join(c for c in CODES if row[c]) for _, row in deprived.iterrows()]
    assert result["deprived"].tolist() == expected_codes
    per_indicator = {c: int(result["deprived"].str.split(";").map(lambda xs: c in xs).sum()) for c in CODES}
    assert per_indicator == {c: int(deprived[c].sum()) for c in CODES}
    unknown: Any = marks.isna().sum(axis=1)
    poor = result["status"] == "poor"
    assert (deprived.sum(axis=1)[poor] >= STD.min_deprivations).all()
    undetermined = result["status"] == "undetermined"
    assert ((deprived.sum(axis=1) + unknown)[undetermined] >= STD.min_deprivations).all()
