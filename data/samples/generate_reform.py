"""Make the sample pair across the 2025 commune reform and the 2027 standard (invented, fixed seed).

Run from the project root:  python data/samples/generate_reform.py

Thị xã An Bình before the reform had 9 wards and communes; from 1 July 2025 they form 4 (Xã Mỹ Lộc is split by
village between two new communes). The earlier list names the old units (with the town as district) and is
marked under the 2022–2025 standard; the later list names the merged communes and is marked under the
2027 standard (waste handling instead of the information-means indicator). Everything is invented.

Files written here:
  an-binh-reform-2024.xlsx      review list 2024, old units, vn-2022 indicators
  an-binh-reform-2027.xlsx      review list 2027, merged communes, vn-2027 indicators
  an-binh-units-map.csv         old commune (district, village for the split one) -> new commune
  an-binh-reform-totals.csv     all households per unit: 2024 by old units (Mỹ Lộc per village), 2027 by new
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import xlsxwriter

HERE = Path(__file__).resolve().parent
SEED = 20250701
TOWN = "Thị xã An Bình"
PROVINCE = "Tỉnh Bình Phước Nam"

# Old unit, its households in 2024, its villages, and the new commune of each village (the reform).
OLD_UNITS = [
    ("Phường An Lạc", 4262, {"Khu phố 1": "Phường An Bình", "Khu phố 2": "Phường An Bình", "Khu phố 3": "Phường An Bình"}),
    ("Phường Bình Minh", 4031, {"Khu phố Bình An": "Phường An Bình", "Khu phố Bình Đông": "Phường An Bình"}),
    ("Phường Hòa Thuận", 3655, {"Khu phố 4": "Phường Hòa Thuận", "Khu phố 5": "Phường Hòa Thuận"}),
    ("Phường Tân An", 3447, {"Khu phố Tân Lập": "Phường Hòa Thuận", "Khu phố Tân Hòa": "Phường Hòa Thuận"}),
    ("Xã Tân Phú", 3251, {"Thôn Phú Lâm": "Xã Tân Phú", "Thôn Phú Thọ": "Xã Tân Phú", "Thôn Suối Đá": "Xã Tân Phú"}),
    ("Xã Phước Hưng", 2890, {"Thôn Phước Lộc": "Xã Tân Phú", "Thôn Phước Thọ": "Xã Tân Phú"}),
    ("Xã Long Sơn", 2711, {"Ấp Long Điền": "Xã Long Sơn", "Ấp Sơn Hà": "Xã Long Sơn"}),
    ("Xã Mỹ Lộc", 2826, {"Thôn Mỹ Hòa": "Xã Long Sơn", "Thôn Mỹ Lợi": "Xã Tân Phú", "Thôn Bàu Sen": "Xã Tân Phú"}),
]
GROWTH_2027 = 1.012  # households in 2027 against 2024
PERSONS_PER_HOUSEHOLD = 3.6
LINES = {"vn-2022": {"rural": 1_500_000, "urban": 2_000_000}, "vn-2027": {"rural": 2_200_000, "urban": 2_800_000}}
COMMON = ["Việc làm", "Người phụ thuộc trong hộ gia đình", "Dinh dưỡng", "Bảo hiểm y tế",
          "Trình độ giáo dục của người lớn", "Tình trạng đi học của trẻ em", "Chất lượng nhà ở",
          "Diện tích nhà ở bình quân đầu người", "Nguồn nước sinh hoạt", "Nhà tiêu hợp vệ sinh",
          "Sử dụng dịch vụ viễn thông"]
INDICATORS = {"vn-2022": [*COMMON, "Phương tiện phục vụ tiếp cận thông tin"],
              "vn-2027": [*COMMON, "Thu gom, xử lý rác thải sinh hoạt"]}
WEIGHTS = np.array([0.55, 0.45, 0.15, 0.35, 0.5, 0.12, 0.3, 0.25, 0.15, 0.3, 0.2, 0.2])
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Ngọc", "Minh", "Thanh"]
GIVEN = ["An", "Bình", "Cường", "Hà", "Hạnh", "Hải", "Lan", "Long", "Mai", "Nam", "Phúc", "Sơn", "Tâm", "Yến"]
STATUS_VI = {"poor": "Hộ nghèo", "near_poor": "Hộ cận nghèo", "not_poor": "Hộ không nghèo"}


def area_of(unit: str) -> str:
    return "urban" if unit.startswith("Phường") else "rural"


def marks_and_income(rng: np.random.Generator, status: str, area: str, standard: str) -> tuple[int, set[int]]:
    """Income and deprivation marks that give ``status`` under ``standard`` (with every mark known)."""
    line = LINES[standard][area]
    if status == "poor":
        income, k = rng.integers(line * 0.5, line + 1), int(rng.choice([3, 3, 4, 4, 5]))
    elif status == "near_poor":
        income, k = rng.integers(line * 0.6, line + 1), int(rng.choice([0, 1, 1, 2, 2, 2]))
    else:
        income, k = rng.integers(line + 10_000, line * 1.4), int(rng.choice([0, 1, 2, 3]))
    marks = set(rng.choice(12, size=k, replace=False, p=WEIGHTS / WEIGHTS.sum()).tolist())
    return int(income // 10_000 * 10_000), marks


def rounds(rng: np.random.Generator) -> tuple[list[dict], list[dict]]:
    """The 2024 list by old units, then the 2027 list by new communes (the same households moved on, and new ones)."""
    first: list[dict] = []
    for u, (unit, households, villages) in enumerate(OLD_UNITS):
        share = 0.0045 if area_of(unit) == "rural" else 0.0018
        for status, n in (("poor", households * share), ("near_poor", households * share * 2.3), ("not_poor", households * 0.004)):
            for i in range(int(round(n))):
                income, marks = marks_and_income(rng, status, area_of(unit), "vn-2022")
                first.append({"id": f"AR{u + 1:02d}{len(first):05d}", "unit": unit, "village": str(rng.choice(list(villages))),
                              "head": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                              "members": int(rng.choice([1, 2, 3, 4, 4, 5, 5, 6])), "status": status,
                              "income": income, "marks": marks})
    moves = {"poor": (["poor", "near_poor", "not_poor", "gone"], [0.62, 0.2, 0.14, 0.04]),
             "near_poor": (["near_poor", "poor", "not_poor", "gone"], [0.6, 0.12, 0.25, 0.03]),
             "not_poor": (["not_poor", "near_poor", "poor", "gone"], [0.5, 0.2, 0.05, 0.25])}
    second: list[dict] = []
    for h in first:
        options, weights = moves[h["status"]]
        nxt = str(rng.choice(options, p=weights))
        if nxt == "gone":
            continue
        new = dict(OLD_UNITS[[u[0] for u in OLD_UNITS].index(h["unit"])][2])[h["village"]]
        income, marks = marks_and_income(rng, nxt, area_of(new), "vn-2027")
        second.append({**h, "unit": new, "status": nxt, "income": income, "marks": marks,
                       "previous": STATUS_VI[h["status"]]})
    for u, (unit, households, villages) in enumerate(OLD_UNITS):
        for i in range(households // 700):
            village = str(rng.choice(list(villages)))
            new = villages[village]
            status = str(rng.choice(["poor", "near_poor", "not_poor"], p=[0.3, 0.5, 0.2]))
            income, marks = marks_and_income(rng, status, area_of(new), "vn-2027")
            second.append({"id": f"AR{u + 1:02d}9{i:04d}", "unit": new, "village": village,
                           "head": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                           "members": int(rng.choice([1, 2, 3, 4, 5])), "status": status, "income": income,
                           "marks": marks, "previous": ""})
    second.sort(key=lambda h: (h["unit"], h["id"]))
    return first, second


def write_list(path: Path, year: int, standard: str, households: list[dict], *, old_units: bool) -> None:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    wb.set_properties({"created": dt.datetime(year, 11, 1), "author": "UBND " + TOWN})
    ws = wb.add_worksheet("Danh sách rà soát")
    bold = wb.add_format({"bold": True, "align": "center"})
    head = wb.add_format({"bold": True, "text_wrap": True, "border": 1, "valign": "vcenter", "align": "center"})
    period = "2022–2025" if standard == "vn-2022" else "2026–2030"
    headers = ["STT", "Mã hộ", "Họ và tên chủ hộ", *(["Huyện"] if old_units else []), "Xã/Phường", "Thôn/Ấp/Khu phố",
               "Số nhân khẩu", "Thu nhập bình quân đầu người/tháng (đồng)", *INDICATORS[standard],
               *([] if old_units else ["Phân loại năm trước"])]
    ws.merge_range(0, 0, 0, 8, f"UBND {TOWN.upper()}" if old_units else f"UBND {PROVINCE.upper()}", bold)
    ws.merge_range(1, 0, 1, 8, f"DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC RÀ SOÁT NĂM {year}", bold)
    ws.merge_range(2, 0, 2, 8, f"(Theo chuẩn nghèo đa chiều giai đoạn {period})")
    ws.set_row(4, 60)
    ws.write_row(4, 0, headers, head)
    for i, h in enumerate(households):
        row = [i + 1, h["id"], h["head"], *([TOWN] if old_units else []), h["unit"], h["village"], h["members"],
               h["income"], *["x" if j in h["marks"] else "" for j in range(12)],
               *([] if old_units else [h.get("previous", "")])]
        ws.write_row(5 + i, 0, row)
    wb.close()


def write_map(path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Huyện cũ", "Xã/Phường cũ", "Thôn", "Xã/Phường mới", "Ghi chú"])
        for unit, _, villages in OLD_UNITS:
            targets = sorted(set(villages.values()))
            if len(targets) == 1:
                w.writerow([TOWN, unit, "", targets[0], ""])
                continue
            for village, new in villages.items():  # a commune split between two new ones: one row per village
                w.writerow([TOWN, unit, village, new, "Xã bị chia theo thôn"])


def write_totals(path: Path) -> None:
    rng = np.random.default_rng(SEED + 1)
    new_totals: dict[str, int] = {}
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Năm", "Xã/Phường", "Thôn", "Tổng số hộ", "Tổng số nhân khẩu"])
        for unit, households, villages in OLD_UNITS:
            parts = [("", households)] if len(set(villages.values())) == 1 else \
                list(zip(villages, np.diff(np.linspace(0, households, len(villages) + 1).round().astype(int))))
            for village, n in parts:
                w.writerow([2024, unit, village, int(n), int(n * PERSONS_PER_HOUSEHOLD + rng.integers(-100, 100))])
                new = villages[village] if village else next(iter(villages.values()))
                new_totals[new] = new_totals.get(new, 0) + int(n)
        for new, n in sorted(new_totals.items()):
            n = int(round(n * GROWTH_2027))
            w.writerow([2027, new, "", n, int(n * PERSONS_PER_HOUSEHOLD + rng.integers(-200, 200))])


def main() -> None:
    rng = np.random.default_rng(SEED)
    first, second = rounds(rng)
    write_list(HERE / "an-binh-reform-2024.xlsx", 2024, "vn-2022", first, old_units=True)
    write_list(HERE / "an-binh-reform-2027.xlsx", 2027, "vn-2027", second, old_units=False)
    write_map(HERE / "an-binh-units-map.csv")
    write_totals(HERE / "an-binh-reform-totals.csv")
    print(f"2024 (old units): {len(first)} reviewed households; 2027 (merged communes): {len(second)}")


if __name__ == "__main__":
    main()
