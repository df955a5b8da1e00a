"""Breakdown charts: composition by position group, and the staff × task heatmap.

Both need per-position or per-person data (the illustrative set or an analyst's file);
callers check ``known`` first and say so in the text when the data has only totals.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from pilotlib.analysis.composition import GROUPS
from pilotlib.core.i18n import label
from pilotlib.report.charts.style import apply_style, bar_labels, finish, number_axis


def composition_stacked(groups: pd.DataFrame, provenance: str, lang: str = "vi",
                        citation: str = "") -> Figure:
    """Horizontal stacked bars: posts by position group, one bar per unit and structure."""
    apply_style()
    known = groups[groups["known"].astype(bool)]
    wide = known.pivot_table(index=["unit", "structure"], columns="position_group",
                             values="posts", aggfunc="sum", sort=False).reindex(columns=list(GROUPS))
    wide.index = [f"{unit} — {label(structure, lang)}" for unit, structure in wide.index]
    wide.columns = [label(g, lang) for g in wide.columns]
    fig, ax = plt.subplots(figsize=(8, 0.55 * len(wide) + 1.8))
    wide.astype(float).iloc[::-1].plot.barh(stacked=True, ax=ax, width=0.7,
                                              color=sns.color_palette("colorblind", len(GROUPS)))
    for container in ax.containers:
        bar_labels(ax, container, lang, skip_zero=True, label_type="center", fontsize=8, color="white")
    ax.set_title(label("chart_composition_title", lang))
    ax.set_xlabel(label("posts", lang))
    ax.set_ylabel("")
    number_axis(ax, "x", lang)
    # beside the bars, never under them: below, it would sit on the axis label of a short chart
    ax.legend(title=None, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    return finish(fig, provenance, citation, lang)


def task_heatmap(grid: pd.DataFrame, unit: str, provenance: str, lang: str = "vi") -> Figure:
    """Person × task matrix; tasks done by only one person are starred in the labels."""
    apply_style()
    cover = grid.sum(axis=0)
    columns = [f"{task} *" if cover[task] == 1 else task for task in grid.columns]
    shown = grid.copy()
    shown.columns = columns
    fig, ax = plt.subplots(figsize=(1.0 * len(columns) + 3, 0.3 * len(shown) + 2.5))
    sns.heatmap(shown, cmap=["#f0f0f0", "#2c7bb6"], cbar=False, linewidths=0.5,
                linecolor="white", ax=ax, vmin=0, vmax=1)
    ax.set_title(label("chart_tasks_title", lang).format(unit=unit))
    ax.set_xlabel(f"{label('task', lang)}   ({label('chart_tasks_risk', lang)})")
    ax.set_ylabel(label("staff_id", lang))
    ax.tick_params(axis="x", labelrotation=35)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("right")
    return finish(fig, provenance, "", lang, bottom=0.04)
