"""The rate trend over several rounds, beside the programme's yearly pace."""

from __future__ import annotations

import pandas as pd
import pytest

from povertool.domain.trend import rate_trend


def _rounds(*rows: tuple[int, int, int, int]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "households", "poor_households", "near_poor_households"])


def test_average_yearly_change_in_points():
    trend = rate_trend(_rounds((2024, 1000, 10, 20), (2022, 1000, 32, 30), (2023, 1000, 20, 25)),
                       benchmark_low_pp=1.0, benchmark_high_pp=1.5)
    assert trend.table["year"].tolist() == [2022, 2023, 2024]
    assert trend.table["poor_rate"].tolist() == pytest.approx([3.2, 2.0, 1.0])
    assert trend.poor_change_pp == pytest.approx(-1.1)
    assert trend.near_poor_change_pp == pytest.approx(-0.5)
    assert trend.pace == "within"


@pytest.mark.parametrize(("poor_2024", "pace"), [(35, "below"), (25, "within"), (10, "above")])
def test_pace_against_the_benchmark(poor_2024, pace):
    trend = rate_trend(_rounds((2022, 1000, 50, 0), (2024, 1000, poor_2024, 0)), benchmark_low_pp=1.0, benchmark_high_pp=1.5)
    assert trend.pace == pace


def test_one_round_has_no_change():
    trend = rate_trend(_rounds((2024, 1000, 10, 20)), benchmark_low_pp=1.0, benchmark_high_pp=1.5)
    assert trend.poor_change_pp is None and trend.pace is None
