"""The guards' sentences that tables and the terminal print: round names and units missing from the totals."""

from __future__ import annotations

from collections.abc import Iterable

from ..messages import id_list_of, text


def round_name(name: str) -> str:
    """'current', 'baseline', 'history 2' in the language of the run."""
    if name.startswith("history"):
        return text("guard.round_history", n=name.split()[-1])
    return text(f"guard.round_{name}")


def totals_when(year: int | None, round_: str | None, lang: str | None = None) -> str:
    """'năm 2024', 'năm 2024, kỳ gốc' (the rows of the totals file looked at)."""
    when = text("guard.totals_year", lang, year=year) if year is not None else text("guard.totals_no_year", lang)
    return text("guard.totals_round", lang, when=when, round=round_name(round_)) if round_ else when


def units_not_in_totals(units: Iterable[str], year: int | None, round_: str | None = None,
                        lang: str | None = None) -> str:
    """The warning of summary, classify and progress: units of the list absent from the totals file, and why it
    matters (their denominator is the list, so their rates and the area's are wrong)."""
    return text("guard.units_not_in_totals", lang, units=id_list_of(list(units), lang=lang),
                when=totals_when(year, round_, lang))
