"""`pilotlib report` end to end: every run executed, index links each, manifest complete."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import staffing_rows, write_csv
from pilotlib import paths
from pilotlib.cli import main
from pilotlib.planning import discover_reports

pytestmark = pytest.mark.slow


def test_report_writes_index_linking_every_run(tmp_path):
    out = tmp_path / "out"
    assert main(["report", "--out", str(out), "--jobs", "2"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    runs = manifest["runs"]
    others = [f"{name}--all--vi" for name in discover_reports(paths.notebooks_dir())
              if name not in ("unit_report", "comparison")]  # every other report notebook
    assert [r["run_id"] for r in runs] == [
        "unit_report--da-huoai--vi", "unit_report--da-teh--vi", "unit_report--lam-ha--vi",
        "comparison--all--vi", *others,
    ]
    assert all(r["status"] == "ok" for r in runs)
    overview = runs[3]
    assert overview["figures"]["posts_old"] == 64 and overview["figures"]["posts_pilot"] == 64
    assert {r["unit"]: r["figures"]["posts_pilot"] for r in runs[:3]} == {
        "Đạ Huoai": 23, "Đạ Tẻh": 21, "Lâm Hà": 20}
    assert set(manifest["inputs"]) >= {"staffing.csv", "issues.csv"}
    assert all(len(digest) == 64 for digest in manifest["inputs"].values())
    index = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', index)
    for run in runs:
        assert run["outputs"]["html"] in links and run["outputs"]["ipynb"] in links
        assert (out / run["outputs"]["html"]).exists()
        if run["notebook"] in ("unit_report", "comparison"):
            assert (out / run["outputs"]["artifacts"] / "posts.svg").exists()
    html = (out / "reports" / "unit_report--da-teh--vi.html").read_text(encoding="utf-8")
    assert "<title>Báo cáo đơn vị: Đạ Tẻh</title>" in html
    assert "21 biên chế" in html
    assert "import pilotlib" not in html  # code cells hidden in HTML …
    notebook = (out / "reports" / "unit_report--da-teh--vi.ipynb").read_text(encoding="utf-8")
    assert "import pilotlib" in notebook  # … but kept in the notebook
    assert not (out / ".staging" / "artifacts").exists() or not any((out / ".staging" / "artifacts").iterdir())


def test_unknown_unit_exits_2_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["report", "--out", str(out), "--unit", "Atlantis"]) == 2
    assert "Atlantis" in capsys.readouterr().err
    assert not out.exists()


def test_python_dash_m_is_the_same_command():
    result = subprocess.run([sys.executable, "-m", "pilotlib", "report", "--help"],
                            capture_output=True, text=True, check=True)
    assert "--data" in result.stdout and "--lang" in result.stdout


def test_illustrative_data_is_labelled_everywhere(tmp_path, monkeypatch):
    out = tmp_path / "out"
    example = str(Path(paths.bundled_data_dir() / "example"))
    folder = tmp_path / "notebooks"  # the two notebooks this test reads (others test theirs)
    folder.mkdir()
    for name in ("unit_report", "comparison"):
        shutil.copy(paths.notebooks_dir() / f"{name}.ipynb", folder)
    monkeypatch.setenv("PILOTLIB_NOTEBOOKS", str(folder))
    assert main(["report", "--data", example, "--out", str(out), "--unit", "Lâm Hà", "--jobs", "2"]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "SỐ LIỆU MINH HỌA" in index
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["provenance"] == ["illustrative", "source"]  # staffing made up, issues real
    assert [run["notebook"] for run in manifest["runs"]] == ["unit_report", "comparison"]
    for run in manifest["runs"]:
        html = (out / run["outputs"]["html"]).read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", " ", html)
        assert "Lưu ý:" in text and "số liệu minh họa" in text  # narrative's first sentence
        assert "SỐ LIỆU MINH HỌA" in text  # the table's provenance column
        svg = (out / run["outputs"]["artifacts"] / "posts.svg").read_text(encoding="utf-8")
        assert "Số liệu minh họa, không phải số liệu thật" in svg  # chart watermark


def test_units_with_the_same_file_name_exit_2_and_write_nothing(tmp_path, capsys):
    data = write_csv(tmp_path / "data", "staffing.csv", staffing_rows([
        {"unit": "Đạ Tẻh", "structure": "old", "posts": 1},
        {"unit": "Da-Teh", "structure": "old", "posts": 1},
    ]))
    out = tmp_path / "out"
    assert main(["report", "--data", str(data), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Đạ Tẻh" in err and "Da-Teh" in err and "da-teh" in err
    assert not out.exists()


def test_undeclared_parameter_exits_2_before_any_kernel(tmp_path, monkeypatch, capsys):
    """A report notebook that misspells a parameter stops the whole batch, nothing run."""
    notebook = nbformat.v4.new_notebook(metadata={
        "pilotlib": {"scope": "per_unit"},
        "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}})
    cell = nbformat.v4.new_code_cell('unit = ""\ndata_dir = ""\nlang = "vi"\noutput_dri = ""')
    cell.metadata["tags"] = ["parameters"]
    notebook.cells = [cell]
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(notebook, folder / "typo.ipynb")
    monkeypatch.setenv("PILOTLIB_NOTEBOOKS", str(folder))
    out = tmp_path / "out"
    assert main(["report", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "typo.ipynb" in err and "output_dir" in err
    assert not out.exists()


def test_raw_workbook_report_lists_rejects_and_exits_1(tmp_path, monkeypatch, capsys):
    """`--data` with an analyst's messy workbook: normalised once, rejects listed, exit 1."""
    from pilotlib.template_workbook import demo_workbook

    folder = tmp_path / "notebooks"  # one cheap notebook is enough for this path
    folder.mkdir()
    shutil.copy(paths.notebooks_dir() / "issues.ipynb", folder)
    monkeypatch.setenv("PILOTLIB_NOTEBOOKS", str(folder))
    workbook = demo_workbook(tmp_path)
    out = tmp_path / "out"
    assert main(["report", "--data", str(workbook), "--out", str(out)]) == 1
    assert "2 dòng bị loại" in capsys.readouterr().err
    rejects = (out / "rejects.csv").read_text(encoding="utf-8-sig")
    assert "Lâm Haa" in rejects and "-1" in rejects
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["inputs"]) == ["vi_du_minh_hoa.xlsx"]  # the analyst's file, hashed
    assert manifest["data_problems"]["rejects"] == 2
    assert manifest["runs"][0]["parameters"]["data_dir"] == str(out / "data")  # tidy copy
    assert 'href="rejects.csv"' in (out / "index.html").read_text(encoding="utf-8")
