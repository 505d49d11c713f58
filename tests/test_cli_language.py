"""The command line in the user's language: --help, -h, --version, usage errors, Vietnamese option values, the
severity column of check, long id lists cut on stderr and whole in --json."""

from __future__ import annotations

import json

import pytest

from conftest import HEADERS, SAMPLES, household_row, write_xlsx

COMMANDS = ["classify", "check", "summary", "progress", "report", "template", "standards", "transition"]
TOWN = SAMPLES / "an-binh-2024.xlsx"


@pytest.mark.parametrize("command", COMMANDS)
def test_help_of_every_command_is_vietnamese_by_default_and_english_on_request(cli, monkeypatch, command):
    vi = cli(command, "--help")
    assert vi.exit_code == 0
    assert "Cách dùng:" in vi.stdout and "Tuỳ chọn" in vi.stdout and "Hiện hướng dẫn này rồi thoát." in vi.stdout
    assert "--lang" in vi.stdout and "Usage:" not in vi.stdout and "Show this message" not in vi.stdout
    monkeypatch.setenv("POVERTOOL_LANG", "en")
    en = cli(command, "-h")
    assert en.exit_code == 0
    assert "Usage:" in en.stdout and "Options" in en.stdout and "Cách dùng" not in en.stdout
    assert "Tuỳ chọn" not in en.stdout


def test_lang_on_the_command_line_decides_the_help_too(cli):
    assert "Usage:" in cli("summary", "--lang", "en", "--help").stdout
    assert "Cách dùng:" in cli("summary", "--lang", "vi", "--help").stdout


def test_top_level_help_version_and_short_help(cli):
    top = cli("-h")
    assert top.exit_code == 0 and "Lệnh" in top.stdout and "classify" in top.stdout
    version = cli("--version")
    assert version.exit_code == 0 and version.stdout.startswith("povertool ")
    from povertool import __version__

    assert __version__ in version.stdout


def test_usage_errors_in_the_users_language(cli):
    missing = cli("classify")
    assert missing.exit_code == 2 and "lỗi: Thiếu TỆP." in missing.stderr and "Cách dùng:" in missing.stderr
    typo = cli("clasify")
    assert typo.exit_code == 2 and "Không có lệnh 'clasify'" in typo.stderr and "classify" in typo.stderr
    number = cli("classify", TOWN, "--year", "năm ngoái")
    assert number.exit_code == 2 and "cần một số nguyên" in number.stderr
    english = cli("classify", TOWN, "--yeer", "2024", "--lang", "en")
    assert english.exit_code == 2 and "No such option: --yeer" in english.stderr and "Did you mean" in english.stderr
    assert "error:" in english.stderr and "lỗi" not in english.stderr


@pytest.mark.parametrize("word, area", [("nông thôn", "rural"), ("Nong thon", "rural"), ("nt", "rural"),
                                        ("thành thị", "urban"), ("TT", "urban"), ("urban", "urban")])
def test_area_in_vietnamese(cli, tmp_path, word, area):
    src = write_xlsx(tmp_path / "ds.xlsx", [HEADERS, household_row("H1", commune="Khu Tân Phú", income=1_600_000,
                                                                    marks=3)])
    out = tmp_path / "out.csv"
    result = cli("classify", src, "-o", out, "--area", word, "--year", "2024", "--json", "--census")
    assert result.exit_code == 0, result.stderr
    # 1.600.000 is above the rural line (1.500.000) and below the urban one (2.000.000)
    assert json.loads(result.stdout)["status_counts"]["poor"] == (1 if area == "urban" else 0)


def test_unknown_area_lists_the_vietnamese_words(cli):
    result = cli("classify", TOWN, "--area", "miền núi")
    assert result.exit_code == 2 and "nông thôn, thành thị" in result.stderr


@pytest.mark.parametrize("by", ["xã,thôn", "xa,thon", "Xã/Phường,Thôn", "commune,village"])
def test_by_levels_in_vietnamese(cli, by):
    result = cli("summary", TOWN, "--by", by, "--json", "--census")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["levels"] == ["commune", "village"]


def test_check_severity_column_speaks_the_language(cli, tmp_path):
    src = write_xlsx(tmp_path / "ds.xlsx", [HEADERS, household_row("H1", members=0), household_row("H2", marks=["?"] + [""] * 11)])
    vi = cli("check", src)
    first_cells = [line.split("│")[1].strip() for line in vi.stdout.splitlines() if line.startswith("│")]
    assert "lỗi" in first_cells and "cảnh" in first_cells  # 'cảnh báo' wraps in a narrow column
    assert "error" not in vi.stdout and "warning" not in vi.stdout
    en = cli("check", src, "--lang", "en")
    first_cells = [line.split("│")[1].strip() for line in en.stdout.splitlines() if line.startswith("│")]
    assert "error" in first_cells and "warning" in first_cells and "lỗi" not in en.stdout


def test_long_id_lists_are_cut_on_stderr_and_whole_in_json(cli):
    base, current = SAMPLES / "an-binh-2023.xlsx", SAMPLES / "an-binh-2024.xlsx"
    result = cli("progress", "--baseline", base, "--current", current, "--census")
    assert result.exit_code == 0, result.stderr
    assert "và 47 hộ khác" in result.stderr and "other_decrease" not in result.stderr
    data = json.loads(cli("progress", "--baseline", base, "--current", current, "--census", "--json").stdout)
    assert len(data["missing"]) == 52
