"""The organisation diagram: separate offices before, one agency with boards after.

Drawn with matplotlib patches (boxes and an arrow), not typed, so it follows the data:
the organisations and boards come from the staffing breakdown when it has bodies, else
from the pilot model and the member configuration, and the caption says which.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from pilotlib.core.i18n import label
from pilotlib.report.charts.style import apply_style, finish

OLD_COLOUR, AGENCY_COLOUR, BOARD_COLOUR = "#cfe2f3", "#fde9c8", "#f6c46a"


def _box(ax, x, y, w, h, text, colour, size=9, weight="normal"):
    ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.02,rounding_size=0.04",
                                facecolor=colour, edgecolor="#555555", linewidth=1))
    ax.text(x + w / 2, y + h / 2, text, ha="center", va="center", fontsize=size,
            fontweight=weight, wrap=True)


def org_diagram(organisations: list[str], agency: str, leadership: str, boards: list[str],
                provenance: str, lang: str = "vi", citation: str = "",
                members_from_config: bool = False) -> Figure:
    """Left: one box per organisation (each its own office). Right: the joint agency
    with its leadership and boards. Returns the Figure."""
    apply_style()
    rows = max(len(organisations), len(boards) + 2, 3)
    fig, ax = plt.subplots(figsize=(10, 0.62 * rows + 1.6))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, rows + 1.2)
    ax.axis("off")
    ax.set_title(label("chart_org_title", lang))
    if members_from_config:  # no count: the data do not say how many offices there were
        old_title = label("chart_org_old_config", lang) + "\n" + label("chart_org_members_unknown", lang)
        citation = "; ".join(filter(None, [citation, label("caption_members_config", lang)]))
    else:
        old_title = label("chart_org_old", lang).format(n=len(organisations))
    ax.text(2.0, rows + 0.75, old_title, ha="center", va="center", fontsize=10, fontweight="bold")
    top = rows - 0.1
    step = rows / max(len(organisations), 1)
    for index, name in enumerate(organisations):
        _box(ax, 0.3, top - (index + 1) * step + 0.12, 3.4, step - 0.24, name, OLD_COLOUR)
    pilot_title = label("chart_org_pilot", lang).format(n=len(boards)) if boards else label("chart_org_pilot_agency", lang)
    ax.text(7.2, rows + 0.75, pilot_title, ha="center", va="center", fontsize=10, fontweight="bold")
    _box(ax, 4.9, 0.1, 4.8, rows - 0.2, "", AGENCY_COLOUR)
    ax.text(7.3, rows - 0.45, agency, ha="center", va="center", fontsize=9, fontweight="bold", wrap=True)
    if leadership:
        _box(ax, 5.6, rows - 1.55, 3.4, 0.7, leadership, BOARD_COLOUR, weight="bold")
    if not boards:  # the box is never left empty: it says what the data do not tell
        ax.text(7.3, (rows - 1.9) / 2, label("chart_org_boards_unknown", lang), ha="center", va="center",
                fontsize=9, style="italic", color="#555555", wrap=True)
    board_step = (rows - 2.0) / max(len(boards), 1)
    for index, name in enumerate(boards):
        _box(ax, 5.6, rows - 1.9 - (index + 1) * board_step + 0.1, 3.4, board_step - 0.2, name, BOARD_COLOUR)
    ax.add_patch(FancyArrowPatch((3.85, rows / 2), (4.8, rows / 2), arrowstyle="-|>",
                                 mutation_scale=22, color="#333333", linewidth=2))
    return finish(fig, provenance, citation, lang)
