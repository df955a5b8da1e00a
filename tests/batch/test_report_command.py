"""`pilotlib report` end to end: every run executed, index links each, manifest complete."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import staffing_rows, write_csv

from pilotlib.batch.plan import discover_reports
from pilotlib.batch.sets import current
from pilotlib.cli import main
from pilotlib.core import paths

pytestmark = pytest.mark.slow


def test_report_writes_index_linking_every_run(bundled_report):
    status, out = bundled_report  # `pilotlib report --out OUT --jobs 2`, shared (conftest)
    assert status == 0
    [found] = current(out)  # one set: the bundled data in Vietnamese
    folder, manifest = found.folder, found.manifest
    runs = manifest["runs"]
    others = [f"{name}--all--vi" for name, scope in discover_reports(paths.notebooks_dir()).items()
              if scope == "all_units" and name != "comparison"]  # every other all-units report
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
    assert manifest["provinces"] == {"Đạ Huoai": "Lâm Đồng", "Đạ Tẻh": "Lâm Đồng", "Lâm Hà": "Lâm Đồng"}  # index groups
    links = re.findall(r'href="([^"]+)"', (folder / "index.html").read_text(encoding="utf-8"))
    top = re.findall(r'href="([^"]+)"', (out / "index.html").read_text(encoding="utf-8"))  # every set
    prefix = f"sets/{folder.name}/"
    for run in runs:
        assert run["outputs"]["html"] in links and run["outputs"]["ipynb"] in links
        assert prefix + run["outputs"]["html"] in top and prefix + run["outputs"]["ipynb"] in top
        assert (folder / run["outputs"]["html"]).exists()
        if run["notebook"] in ("unit_report", "comparison"):
            assert (folder / run["outputs"]["artifacts"] / "posts.svg").exists()
    assert sorted(manifest["files"]) == sorted(
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != "manifest.json")
    html = (folder / "reports" / "unit_report--da-teh--vi.html").read_text(encoding="utf-8")
    assert "<title>Báo cáo đơn vị: Đạ Tẻh</title>" in html
    assert "21 biên chế" in html
    assert "import pilotlib" not in html  # code cells hidden in HTML …
    notebook = (folder / "reports" / "unit_report--da-teh--vi.ipynb").read_text(encoding="utf-8")
    assert "import pilotlib" in notebook  # … but kept in the notebook
    assert not (out / ".staging").exists() and not (folder / ".work").exists()


def test_unknown_unit_exits_2_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["report", "--out", str(out), "--unit", "Atlantis"]) == 2
    assert "Atlantis" in capsys.readouterr().err
    assert not out.exists()


def test_python_dash_m_is_the_same_command():
    result = subprocess.run([sys.executable, "-m", "pilotlib", "report", "--help"],
                            capture_output=True, text=True, check=True)
    assert "--data" in result.stdout and "--lang" in result.stdout


def test_illustrative_data_is_labelled_everywhere(example_report):
    # the shared `report --data data/example --lang vi en` run (conftest), not run again
    status, out = example_report
    assert status == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "SỐ LIỆU MINH HỌA" in index and '<span class="mark">MINH HỌA</span>' in index
    [found] = current(out)
    folder, manifest = found.folder, found.manifest
    assert "SỐ LIỆU MINH HỌA" in (folder / "index.html").read_text(encoding="utf-8")
    assert manifest["provenance"] == ["illustrative", "source"]  # staffing made up, issues real
    runs = [run for run in manifest["runs"] if run["notebook"] in ("unit_report", "comparison") and run["lang"] == "vi"]
    assert {run["notebook"] for run in runs} == {"unit_report", "comparison"}
    for run in runs:
        html = (folder / run["outputs"]["html"]).read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", " ", html)
        assert "Lưu ý:" in text and "số liệu minh họa" in text  # narrative's first sentence
        assert "SỐ LIỆU MINH HỌA" in text  # the table's provenance column
        svg = (folder / run["outputs"]["artifacts"] / "posts.svg").read_text(encoding="utf-8")
        assert "Số liệu minh họa, không phải số liệu thật" in svg  # chart watermark


def test_units_with_the_same_file_name_exit_2_and_write_nothing(tmp_path, capsys):
    # Two canonical units (another spelling of one unit, e.g. "Da-Teh", is now a rejected
    # row, see test_dataset) whose names differ but give the same file name.
    units = tmp_path / "units.csv"
    row = {"full_name_vi": "", "name_en": "", "code_vintage": "2025", "level": "district", "parent_code": "68",
           "valid_from": "", "valid_to": "", "aliases": ""}
    pd.DataFrame([{"unit": "Đạ Tẻh cũ", "unit_code": "901", **row},
                  {"unit": "Đạ Tẻh (cũ)", "unit_code": "902", **row}]).to_csv(units, index=False)
    data = write_csv(tmp_path / "data", "staffing.csv", staffing_rows([
        {"unit": "Đạ Tẻh cũ", "structure": "old", "posts": 1},
        {"unit": "Đạ Tẻh (cũ)", "structure": "old", "posts": 1},
    ]))
    out = tmp_path / "out"
    assert main(["report", "--data", str(data), "--out", str(out), "--units", str(units)]) == 2
    err = capsys.readouterr().err
    assert "Đạ Tẻh cũ" in err and "Đạ Tẻh (cũ)" in err and "da-teh-cu" in err
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
    from pilotlib.data.example import demo_workbook

    folder = tmp_path / "notebooks"  # one cheap notebook is enough for this path
    folder.mkdir()
    shutil.copy(paths.notebooks_dir() / "issues.ipynb", folder)
    monkeypatch.setenv("PILOTLIB_NOTEBOOKS", str(folder))
    workbook = demo_workbook(tmp_path)
    out = tmp_path / "out"
    assert main(["report", "--data", str(workbook), "--out", str(out)]) == 1
    [found] = current(out)
    folder, manifest = found.folder, found.manifest
    assert f"2 dòng bị loại / rows rejected — {folder / 'rejects.csv'}" in capsys.readouterr().err
    rejects = (folder / "rejects.csv").read_text(encoding="utf-8-sig")
    assert "Lâm Haa" in rejects and "-1" in rejects
    assert list(manifest["inputs"]) == ["vi_du_minh_hoa.xlsx"]  # the analyst's file, hashed
    assert manifest["data_problems"]["rejects"] == 2
    tidy = manifest["set"]["tidy"]
    assert manifest["runs"][0]["parameters"]["data_dir"] == str(out / tidy)  # checked copy, pilotlib's folder
    assert 'href="rejects.csv"' in (folder / "index.html").read_text(encoding="utf-8")
    assert f'href="sets/{folder.name}/rejects.csv"' in (out / "index.html").read_text(encoding="utf-8")


def _only_notebooks(tmp_path: Path, monkeypatch, *names: str) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in names:
        shutil.copy(paths.notebooks_dir() / f"{name}.ipynb", folder)
    monkeypatch.setenv("PILOTLIB_NOTEBOOKS", str(folder))


def test_out_that_is_a_file_exits_2_naming_it(tmp_path, capsys):
    target = tmp_path / "report.txt"
    target.write_text("keep", encoding="utf-8")
    assert main(["report", "--out", str(target)]) == 2
    assert f"pilotlib report: {target}: là tệp, cần thư mục / is a file; give a folder" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "keep" and sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]
    assert main(["report", "--out", str(target / "sub")]) == 2
    assert str(target / "sub") in capsys.readouterr().err


def test_folder_the_tools_wrote_reports_without_flagged_figures(tmp_path, monkeypatch, capsys):
    """normalize output (with its .rejects.csv) + extract output (with boards.csv) in one
    folder: recognised, the old rejects file only warned about, flagged rows rejected."""
    _only_notebooks(tmp_path, monkeypatch, "unit_report")
    data = tmp_path / "d"
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "staffing" / "legacy_vni.csv"
    assert main(["normalize", "staffing", str(fixture), "-o", str(data / "x.csv")]) == 0
    report = tmp_path / "bao_cao.txt"
    report.write_text("Sau thí điểm, huyện Lâm Hà có 20 biên chế.\n"
                      "Kiến nghị: Trung ương sớm ban hành hướng dẫn; bổ sung 2 biên chế kế toán cho Lâm Hà.\n",
                      encoding="utf-8")
    assert main(["extract", str(report), "-o", str(data)]) == 1
    normalised = pd.read_csv(data / "x.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    expected = 20 + normalised.loc[(normalised["unit"] == "Lâm Hà") & (normalised["structure"] == "pilot"),
                                   "posts"].astype(int).sum()
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["report", "--data", str(data), "--out", str(out), "--unit", "Lâm Hà"]) == 1
    err = capsys.readouterr().err
    assert "đã có tệp dòng bị loại từ lần chuẩn hóa trước: x.rejects.csv" in err
    assert "2 dòng bị loại" in err  # the flagged figure and the flagged statement
    [found] = current(out)
    folder, manifest = found.folder, found.manifest
    run = manifest["runs"][0]
    assert run["status"] == "ok" and run["figures"]["posts_pilot"] == expected  # not expected + 2
    tidy = out / manifest["set"]["tidy"]
    assert run["parameters"]["data_dir"] == str(tidy)
    rejects = pd.read_csv(folder / "rejects.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert rejects[["source_file", "column"]].values.tolist() == [["issues.csv", "flag"], ["staffing.csv", "flag"]]
    assert rejects["reason"].str.startswith("dòng được đánh dấu cần kiểm tra: ").all()
    assert sorted(p.name for p in tidy.iterdir()) == [".pilotlib-files.json", "boards.csv", "issues.csv",
                                                      "staffing.csv"]


def test_raw_file_rejects_in_english_with_lang_en(tmp_path, monkeypatch, capsys):
    from pilotlib.data.example import demo_workbook

    _only_notebooks(tmp_path, monkeypatch, "issues")
    out = tmp_path / "out"
    assert main(["report", "--data", str(demo_workbook(tmp_path)), "--out", str(out), "--lang", "en"]) == 1
    rejects = pd.read_csv(current(out)[0].folder / "rejects.csv", dtype=str, keep_default_na=False,
                          encoding="utf-8-sig")
    assert "did you mean 'Lâm Hà'?" in rejects["reason"].iloc[0]
    assert rejects["reason"].iloc[1] == "negative count: '-1'"


def test_units_file_reaches_the_report_kernels(tmp_path, monkeypatch, capsys):
    """--units: the units are checked in the command and carried to every kernel."""
    _only_notebooks(tmp_path, monkeypatch, "unit_report")
    units = Path(__file__).resolve().parents[1] / "fixtures" / "staffing" / "units_extra.csv"
    data = write_csv(tmp_path / "data", "staffing.csv", staffing_rows([
        {"unit": "Ba Đình", "structure": "old", "posts": 5},
        {"unit": "Ba Đình", "structure": "pilot", "posts": 4},
    ]))
    out = tmp_path / "out"
    assert main(["report", "--data", str(data), "--out", str(out), "--units", str(units)]) == 0
    manifest = current(out)[0].manifest
    assert [(r["unit"], r["status"], r["figures"]["posts_pilot"]) for r in manifest["runs"]] == [("Ba Đình", "ok", 4)]
    assert sorted(manifest["inputs"]) == ["staffing.csv", "units_extra.csv"]  # the units file is hashed too
    assert (out / manifest["set"]["tidy"] / "units.csv").exists()
    help_text = subprocess.run([sys.executable, "-m", "pilotlib", "report", "--help"],
                               capture_output=True, text=True, check=True).stdout
    assert "--units FILE" in help_text and "data/reference/units.csv" in help_text


def test_tidy_copy_never_overwrites_its_own_input(tmp_path, capsys):
    out = tmp_path / "out"
    data = write_csv(out / "data", "staffing.csv", staffing_rows([
        {"unit": "Lâm Hà", "structure": "old", "posts": 1}, {"unit": "Atlantis", "structure": "old", "posts": 1}]))
    before = data.read_bytes()
    assert main(["report", "--data", str(out / "data"), "--out", str(out)]) == 2
    assert "choose another --out" in capsys.readouterr().err
    assert data.read_bytes() == before and sorted(p.name for p in out.rglob("*")) == ["data", "staffing.csv"]
