"""Posts before and during the pilot, per unit: grouped bars with the values written on them."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from pilotlib.analysis import provenance
from pilotlib.core.i18n import label
from pilotlib.report.charts.style import apply_style, finish


def posts_old_vs_pilot(
    comparison: pd.DataFrame, lang: str = "vi", citation: str = ""
) -> Figure:
    """Grouped bars: posts per unit before and during the pilot, values written on bars."""
    apply_style()
    long = comparison.melt(
        id_vars=["unit"], value_vars=["posts_old", "posts_pilot"],
        var_name="structure", value_name="posts",
    ).dropna(subset=["posts"])
    long["structure"] = long["structure"].map(
        {"posts_old": label("old", lang), "posts_pilot": label("pilot", lang)}
    )
    long["posts"] = long["posts"].astype(float)
    width = max(5.0, 1.6 * comparison["unit"].nunique() + 2)
    fig, ax = plt.subplots(figsize=(width, 4.2))
    sns.barplot(data=long, x="unit", y="posts", hue="structure", ax=ax, errorbar=None)
    for container in ax.containers:
        ax.bar_label(container, fmt="%d", padding=2, fontsize=9)
    ax.set_title(label("chart_posts_title", lang))
    ax.set_xlabel(label("unit", lang))
    ax.set_ylabel(label("posts", lang))
    ax.legend(title=None, loc="upper center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
    ax.margins(y=0.25)
    return finish(fig, provenance.of(comparison), citation, lang)
