"""Hostile strings through every output format: they come out as the same visible text,
and nothing is created from them — no element, link, request, formula or dialog.

One parametrised test over RENDERERS; each renderer turns the corpus
(tests/fixtures/hostile/strings.json) into an output and reads it back as a ``Page``:
the text of each block (cell, paragraph, heading) and what the output created from the
data. A new output format (a Word report, a report workbook) is one more entry:

    RENDERERS["docx"] = render_docx   # def render_docx(request, tmp_path) -> Page

- ``xlsx``: ``core.io.write_table`` (normalize/extract/report tables in Excel): every
  text cell a string equal to the input (OOXML escapes decoded as Excel does), no <f>.
- ``csv``: CSV written for Excel: no cell a formula starts; pilotlib reads it back exactly.
- ``html``: a report set built by `pilotlib report` from a data set whose unit names,
  issue texts and recommendations, board and agency names, tasks, timeline and source
  titles are the corpus (slow: runs the notebooks). Every report page, the index and the
  footers are parsed; each string appears as the exact text of a table cell, and headings
  carry the unit names exactly.
- ``browser``: the same pages in headless Chromium (skipped without it): no request
  leaves the page, no dialog opens, no <a>/<img>/<script> comes from the data.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import staffing_rows, units_file, write_csv
from hostile import CORPUS, UNIT_NAMES, Page, read_html, shown

from pilotlib.core.io import write_table
from pilotlib.ingest.xlsx import read_sheet

TEXTS = [h.text for h in CORPUS]
_OOXML = re.compile(r"_x([0-9A-Fa-f]{4})_")


# --- Excel ----------------------------------------------------------------------------------

def render_xlsx(request, tmp_path) -> Page:
    frame = pd.DataFrame({"unit": TEXTS, "text": TEXTS, "posts": [-5] + list(range(1, len(TEXTS)))})
    path = write_table(frame, tmp_path / "hostile.xlsx", sheet_name="rejects")
    page = Page()
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        if any(name.startswith("xl/worksheets/_rels/") for name in archive.namelist()):
            page.created.append("hyperlink relationships")
    page.created += re.findall(r"<f[ >][^<]*", sheet)  # no formula anywhere
    cells = re.findall(r'<c r="([A-Z]+)\d+"([^>]*)>(.*?)</c>', sheet, re.S)
    for column, attributes, body in cells:
        if column in ("A", "B") and 't="inlineStr"' not in attributes:
            page.created.append(f"{column}: {attributes}")  # a text cell must be a string cell
        text = re.search(r"<t[^>]*>(.*?)</t>", body, re.S)
        if text:  # as Excel reads it: XML entities, then OOXML's _xHHHH_ escapes
            raw = read_html(f"<p>{text.group(1)}</p>").blocks[0]
            page.blocks.append(_OOXML.sub(lambda m: chr(int(m.group(1), 16)), raw))
    numbers = [re.search(r"<v>(.*?)</v>", body).group(1) for column, _, body in cells
               if column == "C" and "<v>" in body]
    assert numbers[:2] == ["-5", "1"]  # counts stay numbers, a negative one too
    back = read_sheet(path)[0]  # and pilotlib reads its own workbook back exactly
    assert back[1:, 1].tolist() == TEXTS
    return page


def render_csv(request, tmp_path) -> Page:
    from pilotlib.core.formula_guard import FORMULA_STARTS, unguard

    frame = pd.DataFrame({"unit": TEXTS, "text": TEXTS, "posts": [-5] + list(range(1, len(TEXTS)))})
    path = write_table(frame, tmp_path / "hostile.csv")
    page = Page()
    with open(path, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    for unit, text, _posts in rows[1:]:
        for cell in (unit, text):
            if cell.startswith(FORMULA_STARTS):
                page.created.append(f"formula start: {cell[:30]!r}")
            page.blocks.append(unguard(cell))  # what pilotlib reads back
    assert rows[1][2] == "-5"  # a negative count stays a number
    return page


# --- The report set -------------------------------------------------------------------------

def hostile_data(folder: Path) -> Path:
    """A data set made of the corpus: unit names, statements, boards, tasks, timeline, sources."""
    units_file(folder, UNIT_NAMES)
    write_csv(folder, "staffing.csv", staffing_rows(
        [{"unit": u, "structure": s, "posts": 20 + i - (s == "pilot") * 2, "source_file": u, "source_row": "1"}
         for i, u in enumerate(UNIT_NAMES) for s in ("old", "pilot")]))
    write_csv(folder, "issues.csv", pd.DataFrame(
        [{"unit": "", "kind": kind, "category": "other", "text": text, "provenance": "analyst",
          "source_file": "hostile.csv", "source_row": str(i)}
         for i, text in enumerate(TEXTS) for kind in ("difficulty", "recommendation")]))
    pick = {h.id: h.text for h in CORPUS}
    boards = ["mathtext_broken", "html_script", "jinja_stmt", "md_image"]
    write_csv(folder, "pilot_model.csv", pd.DataFrame(
        [{"level": "district", "element": "agency", "name_vi": pick["md_link"], "name_en": pick["md_link"],
          "provenance": "analyst", "source_file": "x", "source_row": "1"}]
        + [{"level": "district", "element": "board", "name_vi": pick[b], "name_en": pick[b],
            "provenance": "analyst", "source_file": "x", "source_row": "2"} for b in boards]))
    write_csv(folder, "staff_tasks.csv", pd.DataFrame(
        [{"unit": unit, "staff_id": f"NV{j}", "body": "", "position": "", "task": pick[task],
          "provenance": "analyst", "source_file": "x", "source_row": "1"}
         for unit in UNIT_NAMES for j, task in enumerate(["mathtext_alpha", "md_bold", "excel_at"])]))
    write_csv(folder, "timeline.csv", pd.DataFrame(
        [{"date": "2019-01-01", "date_precision": "day", "event": "x", "description_vi": pick["html_img"],
          "description_en": pick["html_img"], "provenance": "analyst", "source_file": "x", "source_row": "1"}]))
    write_csv(folder, "sources.csv", pd.DataFrame(
        [{"source_id": pick["js_url"], "kind": "article", "title_vi": pick["md_heading"],
          "title_en": pick["md_heading"], "publisher": pick["excel_dde"], "covers": pick["rtl_override"]}]))
    return folder


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory):
    """`make_reports` on the hostile data set: comparison and issues for every hostile
    unit, and the per-unit report of three of them (a link, mathtext, an RTL override)."""
    from pilotlib.batch.api import make_reports

    root = tmp_path_factory.mktemp("hostile")
    data = hostile_data(root / "data")
    out = root / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("PILOTLIB_DATA", raising=False)
        patch.delenv("PILOTLIB_NOTEBOOKS", raising=False)
        all_units = make_reports(data=data, out=out, notebooks=("comparison", "issues"), jobs=2)
        some = make_reports(data=data, out=out, notebooks=("unit_report",), jobs=2,
                            units=[h.text for h in CORPUS if h.id in ("md_link", "mathtext", "rtl_override")])
    return out, [all_units, some]


def _set_folders(out: Path) -> list[Path]:
    from pilotlib.batch.sets import current

    return [found.folder for found in current(out)]


def _report_files(out: Path) -> list[Path]:
    """Every report page of every set the folder's index lists."""
    return sorted(p for folder in _set_folders(out) for p in (folder / "reports").glob("*.html"))


def _index_files(out: Path) -> list[Path]:
    return [out / "index.html", *(folder / "index.html" for folder in _set_folders(out))]


def _report_pages(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in _report_files(out)}


def render_html(request, tmp_path) -> Page:
    out, sets = request.getfixturevalue("hostile_reports")
    for result in sets:
        assert result.tally["failed"] == 0, [r["error"] for r in result.failed]  # "$\frac{" broke no chart
    pages = _report_pages(out)
    assert len(pages) == 5
    combined = Page()
    indexes = [(f"index {p.parent.name}", p.read_text(encoding="utf-8")) for p in _index_files(out)]
    for name, html in list(pages.items()) + indexes:
        page = read_html(html)
        combined.created += [f"{name}: {c}" for c in page.created]
        combined.blocks += page.blocks
        combined.text += page.text
    for name, html in pages.items():  # each unit report's heading is its unit name, exactly
        if name.startswith("unit_report"):
            title = [b for b in read_html(html).blocks if b.startswith("Báo cáo đơn vị: ")]
            assert title and shown(title[0])[len("Báo cáo đơn vị: "):] in UNIT_NAMES
    for text in TEXTS:  # every recommendation inside the written assessment too, as typed
        assert shown(text) in shown(combined.text)
    svg = "".join(p.read_text(encoding="utf-8") for folder in _set_folders(out)
                  for p in (folder / "artifacts").rglob("*.svg"))
    assert "$x^2$" in svg and "\\frac{" in svg  # chart text drawn as typed, never mathtext
    return combined


def render_browser(request, tmp_path) -> Page:
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    out, _ = request.getfixturevalue("hostile_reports")
    page_out = Page()
    args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=args)
        try:
            for path in [*_index_files(out), *_report_files(out)]:
                page = browser.new_page()
                page.on("dialog", lambda d: (page_out.created.append(f"dialog: {d.message}"), d.dismiss()))
                page.on("request", lambda r: None if r.url.startswith(("file:", "data:"))
                        else page_out.created.append(f"request: {r.url}"))
                page.goto(path.as_uri())
                page.wait_for_load_state("load")
                made = page.eval_on_selector_all(
                    "a[href*='javascript:' i], img:not([src^='data:']), script[src], iframe, object, embed",
                    "found => found.map(e => e.outerHTML.slice(0, 80))")
                page_out.created += [f"{path.name}: {m}" for m in made]
                # a script link from the data would open a dialog when clicked: click them all
                page.eval_on_selector_all("a[href^='javascript:' i]", "links => links.forEach(a => a.click())")
                page_out.blocks += page.eval_on_selector_all(
                    "td, th, p, h1, h2, h3, li", "found => found.map(e => e.innerText)")
                page.close()
        finally:
            browser.close()
    return page_out


RENDERERS = {"xlsx": render_xlsx, "csv": render_csv, "html": render_html, "browser": render_browser}
SLOW = {"html", "browser"}


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow) if n in SLOW else n for n in RENDERERS])
def test_hostile_strings_come_out_as_the_same_text(name, request, tmp_path):
    page = RENDERERS[name](request, tmp_path)
    assert page.created == []
    blocks = {shown(b) for b in page.blocks}
    missing = [h.id for h in CORPUS if shown(h.text) not in blocks]
    assert missing == []  # each string is the whole text of a cell, exactly as typed


def test_the_csv_guard_is_exact_and_leaves_numbers_alone():
    from pilotlib.core.formula_guard import FORMULA_STARTS, guard, guard_frame, unguard, unguard_frame

    texts = TEXTS + ["'=already quoted", "''@twice", "-", "-5", "+3", "-1.234,5", "1e5", "", "ok"]
    frame = pd.DataFrame({"text": texts, "count": range(len(texts))})
    guarded = guard_frame(frame)
    for before, after in zip(texts, guarded["text"]):
        assert not after.startswith(FORMULA_STARTS) or after in ("-5", "+3", "-1.234,5")
        assert unguard(after) == before and guard(before) == after
    assert guarded["count"].tolist() == list(range(len(texts)))  # numbers are never touched
    assert unguard_frame(guarded.copy())["text"].tolist() == texts
    buffer = io.StringIO()
    guarded.to_csv(buffer, index=False)
    assert "\n=" not in buffer.getvalue() and ",=" not in buffer.getvalue()
