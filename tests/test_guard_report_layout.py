"""Issue 12 (1): a report whose sheets hold tables of different widths (the persons flow has a member-change
column the households flow lacks) is laid out over all its tables; a property test builds the report (xlsx and
HTML) for random pairs of rounds."""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import HEADERS, household_row, write_xlsx

STATES = {"poor": dict(income=1_000_000, marks=4), "near": dict(income=1_000_000, marks=1),
          "above": dict(income=3_000_000, marks=0)}


def review_list(path: Path, year: int, rows: list[list]) -> str:
    write_xlsx(path, [[f"DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC RÀ SOÁT NĂM {year}"], [], HEADERS, *rows])
    return str(path)


def test_household_staying_poor_with_more_members_gives_a_report_not_a_crash(cli, tmp_path):
    base = review_list(tmp_path / "ds-2023.xlsx", 2023, [household_row("H1", members=4, **STATES["poor"]),
                                                         household_row("H2", **STATES["near"])])
    cur = review_list(tmp_path / "ds-2024.xlsx", 2024, [household_row("H1", members=6, **STATES["poor"]),
                                                        household_row("H2", **STATES["near"])])
    out, html = tmp_path / "bao-cao.xlsx", tmp_path / "bao-cao.html"
    result = cli("report", "--current", cur, "--baseline", base, "--census", "-o", out, "--html", html)
    assert result.exit_code == 0, result.stderr
    assert "internal error" not in result.stderr
    ws = openpyxl.load_workbook(out)["2. Diễn biến hộ nghèo"]
    cells = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert "Thay đổi nhân khẩu của hộ" in cells  # the persons table's extra column is there, with its width
    member_col = next(c for row in ws.iter_rows() for c in row if c.value == "Thay đổi nhân khẩu của hộ").column_letter
    assert ws.column_dimensions[member_col].width >= 10
    assert "Thay đổi nhân khẩu của hộ" in html.read_text("utf-8")


rounds = st.lists(st.tuples(st.sampled_from(["poor", "near", "above", None]), st.sampled_from(["poor", "near", "above", None]),
                            st.integers(1, 6), st.integers(1, 6)), min_size=1, max_size=7)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(pairs=rounds)
def test_report_builds_for_random_pairs_of_rounds(cli, pairs):
    """Any mix of households staying, moving between groups, appearing, vanishing and changing members."""
    base_rows = [household_row(f"H{i}", members=m0, commune="Xã Tân Phú" if i % 2 else "Xã Mỹ Lộc", **STATES[s0])
                 for i, (s0, _, m0, _) in enumerate(pairs) if s0]
    cur_rows = [household_row(f"H{i}", members=m1, commune="Xã Tân Phú" if i % 2 else "Xã Mỹ Lộc", **STATES[s1])
                for i, (_, s1, _, m1) in enumerate(pairs) if s1]
    if not cur_rows or not base_rows:
        cur_rows = cur_rows or [household_row("X1", **STATES["poor"])]
        base_rows = base_rows or [household_row("X2", **STATES["near"])]
    with tempfile.TemporaryDirectory() as folder:
        d = Path(folder)
        base = review_list(d / "ds-2023.xlsx", 2023, base_rows)
        cur = review_list(d / "ds-2024.xlsx", 2024, cur_rows)
        result = cli("report", "--current", cur, "--baseline", base, "--census", "-o", d / "r.xlsx", "--html", d / "r.html", "-q")
        assert result.exit_code == 0, result.stderr
        names = openpyxl.load_workbook(d / "r.xlsx", read_only=True).sheetnames
        assert "2. Diễn biến hộ nghèo" in names and "3. Diễn biến hộ cận nghèo" in names
        assert (d / "r.html").read_text("utf-8").endswith("</html>\n")
