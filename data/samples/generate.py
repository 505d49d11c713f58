"""Make the bundled sample data: a town of about 30,000 households in 9 wards and communes.

Run from the project root:  python data/samples/generate.py
The seed is fixed, so the files come out the same each time. Everything is invented; names are drawn
from common Vietnamese family, middle and given names.

Files written here:
  an-binh-2023.xlsx, an-binh-2024.xlsx   review lists (only reviewed households: poor, near-poor, applicants)
  an-binh-totals.csv                     all resident households and persons per ward/commune and year
  an-binh-plan-2024.toml                 the town's 2024 plan: reduce 3 poor households, 0.01 percentage points
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import xlsxwriter

HERE = Path(__file__).resolve().parent
SEED = 20241015
TOWN = "Thị xã An Bình"
PROVINCE = "Tỉnh Bình Phước Nam"

# (name, households 2023, households 2024, villages)
UNITS = [
    ("Phường An Lạc", 4210, 4262, ["Khu phố 1", "Khu phố 2", "Khu phố 3", "Khu phố 4"]),
    ("Phường Bình Minh", 3985, 4031, ["Khu phố Bình An", "Khu phố Bình Đông", "Khu phố Bình Tây"]),
    ("Phường Hòa Thuận", 3620, 3655, ["Khu phố 1", "Khu phố 2", "Khu phố 3"]),
    ("Phường Tân An", 3402, 3447, ["Khu phố Tân Lập", "Khu phố Tân Hòa", "Khu phố Tân Thành"]),
    ("Phường Phú Hòa", 3104, 3129, ["Khu phố 5", "Khu phố 6", "Khu phố 7"]),
    ("Xã Tân Phú", 3233, 3251, ["Thôn Phú Lâm", "Thôn Phú Thọ", "Thôn Phú Xuân", "Thôn Suối Đá"]),
    ("Xã Phước Hưng", 2876, 2890, ["Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4"]),
    ("Xã Long Sơn", 2698, 2711, ["Ấp Long Điền", "Ấp Long Hải", "Ấp Sơn Hà"]),
    ("Xã Mỹ Lộc", 2812, 2826, ["Thôn Mỹ Hòa", "Thôn Mỹ Lợi", "Thôn Bàu Sen"]),
]
PERSONS_PER_HOUSEHOLD = 3.6

INDICATORS = [
    "Việc làm", "Người phụ thuộc trong hộ gia đình", "Dinh dưỡng", "Bảo hiểm y tế",
    "Trình độ giáo dục của người lớn", "Tình trạng đi học của trẻ em", "Chất lượng nhà ở",
    "Diện tích nhà ở bình quân đầu người", "Nguồn nước sinh hoạt", "Nhà tiêu hợp vệ sinh",
    "Sử dụng dịch vụ viễn thông", "Phương tiện phục vụ tiếp cận thông tin",
]
# How often each indicator is deprived among poor households (employment, insurance, housing more often).
INDICATOR_WEIGHTS = np.array([0.55, 0.45, 0.15, 0.35, 0.5, 0.12, 0.3, 0.25, 0.15, 0.3, 0.2, 0.1])

HEADERS = [
    "STT", "Mã hộ", "Họ và tên chủ hộ", "Xã/Phường", "Thôn/Ấp/Khu phố", "Số nhân khẩu",
    "Thu nhập bình quân đầu người/tháng (đồng)", *INDICATORS, "Hộ làm nông, lâm, ngư, diêm nghiệp",
    "Dân tộc", "Không có khả năng lao động", "Hộ có người có công", "Giới tính chủ hộ", "Nguyên nhân nghèo",
    "Phân loại năm trước", "Lý do biến động",
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Minh", "Thanh"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Long", "Nam", "Phúc", "Quang", "Sơn", "Tâm", "Tuấn", "Thắng", "Lộc"]
GIVEN_F = ["Hà", "Hạnh", "Hoa", "Lan", "Mai", "Nga", "Thảo", "Trang", "Vân", "Yến", "Hương", "Liên", "Nhung"]
ETHNIC = ["Kinh"] * 18 + ["Khmer", "Tày", "Nùng", "Hoa", "Stiêng", "Chăm"]
CAUSES = ["Thiếu đất sản xuất", "Thiếu vốn", "Thiếu lao động", "Thiếu phương tiện sản xuất", "Không biết cách làm ăn",
          "Thiếu kỹ năng lao động", "Ốm đau, bệnh nặng, tai nạn", "Nguyên nhân khác"]
LINE = {"rural": 1_500_000, "urban": 2_000_000}
BAND = {"rural": 2_250_000, "urban": 3_000_000}
STATUS_VI = {"poor": "Hộ nghèo", "near_poor": "Hộ cận nghèo", "not_poor": "Hộ không nghèo"}


def area_of(unit: str) -> str:
    return "urban" if unit.startswith("Phường") else "rural"


class Town:
    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.serial = {u[0]: 0 for u in UNITS}

    def new_id(self, unit_index: int) -> str:
        unit = UNITS[unit_index][0]
        self.serial[unit] += 1
        return f"AB{unit_index + 1:02d}{self.serial[unit]:05d}"

    def name(self) -> tuple[str, bool]:
        female = self.rng.random() < 0.32
        middle = MIDDLE_F if female else MIDDLE_M
        given = GIVEN_F if female else GIVEN_M
        return f"{self.rng.choice(FAMILY)} {self.rng.choice(middle)} {self.rng.choice(given)}", female

    def household(self, unit_index: int, status: str, *, hh_id: str | None = None, base: dict | None = None) -> dict:
        """A household whose income and marks give ``status`` under the 2022 standard."""
        rng = self.rng
        unit, _, _, villages = UNITS[unit_index]
        area = area_of(unit)
        if base is None:
            head, female = self.name()
            base = {
                "id": hh_id or self.new_id(unit_index), "head": head, "female": female, "unit": unit,
                "village": str(rng.choice(villages)), "members": int(rng.choice([1, 2, 3, 4, 4, 5, 5, 6, 7])),
                "ethnicity": str(rng.choice(ETHNIC)), "agri": bool(area == "rural" and rng.random() < 0.7),
                "no_labour": bool(rng.random() < 0.12), "merit": bool(rng.random() < 0.05),
            }
        line, band = LINE[area], BAND[area]
        if status == "poor":
            income = int(rng.integers(line * 0.45, line + 1) // 10_000 * 10_000)
            k = int(rng.choice([3, 3, 4, 4, 5, 6]))
        elif status == "near_poor":
            income = int(rng.integers(line * 0.6, line + 1) // 10_000 * 10_000)
            k = int(rng.choice([0, 1, 1, 2, 2, 2]))
        else:  # reviewed but above the line: average band or just above it
            income = int(rng.integers(line + 10_000, band * 1.3) // 10_000 * 10_000)
            k = int(rng.choice([0, 1, 2, 3, 4]))
        if rng.random() < 0.03:
            income = line  # at the line exactly: "từ ... trở xuống" includes it
        p = INDICATOR_WEIGHTS / INDICATOR_WEIGHTS.sum()
        marks = set(rng.choice(len(INDICATORS), size=k, replace=False, p=p).tolist())
        cause = str(rng.choice(CAUSES)) if status == "poor" else ""
        return {**base, "income": income, "marks": marks, "cause": cause, "status": status}


def review_rounds(rng: np.random.Generator) -> tuple[list[dict], list[dict]]:
    """The 2023 list, then the 2024 list built from it by the usual movements."""
    town = Town(rng)
    first: list[dict] = []
    for u, (unit, households, _, _) in enumerate(UNITS):
        share = 0.0045 if area_of(unit) == "rural" else 0.0018
        n_poor = int(round(households * share))
        n_near = int(round(households * share * 2.3))
        n_applicants = int(round(households * 0.004))
        for status, n in (("poor", n_poor), ("near_poor", n_near), ("not_poor", n_applicants)):
            first.extend(town.household(u, status) for _ in range(n))
    second: list[dict] = []
    moves = {
        "poor": (["poor", "near_poor", "not_poor", "gone"], [0.74, 0.12, 0.11, 0.03]),
        "near_poor": (["near_poor", "poor", "not_poor", "gone"], [0.70, 0.05, 0.23, 0.02]),
        "not_poor": (["not_poor", "near_poor", "poor", "gone"], [0.55, 0.06, 0.01, 0.38]),
    }
    for h in first:
        options, weights = moves[h["status"]]
        nxt = str(rng.choice(options, p=weights))
        if nxt == "gone":
            continue  # moved away, died or merged: absent from the 2024 list
        u = [x[0] for x in UNITS].index(h["unit"])
        base = {k: h[k] for k in ("id", "head", "female", "unit", "village", "members", "ethnicity", "agri", "no_labour", "merit")}
        new = town.household(u, nxt, base=base)
        new["previous"] = STATUS_VI[h["status"]]
        second.append(new)
    for u, (unit, households, _, _) in enumerate(UNITS):
        for status, n in (("poor", households // 3000), ("near_poor", 2 + households // 900), ("not_poor", households // 400)):
            for _ in range(n):
                h = town.household(u, status)
                h["previous"] = ""
                second.append(h)
        for reason in ("Chuyển đến", "Tách hộ"):
            h = town.household(u, "near_poor" if reason == "Tách hộ" else "poor")
            h["previous"], h["reason"] = "", reason
            if rng.random() < 0.5:
                second.append(h)
    order = {x[0]: i for i, x in enumerate(UNITS)}
    second.sort(key=lambda h: (order[h["unit"]], h["id"]))
    return first, second


def write_list(path: Path, year: int, households: list[dict], *, with_previous: bool) -> None:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    wb.set_properties({"created": dt.datetime(2024, 11, 1), "author": "UBND " + TOWN})
    ws = wb.add_worksheet("Danh sách rà soát")
    bold = wb.add_format({"bold": True, "align": "center"})
    head = wb.add_format({"bold": True, "text_wrap": True, "border": 1, "valign": "vcenter", "align": "center"})
    money = wb.add_format({"num_format": "#,##0"})
    headers = HEADERS if with_previous else HEADERS[:-2]
    ws.merge_range(0, 0, 0, 8, f"UBND {TOWN.upper()}", bold)
    ws.merge_range(1, 0, 1, 8, f"DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC RÀ SOÁT NĂM {year}", bold)
    ws.merge_range(2, 0, 2, 8, f"(Theo chuẩn nghèo đa chiều giai đoạn 2022–2025, {PROVINCE})")
    ws.set_row(4, 60)
    ws.write_row(4, 0, headers, head)
    ws.freeze_panes(5, 3)
    ws.set_column(0, 0, 5)
    ws.set_column(1, 1, 11)
    ws.set_column(2, 2, 22)
    ws.set_column(3, 4, 18)
    ws.set_column(6, 6, 16)
    for i, h in enumerate(households):
        r = 5 + i
        row = [i + 1, h["id"], h["head"], h["unit"], h["village"], h["members"], h["income"]]
        row += ["x" if j in h["marks"] else "" for j in range(len(INDICATORS))]
        row += ["x" if h["agri"] else "", h["ethnicity"], "x" if h["no_labour"] else "", "x" if h["merit"] else "",
                "Nữ" if h["female"] else "Nam", h["cause"]]
        if with_previous:
            row += [h.get("previous", ""), h.get("reason", "")]
        ws.write_row(r, 0, row)
        ws.write_number(r, 6, h["income"], money)
    wb.close()


def write_totals(path: Path) -> None:
    rng = np.random.default_rng(SEED + 1)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Năm", "Xã/Phường", "Tổng số hộ", "Tổng số nhân khẩu"])
        for year, column in ((2023, 1), (2024, 2)):
            for unit in UNITS:
                households = unit[column]
                persons = int(households * PERSONS_PER_HOUSEHOLD + rng.integers(-200, 200))
                w.writerow([year, unit[0], households, persons])


PLAN = """# Kế hoạch giảm nghèo năm 2024 của {town} (invented sample).
# "Giảm 03 hộ nghèo, tương đương giảm 0,01%" — as in a real town plan.
year = 2024

[[targets]]
unit = "total"
metric = "poor_households"
change = -3

[[targets]]
unit = "total"
metric = "poor_rate"
change = -0.01

[[targets]]
unit = "Xã Tân Phú"
metric = "near_poor_households"
change = -5
"""


def main() -> None:
    rng = np.random.default_rng(SEED)
    first, second = review_rounds(rng)
    write_list(HERE / "an-binh-2023.xlsx", 2023, first, with_previous=False)
    write_list(HERE / "an-binh-2024.xlsx", 2024, second, with_previous=True)
    write_totals(HERE / "an-binh-totals.csv")
    (HERE / "an-binh-plan-2024.toml").write_text(PLAN.format(town=TOWN), encoding="utf-8")
    print(f"2023: {len(first)} reviewed households; 2024: {len(second)}")


if __name__ == "__main__":
    main()
