"""The page a reader gets from an executed notebook: a kernel's stderr (Python warnings,
library log lines) never reaches it; a failing cell's error still does."""
from __future__ import annotations

import nbformat

from pilotlib.batch.execute import export_html


def test_stderr_stays_in_the_notebook_and_out_of_the_page():
    cell = nbformat.v4.new_code_cell("pl.show_items(...)")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="posts.py:35: UserWarning: No artists with labels found"),
        nbformat.v4.new_output("stream", name="stdout", text="Biên chế: 20"),
    ]
    failing = nbformat.v4.new_code_cell("1/0")
    failing.outputs = [nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="division by zero",
                                              traceback=["ZeroDivisionError: division by zero"])]
    notebook = nbformat.v4.new_notebook(cells=[cell, failing])
    page = export_html(notebook, "t")
    assert "UserWarning" not in page and "No artists" not in page
    assert "Biên chế: 20" in page and "ZeroDivisionError" in page
    assert cell.outputs[0]["name"] == "stderr"  # the notebook itself keeps it for the analyst
