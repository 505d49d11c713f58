"""The words of a classification: the status label and the reason sentence of every household, in the language
of the output, from the catalogues (labels.toml for the label, messages.toml ``reason.*`` for the sentence).

The domain decides (status and figures, domain/classify.py); this border speaks, where output is written
(api.classify, the streamed classify). Only one figure varies from household to household (its income, or its
score); everything else in a sentence takes few values. So each sentence is written once per distinct
combination of the rest, with a marker where the figure goes, and each household's figure is joined in by one
Arrow operation: no Python step per household."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..domain.classify import PATH_INCOME, PATH_NONE, PATH_SCORE, reason_figures
from ..domain.models import AVERAGE, NEAR_POOR, POOR, UNDETERMINED
from ..domain.standard import Standard
from ..labels import labels
from ..messages import text
from ..numbers import format_number

# Stands for the household's own figure in a sentence template; never occurs in real text.
_FIGURE = "\ue000"  # a private-use character


def add_words(households: pd.DataFrame, standard: Standard, lang: str) -> pd.DataFrame:
    """``households`` (canonical fields and the domain's result columns) with ``status_label`` and ``reason``;
    the output table puts them in their places (RESULT_FIELDS order, Classification.table)."""
    words = explain(households, standard, lang)
    return households.assign(status_label=words["status_label"], reason=words["reason"])


def explain(households: pd.DataFrame, standard: Standard, lang: str) -> pd.DataFrame:
    """status_label and reason for every household of ``households`` (which carries the ``status`` column)."""
    names = labels("status", lang)
    status = households["status"].to_numpy(dtype=object)
    label = pd.Series(status, index=households.index).map(names)
    return pd.DataFrame({"status_label": label.to_numpy(dtype=object),
                         "reason": _reasons(households, status, standard, lang)}, index=households.index)


def _reasons(frame: pd.DataFrame, status: np.ndarray, standard: Standard, lang: str) -> pd.Series:
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(frame) == 0:
        return pd.Series([], index=frame.index, dtype=object)
    c, d, band_upper, urban = reason_figures(frame, standard)
    n = len(status)
    path = c["path"]
    b1_figure = (path == PATH_SCORE) | c["no_b1_line"]
    figure = np.where(path == PATH_INCOME, c["income"], np.where(b1_figure, c["b1"], np.nan))
    key = pd.DataFrame({
        # Text columns enter the key as integer codes: cheaper to group than strings.
        "status": pd.factorize(status)[0], "path": pd.factorize(path)[0], "extreme": c["extreme"], "line": c["line"],
        "urban": urban, "band": band_upper, "xl": c["extreme_line"], "b1_line": c["b1_line"],
        "b1_xl": c["b1_poor_line"], "no_b1": c["no_b1_line"], "dep": d["dep_count"], "unk": d["unk_count"],
        "from_b2": d["from_b2"], "b2": d["b2"],
    })
    codes, firsts = _group_codes(key)
    templates = _sentences(
        status=status[firsts], c=_rows(c, firsts, n), d=_rows(d, firsts, n), band_upper=band_upper[firsts],
        urban=urban[firsts], standard=standard, lang=lang,
    ).to_numpy(dtype=object)
    parts = [t.split(_FIGURE, 1) if _FIGURE in t else [t, ""] for t in templates]
    group = pa.array(codes)
    heads = pa.array([p[0] for p in parts], pa.string()).take(group)
    tails = pa.array([p[1] for p in parts], pa.string()).take(group)
    # Each distinct figure is formatted once; a household without one gets "" (the last entry).
    fig_codes, fig_values = pd.factorize(figure)
    fig_texts = pa.array([_number(v, lang) for v in fig_values] + [""], pa.string())
    figures = fig_texts.take(pa.array(np.where(fig_codes < 0, len(fig_values), fig_codes)))
    joined = pc.binary_join_element_wise(heads, figures, tails, "")
    return pd.Series(joined.to_numpy(zero_copy_only=False), index=frame.index, dtype=object)


def _number(value: float, lang: str) -> str:
    """1.500.000 / 120,5 (vi) or 1,500,000 / 120.5 (en); whole numbers without decimals."""
    return format_number(value, 0 if float(value).is_integer() else 2, lang)


def number_texts(values: np.ndarray, lang: str) -> np.ndarray:
    """Each distinct number formatted once ('' for NaN)."""
    series = pd.Series(values, dtype=float)
    mapping = {v: _number(v, lang) for v in series.dropna().unique()}
    texts = series.map(mapping).astype(object)
    return texts.where(texts.notna(), "").to_numpy(dtype=object)


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
    urban: np.ndarray, standard: Standard, lang: str,
) -> pd.Series:
    """One sentence per distinct combination (the household's figure is the marker _FIGURE)."""
    index = pd.RangeIndex(len(status))
    s = lambda a: pd.Series(a, index=index, dtype=object)  # noqa: E731

    def t(code: str, **fields: Any) -> pd.Series:
        return _text_rows(f"reason.{code}", lang, index, **fields)

    path, extreme, k = c["path"], c["extreme"], standard.min_deprivations
    area = s(np.where(urban, text("reason.urban", lang), text("reason.rural", lang)))
    line, upper, low = (s(number_texts(v, lang)) for v in (c["line"], band_upper, c["extreme_line"]))
    b1_line, b1_low = s(number_texts(c["b1_line"], lang)), s(number_texts(c["b1_poor_line"], lang))
    meets = np.isin(status, [POOR, NEAR_POOR]) | ((status == UNDETERMINED) & (path != PATH_NONE))

    # The lines and scores by the names of the standard's legal text (vn-2016: chuẩn nghèo 700.000 is the lower
    # tier, chuẩn cận nghèo 1.000.000 the upper; vn-2022: chuẩn nghèo; TT 07/2021: điểm A, điểm B).
    line_name, low_name = standard.term("poverty_line", lang), standard.term("extreme_line", lang)
    b1_name = standard.term("b1", lang)
    terms = {"line_name": line_name, "low_name": low_name, "score": b1_name, "Score": _capitalised(b1_name)}
    criterion = s(np.full(len(status), text("reason.none", lang, **terms), dtype=object))
    no_line = c["no_b1_line"]
    criterion[no_line] = text("reason.no_score_threshold", lang, figure=_FIGURE, id=standard.id, **terms)
    inc_path, score_path = path == PATH_INCOME, path == PATH_SCORE
    criterion[inc_path & meets] = t("income_within", figure=_FIGURE, line=line, area=area, **terms)[inc_path & meets]
    criterion[inc_path & ~meets] = t("income_above", figure=_FIGURE, line=line, area=area, **terms)[inc_path & ~meets]
    criterion[inc_path & extreme] = t("income_lowest", figure=_FIGURE, line=low, area=area, **terms)[inc_path & extreme]
    criterion[score_path & meets] = t("score_within", figure=_FIGURE, line=b1_line, area=area, **terms)[score_path & meets]
    criterion[score_path & ~meets] = t("score_above", figure=_FIGURE, line=b1_line, area=area, **terms)[score_path & ~meets]
    criterion[score_path & extreme] = t("score_lowest", figure=_FIGURE, line=b1_low, area=area, **terms)[score_path & extreme]

    dep_count, unk_count = d["dep_count"], d["unk_count"]
    dep = s(dep_count.astype(int).astype(str))
    total = len(standard.indicators)
    deprivation = t("deprived", count=dep, total=total)
    by_b2 = t("deprived_by_score", count=dep, total=total, score=standard.term("b2", lang), points=s(number_texts(d["b2"], lang)))
    deprivation = deprivation.where(~d["from_b2"], by_b2)
    unknown = t("unknown", count=s(unk_count.astype(int).astype(str)))
    deprivation = deprivation.where(unk_count == 0, deprivation + unknown)
    deprivation = deprivation + s(np.where(dep_count >= k, text("reason.at_least", lang, k=k), text("reason.fewer", lang, k=k)))
    deprivation[~meets | extreme] = ""

    band = s(np.full(len(status), "", dtype=object))
    within_band = text("reason.band_agricultural" if standard.average_agricultural_only else "reason.band", lang, upper="{upper}")
    band[status == AVERAGE] = (within_band.split("{upper}")[0] + upper + within_band.split("{upper}")[1])[status == AVERAGE]
    # Mid-sentence the label starts lower-case: "…: hộ nghèo."
    names = labels("status", lang)
    in_sentence = {key: value[:1].lower() + value[1:] for key, value in names.items()}
    label = s(pd.Series(status).map(in_sentence).to_numpy(dtype=object))
    ending = text("reason.ending", lang, label="\ue001").split("\ue001")
    return criterion + band + deprivation + ending[0] + label + ending[1]


def _text_rows(code: str, lang: str, index: pd.Index, **fields: Any) -> pd.Series:
    """A template filled per row (Series fields joined in row by row), always as a Series on ``index``."""
    from ..messages import text_rows

    out = text_rows(code, lang, **fields)
    return out if isinstance(out, pd.Series) else pd.Series(out, index=index, dtype=object)


def _capitalised(words: str) -> str:
    """'điểm A (TT 07/2021)' -> 'Điểm A (TT 07/2021)' (the start of a sentence)."""
    return words[:1].upper() + words[1:]
