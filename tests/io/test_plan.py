"""Plan files: TOML per spec §6, and a sheet with Vietnamese wording that reads the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLES, write_xlsx
from povertool.errors import InputFileError
from povertool.read.plan import read_plan
from povertool.read.programme import read_programme

# These tests read the English sentences (the Vietnamese ones are checked in test_i18n_both_languages.py).
pytestmark = pytest.mark.usefixtures("english")


def _vietnamese_plan(path: Path) -> Path:
    return write_xlsx(path, [
        ["KẾ HOẠCH GIẢM NGHÈO NĂM 2024"],
        [],
        ["STT", "Đơn vị", "Chỉ tiêu", "Mức thay đổi"],
        [1, "Toàn thị xã", "Giảm số hộ nghèo", "03 hộ"],
        [2, "Toàn thị xã", "Giảm tỷ lệ hộ nghèo", "0,01%"],
        [3, "Xã Tân Phú", "Giảm số hộ cận nghèo", 5],
    ], sheet="Kế hoạch")


def test_toml_plan_of_the_sample_town():
    plan = read_plan(SAMPLES / "an-binh-plan-2024.toml")
    assert plan.year == 2024
    assert [(t.unit, t.metric, t.change) for t in plan.targets] == [
        ("total", "poor_households", -3), ("total", "poor_rate", -0.01), ("Xã Tân Phú", "near_poor_households", -5)]


def test_sheet_with_vietnamese_wording_reads_like_the_toml(tmp_path):
    sheet = read_plan(_vietnamese_plan(tmp_path / "ke-hoach.xlsx"))
    toml = read_plan(SAMPLES / "an-binh-plan-2024.toml")
    assert sheet.year == toml.year == 2024
    assert [(t.unit, t.metric, t.change) for t in sheet.targets] == [(t.unit, t.metric, t.change) for t in toml.targets]


def test_unknown_wording_names_the_row(tmp_path):
    path = write_xlsx(tmp_path / "bad.xlsx", [["Đơn vị", "Chỉ tiêu", "Mức thay đổi"], ["total", "Giảm số trâu bò", 3]])
    with pytest.raises(InputFileError, match=r"row 2.*Giảm số trâu bò"):
        read_plan(path)


def test_toml_with_a_bad_metric_stops(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text('year = 2024\n[[targets]]\nunit = "total"\nmetric = "poorness"\nchange = -3\n', encoding="utf-8")
    with pytest.raises(InputFileError, match="poorness"):
        read_plan(path)


def test_programme_targets_are_data():
    periods = read_programme()
    assert [(p.start, p.end, p.main.low_pp, p.main.high_pp) for p in periods] == [(2021, 2025, 1.0, 1.5),
                                                                                  (2026, 2030, 1.0, 1.5)]
