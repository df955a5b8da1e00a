"""Charts return Figures, render Vietnamese without missing glyphs, carry provenance."""
from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from conftest import staffing_rows  # noqa: E402

from pilotlib.analysis.metrics import compare_posts  # noqa: E402
from pilotlib.report.charts.posts import posts_old_vs_pilot
from pilotlib.report.charts.style import save_figure  # noqa: E402


def _texts(fig):
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


def _comparison(provenance="source"):
    return compare_posts(staffing_rows([
        {"unit": u, "structure": s, "posts": n, "provenance": provenance}
        for u, n in [("Đạ Huoai", 23), ("Đạ Tẻh", 21), ("Lâm Hà", 20)] for s in ("old", "pilot")
    ]))


def test_vietnamese_renders_without_missing_glyphs(tmp_path):
    fig = posts_old_vs_pilot(_comparison(), "vi", "doc ¶4")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font" is a UserWarning
        written = save_figure(fig, tmp_path, "posts")
    assert [p.suffix for p in written] == [".png", ".svg"] and all(p.stat().st_size > 0 for p in written)
    texts = _texts(fig)
    assert "Biên chế trước và trong thí điểm" in texts
    assert "Nguồn: tài liệu được trích dẫn — doc ¶4" in texts
    assert {"23", "21", "20"} <= set(texts)  # bar labels carry the values
    assert "Đạ Tẻh" in (tick.get_text() for tick in fig.axes[0].get_xticklabels())
    plt.close(fig)


def test_english_and_illustrative_watermark():
    fig = posts_old_vs_pilot(_comparison("illustrative"), "en")
    texts = _texts(fig)
    assert "Posts before and during the pilot" in texts
    assert "Illustrative data, not real figures" in texts
    assert any(t.startswith("Source: ILLUSTRATIVE DATA") for t in texts)
    plt.close(fig)


def test_save_figure_without_folder_writes_nothing(tmp_path):
    fig = posts_old_vs_pilot(_comparison(), "vi")
    assert save_figure(fig, "", "posts") == []
    plt.close(fig)
