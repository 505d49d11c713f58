"""The label catalogue (labels.toml): every word shown to people, in Vietnamese and English."""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LANGUAGES = ("vi", "en")


@cache
def _catalogue() -> dict[str, Any]:
    return tomllib.loads(resources.files("povertool").joinpath("labels.toml").read_text("utf-8"))


def labels(group: str, lang: str = "vi") -> dict[str, str]:
    """All labels of one group (e.g. 'status') in one language."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    return dict(_catalogue()[lang][group])


def label(group: str, key: str, lang: str = "vi") -> str:
    """One label; the key itself when the catalogue has none."""
    return labels(group, lang).get(key, key)
