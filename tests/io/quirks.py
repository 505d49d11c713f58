"""Paths of the committed quirk files and the generator's expected values."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
QUIRKS = DATA / "quirks"


def generator():
    """tests/data/make_quirks.py as a module."""
    from conftest import data_script

    return data_script("make_quirks")
