"""Read a report's numbers back from what it renders: the bars of a chart and the cells
of an HTML table (helpers for the report tests)."""
from __future__ import annotations

from html.parser import HTMLParser

from matplotlib.colors import to_hex


def chart_values(fig) -> dict[str, dict[str, tuple[float, str]]]:
    """{legend label: {unit: (bar height, text written on the bar)}}.

    A series is found by its colour: the legend says which colour is which label, the
    x tick labels which position is which unit, and each bar's label is the annotation
    standing at the bar's centre.
    """
    ax = fig.axes[0]
    units = [tick.get_text() for tick in ax.get_xticklabels()]
    legend = ax.get_legend()
    colour_to_label = {to_hex(handle.get_facecolor()): text.get_text()
                       for text, handle in zip(legend.get_texts(), legend.legend_handles)}
    assert len(colour_to_label) == len(legend.get_texts()), "two series share a colour"
    written = {round(text.xy[0], 6): text.get_text() for text in ax.texts if hasattr(text, "xy")}
    series: dict[str, dict[str, tuple[float, str]]] = {}
    for container in ax.containers:
        colours = {to_hex(bar.get_facecolor()) for bar in container.patches}
        assert len(colours) == 1, "one series, one colour"
        name = colour_to_label[colours.pop()]
        bars = {}
        for bar in container.patches:
            centre = bar.get_x() + bar.get_width() / 2
            bars[units[round(centre)]] = (bar.get_height(), written.get(round(centre, 6), "(no label)"))
        series[name] = bars
    return series


class _Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, text):
        if self._cell is not None:
            self._cell.append(text)


def table_rows(styler) -> list[dict[str, str]]:
    """The rendered table's body rows, each {column header: cell text}."""
    parser = _Cells()
    parser.feed(styler.to_html())
    header, *body = [row for row in parser.rows if row]
    return [dict(zip(header, row)) for row in body]


def table_by_first_cell(styler) -> dict[str, dict[str, str]]:
    """{first cell: {column header: cell text}} (first cells must be distinct)."""
    rows = table_rows(styler)
    by_first = {next(iter(row.values())): row for row in rows}
    assert len(by_first) == len(rows), "first cells repeat"
    return by_first
