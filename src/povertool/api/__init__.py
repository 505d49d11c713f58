"""The public API: the same functions the command line calls, one module per job.

    checking     check, CheckResult (the check command: every problem, nothing classified)
    classifying  read_survey, classify, write_classified, classify_files (the classify command), classify_stream
    summary      summarise, write_summary
    rounds       progress, write_progress (the rounds read, matched and counted)
    report       write_report (and the file side of the report)
    two_standards transition, write_transition
    template     write_template
    standards    list_standards, load_standard, choose_standard, standards_catalogue (the standards command)
    options      ReadOptions, WhatIf (typed options every job takes)

Names are bound on first use so that ``import povertool.api`` (and the command line's light commands) do not
load pandas. No module here is named like a function of the package: importing ``povertool.api.X`` binds the
module as attribute X of the package, and it must never hide a function.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_HOMES = {
    "check": "checking",
    "CheckResult": "checking",
    "read_survey": "classifying",
    "classify": "classifying",
    "write_classified": "classifying",
    "classify_stream": "classifying",
    "classify_files": "classifying",
    "ClassifiedFiles": "classifying",
    "use_stream": "classifying",
    "roster_lines": "classifying",
    "ClassificationSummary": "classifying",
    "summarise": "summary",
    "write_summary": "summary",
    "progress": "rounds",
    "write_progress": "rounds",
    "write_report": "report",
    "transition": "two_standards",
    "write_transition": "two_standards",
    "write_template": "template",
    "list_standards": "standards",
    "load_standard": "standards",
    "choose_standard": "standards",
    "standards_catalogue": "standards",
    "StandardsCatalogue": "standards",
    "ReadOptions": "options",
    "WhatIf": "options",
}

__all__ = [
    "CheckResult",
    "ClassificationSummary",
    "ClassifiedFiles",
    "ReadOptions",
    "StandardsCatalogue",
    "WhatIf",
    "check",
    "choose_standard",
    "classify",
    "classify_files",
    "classify_stream",
    "list_standards",
    "load_standard",
    "progress",
    "read_survey",
    "roster_lines",
    "standards_catalogue",
    "summarise",
    "transition",
    "use_stream",
    "write_classified",
    "write_progress",
    "write_report",
    "write_summary",
    "write_template",
    "write_transition",
]

if TYPE_CHECKING:
    from .checking import CheckResult, check
    from .classifying import (
        ClassificationSummary,
        ClassifiedFiles,
        classify,
        classify_files,
        classify_stream,
        read_survey,
        roster_lines,
        use_stream,
        write_classified,
    )
    from .options import ReadOptions, WhatIf
    from .report import write_report
    from .rounds import progress, write_progress
    from .standards import (
        StandardsCatalogue,
        choose_standard,
        list_standards,
        load_standard,
        standards_catalogue,
    )
    from .summary import summarise, write_summary
    from .template import write_template
    from .two_standards import transition, write_transition


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'povertool.api' has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value  # bound once: later look-ups (and monkeypatch) see a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
