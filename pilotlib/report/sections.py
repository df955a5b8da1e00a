"""Report sections: each returns the blocks of the report model (``report.model``:
headings, paragraphs, tables, figures, statements) and saves its figures and tables to
``output_dir`` when one is given.

Sections decide from the data what can be shown; when the data cannot support a
section (totals only, no task table), the section says so instead of drawing zeros.
Notebooks stay thin: ``pl.show_items(pl.sections.composition(data, units, lang, out))``
shows the blocks and records them, so Word and Excel render the same content.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pilotlib.analysis import assessment, composition, provenance, versatility
from pilotlib.analysis.boundary import unit_comparison
from pilotlib.analysis.metrics import overall_posts, unit_row
from pilotlib.core.dates import partial_date_text
from pilotlib.core.i18n import label, say
from pilotlib.data.model import Dataset
from pilotlib.reference import vocab
from pilotlib.reference.unit_reference import unit_reference
from pilotlib.report.blocks import figure_block, statements_block, table_block
from pilotlib.report.charts.breakdown import composition_stacked, task_heatmap
from pilotlib.report.charts.issues import issues_by_category
from pilotlib.report.charts.organisation import org_diagram
from pilotlib.report.charts.posts import posts_old_vs_pilot
from pilotlib.report.model import Heading, Paragraph
from pilotlib.report.narrative import assessment_paragraphs
from pilotlib.report.tables import save_table, with_total


def _staffing(data: Dataset, units: list[str]) -> pd.DataFrame:
    return data.staffing[data.staffing["unit"].isin(units)]


def _comparison(data: Dataset, units: list[str]) -> pd.DataFrame:
    """Posts before and after per unit; a unit recorded only after a boundary change takes
    its before from its old units (``analysis.boundary.unit_comparison``)."""
    return unit_comparison(data.staffing, units, lambda: unit_reference(data.units_file))


def _cite(data: Dataset, frame: pd.DataFrame, lang: str) -> str:
    """The documents and paragraphs behind ``frame``, by their short titles."""
    return provenance.citations(frame, data.table("sources"), lang)


def posts(data: Dataset, units: list[str], lang: str, output_dir: str | Path = "") -> list:
    """Old vs pilot posts: chart and table (with a total row when several units)."""
    staffing = _staffing(data, units)
    comparison = _comparison(data, units)
    citation = _cite(data, staffing, lang)
    fig = posts_old_vs_pilot(comparison, lang, citation)
    figure = figure_block(fig, "posts", label("chart_posts_title", lang), output_dir,
                          provenance.of(staffing, default="source"), citation, staffing)
    table = with_total(comparison, overall_posts(comparison), lang) if len(units) > 1 else comparison
    save_table(table, output_dir, "posts", lang)
    return [Heading(label("section_posts", lang)), figure,
            table_block(table, "posts", lang, label("section_posts", lang), staffing)]


def organisation(data: Dataset, units: list[str], lang: str, output_dir: str | Path = "") -> list:
    """Diagram of the separate offices before and the joint agency with its boards."""
    staffing = _staffing(data, units)
    old_bodies = [b for b in dict.fromkeys(staffing.loc[staffing["structure"] == "old", "body"]) if b]
    from_config = not old_bodies
    if from_config:
        old_bodies = vocab.default_members()
    model = data.table("pilot_model")
    agency = model.loc[model["element"] == "agency", f"name_{lang}"]
    agency_name = agency.iloc[0] if len(agency) else label("agency", lang)
    leadership = vocab.body_label(vocab.bodies_of_type("leadership")[:1], lang)
    cited = model[model["element"].isin(["agency", "board"])]
    citation = _cite(data, cited, lang)
    fig = org_diagram(vocab.body_label(old_bodies, lang), agency_name, leadership[0] if leadership else "",
                      assessment.board_names(data, staffing, lang), provenance.of(staffing, default="source"), lang,
                      citation, members_from_config=from_config)
    figure = figure_block(fig, "organisation", label("chart_org_title", lang), output_dir,
                          provenance.of(staffing, default="source"), citation, cited)
    return [Heading(label("section_bodies", lang)), figure]


def composition_section(data: Dataset, units: list[str], lang: str, output_dir: str | Path = "") -> list:
    """Posts by position group and bodies/support per body — or why they cannot be shown."""
    staffing = _staffing(data, units)
    groups = composition.posts_by_group(staffing)
    items: list = [Heading(label("section_composition", lang))]
    if not groups["known"].any():
        return items + [Paragraph(say("note.no_breakdown", lang), role="note")]
    citation = _cite(data, staffing, lang)
    fig = composition_stacked(groups, provenance.of(staffing, default="source"), lang, citation)
    figure = figure_block(fig, "composition", label("chart_composition_title", lang), output_dir,
                          provenance.of(staffing, default="source"), citation, staffing)
    by_unit = provenance.per_unit(staffing)
    groups = groups[groups["known"]].drop(columns="known")
    groups["provenance"] = groups["unit"].map(by_unit)  # illustrative rows say so
    bodies = composition.bodies_summary(staffing)
    bodies = bodies[bodies["known"]].drop(columns="known")
    bodies["provenance"] = bodies["unit"].map(by_unit)
    save_table(groups, output_dir, "composition", lang)
    save_table(bodies, output_dir, "bodies", lang)
    return items + [figure, table_block(groups, "composition", lang, label("chart_composition_title", lang), staffing),
                    table_block(bodies, "bodies", lang, label("table_bodies", lang), staffing)]


def tasks(data: Dataset, units: list[str], lang: str, output_dir: str | Path = "") -> list:
    """Versatility and cover per unit, with a heatmap for a single unit."""
    table = data.table("staff_tasks")
    table = table[table["unit"].isin(units)]
    items: list = [Heading(label("section_tasks", lang))]
    if table.empty:
        return items + [Paragraph(say("note.no_tasks", lang), role="note")]
    summary = versatility.summary(table)
    summary["single_person_tasks"] = summary["single_person_tasks"].map(", ".join)
    by_unit = provenance.per_unit(table)
    summary["provenance"] = summary["unit"].map(by_unit)
    save_table(summary, output_dir, "tasks", lang)
    items.append(table_block(summary, "tasks", lang, label("table_tasks", lang), table))
    if len(units) == 1:
        fig = task_heatmap(versatility.matrix(table, units[0]), units[0], provenance.of(table, default="source"), lang)
        items.append(figure_block(fig, "tasks", label("chart_tasks_title", lang).format(unit=units[0]), output_dir,
                                  provenance.of(table, default="source"), "", table))
    return items


def issues(data: Dataset, units: list[str], lang: str, output_dir: str | Path = "") -> list:
    """Difficulties by topic (chart) and every statement listed with its topic."""
    rows = assessment.issues_for(data.issues, units)
    items: list = [Heading(label("section_issues", lang))]
    if rows.empty:
        return items + [Paragraph(say("note.no_issues", lang), role="note")]
    labels = assessment.category_labels(lang, data.category_rules)
    if (rows["kind"] == "difficulty").any():
        difficulties = rows[rows["kind"] == "difficulty"]
        citation = _cite(data, difficulties, lang)
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
    return items + [table_block(listing, "issues", lang, label("table_issues", lang), rows, part="annex")] + _statements(
        data, rows, lang)


def _statements(data: Dataset, rows: pd.DataFrame, lang: str) -> list:
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


def written_assessment(data: Dataset, units: list[str], lang: str) -> list:
    """The narrative: what changed, what did not, difficulties, recommendations, caveats."""
    shown = assessment_paragraphs(assessment.context(data, units, lang), lang)
    rows = assessment.issues_for(data.issues, units)
    return ([Heading(label("section_summary", lang))] + [Paragraph(p) for p in shown]
            + _statements(data, rows, lang))


def background(data: Dataset, lang: str, output_dir: str | Path = "") -> list:
    """The pilot's timeline and the documents the figures come from (sources.csv)."""
    items: list = [Heading(label("section_background", lang), part="annex")]
    timeline = data.table("timeline")
    sources = data.table("sources")
    if len(timeline):
        dates = [partial_date_text(d, p) for d, p in zip(timeline["date"], timeline["date_precision"])]
        cited = [_cite(data, timeline.iloc[[i]], lang) for i in range(len(timeline))]
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


def key_figures(data: Dataset, units: list[str]) -> dict:
    """The figures a report records for the index and the tests (one unit or several)."""
    comparison = _comparison(data, units)
    if len(units) == 1:
        row = unit_row(comparison, units[0])
        figures = {"unit": units[0]}
    else:
        row = overall_posts(comparison)
        figures = {"units": list(units)}
    return figures | {key: row[key] for key in ("posts_old", "posts_pilot", "change", "provenance")}
