"""Rows read = classified + rejected + skipped, whatever title, numbering, blank, totals and signature rows a
sheet has; none of them becomes a household."""

from __future__ import annotations

import tempfile
from pathlib import Path

from conftest import HEADERS, household_row, write_xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from povertool import api
from povertool.read.body import is_footer, is_numbering, is_total

TITLES = ["UBND XÃ TÂN PHÚ", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024",
          "(Kèm theo Quyết định số 12/QĐ-UBND)", "Độc lập - Tự do - Hạnh phúc"]
FOOTERS = [["", "Tân Phú, ngày 20 tháng 12 năm 2024"], ["", "NGƯỜI LẬP BIỂU", "", "", "", "CHỦ TỊCH"],
           ["", "(Ký, ghi rõ họ tên)"], ["", "Lê Văn Tám", "", "", "", "Hồ Thị Chín"]]


@st.composite
def sheets(draw):
    titles = draw(st.lists(st.sampled_from(TITLES), max_size=4))
    rows: list[list] = [[t] for t in titles]
    if titles and draw(st.booleans()):
        rows.append([])
    rows.append(list(HEADERS))
    if draw(st.booleans()):
        rows.append([f"({i + 1})" for i in range(len(HEADERS))])
    n = draw(st.integers(min_value=1, max_value=12))
    bad: set[str] = set()
    for i in range(n):
        if draw(st.booleans()) and draw(st.booleans()):
            rows.append([])
        members = draw(st.sampled_from([1, 4, 0, "2"]))
        if members == 0:
            bad.add(f"H-{i}")
        income = draw(st.sampled_from([900_000, "1.600.000", "1,5 triệu", 2_400_000]))
        rows.append(household_row(f"H-{i}", members=members, income=income, marks=draw(st.integers(0, 12))))
    if draw(st.booleans()):
        rows.append(["", "Tổng cộng", "", n * 3])
    if draw(st.booleans()):
        rows.extend([[]] + FOOTERS[: draw(st.integers(1, len(FOOTERS)))])
    return rows, n, bad


@given(sheets())
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_rows_read_equal_classified_rejected_skipped(case):
    rows, n, bad = case
    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(Path(tmp) / "sheet.xlsx", rows)
        result = api.classify(path)
    f = result.summary["files"][0]
    last = max(i for i, r in enumerate(rows) if any(v not in ("", None) for v in r)) + 1
    assert f["households"] + f["rejected"] + f["skipped"] == last
    assert f["households"] + f["rejected"] == n
    assert f["rejected"] == len(bad)
    assert set(result.households["household_id"]) == {f"H-{i}" for i in range(n)} - bad


# Row kinds for the bad-rows property: (members, income, commune, marks, rejected?).
ROW_KINDS = {
    "fine": (4, 1_200_000, "Xã Tân Phú", 2, False),
    "no_members": (0, 1_200_000, "Xã Tân Phú", 0, True),
    "negative_income": (3, "-800.000", "Xã Tân Phú", 0, True),
    "unknown_area": (3, 900_000, "Thôn Bắc", 0, True),
    "all_text": ("ba", "không rõ", "Xã Tân Phú", ["?"] * 12, True),
    "unreadable_income": (2, "chưa rõ", "Xã Tân Phú", 1, False),  # an unknown, not a rejection
}


@st.composite
def bad_sheets(draw):
    """A header and 1-15 rows of random kinds, some ids repeated (every copy of a repeated id is rejected)."""
    kinds = draw(st.lists(st.sampled_from(sorted(ROW_KINDS) + ["duplicate"]), min_size=1, max_size=15))
    rows: list[list] = [list(HEADERS)]
    ids: list[str] = []
    rejected_rows: set[int] = set()
    for i, kind in enumerate(kinds):
        hid = ids[draw(st.integers(0, len(ids) - 1))] if kind == "duplicate" and ids else f"K-{i}"
        members, income, commune, marks, bad = ROW_KINDS["fine" if kind == "duplicate" else kind]
        rows.append(household_row(hid, members=members, income=income, commune=commune, marks=marks))
        ids.append(hid)
        if bad:
            rejected_rows.add(i + 2)
    repeated = {h for h in ids if ids.count(h) > 1}
    rejected_rows |= {i + 2 for i, h in enumerate(ids) if h in repeated}
    return rows, rejected_rows


@given(bad_sheets())
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_bad_rows_rejected_never_lost(case):
    """rows read = classified + rejected + skipped, and each rejected row is in the rejected table."""
    rows, rejected_rows = case
    with tempfile.TemporaryDirectory() as tmp:
        result = api.classify(write_xlsx(Path(tmp) / "bad.xlsx", rows))
    f = result.summary["files"][0]
    assert f["households"] + f["rejected"] + f["skipped"] == len(rows)
    assert f["rejected"] == len(rejected_rows)
    assert set(result.rejected["row"]) == rejected_rows
    assert set(result.households["source_row"]) == set(range(2, len(rows) + 1)) - rejected_rows
    assert result.rejected[["file", "sheet", "row", "column", "problem"]].notna().all().all()


def test_non_data_row_kinds():
    assert is_numbering(["(1)", "(2)", "(3)", "(4)"])
    assert is_numbering([1.0, 2.0, 3.0, 4.0, 5.0])
    assert not is_numbering([1.0, 4.0, 1_500_000.0])
    assert not is_numbering(["H-1", "(2)", "(3)"])


def test_numbering_rows_and_small_numbers_as_text(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text("Mã hộ,Số nhân khẩu,Điểm B1,Điểm B2\nA,B,1,2\n(1),(2),(3),(4)\n12,4,120,30\n", encoding="utf-8")
    survey = api.read_survey(path, commune="Xã Bình An")
    assert list(survey.households["source_row"]) == [4]
    assert list(survey.households["b1_score"]) == [120]
    assert is_total(["Tổng cộng", 25.0]) and is_total(["CỘNG", 3.0]) and is_total(["Cộng toàn xã"])
    assert not is_total(["Cống Văn Long", 3.0])
    assert is_footer(["Nha Bích, ngày 25 tháng 12 năm 2024"]) and is_footer(["NGƯỜI LẬP BIỂU", "CHỦ TỊCH"])
    assert is_footer(["TM. UBND XÃ"]) and not is_footer(["Nguyễn Văn Chủ"])


def test_two_row_header_without_merge_data(tmp_path):
    """A CSV cannot carry merges: a group header over its sub-headers still reads."""
    path = tmp_path / "two-rows.csv"
    path.write_text(
        "DANH SÁCH NĂM 2023,,,,\n"
        "Mã hộ,Số nhân khẩu,Thu nhập bình quân,,Xã/Phường\n"
        ",,Tháng,Năm,\n"
        "A-1,3,,18.000.000,Xã Mỹ An\n"
        "A-2,2,1.200.000,,Xã Mỹ An\n"
        "Cộng,5,,,\n",
        encoding="utf-8",
    )
    survey = api.read_survey(path)
    columns = survey.sources[0].columns
    assert columns["income_per_capita"] == "Thu nhập bình quân / Tháng"
    assert columns["income_per_capita_year"] == "Thu nhập bình quân / Năm"
    assert list(survey.households["income_per_capita"]) == [1_500_000, 1_200_000]
    assert survey.sources[0].year == 2023
    assert (survey.sources[0].rows, survey.sources[0].skipped) == (2, 4)
