"""Showing report content in a notebook: headings, paragraphs, figures and tables, in order.

Keeps the notebooks thin — one call per section. Text is data, never markup: a heading
or paragraph is shown as escaped text, so a unit name or a statement from a user's file
can never become a link, an image or a script.
"""
from __future__ import annotations

import html

from IPython.display import Markdown
from matplotlib.figure import Figure


def heading(text: str, level: int = 1):
    """A Markdown heading, escaped (unit names are data, not markup)."""
    return Markdown(f"{'#' * level} {html.escape(text)}")


def paragraph(text: str):
    """Narrative text as Markdown, escaped."""
    return Markdown(html.escape(text))


def show(fig: Figure):
    """Display a figure once (and close it, so the inline backend does not repeat it)."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    display(fig)
    plt.close(fig)


def show_items(items: list) -> None:
    """Display each item in order; figures are shown once and closed."""
    from IPython.display import display
    from matplotlib.figure import Figure

    for item in items:
        if isinstance(item, Figure):
            show(item)
        elif isinstance(item, str):
            display(Markdown(item))
        else:
            display(item)
