"""Classify households by a standard: whole-column operations, no Python loop per household.

Input: a frame with canonical fields (area, income_per_capita, b1_score, b2_score, agricultural and one
nullable-boolean column per indicator code; any may be absent). Output: the result columns of spec §3.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

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


def classify_frame(frame: pd.DataFrame, standard: Standard, *, labels: dict[str, str]) -> pd.DataFrame:
    """Result columns (status, status_label, deprivation_count, deprived, income_line, reason, and low_income
    when the standard defines low-income workers)."""
    n = len(frame)
    area = frame["area"].to_numpy(dtype=object) if "area" in frame else np.full(n, None, dtype=object)
    urban = area == "urban"
    d = _deprivation_counts(frame, standard)
    c = _income_criterion(frame, standard, urban)
    known, meets, income, has_income = c["known"], c["meets"], c["income"], c["has_income"]

    k = standard.min_deprivations
    poor = known & meets & (c["extreme"] | (d["dep_count"] >= k))
    near_poor = known & meets & ~poor & (d["dep_count"] + d["unk_count"] < k)
    undetermined = ~known | (meets & ~poor & ~near_poor)

    band_upper = _per_area(standard.average_band_upper, urban)
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
            "status_label": pd.Series(status).map(labels).to_numpy(dtype=object),
            "deprivation_count": pd.array(np.where(d["counted"], d["dep_count"], np.nan), dtype="Float64")
            .round()
            .astype("Int64"),
            "deprived": _deprived_codes(d["deprived"], standard.indicator_codes),
            "income_line": np.where(c["path"] == PATH_SCORE, c["b1_line"], c["line"]),
            "low_income": low_income,
        },
        index=frame.index,
    )
    result["reason"] = _reasons(status=status, c=c, d=d, band_upper=band_upper, urban=urban, standard=standard,
                                labels=labels, index=frame.index)
    columns = ["status", "status_label", "deprivation_count", "deprived", "income_line", "reason", "low_income"]
    if standard.low_income_line is None:
        columns.remove("low_income")  # a standard without the low-income worker (vn-2016, vn-2027) has no such flag
    return result[columns]


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
            notes.append(
                f"{int(score_only.sum())} household(s) have a B1 score but no income, and {standard.id} has no B1 "
                "threshold: they are undetermined. Add income, or use a standard with scores.b1_threshold."
            )
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


def format_vnd(values: np.ndarray) -> np.ndarray:
    """Numbers the Vietnamese way (1.500.000; 120,5), formatted once per distinct value."""
    series = pd.Series(values, dtype=float)
    mapping = {v: format_number_vi(v) for v in series.dropna().unique()}
    texts = series.map(mapping).astype(object)
    return texts.where(texts.notna(), "").to_numpy(dtype=object)


def format_number_vi(value: float, decimals: int | None = None) -> str:
    """'.' for thousands and ',' for decimals; whole numbers without decimals unless asked."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _reasons(
    *, status: np.ndarray, c: dict[str, np.ndarray], d: dict[str, np.ndarray], band_upper: np.ndarray,
    urban: np.ndarray, standard: Standard, labels: dict[str, str], index: pd.Index,
) -> pd.Series:
    """One Vietnamese sentence per household with the figures that decided it, naming the path used.

    Only one figure varies from household to household (its income, or its B1 score); everything else in the
    sentence takes few values. So the sentence is written once per distinct combination of the rest, with a
    marker where the figure goes, and each household's figure is joined in by a single Arrow operation."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(status)
    path = c["path"]
    b1_figure = (path == PATH_SCORE) | c["no_b1_line"]
    figure = np.where(path == PATH_INCOME, c["income"], np.where(b1_figure, c["b1"], np.nan))
    key = pd.DataFrame({
        # Text columns enter the key as integer codes: cheaper to group than strings.
        "status": pd.factorize(status)[0], "path": pd.factorize(path)[0], "extreme": c["extreme"], "line": c["line"], "urban": urban,
        "band": band_upper, "xl": c["extreme_line"], "b1_line": c["b1_line"], "b1_xl": c["b1_poor_line"], "no_b1": c["no_b1_line"],
        "dep": d["dep_count"], "unk": d["unk_count"], "from_b2": d["from_b2"], "b2": d["b2"],
    })
    codes, firsts = _group_codes(key)
    marker = np.full(len(firsts), _FIGURE, dtype=object)
    templates = _sentences(
        status=status[firsts], c=_rows(c, firsts, n), d=_rows(d, firsts, n), band_upper=band_upper[firsts],
        urban=urban[firsts], standard=standard, labels=labels, income_text=marker, b1_text=marker,
    ).to_numpy(dtype=object)
    parts = [t.split(_FIGURE, 1) if _FIGURE in t else [t, ""] for t in templates]
    group = pa.array(codes)
    heads = pa.array([p[0] for p in parts], pa.string()).take(group)
    tails = pa.array([p[1] for p in parts], pa.string()).take(group)
    # Each distinct figure is formatted once; a household without one gets "" (the last entry).
    fig_codes, fig_values = pd.factorize(figure)
    fig_texts = pa.array([format_number_vi(v) for v in fig_values] + [""], pa.string())
    figures = fig_texts.take(pa.array(np.where(fig_codes < 0, len(fig_values), fig_codes)))
    joined = pc.binary_join_element_wise(heads, figures, tails, "")
    return pd.Series(joined.to_numpy(zero_copy_only=False), index=index, dtype=object)


# Stands for the household's own figure in a sentence template; never occurs in real text.
_FIGURE = "\ue000"  # a private-use character


def _group_codes(key: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(group number per row, first row of each group) for the distinct rows of ``key`` (NaN equal to NaN)."""
    codes = key.groupby(list(key.columns), dropna=False, sort=False).ngroup().to_numpy()
    _, firsts = np.unique(codes, return_index=True)
    return codes, firsts


def _rows(values: dict[str, np.ndarray], rows: np.ndarray, n: int) -> dict[str, np.ndarray]:
    """The given rows of every per-household array in ``values`` (other entries as they are)."""
    return {k: v[rows] if isinstance(v, np.ndarray) and v.shape[:1] == (n,) else v for k, v in values.items()}


def _sentences(
    *, status: np.ndarray, c: dict[str, np.ndarray], d: dict[str, np.ndarray], band_upper: np.ndarray,
    urban: np.ndarray, standard: Standard, labels: dict[str, str], income_text: np.ndarray, b1_text: np.ndarray,
) -> pd.Series:
    """The sentences, with the income and B1 figures given as text (see _reasons)."""
    index = pd.RangeIndex(len(status))
    s = lambda a: pd.Series(a, index=index, dtype=object)  # noqa: E731
    path, extreme, k = c["path"], c["extreme"], standard.min_deprivations
    area_text = s(np.where(urban, "thành thị", "nông thôn"))
    inc, b1t = s(income_text), s(b1_text)
    ln, up, xl = (s(format_vnd(v)) for v in (c["line"], band_upper, c["extreme_line"]))
    b1l = s(format_vnd(c["b1_line"]))
    meets = np.isin(status, [POOR, NEAR_POOR]) | ((status == UNDETERMINED) & (path != PATH_NONE))

    # The lines and scores by the names of the standard's legal text (vn-2016: chuẩn nghèo 700.000 is the lower
    # tier, chuẩn cận nghèo 1.000.000 the upper; vn-2022: chuẩn nghèo; TT 07/2021: điểm A, điểm B).
    line_name, low_name = standard.term("poverty_line"), standard.term("extreme_line")
    b1_name, b1_title = standard.term("b1"), _capitalised(standard.term("b1"))
    criterion = pd.Series("Không có thu nhập bình quân hoặc " + b1_name + " đọc được", index=index, dtype=object)
    criterion[c["no_b1_line"]] = (
        "Không có thu nhập bình quân; có " + b1_name + " " + b1t[c["no_b1_line"]]
        + f" nhưng chuẩn {standard.id} không có ngưỡng {b1_name}"
    )
    inc_path = path == PATH_INCOME
    score_path = path == PATH_SCORE
    income = "Thu nhập " + inc + " đồng/người/tháng "
    criterion[inc_path & meets] = income + "≤ " + line_name + " " + ln + " (" + area_text + ")"
    criterion[inc_path & ~meets] = income + "> " + line_name + " " + ln + " (" + area_text + ")"
    criterion[inc_path & extreme] = (
        income + "≤ " + low_name + " " + xl + " (" + area_text + "), nghèo không xét số chỉ số thiếu hụt"
    )
    criterion[score_path & meets] = b1_title + " " + b1t + " ≤ " + b1l + " (" + area_text + ")"
    criterion[score_path & ~meets] = b1_title + " " + b1t + " > " + b1l + " (" + area_text + ")"
    criterion[score_path & extreme] = (
        b1_title + " " + b1t + " ≤ " + s(format_vnd(c["b1_poor_line"])) + " (" + area_text
        + "), nghèo không xét số chỉ số thiếu hụt"
    )

    dep_count, unk_count = d["dep_count"], d["unk_count"]
    dep = s(dep_count.astype(int).astype(str)) + "/" + str(len(standard.indicators))
    deprivation = ", thiếu hụt " + dep + " chỉ số"
    deprivation = deprivation.where(~d["from_b2"], ", thiếu hụt " + dep + " chỉ số theo " + standard.term("b2") + " "
                                    + s(format_vnd(d["b2"])))
    unk = s(unk_count.astype(int).astype(str))
    deprivation = deprivation.where(unk_count == 0, deprivation + ", " + unk + " chỉ số chưa rõ")
    threshold = np.where(dep_count >= k, f" (từ {k} trở lên)", f" (dưới {k})")
    deprivation = deprivation + s(threshold)
    deprivation[~meets | extreme] = ""

    band = pd.Series("", index=index, dtype=object)
    band[status == AVERAGE] = " và ≤ " + up + (", hộ làm nông, lâm, ngư, diêm nghiệp" if standard.average_agricultural_only else "")
    # Mid-sentence the label starts lower-case: "…: hộ nghèo."
    in_sentence = {k: v[:1].lower() + v[1:] for k, v in labels.items()}
    label = s(pd.Series(status).map(in_sentence).to_numpy(dtype=object))
    return criterion + band + deprivation + ": " + label + "."


def _capitalised(text: str) -> str:
    """'điểm A (TT 07/2021)' -> 'Điểm A (TT 07/2021)' (the start of a sentence)."""
    return text[:1].upper() + text[1:]
