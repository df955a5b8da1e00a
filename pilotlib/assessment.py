"""Gather the computed values a written assessment needs, per unit and overall.

The narrative templates only phrase what this module computes: posts, what changed in
the organisation, composition when the data has it, difficulties by topic, the
recommendations, and the caveats (what the data cannot tell). Nothing here formats text.
"""
from __future__ import annotations

import pandas as pd

from pilotlib.rounding import round_half_up
from pilotlib import classify, composition, versatility, vocab
from pilotlib.dataset import Dataset
from pilotlib.metrics import citations, compare_posts, overall_posts, unit_row


def category_labels(lang: str) -> dict[str, str]:
    """Category key → label in the report language, in priority order."""
    table = classify._rules(None).categories.sort_values("priority")
    return dict(zip(table["category"], table[f"label_{lang}"]))


def issue_text(issues: pd.DataFrame, lang: str) -> pd.Series:
    """The statement in the report language when the data has it (text_en), else as typed."""
    if lang == "en" and "text_en" in issues.columns:
        return issues["text_en"].where(issues["text_en"] != "", issues["text"])
    return issues["text"]


def _issues_for(dataset: Dataset, units: list[str]) -> pd.DataFrame:
    issues = dataset.issues
    return issues[(issues["unit"] == "") | issues["unit"].isin(units)]


def _issue_summary(issues: pd.DataFrame, lang: str) -> dict:
    labels = category_labels(lang)
    difficulties = issues[issues["kind"] == "difficulty"]
    counts = difficulties["category"].value_counts()
    by_category = [(labels.get(key, key), int(counts[key])) for key in labels if key in counts]
    by_category.sort(key=lambda pair: -pair[1])  # stable: ties keep priority order
    return {
        "difficulties": len(difficulties),
        "by_category": by_category,
        "recommendations": issue_text(issues[issues["kind"] == "recommendation"], lang).tolist(),
        "advantages": int((issues["kind"] == "advantage").sum()),
    }


def board_names(dataset: Dataset, staffing: pd.DataFrame) -> list[str]:
    """The pilot's boards: those in the staffing breakdown, else those of the pilot model."""
    board_bodies = vocab.bodies().table.query("body_type == 'board'")["body"].tolist()
    in_data = [b for b in board_bodies if b in set(staffing.loc[staffing["structure"] == "pilot", "body"])]
    if in_data:
        return in_data
    model = dataset.table("pilot_model")
    return model.loc[(model["level"] == "district") & (model["element"] == "board"), "name_vi"].tolist()


def _organisation(dataset: Dataset, staffing: pd.DataFrame) -> dict:
    """Separate bodies before and after: from the breakdown if known, else the model."""
    summary = composition.bodies_summary(staffing)
    known = summary[summary["known"]]
    boards = board_names(dataset, staffing)
    result = {"boards": len(boards), "board_names": boards, "bodies_old": None, "bodies_pilot": None,
              "support_per_body_old": None, "support_per_body_pilot": None}
    for structure in ("old", "pilot"):
        rows = known[known["structure"] == structure]
        if len(rows) and len(rows) == len(summary[summary["structure"] == structure]):
            result[f"bodies_{structure}"] = float(rows["bodies"].mean())
            result[f"support_per_body_{structure}"] = float(rows["support_per_body"].mean())
    return result


def _shares(staffing: pd.DataFrame) -> dict | None:
    groups = composition.posts_by_group(staffing)
    if groups.empty or not groups["known"].all():
        return None
    totals = groups.groupby(["structure", "position_group"])["posts"].sum().astype(float)
    shares = {}
    for structure in ("old", "pilot"):
        if structure not in totals.index.get_level_values(0):
            return None
        part = totals[structure]
        shares[structure] = {g: round_half_up(float(part.get(g, 0.0)) / float(part.sum()) * 100, 1)
                             for g in composition.GROUPS}
    return shares


def _tasks(dataset: Dataset, units: list[str]) -> dict | None:
    tasks = dataset.table("staff_tasks")
    tasks = tasks[tasks["unit"].isin(units)]
    if tasks.empty:
        return None
    summary = versatility.summary(tasks)
    single = sorted({task for row in summary["single_person_tasks"] for task in row})
    return {"tasks_per_person": float(versatility.tasks_per_person(tasks)["tasks"].mean()),
            "people_per_task": float(versatility.people_per_task(tasks)["people"].mean()),
            "single_person_tasks": single}


def context(dataset: Dataset, units: list[str], lang: str) -> dict:
    """Everything the assessment of ``units`` says, computed; one unit or several."""
    staffing = dataset.staffing[dataset.staffing["unit"].isin(units)]
    comparison = compare_posts(staffing)
    issues = _issues_for(dataset, units)
    provenance = sorted(set(staffing["provenance"]))
    shares = _shares(staffing)
    tasks = _tasks(dataset, units)
    organisation = _organisation(dataset, staffing)
    caveats = []
    if shares is None:
        caveats.append("no_breakdown")
    if organisation["bodies_old"] is None:
        caveats.append("members_unknown")
    if tasks is None:
        caveats.append("no_tasks")
    if issues.empty:
        caveats.append("no_issues")
    return {
        "units": units,
        "posts": unit_row(comparison, units[0]) if len(units) == 1 else overall_posts(comparison),
        "single": len(units) == 1,
        "organisation": organisation,
        "shares": shares,
        "tasks": tasks,
        "issues": _issue_summary(issues, lang),
        "caveats": caveats,
        "illustrative": "illustrative" in provenance,
        "citation": citations(staffing),
        "citation_issues": citations(issues[issues["kind"].isin(["difficulty", "recommendation"])]),
    }


def issue_counts(issues: pd.DataFrame, units: list[str]) -> dict:
    """Statements per kind and difficulties per category, for the index and the tests."""
    rows = issues[(issues["unit"] == "") | issues["unit"].isin(units)]
    kinds = rows["kind"].value_counts()
    difficulties = rows.loc[rows["kind"] == "difficulty", "category"].value_counts()
    return {
        "difficulties": int(kinds.get("difficulty", 0)),
        "recommendations": int(kinds.get("recommendation", 0)),
        "advantages": int(kinds.get("advantage", 0)),
        "difficulties_by_category": {k: int(v) for k, v in difficulties.sort_index().items()},
    }
