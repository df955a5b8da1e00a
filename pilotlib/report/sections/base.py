"""What every section shares: the staffing rows of the chosen units, their citations,
and the one line a section says instead of a chart when the data cannot support it."""
from __future__ import annotations

import pandas as pd

from pilotlib.analysis import provenance
from pilotlib.core.i18n import say
from pilotlib.data.model import Dataset
from pilotlib.report.model import Paragraph


def staffing_of(data: Dataset, units: list[str]) -> pd.DataFrame:
    """The staffing rows of ``units``."""
    return data.staffing[data.staffing["unit"].isin(units)]


def cite(data: Dataset, frame: pd.DataFrame, lang: str) -> str:
    """The documents and paragraphs behind ``frame``, by their short titles."""
    return provenance.citations(frame, data.table("sources"), lang)


def note(key: str, lang: str, part: str = "results", **values: object) -> Paragraph:
    """One line saying why a section shows nothing (``note.<key>``): never a zero."""
    return Paragraph(say(f"note.{key}", lang, **values), part=part, role="note")
