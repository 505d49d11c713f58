"""Numbers as officials write them: 4,03% and 1.500.000."""

from __future__ import annotations


def format_rate(value: float | None, lang: str = "vi", decimals: int = 2) -> str:
    """A percentage with two decimals: '4,03%' (vi) or '4.03%' (en); '—' when there is none."""
    if value is None:
        return "—"
    text = f"{value:.{decimals}f}%"
    return text.replace(".", ",") if lang == "vi" else text


def format_count(value: float | int | None, lang: str = "vi") -> str:
    """Whole numbers with thousands separators: '30.125' (vi) or '30,125' (en)."""
    if value is None:
        return "—"
    text = f"{int(round(value)):,}"
    return text.replace(",", ".") if lang == "vi" else text
