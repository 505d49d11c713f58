"""Reading a units map (io/units_map.py): CSV or sheet, header wordings, blank cells, the map's own checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLES, write_xlsx
from povertool.errors import DataError, InputFileError
from povertool.read.units_map import read_units_map


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8-sig")
    return path


def test_sample_map_reads_with_village_rows_for_the_split_commune() -> None:
    units_map = read_units_map(SAMPLES / "an-binh-units-map.csv")
    rules = units_map.rules
    assert units_map.source == "an-binh-units-map.csv"
    assert set(rules["new_commune"]) == {"Phường An Bình", "Phường Hòa Thuận", "Xã Tân Phú", "Xã Long Sơn"}
    split = rules[rules["old_commune"] == "Xã Mỹ Lộc"]
    assert len(split) == 3 and split["old_village"].notna().all() and rules["old_district"].notna().all()
    assert list(rules["row"][:2]) == [2, 3]


def test_sheet_with_title_rows_and_other_wordings(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "map.xlsx", [
        ["PHỤ LỤC: DANH SÁCH ĐƠN VỊ HÀNH CHÍNH CẤP XÃ SAU SẮP XẾP"],
        [],
        ["STT", "Tỉnh", "Xã/Phường (trước sắp xếp)", "Xã/Phường (sau sắp xếp)", "Tỉnh mới"],
        [1, "Tỉnh A", "Xã Một", "Xã Hợp Nhất", "Tỉnh AB"],
        [2, "Tỉnh A", "Xã Hai", "Xã Hợp Nhất", "Tỉnh AB"],
    ])
    rules = read_units_map(path).rules
    assert list(rules["old_commune"]) == ["Xã Một", "Xã Hai"] and list(rules["row"]) == [4, 5]
    assert set(rules["new_province"]) == {"Tỉnh AB"} and set(rules["old_province"]) == {"Tỉnh A"}


def test_no_new_commune_column_is_a_clear_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "map.csv", "Xã/Phường cũ,Ghi chú\nXã Một,x\n")
    with pytest.raises(InputFileError, match="Xã/Phường mới"):
        read_units_map(path)


def test_blank_new_commune_names_the_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "map.csv", "Xã/Phường cũ,Xã/Phường mới\nXã Một,Xã Mới\nXã Hai,\n")
    with pytest.raises(InputFileError, match="dòng 3"):
        read_units_map(path)


def test_map_sending_one_commune_to_two_is_refused_at_reading(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "map.csv", "Xã/Phường cũ,Xã/Phường mới\nXã Một,Xã A\nxã một,Xã B\n")
    with pytest.raises(DataError, match="2, 3"):
        read_units_map(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="không tồn tại"):
        read_units_map(tmp_path / "none.csv")
