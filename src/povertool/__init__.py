"""povertool: classify households by Viet Nam's multidimensional poverty standard and write the official
review tables.

    >>> import povertool
    >>> result = povertool.classify("data/samples/an-binh-2024.xlsx", year=2024)
    >>> result.summary["status_counts"]["poor"]

Imports are lazy so that the command line starts fast; every name below comes from ``povertool.api``.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = [
    "classify",
    "classify_stream",
    "list_standards",
    "load_standard",
    "progress",
    "read_survey",
    "summarise",
    "transition",
    "write_summary",
    "write_classified",
    "write_progress",
    "write_template",
    "write_transition",
    "write_report",
    "PovertoolError",
]


def __getattr__(name: str) -> Any:
    if name == "PovertoolError":
        from .errors import PovertoolError

        return PovertoolError
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'povertool' has no attribute {name!r}")
