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


def test_overview_records_total_64(tmp_path):
    notebook = _execute("overview", tmp_path, output_dir=str(tmp_path / "art"))
    figures = read_recorded(notebook)
    assert figures["units"] == ["Đạ Huoai", "Đạ Tẻh", "Lâm Hà"]
    assert (figures["posts_old"], figures["posts_pilot"], figures["change"]) == (64, 64, 0)
    text = _all_text(notebook)
    assert "tổng cộng 64 biên chế trước thí điểm và 64 biên chế trong thí điểm" in text
    assert "Glyph" not in text  # no missing-glyph warnings in any output
    table = (tmp_path / "art" / "comparison.csv").read_text(encoding="utf-8-sig")
    assert table.splitlines()[-1].startswith("Tổng,64,64,0")
    assert (tmp_path / "art" / "posts.png").stat().st_size > 0


@pytest.mark.parametrize("unit, posts", [("Đạ Huoai", 23), ("Đạ Tẻh", 21), ("Lâm Hà", 20)])
def test_unit_report_records_the_unit(tmp_path, unit, posts):
    notebook = _execute("unit_report", tmp_path, unit=unit, lang="en")
    figures = read_recorded(notebook)
    assert figures == {"unit": unit, "posts_old": posts, "posts_pilot": posts, "change": 0,
                       "provenance": "source"}
    assert f"Before the pilot, {unit} had {posts} posts" in _all_text(notebook)


def test_notebooks_run_with_their_defaults(tmp_path):
    """As an analyst opening them in JupyterLab: no parameter changed."""
    for name in ("unit_report", "overview"):
        notebook = _execute(name, tmp_path)
        assert read_recorded(notebook)["posts_old"] > 0
