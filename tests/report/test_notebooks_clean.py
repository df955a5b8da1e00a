"""Notebooks are committed without outputs, and each is thin with one parameters cell.

`make install` sets up nbstripout as a git filter, so an executed notebook is stripped
when it is staged; this test catches one that slipped through (e.g. filter not set).
"""
from __future__ import annotations

import json
import re

import papermill
import pytest

from pilotlib.core import paths

NOTEBOOKS = sorted(paths.notebooks_dir().glob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert all(c.get("outputs") == [] for c in code), "run nbstripout on this notebook"
    assert all(c.get("execution_count") is None for c in code), "run nbstripout on this notebook"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_one_parameters_cell_and_thin_code(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    declared = papermill.inspect_notebook(str(notebook))
    assert {"data_dir", "lang", "output_dir"} <= set(declared)
    for cell in cells:
        if cell["cell_type"] == "code" and cell not in tagged:
            source = "".join(cell["source"])
            assert len(source.splitlines()) <= 8, "logic belongs in pilotlib, not in the notebook"
            assert not re.search(r"^\s*(def|for|while|class|with)\b|open\(", source, re.MULTILINE), source

