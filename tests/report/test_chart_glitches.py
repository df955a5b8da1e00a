"""Charts a reader checks at a glance: the legend off the axis label, whole-number ticks
on counts, numbers written the report language's way, each series in its own colour
whatever the unit has, and an organisation diagram that never says "0 boards"."""
from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from conftest import staffing_rows  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from pilotlib.analysis.composition import posts_by_group  # noqa: E402
from pilotlib.analysis.metrics import compare_posts  # noqa: E402
from pilotlib.data.load import load_dataset  # noqa: E402
from pilotlib.data.model import Dataset  # noqa: E402
from pilotlib.report import sections  # noqa: E402
from pilotlib.report.charts.breakdown import composition_stacked  # noqa: E402
from pilotlib.report.charts.issues import issues_by_category  # noqa: E402
from pilotlib.report.charts.organisation import org_diagram  # noqa: E402
from pilotlib.report.charts.posts import posts_old_vs_pilot  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "example"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _one_unit_groups():
    example = load_dataset(EXAMPLE)
    return posts_by_group(example.staffing[example.staffing["unit"] == "Lâm Hà"])


def _ticks(ax, axis):
    labels = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in labels if t.get_text()]


def _overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def test_one_unit_legend_is_clear_of_the_axis_label():
    # one unit = two short bars: the legend used to be drawn over "Biên chế" under the axis
    fig = composition_stacked(_one_unit_groups(), "illustrative", "vi")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    legend = ax.get_legend().get_window_extent(renderer)
    xlabel = ax.xaxis.label.get_window_extent(renderer)
    ticks = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
    assert not _overlap(legend, xlabel) and not any(_overlap(legend, t) for t in ticks)
    box = fig.bbox
    assert box.x0 <= legend.x0 and legend.x1 <= box.x1 and box.y0 <= legend.y0 and legend.y1 <= box.y1


def test_count_axes_have_whole_number_ticks():
    composition = composition_stacked(_one_unit_groups(), "illustrative", "vi")  # 0–20 posts
    posts = posts_old_vs_pilot(compare_posts(staffing_rows([
        {"unit": "A", "structure": "old", "posts": 3}, {"unit": "A", "structure": "pilot", "posts": 2}])), "vi")
    for fig, axis in ((composition, "x"), (posts, "y")):
        fig.canvas.draw()
        ticks = _ticks(fig.axes[0], axis)
        assert ticks and all(re.fullmatch(r"\d+", t) for t in ticks), ticks  # not 0.0, 2.5, …


@pytest.mark.parametrize("lang, thousands", [("vi", "1.200"), ("en", "1,200")])
def test_numbers_on_charts_are_written_the_languages_way(lang, thousands):
    comparison = compare_posts(staffing_rows([
        {"unit": "A", "structure": "old", "posts": 1200}, {"unit": "A", "structure": "pilot", "posts": 1500}]))
    fig = posts_old_vs_pilot(comparison, lang)
    fig.canvas.draw()
    texts = [t.get_text() for t in fig.axes[0].texts]  # the values written on the bars
    assert thousands in texts and ("1.500" if lang == "vi" else "1,500") in texts
    ticks = _ticks(fig.axes[0], "y")
    assert any(len(t) > 3 for t in ticks) and all(("," if lang == "vi" else ".") not in t for t in ticks)
    if lang == "vi":
        assert all("," not in t for t in ticks if "." in t)  # thousands with ".", never a decimal point


def test_vietnamese_decimals_use_a_comma():
    from pilotlib.report.charts.style import number_text

    assert (number_text(2.5, "vi"), number_text(2.5, "en"), number_text(1234.0, "vi")) == ("2,5", "2.5", "1.234")
    rows = pd.DataFrame({"unit": ["A", "A", "B"], "kind": "difficulty", "category": "funding",
                         "provenance": "analyst", "source_file": "", "source_row": ""})
    fig = issues_by_category(rows, {"funding": "Kinh phí"}, "vi")
    fig.canvas.draw()
    assert all(re.fullmatch(r"\d+", t) for t in _ticks(fig.axes[0], "x"))


def _bar_colours(ax):
    return [to_hex(p.get_facecolor()) for p in ax.patches if p.get_height() > 0]


def test_colours_follow_the_series_whatever_a_unit_has():
    # A has both structures; B only pilot figures: its one bar is the pilot colour
    mixed = compare_posts(staffing_rows([
        {"unit": "A", "structure": "old", "posts": 5}, {"unit": "A", "structure": "pilot", "posts": 4},
        {"unit": "B", "structure": "pilot", "posts": 7}]))
    ax = posts_old_vs_pilot(mixed, "vi").axes[0]
    bars = {(round(p.get_x() + p.get_width() / 2), p.get_height()): to_hex(p.get_facecolor()) for p in ax.patches
            if p.get_height() > 0}
    legend = {t.get_text(): to_hex(h.get_facecolor())
              for t, h in zip(ax.get_legend().get_texts(), ax.get_legend().legend_handles)}
    assert bars[(0, 5.0)] == legend["Trước thí điểm"] != legend["Thí điểm"] == bars[(0, 4.0)]
    assert bars[(1, 7.0)] == legend["Thí điểm"]
    pilot_colour = legend["Thí điểm"]
    # a unit report of a unit with pilot figures only: its one bar used to take the first
    # colour, the "before" colour of every other chart
    ax = posts_old_vs_pilot(compare_posts(staffing_rows([{"unit": "B", "structure": "pilot", "posts": 7}])),
                            "vi").axes[0]
    assert _bar_colours(ax) == [pilot_colour]
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["Thí điểm"]
    assert [to_hex(h.get_facecolor()) for h in legend.legend_handles] == [pilot_colour]


def test_a_missing_side_is_said_on_the_chart_not_drawn_as_zero():
    ax = posts_old_vs_pilot(compare_posts(staffing_rows([
        {"unit": "A", "structure": "old", "posts": 5}, {"unit": "A", "structure": "pilot", "posts": 4},
        {"unit": "B", "structure": "pilot", "posts": 7}])), "vi").axes[0]
    assert [t.get_text() for t in ax.texts].count("chưa có số liệu") == 1  # B's "before"
    assert sorted(p.get_height() for p in ax.patches) == [4.0, 5.0, 7.0]  # no bar of 0 for B


def _texts(fig):
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


def test_totals_only_without_a_pilot_model_draws_the_bundled_four_boards():
    # an analyst's folder: totals only, no pilot_model.csv of its own
    data = Dataset.from_tables(staffing_rows([
        {"unit": "Lâm Hà", "structure": s, "posts": 20} for s in ("old", "pilot")]))
    [_heading, figure] = sections.organisation(data, ["Lâm Hà"], "vi")
    texts = _texts(figure.figure)
    assert "Thí điểm: 1 cơ quan khối, 4 ban" in texts and "0 ban" not in " ".join(texts)
    assert {"Ban Tổng hợp", "Ban Tuyên truyền", "Ban Kiểm tra", "Ban Phong trào"} <= set(texts)
    assert "Cơ quan Khối MTTQ và các đoàn thể chính trị - xã hội" in texts  # the model's agency


def test_a_model_without_boards_says_so_instead_of_an_empty_box():
    fig = org_diagram(["Hội Nông dân"], "Cơ quan khối", "Lãnh đạo khối", [], "analyst", "vi")
    texts = _texts(fig)
    assert "Thí điểm: 1 cơ quan khối" in texts and not any("0 ban" in t for t in texts)
    assert "(số liệu không cho biết các ban)" in texts


def test_a_data_sets_own_model_wins_over_the_bundled_one():
    bundled = load_dataset()
    model = bundled.table("pilot_model")
    own = model[model["name_vi"] != "Ban Kiểm tra"]
    data = Dataset.from_tables(staffing_rows([{"unit": "Lâm Hà", "structure": "old", "posts": 20}]),
                               pilot_model=own)
    [_heading, figure] = sections.organisation(data, ["Lâm Hà"], "en")
    assert "Pilot: 1 joint agency, 3 boards" in _texts(figure.figure)
