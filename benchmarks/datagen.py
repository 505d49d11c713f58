"""Synthetic review lists for the benchmark: N households × 19 columns, as .xlsx and .csv (cached by size)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np

INDICATORS = [
    "Việc làm", "Người phụ thuộc trong hộ gia đình", "Dinh dưỡng", "Bảo hiểm y tế",
    "Trình độ giáo dục của người lớn", "Tình trạng đi học của trẻ em", "Chất lượng nhà ở",
    "Diện tích nhà ở bình quân đầu người", "Nguồn nước sinh hoạt", "Nhà tiêu hợp vệ sinh",
    "Sử dụng dịch vụ viễn thông", "Phương tiện phục vụ tiếp cận thông tin",
]
HEADERS = ["Mã hộ", "Họ và tên chủ hộ", "Xã/Phường", "Khu vực", "Số nhân khẩu",
           "Thu nhập bình quân đầu người/tháng (đồng)", *INDICATORS, "Hộ làm nông, lâm, ngư, diêm nghiệp"]
COMMUNES = ["Phường An Lạc", "Phường Bình Minh", "Xã Tân Phú", "Xã Phước Hưng", "Xã Long Sơn", "Xã Mỹ Lộc"]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Võ Thị Giang"]


def columns(n: int, seed: int = 8, start: int = 0) -> list[np.ndarray]:
    """The 19 columns of ``n`` households (ids start after ``start``), deterministic for a seed."""
    rng = np.random.default_rng(seed + start)
    ids = np.char.add("HH", np.char.zfill(np.arange(start + 1, start + n + 1).astype(str), 8)).astype(object)
    commune_idx = rng.integers(0, len(COMMUNES), n)
    communes = np.array(COMMUNES, dtype=object)[commune_idx]
    area = np.where(commune_idx < 2, "Thành thị", "Nông thôn").astype(object)
    names = np.array(NAMES, dtype=object)[rng.integers(0, len(NAMES), n)]
    members = rng.integers(1, 8, n).astype(float)
    income = (rng.gamma(2.0, 1_100_000, n) // 1000 * 1000).astype(float)
    marks = [np.where(rng.random(n) < 0.15, "x", "").astype(object) for _ in INDICATORS]
    agri = np.where(rng.random(n) < 0.4, "x", "").astype(object)
    return [ids, names, communes, area, members, income, *marks, agri]


def write_xlsx(path: Path, n: int) -> Path:
    """A one-sheet workbook: a title row, the header, then ``n`` households (xlsxwriter, constant memory)."""
    import xlsxwriter

    if path.exists():
        return path
    tmp = path.with_suffix(".tmp.xlsx")
    wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "strings_to_numbers": False})
    wb.set_properties({"created": dt.datetime(2000, 1, 1)})
    ws = wb.add_worksheet("Danh sách")
    ws.write_string(0, 0, "DANH SÁCH HỘ GIA ĐÌNH RÀ SOÁT NĂM 2024")
    ws.write_row(2, 0, HEADERS)
    cols = columns(n)
    rows = zip(*(c.tolist() for c in cols))
    for i, row in enumerate(rows):
        r = i + 3
        for j, v in enumerate(row):
            if isinstance(v, float):
                ws.write_number(r, j, v)
            elif v:
                ws.write_string(r, j, v)
    wb.close()
    tmp.rename(path)
    return path


def write_csv(path: Path, n: int, chunk: int = 500_000) -> Path:
    """A UTF-8 CSV of ``n`` households, written in chunks (so that 5 M rows need little memory)."""
    if path.exists():
        return path
    tmp = path.with_suffix(".tmp.csv")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADERS)
        for start in range(0, n, chunk):
            cols = columns(min(chunk, n - start), start=start)
            cols[4] = cols[4].astype(int)
            cols[5] = cols[5].astype(np.int64)
            writer.writerows(zip(*(c.tolist() for c in cols)))
    tmp.rename(path)
    return path
