"""povertool: classify households by Viet Nam's multidimensional poverty standard and write the official
review tables.

    >>> import povertool
    >>> result = povertool.classify("data/samples/an-binh-2024.xlsx", year=2024)
    >>> result.summary["status_counts"]["poor"]

Imports are lazy so that the command line starts fast; every name below comes from ``povertool.api``.
"""

from __future__ import annotations

from typing import Any

from .api import __all__ as _api_names

__version__ = "0.1.0"

# Every public name of povertool.api (importing it loads nothing heavy: its names are bound on first use).
__all__ = [*_api_names, "PovertoolError"]


def __getattr__(name: str) -> Any:
    if name == "PovertoolError":
        from .errors import PovertoolError

        return PovertoolError
    if name in _api_names:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'povertool' has no attribute {name!r}")
