"""Member-roster workbooks for the tests (issue 18): a households sheet and a members sheet, written on the fly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import xlsxwriter

from conftest import INDICATOR_HEADERS

HOUSEHOLD_HEADERS = {
    "household_id": "Mã hộ", "head_name": "Họ và tên chủ hộ", "commune": "Xã/Phường", "area": "Khu vực",
    "income": "Thu nhập bình quân đầu người/tháng (đồng)", "wall": "Tường bền chắc", "frame": "Cột (khung) bền chắc",
    "roof": "Mái bền chắc", "floor_area": "Diện tích nhà ở (m²)", "water": "Nguồn nước sinh hoạt chính",
    "latrine": "Loại nhà tiêu", "internet": "Có thành viên sử dụng internet",
    "device": "Có tivi, radio, máy tính hoặc điện thoại", "loudspeaker": "Nghe được loa truyền thanh xã/thôn",
}
MEMBER_HEADERS = {
    "household_id": "Mã hộ", "name": "Họ và tên", "gender": "Giới tính", "birth_year": "Năm sinh",
    "insured": "Có thẻ BHYT", "in_school": "Đang đi học đúng cấp", "diploma": "Bằng cấp cao nhất",
    "work": "Tình trạng việc làm", "allowance": "Hưởng trợ cấp xã hội hằng tháng", "disabled": "Khuyết tật",
    "malnourished": "Suy dinh dưỡng (thấp còi/nhẹ cân)",
}
WATER = ["Nước máy", "Giếng khoan", "Sông, suối, ao, hồ", "Giếng đào không được bảo vệ"]
LATRINE = ["Tự hoại", "Hai ngăn", "Cầu tõm, trên ao, sông", "Không có nhà tiêu"]
DIPLOMA = ["Chưa có bằng cấp", "Tiểu học", "Trung học cơ sở", "Trung học phổ thông", "Đại học trở lên"]
WORK = ["Làm công ăn lương có hợp đồng lao động", "Làm công ăn lương không có hợp đồng lao động",
        "Tự làm (nông nghiệp, kinh doanh, dịch vụ)", "Thất nghiệp", "Không tham gia lao động"]
YES_NO = ["Có", "Không"]
FIRST_HOUSEHOLD_ROW = 4  # Excel row of the first household (title, blank, header above)
FIRST_MEMBER_ROW = 2  # Excel row of the first member (header in row 1)


def random_roster(seed: int, households: int, *, year: int = 2024, blanks: float = 0.0) -> tuple[list[dict], list[dict]]:
    """Invented households and members (2–6 each); ``blanks`` is the share of facts left empty."""
    rng = np.random.default_rng(seed)

    def maybe(value: Any) -> Any:
        return None if blanks and rng.random() < blanks else value

    hh, mm = [], []
    for i in range(households):
        hid = f"H{i + 1:04d}"
        hh.append({
            "household_id": hid, "head_name": f"Chủ hộ {i + 1}", "commune": "Xã Tân Phú", "area": "Nông thôn",
            "income": int(rng.integers(6, 30)) * 100_000,
            "wall": maybe(str(rng.choice(YES_NO))), "frame": maybe(str(rng.choice(YES_NO))),
            "roof": maybe(str(rng.choice(YES_NO))), "floor_area": maybe(int(rng.integers(10, 80))),
            "water": maybe(str(rng.choice(WATER))), "latrine": maybe(str(rng.choice(LATRINE))),
            "internet": maybe(str(rng.choice(YES_NO, p=[0.7, 0.3]))), "device": maybe(str(rng.choice(YES_NO, p=[0.8, 0.2]))),
            "loudspeaker": maybe(str(rng.choice(YES_NO))),
        })
        for j in range(int(rng.integers(2, 7))):
            age = int(rng.integers(0, 85))
            mm.append({
                "household_id": hid, "name": f"Thành viên {i + 1}.{j + 1}", "gender": maybe(str(rng.choice(["Nam", "Nữ"]))),
                "birth_year": maybe(year - age), "insured": maybe(str(rng.choice(YES_NO, p=[0.85, 0.15]))),
                "in_school": maybe(str(rng.choice(YES_NO, p=[0.6, 0.4]) if age < 25 else "Không")),
                "diploma": maybe(str(rng.choice(DIPLOMA))), "work": maybe(str(rng.choice(WORK))),
                "allowance": maybe(str(rng.choice(YES_NO, p=[0.2, 0.8]))), "disabled": maybe(str(rng.choice(YES_NO, p=[0.1, 0.9]))),
                "malnourished": maybe(str(rng.choice(YES_NO, p=[0.15, 0.85])) if age < 16 else "Không"),
            })
    return hh, mm


def write_roster(
    path: Path, households: Sequence[dict], members: Sequence[dict], *, year: int = 2024,
    marks: Sequence[Sequence[Any]] | None = None, member_sheet: str = "Thành viên", two_files: bool = False,
) -> list[Path]:
    """The households sheet (title row with the year) and the members sheet; ``marks`` adds the 12 indicator
    columns with these values per household. ``two_files`` writes the members to PATH-thanh-vien.xlsx."""
    paths = [path]
    wb = _book(path)
    ws = wb.add_worksheet("Hộ gia đình")
    ws.write(0, 0, f"DANH SÁCH HỘ GIA ĐÌNH NĂM {year}")
    keys = list(HOUSEHOLD_HEADERS)
    headers = [HOUSEHOLD_HEADERS[k] for k in keys] + (INDICATOR_HEADERS if marks is not None else [])
    ws.write_row(FIRST_HOUSEHOLD_ROW - 2, 0, headers)
    for r, h in enumerate(households):
        row = [h.get(k) for k in keys] + (list(marks[r]) if marks is not None else [])
        _write_row(ws, FIRST_HOUSEHOLD_ROW - 1 + r, row)
    if two_files:
        wb.close()
        path = path.with_name(path.stem + "-thanh-vien.xlsx")
        paths.append(path)
        wb = _book(path)
    ms = wb.add_worksheet(member_sheet)
    mkeys = list(MEMBER_HEADERS)
    ms.write_row(0, 0, [MEMBER_HEADERS[k] for k in mkeys])
    for r, m in enumerate(members):
        _write_row(ms, FIRST_MEMBER_ROW - 1 + r, [m.get(k) for k in mkeys])
    wb.close()
    return paths


def _book(path: Path) -> Any:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    wb.set_properties({"created": dt.datetime(2000, 1, 1)})
    return wb


def _write_row(ws: Any, row: int, values: Sequence[Any]) -> None:
    for c, value in enumerate(values):
        if value is not None and value != "":
            ws.write(row, c, value)
