"""User text is text, in every piece a report page is made of (fast: no kernel).

Headings and paragraphs are escaped HTML, never Markdown; narrative values are kept as
typed (never a template, never re-wrapped, bidi controls isolated); chart labels are
never mathtext; table cells are escaped and keep their line breaks. Each check runs the
whole hostile corpus (tests/fixtures/hostile/strings.json). The notebook-to-HTML path,
Excel and CSV are in test_hostile_text.py.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from io import StringIO

import matplotlib
import pandas as pd
import pytest
from conftest import staffing_rows
from hostile import CORPUS, UNIT_NAMES, read_html, shown

from pilotlib.analysis.metrics import compare_posts
from pilotlib.report.charts.organisation import org_diagram
from pilotlib.report.charts.posts import posts_old_vs_pilot
from pilotlib.report.display import heading, paragraph
from pilotlib.report.tables import labelled_table

matplotlib.use("Agg")
IDS = [h.id for h in CORPUS]


@pytest.mark.parametrize("hostile", CORPUS, ids=IDS)
def test_headings_and_paragraphs_are_escaped_text_never_markdown(hostile):
    for item, tag in ((heading(hostile.text, 2), "h2"), (paragraph(hostile.text), "p")):
        bundle = item._repr_mimebundle_()
        assert set(bundle) == {"text/html", "text/plain"}  # no text/markdown to be rendered
        page = read_html(bundle["text/html"])
        assert page.created == []
        assert page.blocks == [hostile.text]  # exactly the text, every character
        assert bundle["text/html"].startswith(f'<{tag} style="white-space: pre-wrap">')


def test_a_markdown_link_is_not_a_link():
    html = paragraph("[x](javascript:alert(1)) ![y](http://127.0.0.1:9/p.png) **b**")._repr_mimebundle_()["text/html"]
    assert "<a" not in html and "<img" not in html and "<strong" not in html and "**b**" in html


def _assessment_values(recommendations: list[str], unit: str) -> dict:
    posts = {"unit": unit, "posts_old": 20, "posts_pilot": 18, "change": -2, "change_pct": -10.0,
             "complete": True, "provenance": "analyst", "units": 1, "units_incomplete": []}
    organisation = {"boards": 0, "citation": "", "board_names": [], "basis_units": 0, "leadership_body": False,
                    "bodies_old": None, "bodies_pilot": None, "support_per_body_old": None,
                    "support_per_body_pilot": None}
    # the organisation review names bodies and positions from the data (a data set's own files)
    review = {"bodies": {"old": 2, "pilot": 1, "parts": 2, "units": 1, "of": 1,
                         "posts_old": [(recommendations[0], 1)], "posts_pilot": [(recommendations[-1], 2)]},
              "leaders": None, "ranking": None,
              "support": {"positions": [{"name": recommendations[1], "old": 1, "pilot": 0, "named": True}],
                          "named": [recommendations[1]], "units": 1, "of": 1}}
    return {"c": {"single": True, "units": [unit], "organisation": organisation, "review": review,
                  "shares": None, "tasks": None,
                  "issues": {"difficulties": 0, "by_category": [], "recommendations": recommendations,
                             "advantages": 0, "advantages_by_category": [], "citation_advantages": ""},
                  "caveats": [], "citation_issues": "", "partial_basis": False},
            "r": posts, "o": posts, "citation": "", "illustrative": False}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_narrative_keeps_every_value_exactly(lang):
    from pilotlib.core.text import isolate_bidi
    from pilotlib.report.narrative import paragraphs

    texts = [h.text for h in CORPUS] + ["hai  dấu cách\n\nvà một đoạn trống"]
    shown_paragraphs = paragraphs("assessment", lang, **_assessment_values(texts, UNIT_NAMES[0]))
    everything = "\n".join(shown_paragraphs)
    for text in texts:  # never evaluated as Jinja, never re-wrapped, never split into paragraphs
        assert shown(isolate_bidi(text)) in shown(everything) or shown(text) in shown(everything)
    assert "49" not in everything.replace("1249", "")  # {{ 7*7 }} stays as typed
    assert sum("Rất dài" in p for p in shown_paragraphs) == 1  # one recommendations paragraph


def test_direction_controls_cannot_reorder_the_sentence():
    from pilotlib.core.text import isolate_bidi
    from pilotlib.report.narrative import paragraphs

    sentence = paragraphs("unit", "en", r={"unit": "abc\u202edef", "complete": True, "posts_old": 20,
                                           "posts_pilot": 18, "change": -2, "change_pct": -10.0},
                          citation="", illustrative=False)[0]
    assert "\u2068abc\u202edef\u2069" in sentence  # the override ends with the name
    assert isolate_bidi("x\u2069\u202ey") == "\u2068\u2068x\u2069\u202ey\u2069"  # a stray close opens one more
    assert isolate_bidi("plain Lâm Hà") == "plain Lâm Hà"


def _svg_text(fig) -> str:
    buffer = StringIO()
    fig.savefig(buffer, format="svg")
    return "".join(ET.fromstring(buffer.getvalue()).itertext())


def test_chart_labels_are_never_mathtext():
    names = [h.text for h in CORPUS if "$" in h.text] + UNIT_NAMES
    comparison = compare_posts(staffing_rows([{"unit": u, "structure": s, "posts": 5 + i}
                                              for i, u in enumerate(names) for s in ("old", "pilot")]))
    fig = posts_old_vs_pilot(comparison, "vi")
    drawn = _svg_text(fig)
    for name in names:  # "$x^2$" drawn as typed, "$\frac{" does not fail the figure
        assert name.replace("\u202e", "") in drawn.replace("\u202e", "")
    boards = [h.text for h in CORPUS if h.id in ("mathtext_broken", "mathtext_alpha", "html_script")]
    org = _svg_text(org_diagram(["$\\alpha$ cũ"], "$x^2$ khối", "Lãnh đạo", boards, "analyst", "vi"))
    assert all(board in org for board in boards) and "$x^2$ khối" in org


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_table_cells_are_escaped_text_with_their_line_breaks(lang):
    frame = pd.DataFrame({"unit": [h.text for h in CORPUS], "text": [h.text for h in CORPUS],
                          "posts": range(len(CORPUS)), "provenance": "analyst"})
    page = read_html(labelled_table(frame, lang).to_html())
    assert page.created == []
    for hostile in CORPUS:
        assert page.blocks.count(hostile.text) == 2  # unit cell and text cell, exactly as typed
    assert "white-space: pre-wrap" in labelled_table(frame, lang).to_html()
