"""Helpers for the boundary tables: build canonical household frames and classify them under a standard."""

from __future__ import annotations

from typing import Any

import pandas as pd

from povertool.domain.classify import classify_frame
from povertool.domain.standard import Standard
from povertool.read.standards import read_standard
from povertool.render.reasons import explain


def classify_with_words(frame: pd.DataFrame, standard: Standard, lang: str = "vi") -> pd.DataFrame:
    """classify_frame's result with the status label and the reason (the words only where a test reads them)."""
    result = classify_frame(frame, standard)
    words = explain(pd.concat([frame, result], axis=1), standard, lang)
    columns = ["status", "status_label", "deprivation_count", "deprived", "income_line", "reason", "low_income"]
    return pd.concat([result, words], axis=1)[[c for c in columns if c in result.columns or c in words.columns]]



def household(
    standard: Standard,
    *,
    area: str = "rural",
    income: float | None = None,
    deprived: int = 0,
    unknown: int = 0,
    agricultural: bool | None = None,
    b1: float | None = None,
    b2: float | None = None,
    marks: bool = True,
) -> dict[str, Any]:
    """One household with canonical fields: the first ``deprived`` indicators marked, the next ``unknown`` unreadable."""
    row: dict[str, Any] = {"area": area, "income_per_capita": income, "b1_score": b1, "b2_score": b2,
                           "agricultural": agricultural}
    if marks:
        for j, code in enumerate(standard.indicator_codes):
            row[code] = True if j < deprived else (None if j < deprived + unknown else False)
    return row


def classify_rows(standard: Standard, rows: list[dict[str, Any]], *, words: bool = True) -> pd.DataFrame:
    """Typed frame (as the reader gives it) → classify_frame result, with the status label and reason when
    ``words`` (the status tables do without: the rule is tested apart from its sentences)."""
    frame = typed_frame(standard, rows)
    return classify_with_words(frame, standard, "vi") if words else classify_frame(frame, standard)


def typed_frame(standard: Standard, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Household rows typed as the reader types them."""
    frame = pd.DataFrame(rows)
    for col in ("income_per_capita", "b1_score", "b2_score"):
        frame[col] = pd.array(frame[col], dtype="Float64")
    for col in ["agricultural", *[c for c in standard.indicator_codes if c in frame]]:
        frame[col] = pd.array(frame[col], dtype="boolean")
    return frame


def run_table(standard_id: str, table: list[tuple]) -> tuple[pd.DataFrame, list[str]]:
    """Rows (area, income, deprived, unknown, agricultural, expected) → (result, expected statuses)."""
    std = read_standard(standard_id)
    rows = [household(std, area=a, income=i, deprived=d, unknown=u, agricultural=g) for a, i, d, u, g, _ in table]
    return classify_rows(std, rows, words=False), [row[-1] for row in table]
