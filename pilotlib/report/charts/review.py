"""Charts of the organisation review: posts per organisation or board (before | pilot,
side by side), and leaders and support posts before and after (grouped bars).

The series keep the colours of every other chart ("before" first colour, "pilot"
second); counts have whole-number ticks, written the report language's way.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from pilotlib.core.i18n import label
from pilotlib.report.charts.style import SERIES_COLOURS, apply_style, bar_labels, finish, number_axis


def body_posts_chart(old: list[tuple[str, int]], pilot: list[tuple[str, int]], subtitle: str,
                     provenance: str, lang: str = "vi", citation: str = "") -> Figure:
    """Two panels of horizontal bars: posts of each organisation before, of each part of
    the agency in the pilot; ``subtitle`` says whose posts (a unit, or a sum of units)."""
    apply_style()
    rows = max(len(old), len(pilot), 1)
    fig, axes = plt.subplots(1, 2, figsize=(10, 0.45 * rows + 2.0), sharex=True)
    for ax, series, pairs in zip(axes, ("old", "pilot"), (old, pilot)):
        names = [name for name, _ in pairs][::-1]
        values = [float(n) for _, n in pairs][::-1]
        bars = ax.barh(range(len(names)), values, color=SERIES_COLOURS[series], height=0.65)
        ax.set_yticks(range(len(names)), names)
        bar_labels(ax, bars, lang, padding=2, fontsize=8)
        ax.set_title(label(series, lang), fontsize=10)
        ax.set_xlabel(label("posts", lang))
        ax.margins(x=0.15)
    for ax in axes:
        number_axis(ax, "x", lang)
    fig.suptitle(f"{label('chart_body_posts_title', lang)} — {subtitle}" if subtitle
                 else label("chart_body_posts_title", lang))
    return finish(fig, provenance, citation, lang)


def before_after_bars(categories: list[str], old: list[float], pilot: list[float], title: str,
                      provenance: str, lang: str = "vi", citation: str = "") -> Figure:
    """Grouped bars, before and pilot, for each category (heads, deputies, each support
    position), values written on the bars (0 is written too: a known zero)."""
    apply_style()
    fig, ax = plt.subplots(figsize=(max(6.0, 1.1 * len(categories) + 2.5), 4.2))
    width = 0.38
    for offset, series, values in ((-width / 2, "old", old), (width / 2, "pilot", pilot)):
        bars = ax.bar([i + offset for i in range(len(categories))], [float(v) for v in values], width,
                      color=SERIES_COLOURS[series])
        bar_labels(ax, bars, lang, padding=2, fontsize=9)
    ax.set_xticks(range(len(categories)), categories)
    ax.set_title(title)
    ax.set_ylabel(label("posts", lang))
    ax.legend(handles=[Patch(color=SERIES_COLOURS[s], label=label(s, lang)) for s in ("old", "pilot")],
              loc="upper center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
    ax.margins(y=0.25)
    number_axis(ax, "y", lang)
    return finish(fig, provenance, citation, lang)
