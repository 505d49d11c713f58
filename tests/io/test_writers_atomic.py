"""Outputs are written through a temporary file beside the target and get ordinary file permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pandas as pd
import pytest

from povertool.render.writers import write_atomic, write_csv


def test_output_gets_the_permissions_of_a_plain_new_file(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_csv(pd.DataFrame({"a": ["=1", "x"]}), tmp_path / "o.csv")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "o.csv").stat().st_mode) == 0o644
    assert (tmp_path / "o.csv").read_bytes() == "\ufeffa\r\n'=1\r\nx\r\n".encode("utf-8")


def test_a_failed_write_leaves_neither_output_nor_temporary_file(tmp_path: Path) -> None:
    def boom(tmp: Path) -> None:
        tmp.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomic(tmp_path / "o.csv", boom)
    assert list(tmp_path.iterdir()) == []
