"""The look every chart shares: a font that covers Vietnamese, a colour-blind palette, a
caption naming the data's provenance, a watermark on illustrative data, and saving.

The font is DejaVu Sans (shipped with matplotlib), which has every Vietnamese letter,
so no glyph goes missing. The palette is seaborn's colour-blind-safe one. Text is
drawn as text: dollar signs never start mathtext.

Numbers on a chart are written the report language's way (vi: 1.234,5; en: 1,234.5) —
ticks and bar labels alike — and an axis of counts (posts, statements) has whole-number
ticks only. A series keeps its colour in every chart: "before" is always the first
colour and "pilot" the second, whichever of them a unit has.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from pilotlib.analysis.provenance import is_illustrative
from pilotlib.core.i18n import label, provenance_label
from pilotlib.report.model import PNG_DPI
from pilotlib.report.narrative import format_number

FONT = "DejaVu Sans"
PALETTE = "colorblind"
# The series every chart colours the same way (seaborn's colour-blind palette, full colour).
SERIES_COLOURS = {"old": "#0173b2", "pilot": "#de8f05"}


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
        fig.savefig(path, dpi=PNG_DPI if suffix == ".png" else None, bbox_inches="tight")
        written.append(path)
    return written


def number_text(value: float, lang: str, decimals: int | None = None) -> str:
    """A number as a chart writes it: whole numbers without decimals, others with one
    (or ``decimals``), in the language's separators."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    return format_number(value, lang, decimals)


def number_axis(ax, axis: str, lang: str, counts: bool = True) -> None:
    """Ticks of ``axis`` ("x" or "y") written the language's way; whole numbers only when
    the axis counts something (posts, statements), and starting at zero."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    if counts:
        target.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
        low, high = ax.get_xlim() if axis == "x" else ax.get_ylim()
        (ax.set_xlim if axis == "x" else ax.set_ylim)(0, max(high, 1))
    target.set_major_formatter(FuncFormatter(lambda value, _pos: number_text(value, lang)))


def bar_labels(ax, container, lang: str, **options) -> None:
    """The value on each bar of ``container``, the language's way; nothing on a bar of 0
    height when ``skip_zero`` (stacked parts that are absent)."""
    skip_zero = options.pop("skip_zero", False)
    texts = ["" if (skip_zero and not v) or v != v else number_text(v, lang) for v in container.datavalues]
    ax.bar_label(container, labels=texts, **options)
