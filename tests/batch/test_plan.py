"""Planning checks everything before any kernel starts."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from conftest import staffing_rows, units_file, write_csv

from pilotlib.batch.plan import (
    NOT_A_REPORT,
    REPORTS,
    check_parameters,
    discover_reports,
    notebook_path,
    plan,
    report_scope,
)
from pilotlib.core.errors import PlanError
from pilotlib.core.paths import report_notebooks_dir
from pilotlib.core.text import check_unique, slugify
from pilotlib.data.load import load_dataset


def test_plan_bundled(tmp_path):
    runs = plan(load_dataset(), "", tmp_path, langs=("vi", "en"), notebooks=("unit_report", "comparison"))
    ids = [r.run_id for r in runs]
    assert ids == [
        "unit_report--da-huoai--vi", "unit_report--da-teh--vi", "unit_report--lam-ha--vi",
        "unit_report--da-huoai--en", "unit_report--da-teh--en", "unit_report--lam-ha--en",
        "comparison--all--vi", "comparison--all--en",
    ]
    overview = runs[-1].parameters
    assert overview["units"] == ["Đạ Huoai", "Đạ Tẻh", "Lâm Hà"] and overview["lang"] == "en"


def test_units_matched_in_any_spelling(tmp_path):
    runs = plan(load_dataset(), "", tmp_path, units=["LÂM HÀ", "da teh"], notebooks=("unit_report", "comparison"))
    assert [r.unit for r in runs] == ["Lâm Hà", "Đạ Tẻh", ""]


def test_unknown_unit_is_named(tmp_path):
    with pytest.raises(PlanError, match="Bảo Lộc"):
        plan(load_dataset(), "", tmp_path, units=["Bảo Lộc"])


def test_unknown_parameter_is_named():
    with pytest.raises(PlanError, match="untis"):
        check_parameters(notebook_path("comparison"), {"untis": [], "lang": "vi"})


def test_unknown_language(tmp_path):
    with pytest.raises(PlanError, match="fr"):
        plan(load_dataset(), "", tmp_path, langs=("fr",))


def test_two_units_with_the_same_slug(tmp_path):
    units = units_file(tmp_path / "vocab", ["Đạ Tẻh cũ", "Đạ Tẻh (cũ)"])  # two canonical names
    file = write_csv(tmp_path, "s.csv", staffing_rows([
        {"unit": "Đạ Tẻh cũ", "structure": "old", "posts": 1},
        {"unit": "Đạ Tẻh (cũ)", "structure": "old", "posts": 1},  # different name, same file name
    ]))
    with pytest.raises(PlanError, match="da-teh-cu"):
        plan(load_dataset(file, units_file=units), str(file), tmp_path)


@pytest.mark.parametrize("name, slug", [
    ("Đạ Tẻh", "da-teh"), ("Ðạ Huoai", "da-huoai"), ("../../etc/passwd", "etc-passwd"),
    ("", "unnamed"), ("<script>", "script"), ("Huyện Lâm Hà / 2", "huyen-lam-ha-2"),
])
def test_slugify_is_safe(name, slug):
    assert slugify(name) == slug


def test_check_unique_maps_names():
    assert check_unique(["Lâm Hà", "Đạ Tẻh"]) == {"Lâm Hà": "lam-ha", "Đạ Tẻh": "da-teh"}


TEST_NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def _notebook(folder: Path, name: str, source: str, scope: str | None = "per_unit") -> Path:
    """A minimal report notebook whose `parameters` cell is ``source``."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
    if scope:
        notebook.metadata["pilotlib"] = {"scope": scope}
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = ["parameters"]
    notebook.cells = [cell, nbformat.v4.new_code_cell("print(unit)")]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    nbformat.write(notebook, path)
    return path


def test_every_bundled_notebook_has_a_scope():
    """A report notebook added to notebooks/ is batched, never silently left out."""
    folder = report_notebooks_dir()
    reports = discover_reports(folder)
    exploring = {p.stem for p in folder.glob("*.ipynb") if report_scope(p) == NOT_A_REPORT}
    assert exploring == {"explore"}  # the analyst's walk-through is declared, not forgotten
    assert set(reports) == {p.stem for p in folder.glob("*.ipynb")} - exploring
    assert list(reports)[:2] == ["unit_report", "comparison"]  # registered ones first
    assert REPORTS["unit_report"] == "per_unit" and REPORTS["comparison"] == "all_units"


def test_notebooks_folder_from_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("PILOTLIB_NOTEBOOKS", str(TEST_NOTEBOOKS))
    runs = plan(load_dataset(), "", tmp_path, units=["Lâm Hà"])
    assert [r.run_id for r in runs] == ["fragile_report--lam-ha--vi"]
    assert runs[0].notebook_file == str(TEST_NOTEBOOKS / "fragile_report.ipynb")
    assert runs[0].parameters["output_dir"] == str(tmp_path / ".work" / "artifacts" / runs[0].run_id)


def test_notebook_without_scope_is_named(tmp_path):
    _notebook(tmp_path, "stray", 'unit = ""', scope=None)
    with pytest.raises(PlanError, match="stray"):
        plan(load_dataset(), "", tmp_path / "out", notebooks_dir=tmp_path)


def test_misspelt_parameter_in_notebook_is_named(tmp_path):
    """The notebook declares `language`, the runner passes `lang`: stopped before running."""
    _notebook(tmp_path, "typo", 'unit = ""\ndata_dir = ""\nlanguage = "vi"\noutput_dir = ""')
    with pytest.raises(PlanError, match=r"undeclared parameter\(s\): lang "):
        plan(load_dataset(), "", tmp_path / "out", notebooks_dir=tmp_path)


@pytest.mark.parametrize("value", [float("nan"), {1, 2}, ("a",), {"k": object()}, Path("x")])
def test_only_json_like_values_reach_papermill(value):
    with pytest.raises(PlanError, match="JSON"):
        check_parameters(notebook_path("comparison"), {"units": value})


def test_notebook_papermill_cannot_inspect_is_named(tmp_path):
    path = _notebook(tmp_path, "nokernel", 'unit = ""')
    notebook = nbformat.read(path, as_version=4)
    del notebook.metadata["kernelspec"]
    nbformat.write(notebook, path)
    with pytest.raises(PlanError, match="nokernel.ipynb.*kernel"):
        plan(load_dataset(), "", tmp_path / "out", notebooks_dir=tmp_path)
