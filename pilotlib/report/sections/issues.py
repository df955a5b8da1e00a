"""The statements sections: difficulties by topic (chart and listing), the written
summary of the issues report, and the lists the Word report puts in its sections II
(difficulties) and III (recommendations)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pilotlib.analysis import assessment, provenance
from pilotlib.core.i18n import label
from pilotlib.data.model import Dataset
from pilotlib.report.blocks import figure_block, statements_block, table_block
from pilotlib.report.charts.issues import issues_by_category
from pilotlib.report.model import Heading, Paragraph
from pilotlib.report.narrative import paragraphs
from pilotlib.report.sections.base import cite, note
from pilotlib.report.tables import save_table


def issues(data: Dataset, units: list[str], lang: str, output_dir: str | Path = "") -> list:
    """Difficulties by topic (chart) and every statement listed with its topic."""
    rows = assessment.issues_for(data.issues, units)
    items: list = [Heading(label("section_issues", lang))]
    if rows.empty:
        return items + [note("no_issues", lang)]
    labels = assessment.category_labels(lang, data.category_rules)
    if (rows["kind"] == "difficulty").any():
        difficulties = rows[rows["kind"] == "difficulty"]
        citation = cite(data, difficulties, lang)
        fig = issues_by_category(rows, labels, lang, citation=citation)
        items.append(figure_block(fig, "issues", label("chart_issues_title", lang), output_dir,
                                  provenance.of(difficulties), citation, difficulties))
    listing = pd.DataFrame({
        "unit": rows["unit"].replace("", label("all_units", lang)),
        "kind": rows["kind"],
        "category": rows["category"].map(labels),
        "text": assessment.issue_text(rows, lang),
        "provenance": rows["provenance"],
    })
    save_table(listing, output_dir, "issues", lang)
    return items + [table_block(listing, "issues", lang, label("table_issues", lang), rows, part="annex")] + statements(
        data, rows, lang)


def issues_summary(data: Dataset, units: list[str], lang: str) -> list:
    """The issues report's written summary: how many difficulties, recommendations and
    advantages, for every unit or one of them, by topic — sentences computed from the
    same rows as the listing; one line when there are none."""
    context = assessment.issues_overview(data, units, lang)
    items: list = [Heading(label("section_summary", lang))]
    if not context["total"]:
        return items + [note("no_issues", lang)]
    return items + [Paragraph(p) for p in paragraphs("issues", lang, i=context)]


def statements(data: Dataset, rows: pd.DataFrame, lang: str) -> list:
    """Difficulties and recommendations as lists for sections II and III of the Word
    report (document-only blocks: the notebook shows them in its tables and text)."""
    labels = assessment.category_labels(lang, data.category_rules)
    blocks = []
    for kind in ("difficulty", "recommendation"):
        chosen = rows[rows["kind"] == kind]
        if len(chosen):
            blocks.append(statements_block(kind, chosen, assessment.issue_text(chosen, lang), labels,
                                           label("all_units", lang), data.table("sources"), lang))
    return blocks


def issue_figures(data: Dataset, units: list[str]) -> dict:
    """The issues report's key figures for the index (statements per kind, per topic);
    with no statement at all about these units, None ("no data"), not three zeros."""
    counts = assessment.issue_counts(data.issues, units)
    if assessment.issues_for(data.issues, units).empty:
        return {key: None for key in ("difficulties", "recommendations", "advantages")}
    return counts
