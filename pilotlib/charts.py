"""Charts for the reports. Each function returns a matplotlib Figure; callers save it.

The font is DejaVu Sans (shipped with matplotlib), which has every Vietnamese letter,
so no glyph goes missing. The palette is seaborn's colour-blind-safe one. Every chart
carries a caption naming its data's provenance, and illustrative data gets a watermark.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from pilotlib.labels import label, provenance_label

FONT = "DejaVu Sans"
PALETTE = "colorblind"


def apply_style() -> None:
    """Seaborn theme with a font that covers Vietnamese."""
    sns.set_theme(style="whitegrid", palette=PALETTE, font=FONT)
    plt.rcParams["font.family"] = FONT
    plt.rcParams["svg.fonttype"] = "none"  # keep text as text in SVG


def finish(fig: Figure, provenance: str, citation: str, lang: str, bottom: float = 0.05) -> Figure:
    """Caption the figure with its data's provenance; watermark illustrative data."""
    caption = f"{label('caption_source', lang)}: {provenance_label(provenance, lang)}"
    if citation:
        caption += f" — {citation}"
    fig.text(0.01, 0.01, caption, ha="left", va="bottom", fontsize=8, color="#444444")
    if "illustrative" in provenance.split("+"):
        fig.text(
            0.5, 0.5, label("illustrative_banner", lang), ha="center", va="center",
            fontsize=20, color="#b00020", alpha=0.25, rotation=20,
        )
    fig.tight_layout(rect=(0, bottom, 1, 1))
    return fig


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
    provenance = "+".join(sorted(set("+".join(comparison["provenance"]).split("+"))))
    return finish(fig, provenance, citation, lang)


def save_figure(fig: Figure, folder: str | Path, name: str) -> list[Path]:
    """Write ``folder/name``.png and .svg; nothing when ``folder`` is empty (exploring)."""
    if not str(folder):
        return []
    stem = Path(folder) / name
    stem.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix in (".png", ".svg"):
        path = stem.with_suffix(suffix)
        fig.savefig(path, dpi=150 if suffix == ".png" else None, bbox_inches="tight")
        written.append(path)
    return written
