"""Change in posts per unit, ranked: horizontal bars, the largest cuts and increases in
colour, the rest grey, the change written at each bar.

Drawn from ``analysis.ranking.rank_changes``: only ranked (complete) units have a bar —
an incomplete unit has no change to draw, and the chart's caption says where they are
listed. A province with more than ``MAX_BARS`` ranked units shows its ``SHOWN_EACH``
largest cuts and increases (the title says so); the table beside it lists every unit.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from pilotlib.analysis import provenance
from pilotlib.analysis.ranking import CUT, INCREASE
from pilotlib.core.i18n import label
from pilotlib.report.charts.style import PALETTE, apply_style, finish

MAX_BARS = 40
SHOWN_EACH = 15
OTHER_COLOUR = "#b8b8b8"


def drawn_units(ranked: pd.DataFrame) -> pd.DataFrame:
    """The ranked units the chart draws: all of them, or the largest cuts and increases."""
    complete = ranked[ranked["rank"].notna()]
    if len(complete) <= MAX_BARS:
        return complete
    change = complete["change"].astype("Int64")
    cuts = complete[change < 0].head(SHOWN_EACH)
    increases = complete[change > 0].tail(SHOWN_EACH)
    return pd.concat([cuts, increases])


def changes_ranked(ranked: pd.DataFrame, lang: str = "vi", citation: str = "") -> Figure:
    """Bars of ``change`` per unit in rank order (largest cut on top)."""
    apply_style()
    drawn = drawn_units(ranked)
    palette = sns.color_palette(PALETTE)
    colours = {CUT: palette[1], INCREASE: palette[0]}
    values = drawn["change"].astype(float).tolist() if len(drawn) else []
    fig, ax = plt.subplots(figsize=(8, 0.32 * max(len(drawn), 3) + 1.6))
    positions = list(range(len(drawn)))
    bars = ax.barh(positions, values, color=[colours.get(h, OTHER_COLOUR) for h in drawn["highlight"]])
    ax.bar_label(bars, labels=[f"{int(v):+d}" if v else "0" for v in values], padding=3, fontsize=8)
    ax.set_yticks(positions, labels=drawn["unit"].tolist(), fontsize=8)
    ax.invert_yaxis()
    ax.axvline(0, color="#444444", linewidth=0.8)
    ax.xaxis.get_major_locator().set_params(integer=True)
    low, high = min([0.0, *values]), max([0.0, *values])
    pad = max(1.0, (high - low) * 0.15)  # room for the labels; a chart of zeros still reads in posts
    ax.set_xlim(low - pad, high + pad)
    shown_all = len(drawn) == int(ranked["rank"].notna().sum())
    ax.set_title(label("chart_changes_title", lang) if shown_all else label("chart_changes_some", lang).format(
        n=int((drawn["change"].astype(float) < 0).sum()), m=int((drawn["change"].astype(float) > 0).sum())))
    ax.set_xlabel(f"{label('change', lang)} ({label('posts', lang).lower()})")
    ax.set_ylabel("")
    handles = [Patch(color=colours[CUT], label=label("largest_cut", lang)),
               Patch(color=colours[INCREASE], label=label("largest_increase", lang)),
               Patch(color=OTHER_COLOUR, label=label("other_change", lang))]
    ax.legend(handles=handles, loc="best", frameon=True, fontsize=8)
    return finish(fig, provenance.of(ranked, default="source"), citation, lang)
