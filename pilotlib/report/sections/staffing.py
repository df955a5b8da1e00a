"""The staffing sections: posts before and after, the organisation diagram, the
composition by position group, the staff × task table, and the key figures a report
records for the index. With no usable staffing row for the units, the posts section
says so in one line and the others are left out (no empty chart, no zero).
"""
from __future__ import annotations

from pathlib import Path

from pilotlib.analysis import assessment, composition, provenance, versatility
from pilotlib.analysis.metrics import overall_posts, unit_row
from pilotlib.core.i18n import label
from pilotlib.data.model import Dataset
from pilotlib.reference import vocab
from pilotlib.report.blocks import figure_block, table_block
from pilotlib.report.charts.breakdown import composition_stacked, task_heatmap
from pilotlib.report.charts.organisation import org_diagram
from pilotlib.report.charts.posts import posts_old_vs_pilot
from pilotlib.report.model import Heading
from pilotlib.report.sections.base import cite as _cite
from pilotlib.report.sections.base import comparison_of, note
from pilotlib.report.sections.base import staffing_of as _staffing
from pilotlib.report.tables import save_table, with_total


def posts(data: Dataset, units: list[str], lang: str, output_dir: str | Path = "") -> list:
    """Old vs pilot posts: chart and table (with a total row when several units)."""
    staffing = _staffing(data, units)
    if staffing.empty:
        return [Heading(label("section_posts", lang)), note("no_staffing", lang)]
    comparison = comparison_of(data, units)
    citation = _cite(data, staffing, lang)
    fig = posts_old_vs_pilot(comparison, lang, citation)
    figure = figure_block(fig, "posts", label("chart_posts_title", lang), output_dir,
                          provenance.of(staffing, default="source"), citation, staffing)
    table = with_total(comparison, overall_posts(comparison), lang) if len(units) > 1 else comparison
    save_table(table, output_dir, "posts", lang)
    return [Heading(label("section_posts", lang)), figure,
            table_block(table, "posts", lang, label("section_posts", lang), staffing)]


def organisation(data: Dataset, units: list[str], lang: str, output_dir: str | Path = "") -> list:
    """Diagram of the separate offices before and the joint agency with its boards (the
    data set's pilot model, else the bundled one); left out without staffing rows."""
    staffing = _staffing(data, units)
    if staffing.empty:
        return []
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
    if staffing.empty:
        return []
    groups = composition.posts_by_group(staffing)
    items: list = [Heading(label("section_composition", lang))]
    if not groups["known"].any():
        return items + [note("no_breakdown", lang)]
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
        return items + [note("no_tasks", lang)]
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


def key_figures(data: Dataset, units: list[str]) -> dict:
    """The figures a report records for the index and the tests (one unit or several);
    a figure the data cannot give is None ("no data" on the index), never 0."""
    comparison = comparison_of(data, units)
    if len(units) == 1 and not comparison.empty:
        row = unit_row(comparison, units[0])
        figures = {"unit": units[0]}
    else:
        row = overall_posts(comparison)
        figures = {"units": list(units)}
    return figures | {key: row[key] for key in ("posts_old", "posts_pilot", "change")} | {
        "provenance": row["provenance"] or None}
