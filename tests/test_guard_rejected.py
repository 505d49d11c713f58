"""Issue 12 (3): a rejected household never vanishes silently. Every reading command says on stderr how many rows
were rejected and names the first few (file, sheet, row, problem — never a name); the report's cover counts them
and a sheet lists them; --json carries the count; --strict stops every reading command."""

from __future__ import annotations

import json

import openpyxl

from conftest import HEADERS, household_row, write_xlsx

HEAD = "Trịnh Thị Bí Mật"  # a head's name that must never reach stderr


def review_list(path, year: int, rows: list[list]) -> str:
    write_xlsx(path, [[f"DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC RÀ SOÁT NĂM {year}"], [], HEADERS, *rows], sheet="DS")
    return str(path)


def rounds(tmp_path, bad: int = 2):
    """Baseline with one bad row; current with ``bad`` rows of members 0 (rows 6, 7, …) after three good ones."""
    good = [household_row("H1", marks=4), household_row("H2", marks=1), household_row("H3", income=5_000_000)]
    base = review_list(tmp_path / "ds-2023.xlsx", 2023, [*good, household_row("B1", income=-5, name=HEAD)])
    cur = review_list(tmp_path / "ds-2024.xlsx", 2024,
                      [*good, *[household_row(f"X{i}", members=0, name=HEAD) for i in range(bad)]])
    return base, cur


def test_every_reading_command_counts_and_names_rejected_rows(cli, tmp_path):
    base, cur = rounds(tmp_path)
    commands = [["classify", cur, "-o", tmp_path / "c.xlsx"], ["summary", cur],
                ["progress", "--baseline", base, "--current", cur],
                ["report", "--current", cur, "--baseline", base, "--census", "-o", tmp_path / "r.xlsx"],
                ["transition", cur, "--to", "vn-2027"]]
    for args in commands:
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert "2 hàng bị loại" in result.stderr, args
        assert 'ds-2024.xlsx, trang "DS", hàng 7' in result.stderr and "hàng 8" in result.stderr, args
        assert HEAD not in result.stderr, args
        if args[0] in ("progress", "report"):
            assert "1 hàng bị loại" in result.stderr and "kỳ gốc" in result.stderr, args  # the baseline's own


def test_only_the_first_few_are_named_and_english_follows_lang(cli, tmp_path):
    _, cur = rounds(tmp_path, bad=8)
    result = cli("summary", cur, "--lang", "en")
    assert result.exit_code == 0
    assert "8 row(s) rejected" in result.stderr and "and 3 more row(s)" in result.stderr
    assert "row 11" in result.stderr and "row 12" not in result.stderr


def test_json_carries_the_count(cli, tmp_path):
    base, cur = rounds(tmp_path)
    classified = json.loads(cli("classify", cur, "-o", tmp_path / "c.json", "--json", "-q").stdout)
    assert classified["rejected_rows"] == 2
    assert json.loads(cli("summary", cur, "--json", "-q").stdout)["rejected_rows"] == 2
    assert json.loads(cli("transition", cur, "--to", "vn-2027", "--json", "-q").stdout)["rejected_rows"] == 2
    progress = json.loads(cli("progress", "--baseline", base, "--current", cur, "--json", "-q").stdout)
    assert progress["rejected_rows"] == {"current": 2, "baseline": 1}
    assert HEAD not in json.dumps(progress, ensure_ascii=False)


def test_report_cover_counts_them_and_a_sheet_lists_them(cli, tmp_path):
    base, cur = rounds(tmp_path)
    out, html = tmp_path / "r.xlsx", tmp_path / "r.html"
    assert cli("report", "--current", cur, "--baseline", base, "--census", "-o", out, "--html", html, "-q").exit_code == 0
    wb = openpyxl.load_workbook(out)
    cover = " ".join(str(v) for r in wb["Bìa"].iter_rows(values_only=True) for v in r if v is not None)
    assert "3 hàng bị loại" in cover and "Hàng bị loại" in wb.sheetnames
    listed = [r for r in wb["Hàng bị loại"].iter_rows(values_only=True) if r[1] in ("ds-2024.xlsx", "ds-2023.xlsx")]
    assert sorted((r[0], r[1], r[3]) for r in listed) == [("Gốc", "ds-2023.xlsx", "7"), ("Hiện tại", "ds-2024.xlsx", "7"),
                                                        ("Hiện tại", "ds-2024.xlsx", "8")]
    assert HEAD not in " ".join(str(v) for r in wb["Hàng bị loại"].iter_rows(values_only=True) for v in r if v)
    assert "3 hàng bị loại" in html.read_text("utf-8")
    clean = tmp_path / "clean.xlsx"
    good = review_list(tmp_path / "ok.xlsx", 2024, [household_row("H1", marks=4)])
    assert cli("report", "--current", good, "--census", "-o", clean, "-q").exit_code == 0
    cover = " ".join(str(v) for r in openpyxl.load_workbook(clean)["Bìa"].iter_rows(values_only=True) for v in r if v)
    assert "Không có hàng nào bị loại" in cover


def test_strict_stops_every_reading_command(cli, tmp_path):
    base, cur = rounds(tmp_path)
    commands = [["classify", cur, "-o", tmp_path / "c.xlsx"], ["summary", cur, "-o", tmp_path / "s.xlsx"],
                ["progress", "--baseline", base, "--current", cur, "-o", tmp_path / "p.xlsx"],
                ["report", "--current", cur, "--census", "-o", tmp_path / "r.xlsx"],
                ["transition", cur, "--to", "vn-2027", "-o", tmp_path / "t.xlsx"]]
    for args in commands:
        result = cli(*args, "--strict")
        assert result.exit_code == 1, (args, result.stderr)
        assert "--strict" in result.stderr and result.stdout == ""
        assert not any(tmp_path.glob(f"{args[0][0]}.*")) and not (tmp_path / "r.xlsx").exists()


def test_check_strict_fails_on_warnings_too(cli, tmp_path):
    warned = review_list(tmp_path / "ds.xlsx", 2024, [household_row("H1", marks=["x", "?", *[""] * 10])])
    assert cli("check", warned).exit_code == 0
    strict = cli("check", warned, "--strict")
    assert strict.exit_code == 1 and "1 cảnh báo" in strict.stderr
