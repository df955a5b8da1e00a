"""`pilotlib report` writes Word and Excel beside each HTML page, from the report the
notebook recorded: the index links them, every recorded figure is in the Word report
with the same value, and the Excel annex holds exactly the report's tables."""
from __future__ import annotations

import json
import re

import docx
import openpyxl
import pytest

from pilotlib.batch.sets import current
from pilotlib.cli import main
from pilotlib.report.model import load_report
from pilotlib.report.narrative import format_number

pytestmark = pytest.mark.slow


def _docx_text(path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _shown(value) -> list[str]:
    """How a recorded value is written in a Vietnamese report."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in _shown(v)]
    if isinstance(value, list):
        return [s for v in value for s in _shown(v)]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [format_number(value, "vi", 0 if float(value).is_integer() else 1)]
    return [] if value in ("source", "analyst", "illustrative") else [str(value)]


@pytest.fixture(scope="module")
def report_set(bundled_report):
    status, out = bundled_report
    assert status == 0
    folder = current(out)[0].folder  # the set the folder's index lists
    return folder, json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def test_each_run_has_word_and_excel_linked_from_the_index(report_set):
    out, manifest = report_set
    links = re.findall(r'href="([^"]+)"', (out / "index.html").read_text(encoding="utf-8"))
    for run in manifest["runs"]:
        outputs = run["outputs"]
        assert outputs["docx"] == f"reports/{run['run_id']}.docx" and outputs["xlsx"] == f"reports/{run['run_id']}.xlsx"
        assert outputs["docx"] in links and outputs["xlsx"] in links
        assert (out / outputs["docx"]).stat().st_size > 0 and (out / outputs["report"]).exists()


def test_every_recorded_figure_is_in_the_word_report(report_set):
    out, manifest = report_set
    for run in manifest["runs"]:
        text = _docx_text(out / run["outputs"]["docx"])
        assert run["figures"], run["run_id"]
        for name, value in run["figures"].items():
            for shown in _shown(value):
                assert shown in text, (run["run_id"], name, shown)
    comparison = docx.Document(str(out / "reports" / "comparison--all--vi.docx"))
    posts = next(t for t in comparison.tables if t.rows[0].cells[0].text == "Đơn vị" and len(t.columns) == 7)
    assert [c.text for c in posts.rows[-1].cells][:4] == ["Tổng", "64", "64", "0"]  # the recorded 64, in the table


def test_the_excel_annex_holds_the_reports_tables(report_set):
    out, manifest = report_set
    for run in manifest["runs"]:
        report = load_report(out / run["outputs"]["report"])
        workbook = openpyxl.load_workbook(out / run["outputs"]["xlsx"])
        assert len(workbook.sheetnames) == 1 + len(report.tables())
        for table, name in zip(report.tables(), workbook.sheetnames[1:]):
            rows = [list(r) for r in workbook[name].iter_rows(values_only=True)]
            width = len(table.headers)
            empty = [[None if v == "" else v for v in row] for row in table.rows]  # an empty text cell reads as None
            assert rows[0][:width] == table.headers and [r[:width] for r in rows[1:]] == empty


def test_formats_option_and_unknown_format(tmp_path, capsys, monkeypatch):
    from pilotlib.core import paths

    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / "issues.ipynb").write_bytes((paths.notebooks_dir() / "issues.ipynb").read_bytes())
    monkeypatch.setenv("PILOTLIB_NOTEBOOKS", str(folder))
    out = tmp_path / "out"
    assert main(["report", "--out", str(out), "--formats", "xlsx", "--jobs", "1"]) == 0
    run = current(out)[0].manifest["runs"][0]
    assert set(run["outputs"]) == {"ipynb", "xlsx", "report", "artifacts"}  # no HTML, no Word
    assert main(["report", "--out", str(out), "--formats", "html,pdf"]) == 2
    assert "pdf" in capsys.readouterr().err
