"""Shared test helpers: tiny workbooks written on the fly, and an in-process CLI runner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from typer.testing import CliRunner

from povertool.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
TEST_DATA = Path(__file__).resolve().parent / "data"

# The template wording of spec §2 for the 12 indicators of vn-2022, in the standard's order.
INDICATOR_HEADERS = [
    "Việc làm", "Người phụ thuộc trong hộ gia đình", "Dinh dưỡng", "Bảo hiểm y tế",
    "Trình độ giáo dục của người lớn", "Tình trạng đi học của trẻ em", "Chất lượng nhà ở",
    "Diện tích nhà ở bình quân đầu người", "Nguồn nước sinh hoạt", "Nhà tiêu hợp vệ sinh",
    "Sử dụng dịch vụ viễn thông", "Phương tiện phục vụ tiếp cận thông tin",
]


@pytest.fixture(autouse=True)
def _language_of_each_test_is_its_own(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Every test starts in the default language (Vietnamese, no POVERTOOL_LANG): a CLI run with --lang en sets
    the language of its process, and tests must not depend on the order they run in (pytest-xdist reorders)."""
    from povertool import messages

    monkeypatch.delenv(messages.ENV_LANG, raising=False)
    messages.set_language(None)
    yield
    messages.set_language(None)


def data_script(name: str) -> Any:
    """A generator script of tests/data (e.g. 'make_bad') as a module, for its expected values; the files are
    not regenerated."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, TEST_DATA / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    assert spec is not None and spec.loader is not None
    spec.loader.exec_module(module)
    return module


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, sheet: str = "Sheet1") -> Path:
    """A workbook with ``rows`` from A1 down (None = empty cell)."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    wb.set_properties({"created": dt.datetime(2000, 1, 1)})
    ws = wb.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value)
    wb.close()
    return path


def household_row(
    hid: str,
    *,
    commune: str = "Xã Tân Phú",
    members: Any = 4,
    income: Any = 1_000_000,
    marks: int | Sequence[Any] = 0,
    name: str = "Nguyễn Văn A",
    agricultural: str = "",
) -> list[Any]:
    """A row for the clean header HEADERS: the first ``marks`` indicators marked 'x' (or the given cells)."""
    cells = ["x"] * marks + [""] * (12 - marks) if isinstance(marks, int) else list(marks)
    return [hid, name, commune, members, income, *cells, agricultural]


HEADERS = ["Mã hộ", "Họ và tên chủ hộ", "Xã/Phường", "Số nhân khẩu", "Thu nhập bình quân đầu người/tháng (đồng)",
           *INDICATOR_HEADERS, "Hộ làm nông, lâm, ngư, diêm nghiệp"]


@pytest.fixture
def runner() -> CliRunner:
    """A CliRunner; ``result.stdout`` and ``result.stderr`` are kept apart."""
    try:
        return CliRunner(mix_stderr=False)  # older click
    except TypeError:
        return CliRunner()


@pytest.fixture
def cli(runner: CliRunner):
    """cli(*args) -> result with exit_code, stdout, stderr."""

    def invoke(*args: str):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture(autouse=True)
def _language_of_the_run(monkeypatch: pytest.MonkeyPatch):
    """Every test starts in the default language (Vietnamese): no POVERTOOL_LANG from the shell, and no
    language left over from a command run by an earlier test."""
    from povertool import messages

    monkeypatch.delenv(messages.ENV_LANG, raising=False)
    messages.set_language(None)
    yield
    messages.set_language(None)


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English for the whole test (POVERTOOL_LANG=en), for tests that read English sentences."""
    from povertool import messages

    monkeypatch.setenv(messages.ENV_LANG, "en")
    messages.set_language(None)


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: the letter without its tone (precomposed), then the tone."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        marks = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in marks if c not in tones))
        out.append(ch if ch.encode("cp1258", "ignore") else base + "".join(c for c in marks if c in tones))
    return "".join(out).encode("cp1258")
