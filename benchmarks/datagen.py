"""Synthetic review lists for the benchmark: N households × 19 columns as .xlsx, .csv and .parquet, made with
column operations (pyarrow.compute, numpy) and kept in benchmarks/_data/ by size and seed.

The workbook is written as Excel writes one (shared strings, a title row, a blank row, the header, blank cells for
unmarked indicators), straight as XML in chunks of rows, so a million households take seconds, not minutes."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

INDICATORS = [
    "Việc làm", "Người phụ thuộc trong hộ gia đình", "Dinh dưỡng", "Bảo hiểm y tế",
    "Trình độ giáo dục của người lớn", "Tình trạng đi học của trẻ em", "Chất lượng nhà ở",
    "Diện tích nhà ở bình quân đầu người", "Nguồn nước sinh hoạt", "Nhà tiêu hợp vệ sinh",
    "Sử dụng dịch vụ viễn thông", "Phương tiện phục vụ tiếp cận thông tin",
]
HEADERS = ["Mã hộ", "Họ và tên chủ hộ", "Xã/Phường", "Khu vực", "Số nhân khẩu",
           "Thu nhập bình quân đầu người/tháng (đồng)", *INDICATORS, "Hộ làm nông, lâm, ngư, diêm nghiệp"]
COMMUNES = ["Phường An Lạc", "Phường Bình Minh", "Xã Tân Phú", "Xã Phước Hưng", "Xã Long Sơn", "Xã Mỹ Lộc"]
AREAS = ["Thành thị", "Nông thôn"]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Võ Thị Giang"]
TITLE = "DANH SÁCH HỘ GIA ĐÌNH RÀ SOÁT NĂM 2024"
CHUNK = 500_000  # rows made and written at a time (bounded memory for 27 M rows)
MARKED = 0.15  # share of households deprived in each indicator
SEED = 8  # the current round; the baseline round of the commands' benchmark uses another seed


def codes(n: int, seed: int = SEED, start: int = 0) -> dict[str, np.ndarray]:
    """The households as numbers: commune, name, area codes; members, income; one 0/1 array per mark column."""
    rng = np.random.default_rng([seed, start])
    commune = rng.integers(0, len(COMMUNES), n)
    out = {
        "row": np.arange(start + 1, start + n + 1),
        "name": rng.integers(0, len(NAMES), n),
        "commune": commune,
        "area": (commune >= 2).astype(np.int64),  # Phường → Thành thị, Xã → Nông thôn
        "members": rng.integers(1, 8, n),
        "income": (rng.gamma(2.0, 1_100_000, n) // 1000 * 1000).astype(np.int64),
    }
    for j in range(len(INDICATORS)):
        out[f"m{j}"] = rng.random(n) < MARKED
    out["agri"] = rng.random(n) < 0.4
    return out


def _ids(rows: np.ndarray) -> pa.Array:
    return pc.binary_join_element_wise("HH", pc.utf8_lpad(pa.array(rows).cast(pa.string()), 8, "0"), "")


def table(n: int, seed: int = SEED, start: int = 0) -> pa.Table:
    """The 19 columns of ``n`` households (ids HH00000001… from ``start`` + 1), deterministic for a seed."""
    c = codes(n, seed, start)
    pick = lambda words, idx: pa.array(np.array(words, dtype=object)[idx], pa.string())  # noqa: E731
    mark = lambda m: pc.if_else(pa.array(m), "x", "")  # noqa: E731
    cols = [_ids(c["row"]), pick(NAMES, c["name"]), pick(COMMUNES, c["commune"]), pick(AREAS, c["area"]),
            pa.array(c["members"]), pa.array(c["income"]),
            *(mark(c[f"m{j}"]) for j in range(len(INDICATORS))), mark(c["agri"])]
    return pa.Table.from_arrays(cols, names=HEADERS)


def chunks(n: int, seed: int = SEED) -> Iterator[pa.Table]:
    """``table`` of ``n`` households, CHUNK rows at a time (the same rows whatever the chunking of the reader)."""
    for start in range(0, n, CHUNK):
        yield table(min(CHUNK, n - start), seed, start)


def _done(path: Path, tmp: Path) -> Path:
    tmp.rename(path)
    return path


def write_csv(path: Path, n: int, seed: int = SEED) -> Path:
    """A UTF-8 CSV of ``n`` households as a spreadsheet exports one: the header on line 1, nothing quoted but
    the header with a comma."""
    import pyarrow.csv as pacsv

    if path.exists():
        return path
    tmp = path.with_suffix(".tmp")
    options = pacsv.WriteOptions(include_header=False, quoting_style="none")  # no value holds a comma or quote
    with open(tmp, "wb") as fh:
        fh.write((",".join(f'"{h}"' if "," in h else h for h in HEADERS) + "\n").encode())
        with pacsv.CSVWriter(fh, table(1, seed).schema, write_options=options) as writer:
            for part in chunks(n, seed):
                writer.write_table(part)
    return _done(path, tmp)


def write_parquet(path: Path, n: int, seed: int = SEED) -> Path:
    """A Parquet file of ``n`` households (members and income as integers, marks as text)."""
    import pyarrow.parquet as pq

    if path.exists():
        return path
    tmp = path.with_suffix(".tmp")
    with pq.ParquetWriter(tmp, table(1, seed).schema) as writer:
        for part in chunks(n, seed):
            writer.write_table(part)
    return _done(path, tmp)


# --- .xlsx, as XML ------------------------------------------------------------------------------------------

_LETTERS = [chr(65 + j) for j in range(len(HEADERS))]  # A..S
_FIRST_ROW = 4  # title on row 1, blank row 2, header on row 3
_CONTENT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             '<sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                  '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                  '</Relationships>')
_STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
           '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
           '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
           '<cellXfs count="1"><xf xfId="0"/></cellXfs></styleSheet>')


def _vocabulary() -> list[str]:
    """Shared strings before the ids: title, headers, names, communes, areas, 'x'."""
    return [TITLE, *HEADERS, *NAMES, *COMMUNES, *AREAS, "x"]


def _sheet_rows(c: dict[str, np.ndarray]) -> str:
    """The <row> elements of one chunk of households, built column by column."""
    vocab = {w: i for i, w in enumerate(_vocabulary())}
    base = len(vocab)  # the id of household k (1-based) is shared string base + k - 1
    excel = pa.array(c["row"] + _FIRST_ROW - 1).cast(pa.string())

    def cell(j: int, value: pa.Array, kind: str) -> pa.Array:
        open_ = f'<c r="{_LETTERS[j]}'
        return pc.binary_join_element_wise(open_, excel, f'"{kind}><v>', value, "</v></c>", "")

    def shared(j: int, offset: int, idx: np.ndarray) -> pa.Array:
        return cell(j, pa.array(idx + offset).cast(pa.string()), ' t="s"')

    x = pa.scalar(str(vocab["x"]))
    cells = [
        shared(0, base - 1, c["row"]),
        shared(1, vocab[NAMES[0]], c["name"]),
        shared(2, vocab[COMMUNES[0]], c["commune"]),
        shared(3, vocab[AREAS[0]], c["area"]),
        cell(4, pa.array(c["members"]).cast(pa.string()), ""),
        cell(5, pa.array(c["income"]).cast(pa.string()), ""),
    ]
    marks = [c[f"m{j}"] for j in range(len(INDICATORS))] + [c["agri"]]
    for j, m in enumerate(marks, start=6):
        full = pc.binary_join_element_wise(f'<c r="{_LETTERS[j]}', excel, '" t="s"><v>', x, "</v></c>", "")
        cells.append(pc.if_else(pa.array(m), full, ""))  # an unmarked indicator is a blank cell: no <c> at all
    rows = pc.binary_join_element_wise('<row r="', excel, '">', *cells, "</row>", "")
    return "".join(rows.to_pylist())


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_xlsx(path: Path, n: int, seed: int = SEED) -> Path:
    """A one-sheet workbook as a commune sends it: a title row, a blank row, the header, ``n`` households."""
    if path.exists():
        return path
    tmp = path.with_suffix(".tmp")
    last = n + _FIRST_ROW - 1
    words = _vocabulary()
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("[Content_Types].xml", _CONTENT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        z.writestr("xl/styles.xml", _STYLES)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            fh.write(('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns='
                      '"http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                      f'count="{len(words) + n}" uniqueCount="{len(words) + n}">').encode())
            fh.write("".join(f"<si><t>{_escape(w)}</t></si>" for w in words).encode())
            for start in range(0, n, CHUNK):
                ids = _ids(np.arange(start + 1, min(start + CHUNK, n) + 1))
                fh.write("".join(pc.binary_join_element_wise("<si><t>", ids, "</t></si>", "").to_pylist()).encode())
            fh.write(b"</sst>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            header = "".join(f'<c r="{_LETTERS[j]}3" t="s"><v>{j + 1}</v></c>' for j in range(len(HEADERS)))
            fh.write(('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
                      '"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                      f'<dimension ref="A1:{_LETTERS[-1]}{last}"/><sheetData>'
                      '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
                      f'<row r="3">{header}</row>').encode())
            for start in range(0, n, CHUNK):
                fh.write(_sheet_rows(codes(min(CHUNK, n - start), seed, start)).encode())
            fh.write(b"</sheetData></worksheet>")
    return _done(path, tmp)


def write(kind: str, folder: Path, n: int, seed: int = SEED) -> Path:
    """The cached file of ``n`` households in format ``kind`` (xlsx, csv, parquet)."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"households-{n}" + ("" if seed == SEED else f"-s{seed}") + f".{kind}"
    writer = {"xlsx": write_xlsx, "csv": write_csv, "parquet": write_parquet}[kind]
    return writer(folder / name, n, seed)
