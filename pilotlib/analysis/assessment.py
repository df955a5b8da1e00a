"""Gather the computed values a written assessment needs, per unit and overall.

The narrative templates only phrase what this module computes: posts, what changed in
the organisation, composition when the data has it, difficulties by topic, the
recommendations, and the caveats (what the data cannot tell). Nothing here formats text.
"""
from __future__ import annotations

import pandas as pd

from pilotlib.analysis import composition, review_summary, versatility
from pilotlib.analysis.boundary import unit_comparison
from pilotlib.analysis.metrics import overall_posts, unit_row
from pilotlib.analysis.provenance import citations
from pilotlib.core.rounding import round_half_up
from pilotlib.data.model import Dataset
from pilotlib.reference import topics, vocab
from pilotlib.reference.unit_reference import unit_reference


def category_labels(lang: str, rules: topics.CategoryRules | None = None) -> dict[str, str]:
    """Category key → label in the report language, in priority order (``rules``: the data
    set's categories, ``Dataset.category_rules``; default the bundled ones)."""
    return (rules or topics.default_rules()).labels(lang)


def issue_text(issues: pd.DataFrame, lang: str) -> pd.Series:
    """The statement in the report language when the data has it (text_en), else as typed."""
    if lang == "en" and "text_en" in issues.columns:
        return issues["text_en"].where(issues["text_en"] != "", issues["text"])
    return issues["text"]


def issues_for(issues: pd.DataFrame, units: list[str]) -> pd.DataFrame:
    """The statements about ``units``: their own and those about every unit (empty unit)."""
    return issues[(issues["unit"] == "") | issues["unit"].isin(units)]


def _by_category(rows: pd.DataFrame, labels: dict[str, str]) -> list[tuple[str, int]]:
    counts = rows["category"].value_counts()
    pairs = [(labels.get(key, key), int(counts[key])) for key in labels if key in counts]
    return sorted(pairs, key=lambda pair: -pair[1])  # stable: ties keep priority order


def _issue_summary(issues: pd.DataFrame, lang: str, rules: topics.CategoryRules | None = None,
                   sources: pd.DataFrame | None = None) -> dict:
    labels = category_labels(lang, rules)
    difficulties = issues[issues["kind"] == "difficulty"]
    advantages = issues[issues["kind"] == "advantage"]
    return {
        "difficulties": len(difficulties),
        "by_category": _by_category(difficulties, labels),
        "recommendations": issue_text(issues[issues["kind"] == "recommendation"], lang).tolist(),
        "advantages": len(advantages),
        "advantages_by_category": _by_category(advantages, labels),
        "citation_advantages": citations(advantages, sources, lang),
    }


def board_names(dataset: Dataset, staffing: pd.DataFrame, lang: str = "vi") -> list[str]:
    """The pilot's boards: those in the staffing breakdown, else those of the pilot model."""
    in_pilot = set(staffing.loc[staffing["structure"] == "pilot", "body"])
    in_data = [b for b in vocab.bodies_of_type("board") if b in in_pilot]
    if in_data:
        return vocab.body_label(in_data, lang)
    model = dataset.table("pilot_model")
    boards = model[(model["level"] == "district") & (model["element"] == "board")]
    return boards[f"name_{lang}"].tolist()


def comparable_units(staffing: pd.DataFrame) -> list[str]:
    """Units whose posts are broken down by body and position group in BOTH structures:
    the only fair basis for before/after composition figures."""
    known = composition.coverage(staffing)
    known = known[known["body_known"] & known["group_known"]]
    both = known.groupby("unit", sort=False)["structure"].nunique()
    return both[both == 2].index.tolist()


def _organisation(dataset: Dataset, staffing: pd.DataFrame, lang: str) -> dict:
    """Separate bodies before and after, over the comparable units only."""
    basis = comparable_units(staffing)
    rows = staffing[staffing["unit"].isin(basis)]
    model = dataset.table("pilot_model")
    result = {"boards": len(board_names(dataset, rows if basis else staffing)),
              "citation": citations(model[model["element"] == "board"], dataset.table("sources"), lang),
              "board_names": board_names(dataset, rows if basis else staffing, lang),
              "basis_units": len(basis), "leadership_body": False,
              "bodies_old": None, "bodies_pilot": None,
              "support_per_body_old": None, "support_per_body_pilot": None}
    if not basis:
        return result
    summary = composition.bodies_summary(rows)
    for structure in ("old", "pilot"):
        part = summary[summary["structure"] == structure]
        result[f"bodies_{structure}"] = float(part["bodies"].mean())
        result[f"support_per_body_{structure}"] = float(part["support_per_body"].mean())
    pilot_bodies = set(rows.loc[rows["structure"] == "pilot", "body"])
    result["leadership_body"] = any(b in pilot_bodies for b in vocab.bodies_of_type("leadership"))
    result["boards"] = sum(b in pilot_bodies for b in vocab.bodies_of_type("board"))
    return result


def _shares(staffing: pd.DataFrame) -> dict | None:
    """Posts by position group (%), before and during, over the comparable units only."""
    basis = comparable_units(staffing)
    if not basis:
        return None
    groups = composition.posts_by_group(staffing[staffing["unit"].isin(basis)])
    totals = groups.groupby(["structure", "position_group"])["posts"].sum().astype(float)
    shares = {}
    for structure in ("old", "pilot"):
        part = totals[structure]
        shares[structure] = {g: round_half_up(float(part.get(g, 0.0)) * 100 / float(part.sum()), 1)
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
    comparison = unit_comparison(dataset.staffing, units, lambda: unit_reference(dataset.units_file))
    issues = issues_for(dataset.issues, units)
    sources = dataset.table("sources")
    provenance = sorted(set(staffing["provenance"]))
    shares = _shares(staffing)
    tasks = _tasks(dataset, units)
    organisation = _organisation(dataset, staffing, lang)
    caveats = []
    if shares is None and not staffing.empty:  # without any row, the page says so once instead
        caveats.append("no_breakdown")
    if organisation["bodies_old"] is None and not staffing.empty:
        caveats.append("members_unknown")
    if tasks is None:
        caveats.append("no_tasks")
    if issues.empty:
        caveats.append("no_issues")
    return {
        "units": units,
        "posts": unit_row(comparison, units[0]) if len(units) == 1 else overall_posts(comparison),
        "single": len(units) == 1,
        "no_staffing": staffing.empty,
        "partial_basis": shares is not None and len(comparable_units(staffing)) < len(units),
        "organisation": organisation,
        "review": review_summary.summary(dataset, staffing, issues, lang),
        "shares": shares,
        "tasks": tasks,
        "issues": _issue_summary(issues, lang, dataset.category_rules, sources),
        "caveats": caveats,
        "illustrative": "illustrative" in provenance,
        "citation": citations(staffing, sources, lang),
        "citation_issues": citations(issues[issues["kind"].isin(["difficulty", "recommendation"])], sources, lang),
    }


def issue_counts(issues: pd.DataFrame, units: list[str]) -> dict:
    """Statements per kind and difficulties per category, for the index and the tests."""
    rows = issues_for(issues, units)
    kinds = rows["kind"].value_counts()
    difficulties = rows.loc[rows["kind"] == "difficulty", "category"].value_counts()
    return {
        "difficulties": int(kinds.get("difficulty", 0)),
        "recommendations": int(kinds.get("recommendation", 0)),
        "advantages": int(kinds.get("advantage", 0)),
        "difficulties_by_category": {k: int(v) for k, v in difficulties.sort_index().items()},
    }


def issues_overview(dataset: Dataset, units: list[str], lang: str) -> dict:
    """What the issues report's summary says: statements per kind and topic, how many are
    about every unit and how many about each unit, and the documents they come from."""
    rows = issues_for(dataset.issues, units)
    sources = dataset.table("sources")
    own = rows[rows["unit"] != ""]
    return _issue_summary(rows, lang, dataset.category_rules, sources) | {
        "total": len(rows),
        "recommendation_count": int((rows["kind"] == "recommendation").sum()),
        "shared": int((rows["unit"] == "").sum()),
        "per_unit": [(unit, int(n)) for unit, n in own.groupby("unit", sort=False).size().items()],
        "citation": citations(rows, sources, lang),
    }
