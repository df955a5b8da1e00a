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

from pilotlib.core.i18n import label


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


def cited(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Document → its cited paragraphs (natural order), over the ``source`` rows."""
    if frame.empty or not {"provenance", "source_file", "source_row"} <= set(frame.columns):
        return {}
    rows = frame[frame["provenance"] == "source"]
    return {document: sorted({r for r in paragraphs if r}, key=lambda r: (len(r), r))
            for document, paragraphs in rows.groupby("source_file", sort=False)["source_row"]}


def citations(frame: pd.DataFrame, sources: pd.DataFrame | None = None, lang: str = "vi") -> str:
    """Cited documents and paragraphs behind the ``source`` rows.

    Without ``sources``: ids, e.g. 'doc ¶4'. With the ``sources`` table: each document by
    its short title in ``lang`` (column ``short_title_<lang>``, else ``title_<lang>``),
    e.g. 'Bài sơ kết 2 năm, Lâm Đồng TV, đoạn 4' — what a reader of a report can look up
    in its list of references. A document missing from ``sources`` keeps its id.
    """
    parts = []
    titles = short_titles(sources, lang) if sources is not None else {}
    word = label("paragraph_short", lang) if sources is not None else ""
    for document, paragraphs in cited(frame).items():
        if sources is None:
            parts.append(f"{document} ¶{', ¶'.join(paragraphs)}" if paragraphs else document)
        else:
            name = titles.get(document) or document
            parts.append(f"{name}, {word} {', '.join(paragraphs)}" if paragraphs else name)
    return "; ".join(parts)


def short_titles(sources: pd.DataFrame, lang: str) -> dict[str, str]:
    """source_id → the short title a citation uses (the full title when none is given)."""
    if sources is None or sources.empty or "source_id" not in sources.columns:
        return {}
    titles = sources.get(f"title_{lang}", sources["source_id"])
    short = sources.get(f"short_title_{lang}")
    if short is not None:
        titles = short.where(short.astype(str).str.strip() != "", titles)
    return dict(zip(sources["source_id"], titles.astype(str)))
