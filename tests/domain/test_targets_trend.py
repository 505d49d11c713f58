"""The rate trend over several rounds: each year against the programme period in force that year (io/programme.toml),
on that period's metric, naming its source."""

from __future__ import annotations

import pandas as pd
import pytest

from povertool.domain.programme import ProgrammePeriod, ProgrammeTarget
from povertool.domain.trend import rate_trend
from povertool.read.programme import programme_from_mapping, read_programme
from povertool.render.trend_view import programme_notes, step_rows

PROGRAMME = read_programme()


def _rounds(*rows: tuple[int, int, int, int]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "households", "poor_households", "near_poor_households"])


def test_the_programme_file_holds_both_periods_with_source_and_metric():
    first, second = PROGRAMME
    assert (first.start, first.end, second.start, second.end) == (2021, 2025, 2026, 2030)
    assert first.source.startswith("Quyết định 90/QĐ-TTg") and second.source == "Nghị quyết 257/2025/QH15"
    assert (first.main.metric, first.main.low_pp, first.main.high_pp) == ("poor_rate", 1.0, 1.5)
    assert (second.main.metric, second.main.low_pp, second.main.high_pp) == ("multidimensional_rate", 1.0, 1.5)
    minority = next(t for t in first.targets if t.metric == "ethnic_minority_poor_rate")
    assert (minority.low_pp, minority.high_pp, minority.strict) == (3.0, None, True)  # more than 3 points a year
    communes = next(t for t in second.targets if t.metric == "poor_communes_rate")
    assert (communes.low_pp, communes.high_pp, communes.strict) == (3.0, None, False)  # at least 3 points a year
    level = next(t for t in second.targets if t.kind == "level_below")
    assert (level.level_pct, level.by) == (10.0, 2030)  # a level by 2030, not a yearly pace


def test_average_yearly_change_in_points():
    trend = rate_trend(_rounds((2024, 1000, 10, 20), (2022, 1000, 32, 30), (2023, 1000, 20, 25)), periods=PROGRAMME)
    assert trend.table["year"].tolist() == [2022, 2023, 2024]
    assert trend.table["poor_rate"].tolist() == pytest.approx([3.2, 2.0, 1.0])
    assert trend.table["multidimensional_rate"].tolist() == pytest.approx([6.2, 4.5, 3.0])
    assert trend.poor_change_pp == pytest.approx(-1.1)
    assert trend.near_poor_change_pp == pytest.approx(-0.5)
    assert trend.multidimensional_change_pp == pytest.approx(-1.6)
    assert trend.steps["pace"].tolist() == ["within", "within"]


@pytest.mark.parametrize(("poor_2024", "pace"), [(35, "below"), (30, "within"), (25, "within"), (20, "within"),
                                                 (19, "above"), (10, "above")])
def test_pace_against_the_2021_2025_target_at_its_bounds(poor_2024, pace):
    # 2022 → 2024, two years: 5,00% → 3,00% is 1 point a year (at the low end), → 2,00% is 1,5 (at the high end).
    trend = rate_trend(_rounds((2022, 1000, 50, 0), (2024, 1000, poor_2024, 0)), periods=PROGRAMME)
    assert trend.steps["pace"].tolist() == [pace]


def test_each_year_is_measured_on_the_metric_of_its_period():
    # The poor rate falls 1,2 points a year all along; the near-poor rate rises 1 point a year. Under QĐ 90 (to 2025)
    # that is within the target; under NQ 257 (from 2026) the multidimensional rate barely moves: below it.
    rounds = _rounds((2024, 1000, 50, 20), (2025, 1000, 38, 30), (2026, 1000, 26, 40))
    trend = rate_trend(rounds, periods=PROGRAMME)
    steps = trend.steps.to_dict("records")
    assert [(s["year_to"], s["metric"], s["pace"]) for s in steps] == [
        (2025, "poor_rate", "within"), (2026, "multidimensional_rate", "below")]
    assert steps[0]["change_pp"] == pytest.approx(-1.2) and steps[1]["change_pp"] == pytest.approx(-0.2)
    assert steps[0]["source"].startswith("Quyết định 90/QĐ-TTg") and steps[1]["source"] == "Nghị quyết 257/2025/QH15"
    rows = step_rows(trend, "vi")
    assert rows[1][1] == "2026–2030 (NQ 257/2025/QH15)" and rows[1][2] == "Tỷ lệ nghèo đa chiều"
    assert rows[1][4] == "giảm 1–1,5" and rows[1][5] == "thấp hơn mục tiêu Chương trình"


def test_the_rates_are_judged_as_published():
    # 6,80% → 5,80% is exactly 1 point as published, although 6.8 - 5.8 is 0.999… in binary arithmetic.
    trend = rate_trend(_rounds((2025, 1000, 38, 30), (2026, 1000, 28, 30)), periods=PROGRAMME)
    assert trend.steps["pace"].tolist() == ["within"]


def test_a_year_outside_every_period_has_no_target():
    trend = rate_trend(_rounds((2019, 1000, 50, 0), (2020, 1000, 40, 0)), periods=PROGRAMME)
    step = trend.steps.iloc[0]
    assert step["period"] is None and step["pace"] is None
    assert step_rows(trend, "en")[0][1] == "outside every programme period"


def test_notes_name_the_sources_and_the_targets_lists_cannot_measure():
    trend = rate_trend(_rounds((2025, 1000, 38, 30), (2026, 1000, 28, 30)), periods=PROGRAMME)
    notes = programme_notes(trend, "vi")
    assert notes[0].startswith("Giai đoạn 2021–2025 (Quyết định 90/QĐ-TTg")
    assert any("dân tộc thiểu số giảm trên 3 điểm %/năm" in n and "Chưa tính được" in n for n in notes)
    assert any("xã nghèo" in n for n in notes) and any("dưới 10% vào năm 2030" in n for n in notes)
    assert [p["period"] for p in trend.programme()] == ["2021–2025", "2026–2030"]


def test_one_round_has_no_change():
    trend = rate_trend(_rounds((2024, 1000, 10, 20)), periods=PROGRAMME)
    assert trend.poor_change_pp is None and trend.steps.empty


def test_a_more_than_target_is_not_met_at_its_bound():
    target = ProgrammeTarget("ethnic_minority_poor_rate", "yearly_reduction", "x", low_pp=3.0, strict=True)
    assert (target.pace(3.0), target.pace(3.01), target.pace(2.99)) == ("below", "within", "below")


def test_overlapping_periods_are_refused():
    data = {"period": [{"from": 2021, "to": 2025, "source": "A", "targets": [
        {"metric": "poor_rate", "kind": "yearly_reduction", "low_pp": 1.0, "label": "a"}]},
        {"from": 2025, "to": 2030, "source": "B", "targets": [
            {"metric": "poor_rate", "kind": "yearly_reduction", "low_pp": 1.0, "label": "b"}]}]}
    with pytest.raises(ValueError, match="overlap"):
        programme_from_mapping(data)
    assert isinstance(PROGRAMME[0], ProgrammePeriod)
