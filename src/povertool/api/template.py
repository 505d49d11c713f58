"""The template job: the fill-in survey workbook (or the two-sheet household + members form)."""

from __future__ import annotations

from pathlib import Path

from ..domain.standard import Standard
from ..errors import OutputError, UsageError
from ..render.writers import check_output
from .guards import check_year
from .standards import load_standard

DEFAULT_TEMPLATE = "mau-ra-soat.xlsx"
DEFAULT_ROSTER_TEMPLATE = "mau-ra-soat-thanh-vien.xlsx"


def write_template(
    path: str | Path | None = None,
    *,
    standard: str | Path | Standard | None = None,
    year: int | None = None,
    totals: str | Path | None = None,
    lang: str = "vi",
    force: bool = False,
    roster: bool = False,
    area_name: str | None = None,
) -> Path:
    """Write the fill-in survey workbook (default mau-ra-soat.xlsx here); never over an existing file unless ``force``.
    ``roster``: the two-sheet form (households, members) from which the indicators are derived (default
    mau-ra-soat-thanh-vien.xlsx). ``area_name`` ("Xã Tân Phú") fills the "UBND …" line and ``year`` the title's year."""
    from ..labels import LANGUAGES
    from ..read.totals import read_totals

    if lang not in LANGUAGES:
        raise UsageError.of("api.unknown_language", lang=lang)
    target = Path(path) if path is not None else Path(DEFAULT_ROSTER_TEMPLATE if roster else DEFAULT_TEMPLATE)
    if target.suffix.lower() != ".xlsx":
        raise OutputError.of("api.template_format", path=target, suffix=target.suffix)
    check_output(target, [Path(totals)] if totals is not None else [])
    if target.exists() and not force:
        raise OutputError.of("api.template_exists", path=target)
    check_year(year, standard=standard)
    std = load_standard(standard, year=year)
    unit_totals = read_totals(totals) if totals is not None else None
    if roster:
        from ..render.roster_template import write_roster_template

        write_roster_template(target, std, lang=lang, totals=unit_totals)
    else:
        from ..render.template import write_template as write_form

        write_form(target, std, lang=lang, totals=unit_totals, area_name=area_name, year=year)
    return target
