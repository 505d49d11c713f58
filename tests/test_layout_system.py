"""Issue 20, part B: what the operating system does to a run. A pipe given as input is refused (it would wait
for ever), a full disk is a message naming the output, SIGTERM unwinds and leaves no temporary file."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES

from povertool.cli import app as cli_module
from povertool.errors import Terminated
from povertool.render import classified_output
from povertool.render.writers import atomic_path

SURVEY = SAMPLES / "an-binh-2024.xlsx"
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX pipes and signals")


def _temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.slow
def test_a_pipe_as_input_is_refused_without_waiting(tmp_path):
    """In a real process with a time limit: a regression would hang, not pass."""
    fifo = tmp_path / "danh-sach.csv"
    os.mkfifo(fifo)
    standard = tmp_path / "chuan.toml"
    os.mkfifo(standard)
    for args in (["classify", str(fifo), "-o", str(tmp_path / "o.csv")],
                 ["summary", str(SURVEY), "--totals", str(fifo)],
                 ["classify", str(SURVEY), "--columns", str(fifo), "-o", str(tmp_path / "o.csv")],
                 ["progress", "--current", str(SURVEY), "--plan", str(fifo)],
                 ["classify", str(SURVEY), "--standard", str(standard), "-o", str(tmp_path / "o.csv")]):
        proc = subprocess.run([sys.executable, "-m", "povertool", *args, "--lang", "en"], capture_output=True,
                              text=True, timeout=60, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        assert proc.returncode == 1, (args, proc.stderr)
        assert "not a regular file" in proc.stderr and "Traceback" not in proc.stderr


def test_a_pipe_in_a_folder_is_passed_over(cli, tmp_path):
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(SURVEY.read_bytes())
    os.mkfifo(folder / "b.csv")
    result = cli("check", folder, "--json")
    assert result.exit_code == 0 and '"special_file_skipped"' in result.stdout


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_full_disk_is_a_message_naming_the_output(cli, tmp_path, monkeypatch, suffix):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "write", full)
    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    monkeypatch.setattr(classified_output, "csv_to", full)
    result = cli("classify", SURVEY, "-o", tmp_path / f"o{suffix}", "--lang", "en")
    assert result.exit_code == 1
    assert f"Cannot write {tmp_path / f'o{suffix}'}: the disk is full" in result.stderr
    assert "internal error" not in result.stderr and not _temps(tmp_path) and not (tmp_path / f"o{suffix}").exists()


def test_a_full_disk_while_writing_the_report(cli, tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "write", full)
    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    result = cli("report", "--current", SURVEY, "--census", "-o", tmp_path / "r.xlsx", "--lang", "en")
    assert result.exit_code == 1 and "the disk is full" in result.stderr and not _temps(tmp_path)


def test_sigterm_unwinds_and_removes_the_temporary_file(tmp_path):
    previous = signal.getsignal(signal.SIGTERM)
    try:
        cli_module.stop_on_sigterm()
        with pytest.raises(Terminated):
            with atomic_path(tmp_path / "o.csv") as tmp:
                tmp.write_text("half a file", encoding="utf-8")
                os.kill(os.getpid(), signal.SIGTERM)
        assert not (tmp_path / "o.csv").exists() and not _temps(tmp_path)
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_sigterm_during_a_write_gives_one_line_and_no_file(cli, tmp_path, monkeypatch):
    def killed(frame, file):
        Path(file).write_text("half", encoding="utf-8")
        os.kill(os.getpid(), signal.SIGTERM)

    previous = signal.getsignal(signal.SIGTERM)
    try:
        cli_module.stop_on_sigterm()
        monkeypatch.setattr(classified_output, "csv_to", killed)
        result = cli("classify", SURVEY, "-o", tmp_path / "o.csv", "--lang", "en")
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert result.exit_code == 143 and "SIGTERM" in result.stderr
    assert not _temps(tmp_path) and not (tmp_path / "o.csv").exists()
