"""Report sections: each returns the items a notebook displays (headings, text, figures,
tables) and saves its figures and tables to ``output_dir`` when one is given.

Sections decide from the data what can be shown; when the data cannot support a
section (totals only, no task table), the section says so instead of drawing zeros.
Notebooks stay thin: ``pl.show_items(pl.sections.composition(data, units, lang, out))``.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pilotlib.analysis import assessment, composition, provenance, versatility
from pilotlib.analysis.metrics import compare_posts, overall_posts, unit_row
from pilotlib.analysis.provenance import citations
from pilotlib.core.i18n import label, say
from pilotlib.data.model import Dataset
from pilotlib.reference import vocab
from pilotlib.report.charts.breakdown import composition_stacked, task_heatmap
from pilotlib.report.charts.issues import issues_by_category
from pilotlib.report.charts.organisation import org_diagram
from pilotlib.report.charts.posts import posts_old_vs_pilot
from pilotlib.report.charts.style import save_figure
from pilotlib.report.display import heading, paragraph
from pilotlib.report.narrative import assessment_paragraphs
from pilotlib.report.tables import labelled_table, save_table, with_total


def _staffing(data: Dataset, units: list[str]) -> pd.DataFrame:
    return data.staffing[data.staffing["unit"].isin(units)]


def posts(data: Dataset, units: list[str], lang: str, output_dir: str | Path = "") -> list:
    """Old vs pilot posts: chart and table (with a total row when several units)."""
    staffing = _staffing(data, units)
    comparison = compare_posts(staffing)
    fig = posts_old_vs_pilot(comparison, lang, citations(staffing))
    save_figure(fig, output_dir, "posts")
    table = with_total(comparison, overall_posts(comparison), lang) if len(units) > 1 else comparison
    save_table(table, output_dir, "posts", lang)
    return [heading(label("section_posts", lang), 2), fig, labelled_table(table, lang)]


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
    fig = org_diagram(vocab.body_label(old_bodies, lang), agency_name, leadership[0] if leadership else "",
                      assessment.board_names(data, staffing, lang), provenance.of(staffing, default="source"), lang,
                      citations(model[model["element"].isin(["agency", "board"])]),
                      members_from_config=from_config)
    save_figure(fig, output_dir, "organisation")
    return [heading(label("section_bodies", lang), 2), fig]


def composition_section(data: Dataset, units: list[str], lang: str, output_dir: str | Path = "") -> list:
    """Posts by position group and bodies/support per body — or why they cannot be shown."""
    staffing = _staffing(data, units)
    groups = composition.posts_by_group(staffing)
    items: list = [heading(label("section_composition", lang), 2)]
    if not groups["known"].any():
        return items + [paragraph(say("note.no_breakdown", lang))]
    fig = composition_stacked(groups, provenance.of(staffing, default="source"), lang, citations(staffing))
    save_figure(fig, output_dir, "composition")
    by_unit = provenance.per_unit(staffing)
    groups = groups[groups["known"]].drop(columns="known")
    groups["provenance"] = groups["unit"].map(by_unit)  # illustrative rows say so
    bodies = composition.bodies_summary(staffing)
    bodies = bodies[bodies["known"]].drop(columns="known")
    bodies["provenance"] = bodies["unit"].map(by_unit)
    save_table(groups, output_dir, "composition", lang)
    save_table(bodies, output_dir, "bodies", lang)
    return items + [fig, labelled_table(groups, lang), labelled_table(bodies, lang)]


def tasks(data: Dataset, units: list[str], lang: str, output_dir: str | Path = "") -> list:
    """Versatility and cover per unit, with a heatmap for a single unit."""
    table = data.table("staff_tasks")
    table = table[table["unit"].isin(units)]
    items: list = [heading(label("section_tasks", lang), 2)]
    if table.empty:
        return items + [paragraph(say("note.no_tasks", lang))]
    summary = versatility.summary(table)
    summary["single_person_tasks"] = summary["single_person_tasks"].map(", ".join)
    by_unit = provenance.per_unit(table)
    summary["provenance"] = summary["unit"].map(by_unit)
    save_table(summary, output_dir, "tasks", lang)
    items.append(labelled_table(summary, lang))
    if len(units) == 1:
        fig = task_heatmap(versatility.matrix(table, units[0]), units[0], provenance.of(table, default="source"), lang)
        save_figure(fig, output_dir, "tasks")
        items.append(fig)
    return items


def issues(data: Dataset, units: list[str], lang: str, output_dir: str | Path = "") -> list:
    """Difficulties by topic (chart) and every statement listed with its topic."""
    rows = assessment.issues_for(data.issues, units)
    items: list = [heading(label("section_issues", lang), 2)]
    if rows.empty:
        return items + [paragraph(say("note.no_issues", lang))]
    labels = assessment.category_labels(lang, data.category_rules)
    if (rows["kind"] == "difficulty").any():
        difficulties = rows[rows["kind"] == "difficulty"]
        fig = issues_by_category(rows, labels, lang, citation=citations(difficulties))
        save_figure(fig, output_dir, "issues")
        items.append(fig)
    listing = pd.DataFrame({
        "unit": rows["unit"].replace("", label("all_units", lang)),
        "kind": rows["kind"],
        "category": rows["category"].map(labels),
        "text": assessment.issue_text(rows, lang),
        "provenance": rows["provenance"],
    })
    save_table(listing, output_dir, "issues", lang)
    return items + [labelled_table(listing, lang)]


def written_assessment(data: Dataset, units: list[str], lang: str) -> list:
    """The narrative: what changed, what did not, difficulties, recommendations, caveats."""
    shown = assessment_paragraphs(assessment.context(data, units, lang), lang)
    return [heading(label("section_summary", lang), 2)] + [paragraph(p) for p in shown]


def background(data: Dataset, lang: str, output_dir: str | Path = "") -> list:
    """The pilot's timeline and the documents the figures come from (sources.csv)."""
    items: list = [heading(label("section_background", lang), 2)]
    timeline = data.table("timeline")
    if len(timeline):
        dates = timeline["date"].where(timeline["date_precision"] != "year", timeline["date"].str[:4])
        table = pd.DataFrame({"date": dates, "event_text": timeline[f"description_{lang}"],
                              "provenance": timeline["provenance"], "source_file": timeline["source_file"],
                              "source_row": timeline["source_row"]})
        save_table(table, output_dir, "timeline", lang)
        items.append(labelled_table(table, lang))
    sources = data.table("sources")
    if len(sources):
        listing = pd.DataFrame({"source_file": sources["source_id"], "title": sources[f"title_{lang}"],
                                "publisher": sources["publisher"], "covers": sources["covers"]})
        items.append(labelled_table(listing, lang))
    return items


def key_figures(data: Dataset, units: list[str]) -> dict:
    """The figures a report records for the index and the tests (one unit or several)."""
    comparison = compare_posts(_staffing(data, units))
    if len(units) == 1:
        row = unit_row(comparison, units[0])
        figures = {"unit": units[0]}
    else:
        row = overall_posts(comparison)
        figures = {"units": list(units)}
    return figures | {key: row[key] for key in ("posts_old", "posts_pilot", "change", "provenance")}
