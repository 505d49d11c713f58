"""Urban and rural blocks, as official summaries group units: I. Thành thị, II. Nông thôn, each with its
subtotal, then the total. A unit belongs to a block by the area of its households; the blocks are only made when
the lists hold both areas and every unit lies wholly in one of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .denominators import key_column
from .models import RURAL, URBAN

BLOCK_ORDER: tuple[str, ...] = (URBAN, RURAL)


@dataclass
class UnitAreas:
    """Per unit name key: its area; ``mixed`` names the units with households in both areas."""

    level: str
    areas: dict[str, str] = field(default_factory=dict)
    mixed: list[str] = field(default_factory=list)

    @property
    def blocks(self) -> bool:
        """Whether to group in blocks: both areas present, no unit in both."""
        return not self.mixed and set(self.areas.values()) == set(BLOCK_ORDER)


def unit_areas(households: pd.DataFrame, level: str) -> UnitAreas:
    """The area of each unit of ``level`` from its households (one pass per distinct unit)."""
    if level not in households or "area" not in households:
        return UnitAreas(level)
    frame = pd.DataFrame({"key": key_column(households[level]), "name": households[level],
                          "area": households["area"].astype(object)})
    frame = frame[(frame["key"] != "") & frame["area"].isin(BLOCK_ORDER)]
    per_unit = frame.groupby("key", sort=False).agg(areas=("area", lambda a: sorted(set(a))), name=("name", "first"))
    areas = {k: a[0] for k, a in per_unit["areas"].items() if len(a) == 1}
    mixed = [str(n) for n, a in zip(per_unit["name"], per_unit["areas"]) if len(a) > 1]
    return UnitAreas(level, areas, mixed)
