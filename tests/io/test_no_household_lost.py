"""The property of issue 20: over generated messy sheets, no household row can leave without being in the
output, the rejected list, or a reported skip with its row number; and a row with a household id and values is
never a reported skip. The sheets mix what real lists hold: titles (one citing a circular's date), a numbering
row, notes with dates and signature words, short numeric ids with "x" marks, totals, blank rows, signature
blocks, a second list under the signatures (with or without its own header), titles in the middle."""

from __future__ import annotations

import tempfile
from pathlib import Path

from conftest import HEADERS, household_row, write_xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from povertool import api

TITLES = ["UBND XÃ TÂN PHÚ", "DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024",
          "Căn cứ Thông tư 07/2021/TT-BLĐTBXH ngày 18 tháng 7 năm 2021", "(Kèm theo Quyết định số 12/QĐ-UBND)"]
NOTES = ["", "", "Chuyển đến ngày 5 tháng 3 năm 2024", "Ghi chú: tách hộ", "Chủ tịch hội nông dân", "Tổng cộng",
         "Người lập biểu", "(1)"]
SIGNATURES = [["", "Tân Phú, ngày 20 tháng 12 năm 2024"], ["", "NGƯỜI LẬP BIỂU", "", "", "", "CHỦ TỊCH"],
              ["", "(Ký, ghi rõ họ tên)"], ["", "Lê Văn Tám", "", "", "", "Hồ Thị Chín"]]
MID_TITLES = [["DANH SÁCH HỘ CẬN NGHÈO"], ["Thôn Bắc Sơn"], ["", "Hộ bổ sung sau họp thôn"]]
SWAPPED = [*HEADERS[:3], HEADERS[4], HEADERS[3], *HEADERS[5:]]  # a later table lists income before members


@st.composite
def messy_sheets(draw):
    """(rows, {Excel row: household id}, {Excel row: members}) for one sheet."""
    rows: list[list] = [[t] for t in draw(st.lists(st.sampled_from(TITLES), max_size=3))]
    if draw(st.booleans()):
        rows.append([])
    rows.append(list(HEADERS))
    if draw(st.booleans()):
        rows.append([f"({i + 1})" for i in range(len(HEADERS))])
    households: dict[int, str] = {}
    members_of: dict[int, int] = {}
    n = 0
    swapped = False
    for block in range(draw(st.integers(1, 3))):
        if block:  # a later list: a title, maybe its own header (the same, or one in another column order)
            rows.append(draw(st.sampled_from(MID_TITLES)))
            header = draw(st.sampled_from([None, HEADERS, SWAPPED]))
            if header is not None:
                rows.append(list(header))
                swapped = header is SWAPPED
        for _ in range(draw(st.integers(1, 6))):
            if draw(st.integers(0, 4)) == 0:
                rows.append([])
            n += 1
            short = draw(st.booleans())
            hid = str(n) if short else f"H-{n:03d}"
            income = draw(st.sampled_from([900_000, "1.600.000", "chưa rõ", "", 2_400_000]))
            members = draw(st.sampled_from([3, "", "4"]))
            row = household_row(hid, members=members, income=income, marks=draw(st.integers(0, 12)))
            row.append(draw(st.sampled_from(NOTES)))
            if swapped:
                row[3], row[4] = row[4], row[3]
            rows.append(row)
            households[len(rows)] = hid
            if members != "":
                members_of[len(rows)] = int(members)
        if draw(st.booleans()):
            rows.append(["", "Tổng cộng", "", 3 * n])
        if draw(st.booleans()):
            rows.extend([[]] + SIGNATURES[: draw(st.integers(1, len(SIGNATURES)))])
    return rows, households, members_of


@given(messy_sheets())
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_household_row_leaves_unaccounted(case):
    rows, households, members_of = case
    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(Path(tmp) / "messy.xlsx", [r + [""] * 0 for r in rows])
        result = api.classify(path)
    out_rows = set(result.households["source_row"].astype(int)) | set(result.rejected["row"].dropna().astype(int))
    skipped = {row: reason for s in result.sources for row, reason in s.skipped_rows}
    # every household row is in the output or the rejected list, never a skip
    assert set(households) <= out_rows, {r: skipped.get(r) for r in set(households) - out_rows}
    assert not set(households) & set(skipped)
    # ... and it is read as the household it is (its id), not merged or shifted
    read = dict(zip(result.households["source_row"].astype(int), result.households["household_id"]))
    assert all(read[r] == h for r, h in households.items() if r in read)
    members = dict(zip(result.households["source_row"].astype(int), result.households["members"]))
    assert all(members[r] == m for r, m in members_of.items() if r in members)  # each table's own columns
    # every non-blank row under the first header is a household, rejected, a repeated header or a reported skip
    header = rows.index(list(HEADERS)) + 1
    nonblank = {i + 1 for i, r in enumerate(rows) if i + 1 > header and any(v not in ("", None) for v in r)}
    assert nonblank - out_rows <= set(skipped), sorted(nonblank - out_rows - set(skipped))
    # rows read = households + rejected + skipped, over every table of the sheet
    files = result.summary["files"]
    last = max(i + 1 for i, r in enumerate(rows) if any(v not in ("", None) for v in r))
    assert sum(f["households"] + f["rejected"] + f["skipped"] for f in files) == last
