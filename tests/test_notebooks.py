"""Every report notebook executes through papermill and records the right figures."""
from __future__ import annotations

import json

import nbformat
import papermill
import pytest

from pilotlib import paths
from pilotlib.recording import read_recorded

pytestmark = pytest.mark.slow


def _execute(name, tmp_path, **parameters):
    out = tmp_path / f"{name}.ipynb"
    papermill.execute_notebook(
        str(paths.notebooks_dir() / f"{name}.ipynb"), str(out), parameters=parameters,
        kernel_name="python3", cwd=str(tmp_path), progress_bar=False,
    )
    return nbformat.read(out, as_version=4)


def _all_text(notebook):
    return json.dumps([c.get("outputs", []) for c in notebook.cells], ensure_ascii=False)


def test_comparison_records_total_64(tmp_path):
    notebook = _execute("comparison", tmp_path, output_dir=str(tmp_path / "art"))
    figures = read_recorded(notebook)
    assert figures["units"] == ["Đạ Huoai", "Đạ Tẻh", "Lâm Hà"]
    assert (figures["posts_old"], figures["posts_pilot"], figures["change"]) == (64, 64, 0)
    text = _all_text(notebook)
    assert "tổng cộng 64 biên chế trước thí điểm và 64 biên chế trong thí điểm" in text
    assert "Glyph" not in text  # no missing-glyph warnings in any output
    table = (tmp_path / "art" / "posts.csv").read_text(encoding="utf-8-sig")
    assert table.splitlines()[-1].startswith("Tổng,64,64,0")
    assert (tmp_path / "art" / "posts.png").stat().st_size > 0


def test_unit_report_in_english(tmp_path):
    # the other units are executed by the `pilotlib report` test; one is enough here
    notebook = _execute("unit_report", tmp_path, unit="da teh", lang="en")
    assert read_recorded(notebook) == {"unit": "Đạ Tẻh", "posts_old": 21, "posts_pilot": 21,
                                       "change": 0, "provenance": "source"}
    text = _all_text(notebook)
    assert "Before the pilot, Đạ Tẻh had 21 posts" in text
    assert "Limits of the data:" in text  # totals only: the caveats are stated


def test_notebooks_run_with_their_defaults(tmp_path):
    """As an analyst opening them in JupyterLab: no parameter changed."""
    assert read_recorded(_execute("unit_report", tmp_path))["unit"] == "Đạ Huoai"  # first unit
    issues = read_recorded(_execute("issues", tmp_path))
    assert issues["difficulties"] == 5 and issues["recommendations"] == 1
    assert issues["difficulties_by_category"] == {"funding": 2, "guidance": 1, "staffing": 1, "transition": 1}


def test_explore_walks_through_to_a_report(tmp_path):
    """The analyst's guided notebook, with its defaults: demo workbook, rejects, one report."""
    notebook = _execute("explore", tmp_path, output_dir=str(tmp_path / "trial"))
    text = _all_text(notebook)
    assert "RowCounts(read=101, kept=98, rejected=2" in text  # the two deliberate mistakes
    assert "'ok': 1, 'skipped': 0, 'failed': 0" in text
    assert (tmp_path / "trial" / "index.html").exists()
    assert (tmp_path / "trial" / "reports" / "unit_report--da-huoai--vi.html").exists()
