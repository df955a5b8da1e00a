"""Every report notebook executes through papermill and records the right figures."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import nbformat
import papermill
import pytest

from pilotlib.batch.sets import current
from pilotlib.core import paths
from pilotlib.report.recording import read_recorded

pytestmark = pytest.mark.slow


def _all_text(notebook):
    return json.dumps([c.get("outputs", []) for c in notebook.cells], ensure_ascii=False)


# The executions the tests below read, run two at a time (two kernels, two cores) once for
# the module. Each runs in its own folder, the kernel's working directory given through
# papermill's resources instead of its process-wide chdir, so they can run side by side.
EXECUTIONS = {
    "explore": ("explore", {"output_dir": "{folder}/trial"}),  # the longest first
    "defaults_unit_report": ("unit_report", {}),
    "defaults_issues": ("issues", {}),
    "defaults_province": ("province", {}),
    "unit_report_en": ("unit_report", {"unit": "da teh", "lang": "en"}),
}


def _execute_in(name, folder, parameters):
    out = folder / f"{name}.ipynb"
    parameters = {k: v.format(folder=folder) if isinstance(v, str) else v for k, v in parameters.items()}
    papermill.execute_notebook(
        str(paths.notebooks_dir() / f"{name}.ipynb"), str(out), parameters=parameters,
        kernel_name="python3", progress_bar=False, resources={"metadata": {"path": str(folder)}},
    )
    return nbformat.read(out, as_version=4)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """{key: (executed notebook or the exception its execution raised, its folder)}, keys
    of EXECUTIONS. Settings as ``_isolate_environment`` gives each test (this fixture runs
    before it)."""
    results = {}
    with pytest.MonkeyPatch.context() as patch, ThreadPoolExecutor(max_workers=2) as pool:
        patch.delenv("PILOTLIB_DATA", raising=False)
        patch.setenv("PILOTLIB_OUTPUTS", str(tmp_path_factory.mktemp("outputs")))
        patch.setenv("MPLBACKEND", "Agg")
        folders = {key: tmp_path_factory.mktemp(key) for key in EXECUTIONS}
        futures = {key: pool.submit(_execute_in, name, folders[key], parameters)
                   for key, (name, parameters) in EXECUTIONS.items()}
        for key, future in futures.items():
            try:
                results[key] = (future.result(), folders[key])
            except Exception as exc:  # noqa: BLE001 - raised again in the test that reads it
                results[key] = (exc, folders[key])
    return results


def _notebook(executed, key):
    result, _folder = executed[key]
    if isinstance(result, Exception):
        raise result
    return result


def test_comparison_records_total_64(bundled_report):
    # the comparison notebook as executed (through papermill) by the shared bundled
    # `pilotlib report` run (conftest), with its artifacts: not executed a second time
    status, out = bundled_report
    assert status == 0
    folder = current(out)[0].folder
    notebook = nbformat.read(folder / "reports" / "comparison--all--vi.ipynb", as_version=4)
    art = folder / "artifacts" / "comparison--all--vi"
    figures = read_recorded(notebook)
    assert figures["units"] == ["Đạ Huoai", "Đạ Tẻh", "Lâm Hà"]
    assert (figures["posts_old"], figures["posts_pilot"], figures["change"]) == (64, 64, 0)
    text = _all_text(notebook)
    assert "tổng cộng 64 biên chế trước thí điểm và 64 biên chế trong thí điểm" in text
    assert "Glyph" not in text  # no missing-glyph warnings in any output
    table = (art / "posts.csv").read_text(encoding="utf-8-sig")
    assert table.splitlines()[-1].startswith("Tổng,64,64,0")
    assert (art / "posts.png").stat().st_size > 0


def test_unit_report_in_english(executed):
    # the other units are executed by the `pilotlib report` test; one is enough here
    notebook = _notebook(executed, "unit_report_en")  # unit="da teh", lang="en"
    assert read_recorded(notebook) == {"unit": "Đạ Tẻh", "posts_old": 21, "posts_pilot": 21,
                                       "change": 0, "provenance": "source"}
    text = _all_text(notebook)
    assert "Before the pilot, Đạ Tẻh had 21 posts" in text
    assert "Limits of the data:" in text  # totals only: the caveats are stated


def test_notebooks_run_with_their_defaults(executed):
    """As an analyst opening them in JupyterLab: no parameter changed."""
    assert read_recorded(_notebook(executed, "defaults_unit_report"))["unit"] == "Đạ Huoai"  # first unit
    issues = read_recorded(_notebook(executed, "defaults_issues"))
    assert issues["difficulties"] == 5 and issues["recommendations"] == 1
    assert issues["difficulties_by_category"] == {"funding": 2, "guidance": 1, "staffing": 1, "transition": 1}
    province = read_recorded(_notebook(executed, "defaults_province"))  # the first unit's province
    assert province["province"] == "Lâm Đồng" and province["units"] == ["Lâm Hà", "Đạ Huoai", "Đạ Tẻh"]
    assert (province["posts_old"], province["posts_pilot"], province["change"]) == (64, 64, 0)


def test_explore_walks_through_to_a_report(executed):
    """The analyst's guided notebook, with its defaults: demo workbook, rejects, one report."""
    notebook = _notebook(executed, "explore")  # output_dir=<its folder>/trial
    tmp_path = executed["explore"][1]
    text = _all_text(notebook)
    assert "RowCounts(read=101, kept=98, rejected=2" in text  # the two deliberate mistakes
    assert "'ok': 1, 'skipped': 0, 'failed': 0" in text
    assert (tmp_path / "trial" / "index.html").exists()
    assert (current(tmp_path / "trial")[0].folder / "reports" / "unit_report--da-huoai--vi.html").exists()
