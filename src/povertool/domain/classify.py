"""Classify households by a standard: whole-column operations, no Python loop per household.

Input: a frame with canonical fields (area, income_per_capita, b1_score, b2_score, agricultural and one
nullable-boolean column per indicator code; any may be absent). Output: the result columns of spec §3.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..messages import current_language, text
from .models import AVERAGE, NEAR_POOR, NOT_POOR, POOR, UNDETERMINED
from .standard import AreaValues, Standard

# Which criterion decided the income test.
PATH_INCOME = "income"
PATH_SCORE = "score"
PATH_NONE = "none"


def _float_column(frame: pd.DataFrame, name: str) -> np.ndarray:
    if name not in frame:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _bool_column(frame: pd.DataFrame, name: str) -> np.ndarray:
    """1.0 true, 0.0 false, NaN unknown (or column absent)."""
    if name not in frame:
        return np.full(len(frame), np.nan)
    col = frame[name]
    return col.astype("Float64").to_numpy(dtype=float, na_value=np.nan)


def _per_area(values: AreaValues | None, urban: np.ndarray) -> np.ndarray:
    if values is None:
        return np.full(urban.shape, np.nan)
    return np.where(urban, values.urban, values.rural)


def deprivation_matrix(frame: pd.DataFrame, standard: Standard) -> tuple[np.ndarray, np.ndarray]:
    """(deprived, unknown) boolean matrices, one column per indicator of the standard."""
    n = len(frame)
    codes = standard.indicator_codes
    marks = np.full((n, len(codes)), np.nan)
    for j, code in enumerate(codes):
        if code in frame:
            marks[:, j] = _bool_column(frame, code)
    return marks == 1.0, np.isnan(marks)


def _deprivation_counts(frame: pd.DataFrame, standard: Standard) -> dict[str, np.ndarray]:
    """Deprived/unknown counts per household: from the marks, else (no mark readable) B2 ÷ points per indicator."""
    deprived, unknown = deprivation_matrix(frame, standard)
    n_ind = len(standard.indicators)
    dep_count = deprived.sum(axis=1).astype(float)
    unk_count = unknown.sum(axis=1).astype(float)
    b2 = _float_column(frame, "b2_score")
    from_b2 = np.zeros(len(frame), dtype=bool)
    if standard.b2_points_per_indicator:
        # Score path (TT 07/2021): no mark of this household could be read, so B2 carries the count.
        from_b2 = unknown.all(axis=1) & ~np.isnan(b2)
        by_score = np.clip(np.floor(np.nan_to_num(b2) / standard.b2_points_per_indicator), 0, n_ind)
        dep_count = np.where(from_b2, by_score, dep_count)
        unk_count = np.where(from_b2, 0.0, unk_count)
    has_marks = any(code in frame for code in standard.indicator_codes)
    return {"deprived": deprived, "dep_count": dep_count, "unk_count": unk_count, "from_b2": from_b2, "b2": b2,
            "counted": from_b2 | has_marks}


def _income_criterion(frame: pd.DataFrame, standard: Standard, urban: np.ndarray) -> dict[str, np.ndarray]:
    """Which path decides the income test per household, and whether the household meets it.

    Both paths may have a lower tier that is poor whatever the deprivations: income at or below
    ``extreme_poverty_line`` (vn-2016: the poverty line), or B1 at or below ``b1_poor_threshold`` (TT 14/2018)."""
    income = _float_column(frame, "income_per_capita")
    b1 = _float_column(frame, "b1_score")
    line = _per_area(standard.poverty_line, urban)
    b1_line = _per_area(standard.b1_threshold, urban)
    has_income = ~np.isnan(income)
    has_score = ~has_income & ~np.isnan(b1) & ~np.isnan(b1_line)
    path = np.where(has_income, PATH_INCOME, np.where(has_score, PATH_SCORE, PATH_NONE))
    meets = np.where(has_income, income <= line, has_score & (b1 <= b1_line))
    extreme_line = _per_area(standard.extreme_poverty_line, urban)
    b1_poor_line = _per_area(standard.b1_poor_threshold, urban)
    # A NaN line compares False: no lower tier where the standard has none.
    extreme = (has_income & (income <= extreme_line)) | (has_score & (b1 <= b1_poor_line))
    return {
        "income": income, "b1": b1, "line": line, "b1_line": b1_line, "path": path, "meets": meets,
        "known": has_income | has_score, "has_income": has_income, "extreme_line": extreme_line,
        "b1_poor_line": b1_poor_line, "extreme": extreme,
        "no_b1_line": ~has_income & ~np.isnan(b1) & np.isnan(b1_line),
    }


def reason_figures(
    frame: pd.DataFrame, standard: Standard
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """The figures that decide each household (income test, deprivation counts, average band, urban): what a
    reason sentence names (reasons.py writes the sentence where output is written)."""
    n = len(frame)
    area = frame["area"].to_numpy(dtype=object) if "area" in frame else np.full(n, None, dtype=object)
    urban = area == "urban"
    return (_income_criterion(frame, standard, urban), _deprivation_counts(frame, standard),
            _per_area(standard.average_band_upper, urban), urban)


def classify_frame(frame: pd.DataFrame, standard: Standard) -> pd.DataFrame:
    """Result codes and figures: status, deprivation_count, deprived, income_line, and low_income when the
    standard defines low-income workers. The words (status_label, reason) are the border's (reasons.py)."""
    c, d, band_upper, urban = reason_figures(frame, standard)
    known, meets, income, has_income = c["known"], c["meets"], c["income"], c["has_income"]

    k = standard.min_deprivations
    poor = known & meets & (c["extreme"] | (d["dep_count"] >= k))
    near_poor = known & meets & ~poor & (d["dep_count"] + d["unk_count"] < k)
    undetermined = ~known | (meets & ~poor & ~near_poor)

    average = known & ~meets & has_income & (income <= band_upper)
    if standard.average_agricultural_only:
        average &= _bool_column(frame, "agricultural") == 1.0
    not_poor = known & ~meets & ~average

    status = np.select(
        [poor, near_poor, average, not_poor, undetermined],
        [POOR, NEAR_POOR, AVERAGE, NOT_POOR, UNDETERMINED],
        default=UNDETERMINED,
    ).astype(object)

    # NĐ 30/2025: neither poor nor near-poor, income known and at or below the low-income line.
    low_line = _per_area(standard.low_income_line, urban)
    low_income = pd.array((average | not_poor) & (income <= low_line), dtype="boolean")
    low_income[~has_income | np.isnan(low_line)] = pd.NA

    result = pd.DataFrame(
        {
            "status": status,
            "deprivation_count": pd.array(np.round(np.where(d["counted"], d["dep_count"], np.nan)), dtype="Float64")
            .astype("Int64"),
            "deprived": _deprived_codes(d["deprived"], standard.indicator_codes),
            "income_line": np.where(c["path"] == PATH_SCORE, c["b1_line"], c["line"]),
            "low_income": low_income,
        },
        index=frame.index,
    )
    if standard.low_income_line is None:
        return result.drop(columns="low_income")  # a standard without the low-income worker has no such flag
    return result


def low_income_note(standard: Standard, year: int | None, lang: str | None = None) -> str | None:
    """Why this run's low-income flag is to verify (NĐ 30/2025 defines it for 2021–2025), or None when it is not."""
    if not standard.low_income_to_verify(year):
        return None
    from ..messages import current_language, text

    lang = lang or current_language()
    note = standard.low_income_verify_note_en if lang == "en" else standard.low_income_verify_note
    code = "classify.low_income_verify" if year is not None else "classify.low_income_verify_unknown_year"
    return text(code, lang=lang, year=year, until=standard.low_income_valid_to, note=note).strip()


def standard_notes(frame: pd.DataFrame, standard: Standard, *, year: int | None = None) -> list[str]:
    """Run-level notes about how the standard met the data (e.g. B1 scores a standard cannot use, a low-income
    flag for a year its line is not confirmed for)."""
    notes = []
    low_income = low_income_note(standard, year)
    if low_income is not None and len(frame):
        notes.append(low_income)
    if standard.b1_threshold is None and "b1_score" in frame:
        score_only = frame["b1_score"].notna() & np.isnan(_float_column(frame, "income_per_capita"))
        if score_only.any():
            notes.append(text("classify.b1_without_threshold", count=int(score_only.sum()), id=standard.id,
                              score=standard.term("b1", current_language())))
    return notes


def _deprived_codes(deprived: np.ndarray, codes: tuple[str, ...]) -> np.ndarray:
    """'code1;code2' per row: encode each row as a bit mask, format each distinct mask once."""
    n = deprived.shape[0]
    if not codes:
        return np.full(n, "", dtype=object)
    weights = (1 << np.arange(len(codes), dtype=np.int64))
    masks = deprived.astype(np.int64) @ weights
    uniques, inverse = np.unique(masks, return_inverse=True)
    texts = np.array(
        [";".join(c for j, c in enumerate(codes) if (int(m) >> j) & 1) for m in uniques], dtype=object
    )
    return texts[inverse.reshape(-1)]
