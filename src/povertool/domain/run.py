"""classify_survey: a read Survey + a Standard -> a Classification (pure, no files)."""

from __future__ import annotations

from typing import cast

import pandas as pd

from .classification_summary import ClassificationSummary
from .classify import classify_frame
from .measures import headline
from .standard import Standard
from .survey import Classification, Survey

_PROBLEM_OUT = ["file", "sheet", "row", "column", "value", "problem", "fix"]


def classify_survey(survey: Survey, standard: Standard) -> Classification:
    """Classify every accepted household; rejected rows are kept aside with their problems. The households get
    codes and figures; their words (status label, reason) are added where output is written (reasons.py)."""
    rejected_mask = survey.rejected_mask
    accepted = survey.households.loc[~rejected_mask]
    results = classify_frame(accepted, standard)
    households = pd.concat([accepted, results], axis=1)

    problems = survey.problems
    row_errors = problems[(problems["severity"] == "error") & problems["record"].notna()]
    rejected = row_errors[_PROBLEM_OUT + ["record"]].merge(
        survey.original, left_on="record", right_index=True, how="left"
    ).drop(columns="record")

    summary = {
        "standard": standard.id,
        "overrides": list(standard.overrides),
        "files": [
            {
                "path": s.path,
                "sheet": s.sheet,
                "rows": s.rows,
                "households": s.rows - int(rejected_mask.iloc[s.first_record : s.first_record + s.rows].sum()),
                "rejected": int(rejected_mask.iloc[s.first_record : s.first_record + s.rows].sum()),
                "skipped": s.skipped,
                "skipped_rows": s.skipped_ranges(),
            }
            for s in survey.sources
        ],
        **headline(households),
        "rejected": [
            {k: _plain(r[k]) for k in ("file", "sheet", "row", "column", "value", "problem")}
            for r in row_errors.to_dict("records")
        ],
        "warnings": int((problems["severity"] == "warning").sum()),
    }
    return Classification(
        standard_id=standard.id,
        households=households,
        original=survey.original.loc[~rejected_mask],
        rejected=rejected.reset_index(drop=True),
        problems=problems,
        sources=survey.sources,
        summary=cast(ClassificationSummary, summary),
        standard=standard,
        roster=survey.roster,
    )


def _plain(value: object) -> object:
    if value is pd.NA or value is None:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
