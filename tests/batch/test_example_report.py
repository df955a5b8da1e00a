"""`pilotlib report --data data/example` as an analyst runs it: the organisation review,
the ranking and their sentences in Vietnamese and English, in HTML, Word and Excel —
and a data set whose every row was rejected reads as "no data", with no warning text."""
from __future__ import annotations

import base64
import html as html_lib
import re
import shutil

import docx
import openpyxl
import pandas as pd
import pytest
from conftest import staffing_rows, write_csv

from pilotlib.batch.sets import current
from pilotlib.cli import main
from pilotlib.core import paths

pytestmark = pytest.mark.slow


def _visible(page: str) -> str:
    """The text a reader sees: no style sheets or scripts, tags dropped, entities decoded."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _docx_text(path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return " ".join(" ".join([p.text for p in document.paragraphs] + cells).split())


@pytest.fixture(scope="module")
def example_set(example_report):
    status, out = example_report
    assert status == 0
    [found] = current(out)
    return found.folder, found.manifest


def _run(manifest, run_id):
    return next(r for r in manifest["runs"] if r["run_id"] == run_id)


def _page(folder, manifest, run_id):
    return _visible((folder / _run(manifest, run_id)["outputs"]["html"]).read_text(encoding="utf-8"))


def _csv(folder, run_id, name):
    return pd.read_csv(folder / "artifacts" / run_id / f"{name}.csv", encoding="utf-8-sig")


SENTENCES = {
    "comparison--all--vi": [
        "Xếp hạng 3 đơn vị đủ số liệu theo thay đổi biên chế: không đơn vị nào giảm hay tăng tổng biên chế.",
        "Trước thí điểm, 3 đơn vị có tổng cộng 18 đầu mối (cơ quan riêng có biên chế); trong thí điểm còn 3 đầu "
        "mối, gồm 15 bộ phận có biên chế trong cơ quan khối.",
        "Biên chế theo tổ chức, ban (cộng 3 đơn vị): trước thí điểm Ủy ban MTTQ 16, Hội Nông dân 12",
        "Lãnh đạo (cộng 3 đơn vị): cấp trưởng giảm từ 18 xuống 15, cấp phó giảm từ 18 xuống 6.",
        "kế toán giữ nguyên 3, thủ quỹ không có cả trước và trong thí điểm, văn thư giữ nguyên 3, lái xe giảm từ 3 "
        "xuống 0. Khó khăn được nêu về biên chế kế toán, thủ quỹ, lái xe.",
    ],
    "comparison--all--en": [
        "The 3 units with complete figures ranked by change in posts: no unit cut or increased its total posts.",
        "Before the pilot the 3 units had 18 separate bodies (offices with posts of their own); in the pilot there "
        "are 3, with 15 parts holding posts inside the joint agency.",
        "Leadership (sum of 3 units): heads down from 18 to 15, deputies down from 18 to 6.",
        "driver down from 3 to 0. The difficulties reported name the posts of accountant, treasurer (cashier), "
        "driver.",
    ],
    "unit_report--lam-ha--vi": [
        "Trước thí điểm, Lâm Hà có 6 đầu mối (cơ quan riêng có biên chế); trong thí điểm còn 1 đầu mối, gồm 5 bộ "
        "phận có biên chế trong cơ quan khối (lãnh đạo khối và 4 ban).",
        "Lãnh đạo: cấp trưởng giảm từ 6 xuống 5, cấp phó giảm từ 6 xuống 2.",
    ],
    "unit_report--da-huoai--en": [
        "Before the pilot Đạ Huoai had 6 separate bodies (offices with posts of their own); in the pilot there is "
        "1, with 5 parts holding posts inside the joint agency (the agency's leadership and 4 boards).",
        "Posts per organisation or board: before the pilot Fatherland Front Committee 6, Farmers' Union 4",
    ],
    "issues--all--vi": ["Có 5 khó khăn, 1 kiến nghị và 10 ưu điểm được nêu, đều nêu chung cho mọi đơn vị."],
    "issues--all--en": ["5 difficulties, 1 recommendation and 10 advantages were reported, all about every unit."],
}


@pytest.mark.parametrize("run_id", list(SENTENCES))
def test_review_sentences_in_the_page_and_the_word_report(example_set, run_id):
    folder, manifest = example_set
    page = _page(folder, manifest, run_id)
    word = _docx_text(folder / _run(manifest, run_id)["outputs"]["docx"])
    for sentence in SENTENCES[run_id]:
        assert sentence in page, (run_id, sentence)
        assert sentence in word, (run_id, sentence)
    assert "jupyter.stderr" not in re.sub(r"<style\b.*?</style>", "", (folder / _run(manifest, run_id)["outputs"][
        "html"]).read_text(encoding="utf-8"), flags=re.S)


def test_the_sentences_state_the_tables_figures(example_set):
    folder, manifest = example_set
    page = _page(folder, manifest, "comparison--all--vi")
    leaders = _csv(folder, "comparison--all--vi", "leaders").set_index("Đơn vị").loc["Tổng"]
    assert (f"cấp trưởng giảm từ {leaders['Cấp trưởng trước thí điểm']} xuống {leaders['Cấp trưởng thí điểm']}, "
            f"cấp phó giảm từ {leaders['Cấp phó trước thí điểm']} xuống {leaders['Cấp phó thí điểm']}") in page
    bodies = _csv(folder, "comparison--all--vi", "body_posts")
    old = bodies[bodies["Mô hình"] == "Trước thí điểm"]
    listed = ", ".join(f"{b} {n}" for b, n in zip(old["Tổ chức, ban"], old["Tổng"]))
    assert f"trước thí điểm {listed};" in page
    separate = _csv(folder, "comparison--all--vi", "separate_bodies").set_index("Đơn vị").loc["Tổng"]
    assert f"tổng cộng {separate['Đầu mối trước thí điểm']} đầu mối" in page


def test_the_new_tables_in_every_format(example_set):
    folder, manifest = example_set
    for lang, sheets in (("vi", ["Đơn vị giảm, tăng biên chế", "Biên chế theo tổ chức, ban", "Số đầu mối trước và trong thí đ",
                                 "Lãnh đạo cấp trưởng, cấp phó", "Biên chế các vị trí hỗ trợ"]),
                         ("en", ["Largest cuts and increases", "Posts per organisation and board",
                                 "Separate bodies before and durin", "Heads and deputies", "Support positions"])):
        run = _run(manifest, f"comparison--all--{lang}")
        names = openpyxl.load_workbook(folder / run["outputs"]["xlsx"]).sheetnames
        for sheet in sheets:
            assert any(name.startswith(sheet[:25]) for name in names), (lang, sheet, names)
        artifacts = {p.name for p in (folder / run["outputs"]["artifacts"]).iterdir()}
        assert {"ranking.csv", "body_posts.png", "body_posts.svg", "leaders.png", "separate_bodies.csv",
                "support.csv"} <= artifacts
    page = _page(folder, manifest, "comparison--all--vi")
    assert "Xếp hạng đơn vị theo thay đổi biên chế Thứ hạng Đơn vị" in page  # label.rank (one key for both rankings)
    assert "Tổng 64 64 0 0,0 SỐ LIỆU MINH HỌA" in page  # the total row: "Đủ số liệu" left empty, not "không"


def test_the_index_shows_the_issue_figures(example_set):
    folder, manifest = example_set
    index = _visible((folder / "index.html").read_text(encoding="utf-8"))
    assert "Số khó khăn: 5 Số kiến nghị: 1 Số ưu điểm: 10" in index
    assert _run(manifest, "issues--all--en")["figures"]["difficulties_by_category"]["funding"] == 2


@pytest.fixture(scope="module")
def rejected_set(tmp_path_factory):
    """The comparison and issues reports of a data set whose every staffing row is rejected."""
    base = tmp_path_factory.mktemp("all-rejected")
    data = write_csv(base / "data", "staffing.csv", staffing_rows([
        {"unit": "Atlantis", "structure": "old", "posts": 23, "source_file": "x.csv", "source_row": "2"},
        {"unit": "Lemuria", "structure": "pilot", "posts": 21, "source_file": "x.csv", "source_row": "3"}]))
    notebooks = base / "notebooks"
    notebooks.mkdir()
    for name in ("comparison", "issues"):
        shutil.copy(paths.notebooks_dir() / f"{name}.ipynb", notebooks)
    out = base / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PILOTLIB_NOTEBOOKS", str(notebooks))
        patch.delenv("MPLBACKEND", raising=False)  # the inline backend, as in a real run
        status = main(["report", "--data", str(data), "--out", str(out), "--jobs", "2"])
    return status, current(out)[0].folder


def test_every_row_rejected_reads_as_no_data_and_no_warning_reaches_a_page(rejected_set):
    status, folder = rejected_set
    assert status == 1  # rows were rejected: the command says so; the reports still ran
    for page in sorted((folder / "reports").glob("*.html")):
        raw = page.read_text(encoding="utf-8")
        text = _visible(raw)
        assert not re.search(r"warn", text, re.I), (page.name, text[:400])
        assert "jupyter.stderr" not in re.sub(r"<style\b.*?</style>", "", raw, flags=re.S)
    comparison = (folder / "reports" / "comparison--all--vi.html").read_text(encoding="utf-8")
    assert "<img" not in comparison  # no empty chart (its y-axis ran from −0,06 to 0,06)
    assert "Không có dòng biên chế nào dùng được cho các đơn vị này" in _visible(comparison)
    index = _visible((folder / "index.html").read_text(encoding="utf-8"))
    assert "Biên chế trước thí điểm: chưa có số liệu" in index
    assert not re.search(r"(Biên chế trước thí điểm|Biên chế thí điểm|Thay đổi): 0\b", index)


def test_each_chart_on_the_page_is_its_png_file(example_set):
    """Every picture on the page is a PNG file the run saved (what Word embeds), each once."""
    folder, manifest = example_set
    for run_id in ("comparison--all--vi", "unit_report--lam-ha--vi"):
        run = _run(manifest, run_id)
        files = {p.read_bytes(): p.name for p in (folder / run["outputs"]["artifacts"]).glob("*.png")}
        page = (folder / run["outputs"]["html"]).read_text(encoding="utf-8")
        shown = [files.get(base64.b64decode(data))
                 for data in re.findall(r'src="data:image/png;base64,([^"]+)"', page)]
        assert None not in shown and len(shown) == len(set(shown)) == len(files), (run_id, shown, files.values())
        assert {"body_posts.png", "leaders.png"} <= set(shown)
