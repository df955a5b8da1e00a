"""The look every chart shares: a font that covers Vietnamese, a colour-blind palette, a
caption naming the data's provenance, a watermark on illustrative data, and saving.

The font is DejaVu Sans (shipped with matplotlib), which has every Vietnamese letter,
so no glyph goes missing. The palette is seaborn's colour-blind-safe one. Text is
drawn as text: dollar signs never start mathtext.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.figure import Figure

from pilotlib.analysis.provenance import is_illustrative
from pilotlib.core.i18n import label, provenance_label

FONT = "DejaVu Sans"
PALETTE = "colorblind"


def apply_style() -> None:
    """Seaborn theme with a font that covers Vietnamese."""
    sns.set_theme(style="whitegrid", palette=PALETTE, font=FONT)
    plt.rcParams["font.family"] = FONT
    plt.rcParams["svg.fonttype"] = "none"  # keep text as text in SVG
    # Unit names, board names and tasks are data: "$x^2$" is drawn as typed, never as
    # mathtext (which would change it, or fail the whole figure on "$\\frac{$").
    plt.rcParams["text.parse_math"] = False
    plt.rcParams["text.usetex"] = False


def finish(fig: Figure, provenance: str, citation: str, lang: str, bottom: float = 0.05) -> Figure:
    """Caption the figure with its data's provenance; watermark illustrative data."""
    caption = f"{label('caption_source', lang)}: {provenance_label(provenance, lang)}"
    if citation:
        caption += f" — {citation}"
    fig.text(0.01, 0.01, caption, ha="left", va="bottom", fontsize=8, color="#444444")
    if is_illustrative(provenance):
        fig.text(
            0.5, 0.5, label("illustrative_banner", lang), ha="center", va="center",
            fontsize=20, color="#b00020", alpha=0.25, rotation=20,
        )
    fig.tight_layout(rect=(0, bottom, 1, 1))
    return fig


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
