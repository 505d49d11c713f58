"""The bundled sample classifies end to end from the command line."""

from __future__ import annotations

import json

from conftest import SAMPLES


def test_classify_sample_json(cli, tmp_path):
    out = tmp_path / "out.csv"
    result = cli("classify", SAMPLES / "an-binh-2024.xlsx", "-o", out, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["standard"] == "vn-2022"
    assert data["households"] == sum(data["status_counts"].values())
    assert out.exists()
    assert "Đã ghi" in result.stderr
