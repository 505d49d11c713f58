"""Reading totals files (the rates' denominators) and picking one year."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import SAMPLES, write_xlsx
from povertool.errors import InputFileError
from povertool.read.totals import read_totals, totals_for_year

# These tests read the English sentences (the Vietnamese ones are checked in test_i18n_both_languages.py).
pytestmark = pytest.mark.usefixtures("english")


def write_csv(path, text: str):
    path.write_text(text, encoding="utf-8-sig")
    return path


def test_bundled_totals_have_two_years_of_nine_communes():
    totals = read_totals(SAMPLES / "an-binh-totals.csv")
    assert list(totals.columns) == ["commune", "year", "households", "persons"]
    assert sorted(totals["year"].unique()) == [2023, 2024]
    year = totals_for_year(totals, 2024)
    assert "year" not in year
    assert len(year) == 9
    assert int(year["households"].sum()) == 30202


def test_xlsx_with_title_rows_villages_and_a_totals_row(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", [
        ["TỔNG SỐ HỘ DÂN CƯ NĂM 2024"],
        [],
        ["STT", "Xã/Phường", "Thôn/Ấp/Khu phố", "Tổng số hộ", "Tổng số nhân khẩu"],
        [1, "Xã Tân Phú", "Ấp 1", "1.200", 4100],
        [2, "Xã Tân Phú", "Ấp 2", 800, None],
        [None, "Tổng cộng", None, 2000, 4100],
    ])
    totals = read_totals(path)
    assert totals["commune"].tolist() == ["Xã Tân Phú", "Xã Tân Phú"]
    assert totals["village"].tolist() == ["Ấp 1", "Ấp 2"]
    assert totals["households"].tolist() == [1200, 800]
    assert totals["persons"].iloc[0] == 4100 and pd.isna(totals["persons"].iloc[1])
    assert totals_for_year(totals, 2024) is totals  # no year column: every row, whatever the year


def test_a_bad_count_names_the_row(tmp_path):
    path = write_csv(tmp_path / "t.csv", "Xã/Phường,Tổng số hộ\nXã A,100\nXã B,nhiều\n")
    with pytest.raises(InputFileError, match=r"row 3: 'nhiều' is not a valid households count"):
        read_totals(path)


@pytest.mark.parametrize("value", ["-5", "12.5"])
def test_negative_or_fractional_households_are_refused(tmp_path, value):
    path = write_csv(tmp_path / "t.csv", f"Xã/Phường,Tổng số hộ\nXã A,{value}\n")
    with pytest.raises(InputFileError, match="row 2"):
        read_totals(path)


def test_a_unit_twice_in_one_year_is_refused(tmp_path):
    path = write_csv(tmp_path / "t.csv", "Năm,Xã/Phường,Tổng số hộ\n2024,Xã A,100\n2024,Xã A,120\n2023,Xã A,90\n")
    with pytest.raises(InputFileError, match="appears more than once"):
        read_totals(path)


def test_no_unit_column_and_missing_file(tmp_path):
    path = write_csv(tmp_path / "t.csv", "Tên,Tổng số hộ\nA,100\n")
    with pytest.raises(InputFileError, match="no header row with a unit column"):
        read_totals(path)
    with pytest.raises(InputFileError, match="does not exist"):
        read_totals(tmp_path / "none.csv")


def test_year_selection(tmp_path):
    path = write_csv(tmp_path / "t.csv", "Năm,Xã/Phường,Tổng số hộ\n2023,Xã A,100\n2024,Xã A,110\n")
    totals = read_totals(path)
    assert totals_for_year(totals, 2023)["households"].tolist() == [100]
    with pytest.raises(InputFileError, match="several years"):
        totals_for_year(totals, None)
    with pytest.raises(InputFileError, match="no rows for 2025"):
        totals_for_year(totals, 2025)
    one = read_totals(write_csv(tmp_path / "one.csv", "Năm,Xã/Phường,Tổng số hộ\n2024,Xã A,110\n"))
    assert totals_for_year(one, None)["households"].tolist() == [110]
