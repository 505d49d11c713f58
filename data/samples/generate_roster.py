"""Make the member-roster sample (issue 18): the 2024 review list of Xã Mỹ Lộc with who lives in each household.

Run from the project root:  python data/samples/generate_roster.py
The seed is fixed, so the file comes out the same each time. Everything is invented; names are drawn from common
Vietnamese family, middle and given names.

File written here:
  an-binh-roster-2024.xlsx   sheet "Hộ gia đình": one row per household with income, the dwelling facts and the
                             12 marks the commune made by hand; sheet "Thành viên": one row per person.
The marks are what povertool derives from the members, except for a few cells changed on purpose (as a commune
marking by hand gets some wrong): `povertool check` lists each of them with the facts that decide it.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

import numpy as np
import xlsxwriter

HERE = Path(__file__).resolve().parent
SEED = 20241118
YEAR = 2024
COMMUNE = "Xã Mỹ Lộc"
VILLAGES = ["Thôn Mỹ Hòa", "Thôn Mỹ Lợi", "Thôn Bàu Sen"]
HOUSEHOLDS = 300
WRONG_MARKS = 14  # cells of the commune's marks changed on purpose

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = {"Nam": ["Văn", "Hữu", "Đức", "Minh"], "Nữ": ["Thị", "Ngọc", "Thu"]}
GIVEN = {"Nam": ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Long", "Phúc", "Sơn", "Tuấn"],
         "Nữ": ["Hoa", "Lan", "Mai", "Hương", "Linh", "Nga", "Thảo", "Trang", "Yến", "Vân"]}
INDICATORS = [
    "Việc làm", "Người phụ thuộc trong hộ gia đình", "Dinh dưỡng", "Bảo hiểm y tế",
    "Trình độ giáo dục của người lớn", "Tình trạng đi học của trẻ em", "Chất lượng nhà ở",
    "Diện tích nhà ở bình quân đầu người", "Nguồn nước sinh hoạt", "Nhà tiêu hợp vệ sinh",
    "Sử dụng dịch vụ viễn thông", "Phương tiện phục vụ tiếp cận thông tin",
]
HOUSEHOLD_HEADERS = [
    "STT", "Mã hộ", "Họ và tên chủ hộ", "Thôn/Ấp/Khu phố", "Thu nhập bình quân đầu người/tháng (đồng)",
    "Tường bền chắc", "Cột (khung) bền chắc", "Mái bền chắc", "Diện tích nhà ở (m²)", "Nguồn nước sinh hoạt chính",
    "Loại nhà tiêu", "Có thành viên sử dụng internet", "Có tivi, radio, máy tính hoặc điện thoại",
    "Nghe được loa truyền thanh xã/thôn", "Hộ làm nông, lâm, ngư, diêm nghiệp",
]
MEMBER_HEADERS = [
    "Mã hộ", "Họ và tên", "Quan hệ với chủ hộ", "Giới tính", "Năm sinh", "Ngày sinh", "Có thẻ BHYT",
    "Đang đi học đúng cấp", "Bằng cấp cao nhất", "Tình trạng việc làm", "Hưởng trợ cấp xã hội hằng tháng",
    "Khuyết tật", "Suy dinh dưỡng (thấp còi/nhẹ cân)",
]
WATER = (["Nước máy", "Giếng khoan", "Giếng đào được bảo vệ", "Nước mưa", "Giếng đào không được bảo vệ",
          "Sông, suối, ao, hồ"], [0.3, 0.3, 0.15, 0.05, 0.12, 0.08])
LATRINE = (["Tự hoại", "Bán tự hoại", "Hai ngăn", "Một ngăn, hố đào đơn giản", "Cầu tõm, trên ao, sông",
            "Không có nhà tiêu"], [0.35, 0.2, 0.1, 0.15, 0.1, 0.1])
ADULT_DIPLOMA = (["Chưa có bằng cấp", "Tiểu học", "Trung học cơ sở", "Trung học phổ thông", "Trung cấp", "Cao đẳng"],
                 [0.08, 0.22, 0.35, 0.25, 0.06, 0.04])
WORK = (["Làm công ăn lương có hợp đồng lao động", "Làm công ăn lương không có hợp đồng lao động",
         "Tự làm (nông nghiệp, kinh doanh, dịch vụ)", "Thất nghiệp"], [0.2, 0.2, 0.52, 0.08])


class Maker:
    """Draws households and members from one seeded generator."""

    def __init__(self) -> None:
        self.rng = np.random.default_rng(SEED)

    def pick(self, values: list[str], p: list[float] | None = None) -> str:
        return str(self.rng.choice(values, p=p))

    def yes(self, p: float) -> str:
        return "Có" if self.rng.random() < p else "Không"

    def name(self, family: str, gender: str) -> str:
        return f"{family} {self.pick(MIDDLE[gender])} {self.pick(GIVEN[gender])}"

    def person(self, hid: str, family: str, relation: str, gender: str, age: int) -> list:
        born = YEAR - age
        # Most forms carry only the year; some give the whole date.
        birth_date = dt.date(born, int(self.rng.integers(1, 13)), int(self.rng.integers(1, 29))) if self.rng.random() < 0.25 else None
        child = age < 16
        school = self.yes(0.93) if 3 <= age < 16 else self.yes(0.5) if 16 <= age < 23 else "Không"
        if age < 6:
            diploma = "Chưa có bằng cấp"
        elif child:
            diploma = "Tiểu học" if age >= 11 else "Chưa có bằng cấp"
        else:
            diploma = self.pick(*ADULT_DIPLOMA)
        if 15 <= age < 61 and school == "Không":
            work = self.pick(*WORK)
        else:
            work = "Không tham gia lao động"
        allowance = self.yes(0.45) if age >= 60 else self.yes(0.03)
        insured = self.yes(0.97) if age < 6 or age >= 60 else self.yes(0.86)
        return [hid, self.name(family, gender), relation, gender, None if birth_date else born, birth_date, insured,
                school, diploma, work, allowance, self.yes(0.05), self.yes(0.12) if child else "Không"]

    def household(self, i: int) -> tuple[list, list[list]]:
        hid = f"ML{i + 1:05d}"
        family = self.pick(FAMILY)
        gender = "Nam" if self.rng.random() < 0.75 else "Nữ"
        head_age = int(self.rng.integers(24, 80))
        members = [self.person(hid, family, "Chủ hộ", gender, head_age)]
        if self.rng.random() < 0.75:
            other = "Nữ" if gender == "Nam" else "Nam"
            members.append(self.person(hid, family, "Vợ/chồng", other, max(18, head_age + int(self.rng.integers(-6, 4)))))
        if head_age < 60:
            for _ in range(int(self.rng.integers(0, 4))):
                members.append(self.person(hid, family, "Con", self.pick(["Nam", "Nữ"]),
                                           int(self.rng.integers(0, max(1, min(head_age - 18, 30))))))
        if self.rng.random() < 0.25:
            members.append(self.person(hid, family, "Bố/mẹ", self.pick(["Nam", "Nữ"]), head_age + int(self.rng.integers(22, 30))))
        income = int(self.rng.normal(1_550_000, 450_000) // 10_000 * 10_000)
        row = [i + 1, hid, members[0][1], self.pick(VILLAGES), max(income, 300_000), self.yes(0.8), self.yes(0.85),
               self.yes(0.8), int(self.rng.integers(12, 90)), self.pick(*WATER), self.pick(*LATRINE), self.yes(0.75),
               self.yes(0.9), self.yes(0.6), self.yes(0.7)]
        return row, members


def write(path: Path, households: list[list], members: list[list], marks: list[list[str]] | None) -> None:
    """The workbook as a commune would keep it: title rows above each sheet's header."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    wb.set_properties({"created": dt.datetime(YEAR, 11, 18)})
    bold = wb.add_format({"bold": True})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws = wb.add_worksheet("Hộ gia đình")
    ws.write(0, 0, f"UBND {COMMUNE.upper()}", bold)
    ws.write(1, 0, f"DANH SÁCH HỘ GIA ĐÌNH RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM {YEAR}", bold)
    headers = HOUSEHOLD_HEADERS + (INDICATORS if marks is not None else [])
    ws.write_row(3, 0, headers, bold)
    for r, row in enumerate(households):
        ws.write_row(4 + r, 0, row + (marks[r] if marks is not None else []))
    ms = wb.add_worksheet("Thành viên")
    ms.write(0, 0, f"DANH SÁCH THÀNH VIÊN HỘ GIA ĐÌNH - {COMMUNE.upper()} NĂM {YEAR}", bold)
    ms.write_row(2, 0, MEMBER_HEADERS, bold)
    for r, row in enumerate(members):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                ms.write_datetime(3 + r, c, dt.datetime(value.year, value.month, value.day), date)
            elif value is not None:
                ms.write(3 + r, c, value)
    wb.close()


def main() -> None:
    sys.path.insert(0, str(HERE.parents[1] / "src"))
    import povertool

    maker = Maker()
    households, members = [], []
    for i in range(HOUSEHOLDS):
        row, people = maker.household(i)
        households.append(row)
        members += people
    # The commune's marks: what the members say, with a few cells wrong.
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "draft.xlsx"
        write(draft, households, members, None)
        derived = povertool.read_survey(draft).households
    codes = povertool.load_standard("vn-2022").indicator_codes
    marks = [["x" if v is True or v == True else "" for v in derived.loc[i, list(codes)]] for i in derived.index]  # noqa: E712
    for _ in range(WRONG_MARKS):
        r, c = int(maker.rng.integers(0, HOUSEHOLDS)), int(maker.rng.integers(0, len(codes)))
        marks[r][c] = "" if marks[r][c] else "x"
    write(HERE / f"an-binh-roster-{YEAR}.xlsx", households, members, marks)


if __name__ == "__main__":
    main()
