"""Showing standards to people: a list, one standard in full, and a plain dict for JSON."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from ..domain.standard import AreaValues, Standard
from .format import format_count


def _pair(values: AreaValues | None) -> dict[str, float] | None:
    return None if values is None else {"rural": values.rural, "urban": values.urban}


def describe(std: Standard) -> dict[str, Any]:
    """Everything about a standard as plain data."""
    return {
        "id": std.id,
        "name": std.name,
        "name_en": std.name_en,
        "valid_from": std.valid_from,
        "valid_to": std.valid_to,
        "legal_sources": list(std.legal_sources),
        "income_unit": std.income_unit,
        "poverty_line": _pair(std.poverty_line),
        "extreme_poverty_line": _pair(std.extreme_poverty_line),
        "average_band_upper": _pair(std.average_band_upper),
        "average_agricultural_only": std.average_agricultural_only,
        "low_income_line": _pair(std.low_income_line),
        "min_deprivations": std.min_deprivations,
        "b1_threshold": _pair(std.b1_threshold),
        "b2_points_per_indicator": std.b2_points_per_indicator,
        "rule": std.rule_description,
        "indicators": [
            {"code": i.code, "dimension": i.dimension, "name": i.name, "name_en": i.name_en,
             "deprived_when": i.deprived_when, "verify": i.verify}
            for i in std.indicators
        ],
        "verify_notes": list(std.verify_notes),
        "overrides": list(std.overrides),
    }


def _lines(values: AreaValues | None) -> str:
    if values is None:
        return "—"
    return f"{format_count(values.rural)} / {format_count(values.urban)}"


def listing(items: list[Standard]) -> Table:
    """One row per standard: id, period, lines (rural / urban), legal source."""
    table = Table(title="Chuẩn nghèo có sẵn (built-in standards)")
    for name in ("id", "Giai đoạn", "Chuẩn nghèo NT / TT (đồng/người/tháng)", "Thiếu hụt tối thiểu", "Căn cứ pháp lý"):
        table.add_column(name, overflow="fold")
    for s in items:
        table.add_row(s.id, f"{s.valid_from}–{s.valid_to}", _lines(s.poverty_line), str(s.min_deprivations),
                      s.legal_sources[0] if s.legal_sources else "")
    return table


def render(std: Standard) -> list[Any]:
    """One standard in full: lines, rule, indicators by dimension, what is marked to verify."""
    head = Text()
    head.append(f"{std.id}: {std.name}\n", style="bold")
    head.append(f"Áp dụng {std.valid_from}–{std.valid_to}\n")
    for source in std.legal_sources:
        head.append(f"  • {source}\n")
    head.append(f"Chuẩn nghèo (nông thôn / thành thị): {_lines(std.poverty_line)} {std.income_unit}\n")
    if std.extreme_poverty_line:
        head.append(f"Nghèo không xét thiếu hụt khi thu nhập ≤ {_lines(std.extreme_poverty_line)}\n")
    if std.average_band_upper:
        head.append(f"Mức sống trung bình: trên chuẩn nghèo đến {_lines(std.average_band_upper)}"
                    + (" (chỉ hộ nông, lâm, ngư, diêm nghiệp)\n" if std.average_agricultural_only else "\n"))
    if std.low_income_line:
        head.append(f"Thu nhập thấp (NĐ 30/2025): đến {_lines(std.low_income_line)}\n")
    if std.b1_threshold:
        head.append(f"Điểm B1 tối đa: {_lines(std.b1_threshold)}; B2 = {std.b2_points_per_indicator:g} điểm/chỉ số\n")
    head.append(f"Quy tắc: {std.rule_description or f'nghèo khi thiếu hụt từ {std.min_deprivations} chỉ số'}\n")
    table = Table(title="Chỉ số thiếu hụt")
    for name in ("#", "Chiều", "Chỉ số", "code", "Thiếu hụt khi", "Cần kiểm chứng"):
        table.add_column(name, overflow="fold")
    for n, ind in enumerate(std.indicators, start=1):
        table.add_row(str(n), ind.dimension, ind.name, ind.code, ind.deprived_when, "cần kiểm chứng" if ind.verify else "")
    parts: list[Any] = [head, table]
    for note in std.verify_notes:
        parts.append(Text(f"Cần kiểm chứng: {note}"))
    return parts
