"""Where a computed value comes from: the provenances of the rows behind it, and the
documents and paragraphs those rows cite.

Every figure, table row and chart carries its provenance — ``source`` (a cited
document), ``analyst`` (a user's file) or ``illustrative`` (made-up example data) — so a
reader always knows what a number rests on. A value built from several kinds of rows
carries them all, joined with "+" in a fixed order ("illustrative+source").
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd


def joined(values: Iterable[str]) -> str:
    """Distinct provenances (each possibly already joined) as one sorted "a+b" string."""
    parts = {part for value in values for part in str(value).split("+") if part}
    return "+".join(sorted(parts))


def of(frame: pd.DataFrame, default: str = "") -> str:
    """The provenance of everything in ``frame``; ``default`` when it has no rows."""
    return joined(frame["provenance"]) or default


def per_unit(frame: pd.DataFrame) -> pd.Series:
    """unit → the joined provenance of that unit's rows (units in first-seen order)."""
    return frame.groupby("unit", sort=False)["provenance"].agg(joined)


def is_illustrative(provenance: str) -> bool:
    return "illustrative" in str(provenance).split("+")


def citations(frame: pd.DataFrame) -> str:
    """Cited documents and paragraphs behind the ``source`` rows, e.g. 'doc ¶4'."""
    if frame.empty or not {"provenance", "source_file", "source_row"} <= set(frame.columns):
        return ""
    cited = frame[frame["provenance"] == "source"]
    parts = []
    for document, rows in cited.groupby("source_file", sort=False)["source_row"]:
        paragraphs = sorted({r for r in rows if r}, key=lambda r: (len(r), r))
        parts.append(f"{document} ¶{', ¶'.join(paragraphs)}" if paragraphs else document)
    return "; ".join(parts)
