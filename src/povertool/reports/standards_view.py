"""Showing standards to people: a list, one standard in full, and a plain dict for JSON."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from ..domain.standard import AreaValues, Standard
from .format import format_count


def _pair(values: AreaValues | None) -> dict[str, float] | None:
    return None if values is None else {"rural": values.rural, "urban": values.urban}


def describe(std: Standard, *, kind: str = "") -> dict[str, Any]:
    """Everything about a standard as plain data (``kind``: 'national' or 'example' in the list)."""
    data: dict[str, Any] = {"id": std.id} | ({"kind": kind} if kind else {})
    return data | {
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
        "rule_in_words": rule_in_words(std),
        "indicators": [
            {"code": i.code, "dimension": i.dimension, "name": i.name, "name_en": i.name_en,
             "deprived_when": i.deprived_when, "verify": i.verify}
            for i in std.indicators
        ],
        "verify": [i.code for i in std.indicators if i.verify],
        "verify_notes": list(std.verify_notes),
        "overrides": list(std.overrides),
    }


def _lines(values: AreaValues | None) -> str:
    if values is None:
        return "—"
    return f"{format_count(values.rural)} / {format_count(values.urban)}"


def _by_area(values: AreaValues) -> str:
    return f"{format_count(values.rural)} đồng (nông thôn), {format_count(values.urban)} đồng (thành thị)"


def rule_in_words(std: Standard) -> list[str]:
    """The rule as Vietnamese sentences built from the standard's values (so local and what-if runs read true)."""
    k, n, line = std.min_deprivations, len(std.indicators), std.poverty_line
    deprived = f"thiếu hụt từ {k} trong {n} chỉ số trở lên"
    if std.extreme_poverty_line is not None:
        low = std.extreme_poverty_line
        poor = (f"Hộ nghèo: thu nhập bình quân đầu người/tháng từ {_by_area(low)} trở xuống, không xét thiếu hụt; "
                f"hoặc trên mức đó đến {_by_area(line)} và {deprived}.")
        near = f"Hộ cận nghèo: thu nhập trên {_by_area(low)} đến {_by_area(line)} và thiếu hụt dưới {k} chỉ số."
    else:
        poor = f"Hộ nghèo: thu nhập bình quân đầu người/tháng từ {_by_area(line)} trở xuống và {deprived}."
        near = f"Hộ cận nghèo: thu nhập từ {_by_area(line)} trở xuống và thiếu hụt dưới {k} chỉ số."
    sentences = [poor, near]
    if std.average_band_upper is not None:
        only = "; chỉ xác định cho hộ làm nông, lâm, ngư, diêm nghiệp" if std.average_agricultural_only else ""
        sentences.append(f"Hộ có mức sống trung bình: thu nhập trên chuẩn nghèo đến {_by_area(std.average_band_upper)}{only}.")
    else:
        sentences.append("Hộ có mức sống trung bình: chuẩn này không có khoảng thu nhập, không xác định.")
    sentences.append("Thu nhập trên chuẩn nghèo: hộ không nghèo, dù thiếu hụt bao nhiêu chỉ số.")
    if std.low_income_line is not None:
        sentences.append("Người lao động có thu nhập thấp: hộ không nghèo, không cận nghèo, thu nhập đến "
                         f"{_by_area(std.low_income_line)} (cột low_income).")
    if std.b1_threshold is not None:
        b2 = (f"; không có ô đánh dấu thì số chỉ số = điểm B2 ÷ {std.b2_points_per_indicator:g}"
              if std.b2_points_per_indicator else "")
        sentences.append(f"Khi không có thu nhập: đạt điều kiện thu nhập khi điểm B1 ≤ {_lines(std.b1_threshold)} "
                         f"(nông thôn / thành thị){b2}.")
    else:
        sentences.append("Chuẩn này không có ngưỡng điểm B1: hộ không có thu nhập, chỉ có điểm B1 là 'Chưa xác định'.")
    sentences.append("Ô chỉ số để trống là không thiếu hụt; ô không đọc được là chưa rõ; "
                     "chưa rõ chỉ làm hộ 'Chưa xác định' khi nó có thể đổi kết quả.")
    return sentences


def listing(items: list[Standard], examples: list[Standard] = ()) -> Table:  # type: ignore[assignment]
    """One row per standard: id, period, lines (rural / urban), legal source; local examples last."""
    table = Table(title="Chuẩn nghèo có sẵn (built-in standards)",
                  caption="Chuẩn nghèo: đồng/người/tháng, nông thôn / thành thị; k: số chỉ số thiếu hụt để là hộ nghèo")
    table.add_column("id", no_wrap=True)
    table.add_column("Giai đoạn", no_wrap=True)
    table.add_column("Chuẩn nghèo", no_wrap=True)
    table.add_column("k", no_wrap=True)
    table.add_column("Căn cứ pháp lý", overflow="fold")
    for s, kind in [(s, "") for s in items] + [(s, "ví dụ địa phương: ") for s in examples]:
        table.add_row(s.id, f"{s.valid_from}–{s.valid_to}", _lines(s.poverty_line), str(s.min_deprivations),
                      kind + (s.legal_sources[0] if s.legal_sources else ""))
    return table


def render(std: Standard) -> list[Any]:
    """One standard in full: lines, rule in words, indicators by dimension, what is marked to verify."""
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
        head.append(f"Điểm B1 tối đa: {_lines(std.b1_threshold)}")
        head.append(f"; B2 = {std.b2_points_per_indicator:g} điểm/chỉ số\n" if std.b2_points_per_indicator else "\n")
    head.append("Quy tắc:\n")
    for sentence in rule_in_words(std):
        head.append(f"  - {sentence}\n")
    for note in std.overrides:
        head.append(f"What-if: {note}\n", style="yellow")
    return [head, _indicator_table(std), *_verify_notes(std)]


def _indicator_table(std: Standard) -> Text:
    """Indicators grouped by dimension, in the standard's order (plain lines: readable at any width)."""
    text = Text()
    text.append(f"{len(std.indicators)} chỉ số thiếu hụt, theo chiều:\n", style="bold")
    dimension = None
    for n, ind in enumerate(std.indicators, start=1):
        if ind.dimension != dimension:
            dimension = ind.dimension
            text.append(f"{dimension}\n", style="bold")
        text.append(f"  {n}. {ind.name} [{ind.code}]")
        text.append(" — cần kiểm chứng\n" if ind.verify else "\n", style="yellow")
        text.append(f"     Thiếu hụt khi: {ind.deprived_when or '(chưa rõ)'}\n")
    return text


def _verify_notes(std: Standard) -> list[Text]:
    marked = [ind.code for ind in std.indicators if ind.verify]
    parts = []
    if marked:
        parts.append(Text(f"Cần kiểm chứng: {len(marked)}/{len(std.indicators)} chỉ số ({', '.join(marked)}).",
                          style="yellow"))
    parts.extend(Text(f"Cần kiểm chứng: {note}", style="yellow") for note in std.verify_notes)
    return parts
