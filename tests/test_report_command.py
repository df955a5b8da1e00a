"""`pilotlib report` end to end: every run executed, index links each, manifest complete."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pilotlib import paths
from pilotlib.cli import main

pytestmark = pytest.mark.slow


def test_report_writes_index_linking_every_run(tmp_path):
    out = tmp_path / "out"
    assert main(["report", "--out", str(out), "--jobs", "2"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    runs = manifest["runs"]
    assert [r["run_id"] for r in runs] == [
        "unit_report--da-huoai--vi", "unit_report--da-teh--vi", "unit_report--lam-ha--vi",
        "overview--all--vi",
    ]
    assert all(r["status"] == "ok" for r in runs)
    assert runs[-1]["figures"]["posts_old"] == 64 and runs[-1]["figures"]["posts_pilot"] == 64
    assert {r["unit"]: r["figures"]["posts_pilot"] for r in runs[:3]} == {
        "Đạ Huoai": 23, "Đạ Tẻh": 21, "Lâm Hà": 20}
    assert set(manifest["inputs"]) >= {"staffing.csv", "issues.csv"}
    assert all(len(digest) == 64 for digest in manifest["inputs"].values())
    index = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', index)
    for run in runs:
        assert run["outputs"]["html"] in links and run["outputs"]["ipynb"] in links
        assert (out / run["outputs"]["html"]).exists()
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


def test_illustrative_data_is_labelled_everywhere(tmp_path):
    out = tmp_path / "out"
    example = str(Path(paths.bundled_data_dir() / "example"))
    assert main(["report", "--data", example, "--out", str(out), "--unit", "Lâm Hà", "--jobs", "2"]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "SỐ LIỆU MINH HỌA" in index
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["provenance"] == ["illustrative", "source"]  # staffing made up, issues real
    for run in manifest["runs"]:
        html = (out / run["outputs"]["html"]).read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", " ", html)
        assert "Lưu ý:" in text and "số liệu minh họa" in text  # narrative's first sentence
        assert "SỐ LIỆU MINH HỌA" in text  # the table's provenance column
        svg = (out / run["outputs"]["artifacts"] / "posts.svg").read_text(encoding="utf-8")
        assert "Số liệu minh họa, không phải số liệu thật" in svg  # chart watermark
