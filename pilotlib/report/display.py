"""Showing report content in a notebook: headings, paragraphs, figures and tables, in order.

Keeps the notebooks thin — one call per section. Text is data, never markup: a heading
or paragraph is shown as escaped HTML (``text/html``, with a ``text/plain`` copy), never
as Markdown, so a unit name or a statement from a user's file can never become a link,
an image, a script or bold type — what the reader sees is the text exactly (its line
breaks and runs of spaces too: ``white-space: pre-wrap``).
"""
from __future__ import annotations

import base64
import html
import struct

from matplotlib.figure import Figure

from pilotlib.report.model import PNG_DPI

_KEEP_SPACES = ' style="white-space: pre-wrap"'


class Text:
    """A block of plain text shown as one HTML element (``h1``…``h6`` or ``p``).

    ``data`` (as in IPython's display objects) is the text itself; ``html`` is the
    escaped HTML a notebook front end or nbconvert receives. There is deliberately no
    Markdown representation.
    """

    def __init__(self, text: str, tag: str = "p") -> None:
        self.data = str(text)
        self.tag = tag

    @property
    def html(self) -> str:
        return f"<{self.tag}{_KEEP_SPACES}>{html.escape(self.data, quote=True)}</{self.tag}>"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        return {"text/html": self.html, "text/plain": self.data}

    def __repr__(self) -> str:
        return f"Text({self.data!r}, tag={self.tag!r})"


def heading(text: str, level: int = 1) -> Text:
    """A heading (``<h1>``…``<h6>``) of plain, escaped text (unit names are data, not markup)."""
    return Text(text, f"h{min(max(int(level), 1), 6)}")


def paragraph(text: str) -> Text:
    """A paragraph of plain, escaped text."""
    return Text(text, "p")


class ChartImage:
    """A chart shown from the PNG file it was saved as, at the size the inline backend
    would show the figure (its ``dpi``): the page and the file are the same picture, and
    the chart is not drawn a third time (PNG and SVG files are drawn already)."""

    def __init__(self, png: bytes, figure: Figure) -> None:
        self.png = png
        self.figure = figure

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        width, height = struct.unpack(">II", self.png[16:24])  # the IHDR chunk: pixels
        scale = self.figure.dpi / PNG_DPI
        size = {"width": max(1, round(width * scale)), "height": max(1, round(height * scale))}
        return ({"image/png": base64.b64encode(self.png).decode("ascii"), "text/plain": repr(self.figure)},
                {"image/png": size})


def show(chart: Figure | ChartImage):
    """Display a chart once (and close its figure, so the inline backend does not repeat it)."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    display(chart)
    plt.close(chart.figure if isinstance(chart, ChartImage) else chart)


def show_items(items: list) -> None:
    """Display each item in order; figures are shown once and closed, and a plain string
    is a paragraph of text (never Markdown)."""
    from IPython.display import display

    for item in items:
        if isinstance(item, (Figure, ChartImage)):
            show(item)
        elif isinstance(item, str):
            display(paragraph(item))
        else:
            display(item)
