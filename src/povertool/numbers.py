"""Numbers as officials write them: 4,03% and 1.500.000 (Vietnamese), 4.03% and 1,500,000 (English)."""

from __future__ import annotations


def format_number(value: float, decimals: int = 2, lang: str = "vi", *, sign: bool = False,
                  thousands: bool = True) -> str:
    """A number with ``decimals`` decimals; Vietnamese swaps the separators: 1.234,56 (vi), 1,234.56 (en)."""
    text = f"{value:{'+' if sign else ''}{',' if thousands else ''}.{decimals}f}"
    if lang != "vi":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_rate(value: float | None, lang: str = "vi", decimals: int = 2) -> str:
    """A percentage with two decimals: '4,03%' (vi) or '4.03%' (en); '—' when there is none."""
    if value is None:
        return "—"
    return format_number(value, decimals, lang, thousands=False) + "%"


def format_count(value: float | int | None, lang: str = "vi") -> str:
    """Whole numbers with thousands separators: '30.125' (vi) or '30,125' (en)."""
    if value is None:
        return "—"
    return format_number(int(round(value)), 0, lang)
