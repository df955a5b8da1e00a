"""Posts before and during the pilot, per unit: grouped bars with the values written on them.

Drawn bar by bar (not through seaborn's hue) so each series keeps its colour whichever
series a unit has: a unit with pilot figures only gets one bar in the pilot colour, and
the missing side is said on the chart ("no data"), never drawn as a zero.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from pilotlib.analysis import provenance
from pilotlib.core.i18n import label
from pilotlib.report.charts.style import SERIES_COLOURS, apply_style, bar_labels, finish, number_axis

SERIES = (("old", "posts_old"), ("pilot", "posts_pilot"))
BAR_WIDTH = 0.38


def posts_old_vs_pilot(
    comparison: pd.DataFrame, lang: str = "vi", citation: str = ""
) -> Figure:
    """Grouped bars: posts per unit before and during the pilot, values written on bars."""
    apply_style()
    units = list(comparison["unit"])
    width = max(5.0, 1.6 * len(units) + 2)
    fig, ax = plt.subplots(figsize=(width, 4.2))
    shown = []
    for offset, (series, column) in zip((-BAR_WIDTH / 2, BAR_WIDTH / 2), SERIES):
        values = comparison[column].astype("Float64")
        present = values.notna().to_numpy()
        if not present.any():
            continue
        positions = [i + offset for i, ok in enumerate(present) if ok]
        bars = ax.bar(positions, values[present].astype(float).to_numpy(), BAR_WIDTH,
                      color=SERIES_COLOURS[series], label=label(series, lang))
        bar_labels(ax, bars, lang, padding=2, fontsize=9)
        shown.append(series)
        for i, ok in enumerate(present):  # the side this unit has no figure for
            if not ok:
                ax.text(i + offset, 0, label("no_data", lang), rotation=90, ha="center", va="bottom",
                        fontsize=8, color="#555555")
    ax.set_xticks(range(len(units)), units)
    ax.set_title(label("chart_posts_title", lang))
    ax.set_xlabel(label("unit", lang))
    ax.set_ylabel(label("posts", lang))
    if shown:
        ax.legend(handles=[Patch(color=SERIES_COLOURS[s], label=label(s, lang)) for s in shown],
                  loc="upper center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
    ax.margins(y=0.25)
    number_axis(ax, "y", lang)
    return finish(fig, provenance.of(comparison), citation, lang)
