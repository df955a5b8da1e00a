"""The written assessment at the top of a report and the background at its end (the
pilot's timeline, the documents the figures come from)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pilotlib.analysis import assessment, provenance
from pilotlib.core.dates import partial_date_text
from pilotlib.core.i18n import label
from pilotlib.data.model import Dataset
from pilotlib.report.blocks import table_block
from pilotlib.report.model import Heading, Paragraph
from pilotlib.report.narrative import assessment_paragraphs
from pilotlib.report.sections.base import cite, note
from pilotlib.report.sections.issues import statements
from pilotlib.report.tables import save_table


def written_assessment(data: Dataset, units: list[str], lang: str) -> list:
    """The narrative: what changed, what did not, difficulties, recommendations, caveats."""
    shown = assessment_paragraphs(assessment.context(data, units, lang), lang)
    rows = assessment.issues_for(data.issues, units)
    return ([Heading(label("section_summary", lang))] + [Paragraph(p) for p in shown]
            + statements(data, rows, lang))


def _cited_sources(data: Dataset) -> pd.DataFrame:
    """The documents to list: the data set's own sources file whole; without one, the
    bundled documents that its rows actually cite (never a list of unrelated documents)."""
    sources = data.table("sources")
    if data.has_own("sources"):
        return sources
    cited = {document for table in data.tables.values() for document in provenance.cited(table)}
    return sources[sources["source_id"].isin(cited)]


def background(data: Dataset, lang: str, output_dir: str | Path = "") -> list:
    """The pilot's timeline and the documents the figures come from (sources.csv); one
    line saying so when the data hold neither."""
    items: list = [Heading(label("section_background", lang), part="annex")]
    timeline = data.table("timeline")
    sources = _cited_sources(data)
    if timeline.empty and sources.empty:
        return items + [note("no_background", lang, part="annex")]
    if len(timeline):
        dates = [partial_date_text(d, p) for d, p in zip(timeline["date"], timeline["date_precision"])]
        cited = [cite(data, timeline.iloc[[i]], lang) for i in range(len(timeline))]
        table = pd.DataFrame({"date": dates, "event_text": timeline[f"description_{lang}"],
                              "citation": cited, "provenance": timeline["provenance"]})
        save_table(table, output_dir, "timeline", lang)
        items.append(table_block(table, "timeline", lang, label("table_timeline", lang), timeline, part="annex"))
    if len(sources):
        short = provenance.short_titles(sources, lang)
        publisher = sources.get(f"publisher_{lang}", sources.get("publisher", pd.Series("", index=sources.index)))
        listing = pd.DataFrame({"short_title": sources["source_id"].map(short), "title": sources[f"title_{lang}"],
                                "publisher": publisher, "covers": sources.get("covers", "")})
        items.append(table_block(listing, "sources", lang, label("table_sources", lang), table_provenance="source",
                                 part="annex"))
    return items
