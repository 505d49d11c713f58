"""The national programmes' poverty-reduction targets by period, as frozen data (values from io/programme.toml)."""

from __future__ import annotations

from dataclasses import dataclass

YEARLY_REDUCTION = "yearly_reduction"
LEVEL_BELOW = "level_below"
TARGET_KINDS = (YEARLY_REDUCTION, LEVEL_BELOW)


@dataclass(frozen=True)
class ProgrammeTarget:
    """One target: a yearly fall of a rate (percentage points) or a level to be under by a year."""

    metric: str
    kind: str
    label: str
    label_en: str = ""
    main: bool = False  # the one the trend compares every year of the period against
    low_pp: float | None = None  # yearly fall: at least this (more than this when ``strict``)
    high_pp: float | None = None  # yearly fall: at most this (None: no upper end)
    strict: bool = False
    level_pct: float | None = None  # level: below this ...
    by: int | None = None  # ... by this year
    not_computed: str = ""  # why povertool cannot measure it from review lists ('' = it can)
    not_computed_en: str = ""

    def pace(self, reduction_pp: float) -> str:
        """'below', 'within' or 'above' the target range for a yearly fall of ``reduction_pp`` points."""
        low = self.low_pp or 0.0
        if reduction_pp < low or (self.strict and reduction_pp == low):
            return "below"
        if self.high_pp is not None and reduction_pp > self.high_pp:
            return "above"
        return "within"


@dataclass(frozen=True)
class ProgrammePeriod:
    """A programme's period (first and last year, inclusive), its source and its targets."""

    start: int
    end: int
    name: str
    source: str
    targets: tuple[ProgrammeTarget, ...]
    name_en: str = ""
    source_short: str = ""  # the source as a table cell names it ("QĐ 90/QĐ-TTg")

    @property
    def main(self) -> ProgrammeTarget:
        """The target the trend compares each year against (the first marked main, else the first)."""
        return next((t for t in self.targets if t.main), self.targets[0])

    def covers(self, year: int) -> bool:
        """True when ``year`` falls in this period."""
        return self.start <= year <= self.end


def period_for_year(periods: tuple[ProgrammePeriod, ...] | list[ProgrammePeriod], year: int) -> ProgrammePeriod | None:
    """The period in force in ``year`` (None outside every period)."""
    return next((p for p in periods if p.covers(year)), None)
