"""Showing report blocks in a notebook — and recording them for Word and Excel.

``show_items`` displays each block the way the notebook always has (escaped heading and
text through ``report.display``, the labelled table, the chart once) and publishes the
blocks as JSON in the cell's outputs (``report.model``), so the batch side renders the
other formats from exactly what was shown. Blocks for the documents only (the lists of
sections II and III) are recorded, not displayed. Anything that is not a block (a
Styler, a Figure, a string) is displayed as before.
"""
from __future__ import annotations

from pilotlib.report import display as view
from pilotlib.report.model import Figure, Heading, Paragraph, Statements, Table, publish
from pilotlib.report.tables import labelled_table

BLOCKS = (Heading, Paragraph, Table, Figure, Statements)


def displayed(item):
    """What the notebook displays for one item (None: nothing)."""
    if getattr(item, "media", "all") != "all":
        return None
    if isinstance(item, Heading):
        return view.heading(item.text, item.level)
    if isinstance(item, Paragraph):
        return view.paragraph(item.text)
    if isinstance(item, Table):
        return labelled_table(item.frame, item.lang) if item.frame is not None else None
    if isinstance(item, Figure):
        return view.ChartImage(item.png, item.figure) if item.png else item.figure
    return item


def without_empty_headings(items: list) -> list:
    """The items without a heading that has nothing under it (the end of the list, or a
    heading of the same or a higher level next): a page never shows an empty section."""
    kept = []
    for index, item in enumerate(items):
        if isinstance(item, Heading):
            following = next((i for i in items[index + 1:] if getattr(i, "media", "all") == "all"), None)
            if following is None or (isinstance(following, Heading) and following.level <= item.level):
                continue
        kept.append(item)
    return kept


def show_items(items: list) -> None:
    """Display each item in order (figures once, then closed) and record the blocks; a
    heading with nothing under it is left out of both."""
    items = without_empty_headings(items)
    blocks = [item for item in items if isinstance(item, BLOCKS)]
    shown = [displayed(item) for item in items]
    view.show_items([s for s in shown if s is not None])
    publish(blocks=blocks)
