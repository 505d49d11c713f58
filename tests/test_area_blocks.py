"""A summary by area prints the official blocks (I. Thành thị, II. Nông thôn) and, for units whose area nobody can
tell (a unit of the totals file with no household listed, a đặc khu), a third block: the blocks add up to the total."""

from __future__ import annotations

from conftest import SAMPLES

from povertool import api
from povertool.render.summary_view import results_table
from povertool.render.table import SUBTOTAL, TOTAL


def test_blocks_add_up_to_the_total_with_a_unit_of_unknown_area(cli, tmp_path):
    totals = tmp_path / "totals.csv"
    totals.write_text((SAMPLES / "an-binh-totals.csv").read_text("utf-8-sig") + "2024,Đặc khu Côn Sơn,100,400\n",
                      encoding="utf-8")
    summary = api.summarise(SAMPLES / "an-binh-2024.xlsx", by=["area", "commune"], totals=totals)
    table = results_table(summary, "vi")
    blocks = [row for row, kind in zip(table.rows, table.kinds) if kind == SUBTOTAL]
    total = next(row for row, kind in zip(table.rows, table.kinds) if kind == TOTAL)
    assert [row[0] for row in blocks] == ["I. Thành thị", "II. Nông thôn", "III. Chưa rõ khu vực"]
    assert sum(row[1] for row in blocks) == total[1] == 30_302
    shown = cli("summary", SAMPLES / "an-binh-2024.xlsx", "--by", "khu vực,xã", "--totals", totals, "--lang", "en")
    assert shown.exit_code == 0 and "III. Area not known" in shown.stdout and "Đặc khu Côn Sơn" in shown.stdout
