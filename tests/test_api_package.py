"""The api package (issue 17.1): one module per job, names that a submodule can never hide, one standard
choice, typed options and summary, write_progress/write_transition beside write_summary."""

from __future__ import annotations

import importlib
import json
import pkgutil
import types
from pathlib import Path

import pytest
from conftest import HEADERS, household_row, write_xlsx

import povertool
from povertool import api
from povertool.api.options import ReadOptions, WhatIf
from povertool.domain.classification_summary import ClassificationSummary
from povertool.errors import OutputError

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def _titled(path: Path, year: int, rows: list[list]) -> Path:
    return write_xlsx(path, [[f"DANH SÁCH HỘ GIA ĐÌNH ĐƯỢC RÀ SOÁT NĂM {year}"], [], HEADERS, *rows])


def test_no_submodule_hides_a_function_of_the_package() -> None:
    for module in pkgutil.iter_modules(api.__path__):
        importlib.import_module(f"povertool.api.{module.name}")  # binds api.<module> as an attribute
        assert module.name not in api.__all__, f"api/{module.name}.py is named like a public name"
    for name in api.__all__:
        assert not isinstance(getattr(api, name), types.ModuleType), name


def test_the_package_exports_the_api_functions() -> None:
    for name in povertool.__all__:
        value = getattr(povertool, name)
        assert callable(value), name
        if name in api.__all__:
            assert value is getattr(api, name)
    assert {"write_summary", "write_progress", "write_transition", "classify_stream"} <= set(povertool.__all__)


def test_choose_standard_given_year_title_today() -> None:
    assert api.choose_standard("vn-2016").id == "vn-2016"
    assert api.choose_standard(None, year=2019).id == "vn-2016"
    # The title year decides only when neither --standard nor --year is given.
    titled = api.choose_standard(None, title_year=2019)
    assert titled.id == "vn-2016" and "2019" in titled.selected_by
    assert api.choose_standard(None, year=2024, title_year=2019).id == "vn-2022"
    assert api.choose_standard("vn-2022", title_year=2019).id == "vn-2022"
    # A title year no standard covers (a misread number) keeps the standard of the run and names the title.
    odd = api.choose_standard(None, title_year=2999)
    assert odd.id == api.choose_standard(None).id and "2999" in odd.selected_by


def test_choose_standard_keeps_what_if_values_when_the_title_picks_another() -> None:
    chosen = api.choose_standard(None, title_year=2019, what_if=WhatIf(min_deprivations=2))
    assert chosen.id == "vn-2016" and chosen.overrides


def test_a_survey_already_read_gets_the_standard_of_its_title_year(tmp_path: Path) -> None:
    path = _titled(tmp_path / "ds.xlsx", 2019, [household_row("H1", income=500_000, marks=3)])
    survey = api.read_survey(path)
    assert survey.year == 2019
    from_survey, from_files = api.classify(survey), api.classify(path)
    assert from_survey.standard_id == from_files.standard_id == "vn-2016"
    assert from_survey.summary["standard_selected_by"] == from_files.summary["standard_selected_by"]


def test_read_options_read_a_columns_file_once(tmp_path: Path) -> None:
    mapping = tmp_path / "cot.csv"
    mapping.write_text("header,field\nMã HGĐ,household_id\n", encoding="utf-8")
    options = ReadOptions(columns=mapping, sheet="DS")
    resolved = options.resolved()
    assert dict(resolved.columns) == {"Mã HGĐ": "household_id"} and resolved.sheet == "DS"
    assert options.files() == [mapping] and resolved.files() == []
    assert ReadOptions().resolved() == ReadOptions()


def test_the_summary_has_only_declared_keys(tmp_path: Path) -> None:
    declared = set(ClassificationSummary.__annotations__)
    result = api.classify(SAMPLES / "an-binh-2024.xlsx", totals=SAMPLES / "an-binh-totals.csv",
                          compare_standard="vn-2027")
    assert set(result.summary) <= declared, set(result.summary) - declared
    summary, _ = api.classify_stream(_csv(tmp_path), tmp_path / "out.csv")
    assert set(summary) <= declared, set(summary) - declared


def _csv(tmp_path: Path) -> Path:
    import csv

    path = tmp_path / "ds.csv"
    rows = [HEADERS, household_row("H1", income=500_000, marks=3), household_row("H2", income=3_000_000)]
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_write_progress_beside_write_summary(tmp_path: Path) -> None:
    current, baseline = SAMPLES / "an-binh-2024.xlsx", SAMPLES / "an-binh-2023.xlsx"
    result = api.progress(current, baseline=baseline)
    written = api.write_progress(result, tmp_path / "tien-do.json", inputs=[current, baseline])
    assert written == [tmp_path / "tien-do.json"]
    assert json.loads(written[0].read_text(encoding="utf-8"))["flows"] == json.loads(json.dumps(result.to_dict()))["flows"]
    with pytest.raises(OutputError):
        api.write_progress(result, current, inputs=[current, baseline])


def test_write_transition_never_over_an_input(tmp_path: Path) -> None:
    survey = SAMPLES / "an-binh-2024.xlsx"
    result = api.transition(survey, to="vn-2027")
    assert api.write_transition(result, tmp_path / "chuyen.csv", inputs=[survey])[0].exists()
    with pytest.raises(OutputError):
        api.write_transition(result, survey, inputs=[survey])


def test_the_classify_job_refuses_stream_with_totals_as_an_option_error(tmp_path: Path) -> None:
    from povertool.errors import OptionError

    with pytest.raises(OptionError) as info:
        api.classify_files(_csv(tmp_path), tmp_path / "out.csv", totals=SAMPLES / "an-binh-totals.csv", stream=True)
    assert info.value.option == "--stream" and info.value.exit_code == 2
