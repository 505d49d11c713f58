"""Status codes, canonical field names and row problems shared by every layer."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# Status codes (spec §3). Labels live in reports/labels.toml.
POOR = "poor"
NEAR_POOR = "near_poor"
AVERAGE = "average"
NOT_POOR = "not_poor"
UNDETERMINED = "undetermined"
STATUSES: tuple[str, ...] = (POOR, NEAR_POOR, AVERAGE, NOT_POOR, UNDETERMINED)

RURAL = "rural"
URBAN = "urban"
AREAS: tuple[str, ...] = (RURAL, URBAN)

# Where each household came from; added by the reader, kept through every step.
SOURCE_FIELDS: tuple[str, ...] = ("source_file", "source_sheet", "source_row")

# Output columns appended by classify (spec §3), in order.
RESULT_FIELDS: tuple[str, ...] = (
    "status",
    "status_label",
    "deprivation_count",
    "deprived",
    "income_line",
    "reason",
    "low_income",
)

# Fields that are personal data: never in logs, errors or --json.
PERSONAL_FIELDS: frozenset[str] = frozenset({"head_name", "id_number", "address"})

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem found in the data: where it is, what it is and how to fix it."""

    severity: str  # ERROR rejects the row (or the file); WARNING is reported and the row kept
    problem: str
    fix: str = ""
    file: str = ""
    sheet: str = ""
    row: int | None = None  # Excel row number (1-based), None for file-level problems
    column: str = ""  # the column as written in the file
    value: str = ""
    code: str = ""  # short machine code, e.g. "duplicate_id"

    def to_dict(self) -> dict[str, Any]:
        """The problem as a plain dict (for JSON and tables)."""
        return asdict(self)

    def location(self) -> str:
        """'file, sheet "S", row 12, column "Số nhân khẩu"' — as much as is known."""
        parts = [self.file] if self.file else []
        if self.sheet:
            parts.append(f'sheet "{self.sheet}"')
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f'column "{self.column}"')
        return ", ".join(parts)
