"""The opening every report notebook shares: load the data, resolve the units asked for
(any spelling), show the report's title — one call instead of three cells' worth of code.
"""
from __future__ import annotations

from dataclasses import dataclass

from pilotlib.core.i18n import check_lang, title
from pilotlib.data.load import load_dataset
from pilotlib.data.model import Dataset
from pilotlib.report.display import heading


@dataclass(frozen=True)
class ReportContext:
    """What a report works on: the data set, its units (canonical names), the language."""

    notebook: str
    data: Dataset
    units: list[str]
    lang: str

    @property
    def unit(self) -> str:
        """The one unit of a per-unit report."""
        return self.units[0]


def report_context(notebook: str, data_dir: str = "", lang: str = "vi", unit: str = "",
                   units: list[str] | None = None, show_title: bool = True) -> ReportContext:
    """Load ``data_dir`` (empty: bundled or $PILOTLIB_DATA), resolve ``unit`` (a per-unit
    report; empty = the first unit of the data) or ``units`` (empty = all), and show the
    title of ``notebook`` as the report's heading (when run in a notebook)."""
    check_lang(lang)
    data = load_dataset(data_dir or None, lang=lang)
    chosen = [data.resolve_unit(unit)] if units is None else data.resolve_units(units)
    context = ReportContext(notebook, data, chosen, lang)
    if show_title:
        from IPython.display import display

        display(heading(title(notebook, lang, chosen[0] if units is None else "")))
    return context
