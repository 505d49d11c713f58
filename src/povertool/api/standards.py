"""The standards job: list and load the standards, and choose the one a run uses (in one place)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..domain.standard import Standard
from ..errors import StandardError
from ..messages import text
from ..read import standards as _standards
from .options import WhatIf


def list_standards(*, examples: bool = False) -> list[Standard]:
    """Every built-in standard, oldest first (``examples``: the shipped local examples instead)."""
    ids = _standards.example_ids() if examples else _standards.builtin_ids()
    found = [_standards.read_standard(i) for i in ids]
    return found if examples else sorted(found, key=lambda s: s.valid_from)


@dataclass
class StandardsCatalogue:
    """What ``povertool standards`` shows: one standard, or the national ones and the shipped examples."""

    chosen: Standard | None = None
    national: list[Standard] = field(default_factory=list)
    examples: list[Standard] = field(default_factory=list)


def standards_catalogue(ref: str | Path | None = None, *, year: int | None = None) -> StandardsCatalogue:
    """The standard ``ref`` (id or TOML file) or the one in force in ``year`` as written in its file; with
    neither, every national standard and the shipped examples, by id."""
    if year is not None:
        from .guards import check_year

        check_year(year)
        if ref is None:
            ref = _standards.standard_for_year(year).id
    if ref is not None:
        return StandardsCatalogue(chosen=_standards.read_standard(ref))
    return StandardsCatalogue(national=[_standards.read_standard(i) for i in _standards.builtin_ids()],
                              examples=[_standards.read_standard(i) for i in _standards.example_ids()])


def load_standard(
    ref: str | Path | Standard | None = None,
    *,
    year: int | None = None,
    min_deprivations: int | None = None,
    income_line_rural: float | None = None,
    income_line_urban: float | None = None,
) -> Standard:
    """A standard by id or TOML path, else the one in force for ``year`` (default: this year's review),
    with what-if overrides applied; ``selected_by`` says which of these chose it."""
    if isinstance(ref, Standard):
        standard = ref if ref.selected_by else ref.selected("given")
    elif ref is not None:
        standard = _standards.read_standard(ref)
        outside = year is not None and not standard.valid_from <= year <= standard.valid_to
        note = text("standard.chosen.outside", year=year, start=standard.valid_from, end=standard.valid_to) if outside else ""
        standard = standard.selected(text("standard.chosen.given", ref=ref, note=note))
    elif year is not None:
        standard = _standards.standard_for_year(year).selected(text("standard.chosen.year", year=year))
    else:
        today = dt.date.today().year
        standard = _standards.standard_for_year(today).selected(text("standard.chosen.today", year=today))
    return standard.with_overrides(
        min_deprivations=min_deprivations,
        income_line_rural=income_line_rural,
        income_line_urban=income_line_urban,
    )


def choose_standard(
    standard: str | Path | Standard | None,
    *,
    year: int | None = None,
    title_year: int | None = None,
    what_if: WhatIf | None = None,
) -> Standard:
    """The standard of a run: ``standard`` (id, TOML path or Standard), else the one in force for ``year``, else
    for ``title_year`` (the year in the files' titles), else for the current year; what-if values applied.

    A title year no standard covers (a misread number) does not stop the run: the standard of the year stays,
    and ``selected_by`` names the title year either way."""
    overrides = (what_if or WhatIf()).arguments()
    chosen = load_standard(standard, year=year, **overrides)
    if standard is not None or year is not None or title_year is None:
        return chosen
    try:
        titled = _standards.standard_for_year(title_year)
    except StandardError:
        titled = None
    how = text("standard.chosen.title", year=title_year)
    if titled is not None and titled.id != chosen.id:
        return titled.selected(how).with_overrides(**overrides)
    return replace(chosen, selected_by=how)


def indicator_dimensions(standard_id: str | None) -> dict[str, str]:
    """Indicator code -> dimension of a built-in standard (empty for a local standard known only by its file)."""
    if not standard_id:
        return {}
    try:
        return {i.code: i.dimension for i in load_standard(standard_id).indicators}
    except StandardError:
        return {}
