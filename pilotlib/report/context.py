"""The opening every report notebook shares: load the data, resolve the units asked for
(any spelling), show the report's title — one call instead of three cells' worth of code.
"""
from __future__ import annotations

from dataclasses import dataclass

from pilotlib.analysis.area import first_province, province_area
from pilotlib.analysis.area_comparison import AreaComparison, compare_area
from pilotlib.core.i18n import check_lang, title
from pilotlib.data.load import load_dataset
from pilotlib.data.model import Dataset
from pilotlib.reference.unit_reference import unit_reference
from pilotlib.report.blocks import report_meta
from pilotlib.report.display import heading
from pilotlib.report.model import publish


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
    try:
        shown_title = title(notebook, lang, chosen[0] if units is None else "")
    except KeyError:  # a notebook of the analyst's own, without a registered title
        shown_title = notebook
    if show_title:
        from IPython.display import display

        display(heading(shown_title))
    publish(meta=report_meta(notebook, shown_title, lang, chosen, "per_unit" if units is None else "all_units",
                             data.staffing[data.staffing["unit"].isin(chosen)], data.table("sources"),
                             _subject(data, lang)))
    return context


def _subject(data: Dataset, lang: str) -> str:
    """What was piloted: the joint agency's name in the pilot model, when the data has one."""
    model = data.table("pilot_model")
    agency = model.loc[model["element"] == "agency", f"name_{lang}"] if f"name_{lang}" in model else []
    return str(agency.iloc[0]) if len(agency) else ""


@dataclass(frozen=True)
class ProvinceContext:
    """What a province overview works on: the data set, the province's comparison (its
    lower units, roll-ups, the province as a whole), the language."""

    notebook: str
    data: Dataset
    comparison: AreaComparison
    lang: str

    @property
    def units(self) -> list[str]:
        """The compared lower units, ranked."""
        return self.comparison.compared


def province_context(notebook: str, data_dir: str = "", lang: str = "vi", province: str = "",
                     show_title: bool = True) -> ProvinceContext:
    """Load ``data_dir``, find ``province`` (any name of it in any list; empty = the
    province of the data's first unit), compare its lower units and show the title."""
    check_lang(lang)
    data = load_dataset(data_dir or None, lang=lang)
    reference = unit_reference(data.units_file)
    area = province_area(reference, province or first_province(data.staffing, reference))
    comparison = compare_area(data.staffing, area, reference)
    shown_title = title(notebook, lang, area.name)
    if show_title:
        from IPython.display import display

        display(heading(shown_title))
    used = set(comparison.compared) | set(comparison.units.constituents["old_unit"])
    publish(meta=report_meta(notebook, shown_title, lang, comparison.compared, "per_province",
                             data.staffing[data.staffing["unit"].isin(used)], data.table("sources"),
                             _subject(data, lang)))
    return ProvinceContext(notebook, data, comparison, lang)
