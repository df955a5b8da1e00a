"""Difficulties by topic and unit: horizontal bars, topic labels from the category table."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from pilotlib.analysis import provenance
from pilotlib.core.i18n import label
from pilotlib.report.charts.style import apply_style, bar_labels, finish, number_axis


def issues_by_category(issues: pd.DataFrame, category_labels: dict[str, str], lang: str = "vi",
                       kind: str = "difficulty", citation: str = "") -> Figure:
    """Count of statements of one kind per category, coloured by unit ("" = all units)."""
    apply_style()
    rows = issues[issues["kind"] == kind].copy()
    rows["unit_label"] = rows["unit"].replace("", label("all_units", lang))
    rows["category_label"] = rows["category"].map(category_labels).fillna(rows["category"])
    order = [category_labels[c] for c in category_labels if c in set(rows["category"])]
    fig, ax = plt.subplots(figsize=(8, 0.5 * max(len(order), 2) + 1.8))
    sns.countplot(data=rows, y="category_label", hue="unit_label", order=order, ax=ax)
    for container in ax.containers:
        bar_labels(ax, container, lang, skip_zero=True, padding=2, fontsize=8)
    ax.set_title(label("chart_issues_title", lang))
    ax.set_xlabel(label("count", lang))
    ax.set_ylabel("")
    ax.margins(x=0.1)
    number_axis(ax, "x", lang)
    ax.legend(title=None, loc="lower right", frameon=True)
    return finish(fig, provenance.of(rows, default="source"), citation, lang)
