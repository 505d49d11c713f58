"""Paths of the committed quirk files and the generator's expected values."""

from __future__ import annotations

import importlib.util
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
QUIRKS = DATA / "quirks"


def generator():
    """tests/data/make_quirks.py as a module (for its expected values; the files are not regenerated)."""
    spec = importlib.util.spec_from_file_location("make_quirks", DATA / "make_quirks.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module
