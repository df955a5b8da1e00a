"""What every section shares: the staffing rows of the chosen units, their citations,
and the one line a section says instead of a chart when the data cannot support it."""
from __future__ import annotations

import pandas as pd

from pilotlib.analysis import provenance
from pilotlib.analysis.boundary import unit_comparison
from pilotlib.core.i18n import say
from pilotlib.data.model import Dataset
from pilotlib.reference.unit_reference import unit_reference
from pilotlib.report.model import Paragraph


def staffing_of(data: Dataset, units: list[str]) -> pd.DataFrame:
    """The staffing rows of ``units``."""
    return data.staffing[data.staffing["unit"].isin(units)]


def comparison_of(data: Dataset, units: list[str]) -> pd.DataFrame:
    """Posts before and after per unit; a unit recorded only after a boundary change takes
    its before from its old units (``analysis.boundary.unit_comparison``)."""
    return unit_comparison(data.staffing, units, lambda: unit_reference(data.units_file))


def cite(data: Dataset, frame: pd.DataFrame, lang: str) -> str:
    """The documents and paragraphs behind ``frame``, by their short titles."""
    return provenance.citations(frame, data.table("sources"), lang)


def note(key: str, lang: str, part: str = "results", **values: object) -> Paragraph:
    """One line saying why a section shows nothing (``note.<key>``): never a zero."""
    return Paragraph(say(f"note.{key}", lang, **values), part=part, role="note")
