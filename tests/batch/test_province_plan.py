"""`--province` and `--unit all` at plan time: one overview, unit reports only when asked,
and every mistake stopped before any kernel starts."""
from __future__ import annotations

import pytest
from conftest import staffing_rows, write_csv

from pilotlib.batch.plan import plan
from pilotlib.batch.selection import select
from pilotlib.cli import main
from pilotlib.core import paths
from pilotlib.core.errors import DataError, PlanError
from pilotlib.data.load import load_dataset

EXAMPLE_2025 = paths.bundled_data_dir() / "example-2025"


@pytest.fixture(scope="module")
def seed():
    return load_dataset()


@pytest.fixture(scope="module")
def across():
    return load_dataset(EXAMPLE_2025)


def test_without_a_province_nothing_changes(seed, tmp_path):
    runs = plan(seed, "", tmp_path)
    assert [r.run_id for r in runs] == [
        "unit_report--da-huoai--vi", "unit_report--da-teh--vi", "unit_report--lam-ha--vi",
        "comparison--all--vi", "issues--all--vi"]  # no province overview without --province


def test_unit_all_without_a_province_is_every_unit(seed, tmp_path):
    assert [r.unit for r in plan(seed, "", tmp_path, units=["all"], notebooks=("unit_report",))] == [
        "Đạ Huoai", "Đạ Tẻh", "Lâm Hà"]


def test_a_province_makes_one_overview_and_no_unit_report_unless_asked(across, tmp_path):
    runs = plan(across, "DATA", tmp_path, province="lam dong", langs=("vi", "en"))
    assert [r.run_id for r in runs] == ["province--lam-dong--vi", "province--lam-dong--en"]
    assert runs[0].parameters["province"] == "lam dong" and runs[0].unit == "Lâm Đồng"
    assert runs[0].parameters["data_dir"] == "DATA"


def test_unit_all_with_a_province_is_every_compared_unit_the_data_hold(across, tmp_path):
    chosen = select(across, ["all"], "Lâm Đồng")
    assert len(chosen.units) == 122  # 124 new communes, two of them without after figures (not in the data)
    assert all(u in set(across.units()) for u in chosen.units) and chosen.everyone is None
    runs = plan(across, "", tmp_path, units=["ALL"], province="Lâm Đồng", notebooks=("unit_report", "province"))
    assert len(runs) == 123 and runs[-1].run_id == "province--lam-dong--vi"


def test_named_units_of_the_province_and_its_old_communes_are_allowed(across, tmp_path):
    runs = plan(across, "", tmp_path, units=["Quảng Tín (Lâm Đồng)", "Đắk Sin"], province="Lâm Đồng")
    assert [r.unit for r in runs] == ["Quảng Tín (Lâm Đồng)", "Đắk Sin", "Lâm Đồng"]  # Đắk Sin: Đắk Nông, before


def test_a_unit_outside_the_province_is_a_plan_error_naming_it(tmp_path):
    rows = staffing_rows([
        {"unit": "Quảng Tín (Lâm Đồng)", "unit_code": "24760", "code_vintage": "2025-07", "structure": "pilot", "posts": 9},
        {"unit": "Đông Kinh (Lạng Sơn)", "unit_code": "05977", "code_vintage": "2025-07", "structure": "pilot", "posts": 7},
    ])
    data = load_dataset(write_csv(tmp_path, "staffing.csv", rows))
    with pytest.raises(PlanError, match=r"units not in the province of Lâm Đồng: Đông Kinh \(Lạng Sơn\) "
                                        r"\(the data's units there: Quảng Tín \(Lâm Đồng\)\)"):
        plan(data, "", tmp_path / "out", units=["Đông Kinh (Lạng Sơn)"], province="Lâm Đồng")


def test_a_province_the_data_have_no_unit_in_is_a_plan_error(seed, tmp_path):
    with pytest.raises(PlanError, match="no unit in the province of Lạng Sơn"):
        plan(seed, "", tmp_path, province="Lạng Sơn")


def test_an_unknown_province_is_a_data_error(seed, tmp_path):
    with pytest.raises(DataError, match="Lâm Đồngg"):
        plan(seed, "", tmp_path, province="Lâm Đồngg")


def test_only_unit_reports_with_a_province_and_no_unit_is_nothing_to_run(across, tmp_path):
    with pytest.raises(PlanError, match="no report to run"):
        plan(across, "", tmp_path, province="Lâm Đồng", notebooks=("unit_report",))


@pytest.mark.parametrize("argv, said", [
    (["--province", "Lâm Đồngg"], "unknown province or district 'Lâm Đồngg'"),
    (["--province", "Lâm Đồng", "--unit", "Tiến Thành (Lâm Đồng)"], "not in the data"),  # left without figures
    (["--province", "Lạng Sơn"], "no unit in the province of Lạng Sơn"),
])
def test_the_command_exits_2_before_any_kernel_and_writes_nothing(tmp_path, capsys, argv, said):
    out = tmp_path / "out"
    assert main(["report", "--data", str(EXAMPLE_2025), "--out", str(out), *argv]) == 2
    assert said in capsys.readouterr().err
    assert not out.exists()
