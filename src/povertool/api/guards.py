"""Guards on how a command was called and what its files hold (issue 12): years, rounds, standards, rejected rows.

API-layer helpers: each either raises one clear error or returns sentences for people (from messages.toml).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..errors import DataError, UsageError
from ..messages import fix, id_list_of, text
from ..render.guard_notes import round_name, totals_when

SHOWN_REJECTED = 5  # rejected rows named on stderr; the rest are counted (all are in check, the sheet and --json)


def check_denominator_choice(totals: object, census: bool) -> None:
    """A report needs real denominators (--totals), or --census to say the list holds every household."""
    if totals is None and not census:
        raise UsageError(text("guard.report_needs_totals"), hint=fix("guard.report_needs_totals"))
    check_census_flag(totals, census)


def check_census_flag(totals: object, census: bool) -> None:
    """--census and --totals exclude each other."""
    if totals is not None and census:
        raise UsageError(text("guard.census_and_totals"), hint=fix("guard.census_and_totals"))


# Years -----------------------------------------------------------------------------------------------------------

def year_range(standard: Any = None) -> tuple[int, int]:
    """The first and last year any built-in standard (and a given local one) covers."""
    from ..read import standards as std_io

    items = [std_io.read_standard(i) for i in std_io.builtin_ids()]
    first, last = min(s.valid_from for s in items), max(s.valid_to for s in items)
    if isinstance(standard, (str, Path)):  # a local standard may cover other years
        from ..errors import StandardError

        try:
            standard = std_io.read_standard(standard)
        except StandardError:
            standard = None  # the run names the bad standard itself
    if standard is not None and hasattr(standard, "valid_from"):
        first, last = min(first, standard.valid_from), max(last, standard.valid_to)
    return first, last


def check_year(year: int | None, option: str = "--year", standard: Any = None) -> None:
    """Stop on a year that is not four digits within the standards' periods (``--year 24``)."""
    if year is None:
        return
    first, last = year_range(standard)
    if not (1000 <= year <= 9999 and first <= year <= last):
        raise UsageError(text("guard.year_invalid", option=option, year=year, first=first, last=last),
                         hint=fix("guard.year_invalid", option=option))


def mixed_years(sources: Iterable[Any], year: int | None) -> str | None:
    """Files of one survey whose titles name different years: an error, or with ``--year`` a warning (returned)."""
    by_file: dict[str, int] = {}
    for s in sources:
        if getattr(s, "title_year", None):
            by_file.setdefault(Path(s.path).name, s.title_year)
    if len(set(by_file.values())) < 2:
        return None
    files = "; ".join(f"{name} ({y})" for name, y in by_file.items())
    if year is None:
        raise DataError(text("guard.mixed_years", files=files), hint=fix("guard.mixed_years"))
    return text("guard.mixed_years_warning", files=files, year=year)


def check_round_years(baseline: int | None, current: int | None, baseline_from: str, current_from: str,
                      *, command: str = "progress") -> None:
    """Stop when the baseline round is not before the current one (swapped files or a wrong year)."""
    if baseline is None or current is None or baseline < current:
        return
    raise DataError(text("guard.baseline_not_before", baseline=baseline, current=current,
                         baseline_from=text(f"guard.year_from_{baseline_from}"),
                         current_from=text(f"guard.year_from_{current_from}")),
                    hint=text(f"guard.baseline_not_before_fix_{'report' if command == 'report' else 'progress'}"))


def review_year(option: int | None, title: int | None, plan: int | None) -> tuple[int | None, str]:
    """The current round's year and its source ('option', 'title', 'plan'): the option (--year, --current-year),
    else the list's title, else the plan's year; report and progress both decide it here."""
    if option is not None:
        return option, "option"
    if title is not None:
        return title, "title"
    if plan is not None:
        return plan, "plan"
    return None, "title"


def check_plan_year(plan_year: int | None, plan_file: object, year: int | None, source: str, option: str) -> None:
    """Stop when the plan is for another year than the current round: its targets would be judged on other data."""
    if plan_year is None or year is None or plan_year == year or source == "plan":
        return
    name = Path(str(plan_file)).name if isinstance(plan_file, (str, Path)) else ""
    plan_from = text("guard.plan_year_from_file", file=name) if name else text("guard.year_from_plan")
    year_from = text("guard.year_from_named_option", option=option) if source == "option" else text("guard.year_from_title")
    raise DataError(text("guard.plan_year_differs", plan=plan_year, plan_from=plan_from, year=year, year_from=year_from),
                    hint=text("guard.plan_year_differs_fix", plan=plan_year, year=year, option=option))


# Units missing from the totals ------------------------------------------------------------------------------------

def check_units_in_totals(units: Iterable[str], year: int | None, round_: str | None = None) -> None:
    """The report stops when a unit of the lists is missing from the totals file (no silent denominator)."""
    units = list(units)
    if units:
        when = totals_when(year, round_)
        raise DataError(text("guard.report_units_not_in_totals", units=id_list_of(units), when=when),
                        hint=fix("guard.report_units_not_in_totals", when=when))


# Rounds ----------------------------------------------------------------------------------------------------------

def _file_digests(inputs: Any) -> dict[str, str]:
    """SHA-256 -> file name for every file of ``inputs`` (files or folders; other objects give nothing)."""
    items = inputs if isinstance(inputs, (list, tuple)) else [inputs]
    out: dict[str, str] = {}
    for item in items:
        if not isinstance(item, (str, Path)):
            continue
        path = Path(item)
        files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))) \
            if path.is_dir() else [path] if path.is_file() else []
        for f in files:
            digest = hashlib.sha256()
            with f.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            out.setdefault(digest.hexdigest(), f.name)
    return out


def check_distinct_rounds(rounds: Mapping[str, Any]) -> None:
    """Stop when one file (same checksum) is given for two rounds, e.g. as both baseline and current."""
    seen: dict[str, tuple[str, str]] = {}
    for name, inputs in rounds.items():
        for digest, file in _file_digests(inputs).items():
            if digest in seen and seen[digest][0] != name:
                first, first_file = seen[digest]
                files = first_file if first_file == file else f"{first_file} = {file}"
                raise DataError(text("guard.same_file", first=round_name(first), second=round_name(name), files=files),
                                hint=fix("guard.same_file"))
            seen.setdefault(digest, (name, file))


def check_round_standards(standards: Mapping[str, str], allow_change: bool) -> str | None:
    """Rounds classified under different standards: an error, or with ``allow_change`` the note to show."""
    if len(set(standards.values())) < 2:
        return None
    rounds = "; ".join(text("guard.round_standard", round=round_name(name), standard=sid) for name, sid in standards.items())
    if not allow_change:
        raise DataError(text("guard.standards_differ", rounds=rounds), hint=fix("guard.standards_differ"))
    return text("guard.standard_changed", rounds=rounds)


# The review year and its standard ---------------------------------------------------------------------------------

def review_year_note(standard: Any, year: int | None, standard_given: bool) -> str | None:
    """When the review year's standard differs from the next year's (the review of year N decides year N+1, domain
    §7) and no --standard was given: which standard was used, why, and how to run the other one."""
    if standard_given or year is None or standard is None:
        return None
    from ..errors import StandardError
    from ..read import standards as std_io

    try:
        used, following = std_io.standard_for_year(year), std_io.standard_for_year(year + 1)
    except StandardError:
        return None
    if used.id == following.id or used.id != standard.id:
        return None
    english = _english()
    return text("guard.review_year_standard", year=year, next=year + 1, used=used.id, other=following.id,
                used_name=(used.name_en or used.name) if english else used.name,
                other_name=(following.name_en or following.name) if english else following.name)


def _english() -> bool:
    from ..messages import current_language

    return current_language() == "en"


def classification_notes(sources: Iterable[Any], standard: Any, year: int | None, standard_given: bool) -> list[str]:
    """What classify says about its run: files naming different years (an error without --year) and the review
    year's standard (domain.md §7)."""
    notes = []
    mixed = mixed_years(sources, year)
    if mixed:
        notes.append(mixed)
    review = review_year_note(standard, year or year_of_selection(standard.selected_by), standard_given)
    if review:
        notes.append(review)
    return notes


def year_of_selection(selected_by: str | None) -> int | None:
    """The year a standard was chosen by ('--year 2026', 'year 2026 in the file title', 'current year 2026')."""
    import re

    if not selected_by or selected_by.startswith("--standard"):
        return None
    found = re.search(r"\b(\d{4})\b", selected_by)
    return int(found.group(1)) if found else None


# Rejected rows -------------------------------------------------------------------------------------------------------

def rejected_rows(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One record per rejected row (a row with several problems is one row: its first problem is kept)."""
    rows: dict[tuple, dict[str, Any]] = {}
    for r in records:
        key = (r.get("file"), r.get("sheet"), r.get("row"))
        if key not in rows:
            rows[key] = dict(r)
    return list(rows.values())


def rejected_lines(records: Iterable[Mapping[str, Any]], round_: str | None = None) -> list[str]:
    """How many rows were rejected and the first few by file, sheet, row, column and problem (never a value)."""
    rows = rejected_rows(records)
    if not rows:
        return []
    where = text("guard.rejected_round", round=round_name(round_)) if round_ else ""
    lines = [text("guard.rejected_rows", n=len(rows), where=where)]
    for r in rows[:SHOWN_REJECTED]:
        column = text("guard.rejected_column", column=r["column"]) if r.get("column") else ""
        fields = {"file": Path(str(r.get("file") or "")).name, "row": r.get("row") if r.get("row") is not None else "?",
                  "column": column, "problem": r.get("problem") or ""}
        lines.append(text("guard.rejected_first", sheet=r["sheet"], **fields) if r.get("sheet")
                     else text("guard.rejected_first_no_sheet", **fields))  # a CSV has no sheet
    if len(rows) > SHOWN_REJECTED:
        lines.append(text("guard.rejected_more", n=len(rows) - SHOWN_REJECTED))
    return lines
