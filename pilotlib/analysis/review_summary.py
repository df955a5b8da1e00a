"""The figures the organisation-review sentences state, summed from the review frames
(``analysis.review``) and the ranking — the very frames the report's tables show, so a
sentence and its table cannot disagree.

Totals over several units use only the units broken down in both structures (said in
the sentence: ``units`` of ``of``); a part with no such unit is None and the sentence
is left out (the section says why).
"""
from __future__ import annotations

import pandas as pd

from pilotlib.analysis import review
from pilotlib.analysis.metrics import compare_posts
from pilotlib.analysis.ranking import CUT, INCREASE, rank_changes
from pilotlib.data.model import Dataset


def names(dataset: Dataset, kind: str, lang: str) -> dict[str, str]:
    """Canonical body or position → its name in ``lang`` (English from the vocabularies)."""
    table = dataset.vocabulary(kind)
    key = "body" if kind == "bodies" else "position"
    if lang == "vi":
        return dict(zip(table[key], table[key]))
    return {k: (v or k) for k, v in zip(table[key], table["name_en"])}


def sides(dataset: Dataset) -> dict[str, str]:
    """Body → its side (old: an organisation of its own; pilot: a part of the agency)."""
    table = dataset.vocabulary("bodies")
    return dict(zip(table["body"], table["side"]))


def _bodies(dataset: Dataset, staffing: pd.DataFrame, lang: str) -> dict | None:
    frame = review.separate_bodies(staffing, sides(dataset))
    complete = frame[frame["complete"]]
    if complete.empty:
        return None
    long = review.body_posts(staffing)
    basis = long[long["unit"].isin(complete["unit"])]
    labels = names(dataset, "bodies", lang)
    posts = {s: [(labels.get(b, b), int(n)) for b, n in
                 basis[basis["structure"] == s].groupby("body", sort=False)["posts"].sum().items()]
             for s in review.STRUCTURES}
    return {"old": int(complete["bodies_old"].sum()), "pilot": int(complete["bodies_pilot"].sum()),
            "parts": int(complete["parts_pilot"].sum()), "units": len(complete), "of": len(frame),
            "posts_old": posts["old"], "posts_pilot": posts["pilot"]}


def _leaders(staffing: pd.DataFrame) -> dict | None:
    frame = review.leaders(staffing)
    complete = frame[frame["complete"]]
    if complete.empty:
        return None
    columns = ["heads_old", "heads_pilot", "deputies_old", "deputies_pilot"]
    return {c: int(complete[c].sum()) for c in columns} | {"units": len(complete), "of": len(frame)}


def _support(dataset: Dataset, staffing: pd.DataFrame, issues: pd.DataFrame, lang: str) -> dict | None:
    shown, named = review.support_positions(staffing, issues, dataset.vocabulary("positions"))
    frame = review.support_posts(staffing, shown)
    complete = frame[frame["posts_old"].notna() & frame["posts_pilot"].notna()]
    if complete.empty or not shown:
        return None
    labels = names(dataset, "positions", lang)
    sums = complete.groupby("position", sort=False)[["posts_old", "posts_pilot"]].sum()
    rows = [{"name": labels.get(p, p), "old": int(sums.at[p, "posts_old"]), "pilot": int(sums.at[p, "posts_pilot"]),
             "named": p in named} for p in shown if p in sums.index]
    return {"positions": rows, "named": [labels.get(p, p) for p in named],
            "units": complete["unit"].nunique(), "of": frame["unit"].nunique()}


def _ranking(staffing: pd.DataFrame) -> dict | None:
    ranked = rank_changes(compare_posts(staffing))
    ranked = ranked[ranked["rank"].notna()]
    if len(ranked) < 2:
        return None

    def listed(mark: str) -> list[dict]:
        chosen = ranked[ranked["highlight"] == mark]
        return [{"unit": u, "change": abs(int(c)), "pct": None if pd.isna(p) else abs(float(p))}
                for u, c, p in zip(chosen["unit"], chosen["change"], chosen["change_pct"])]
    return {"cuts": listed(CUT), "increases": listed(INCREASE), "ranked": len(ranked),
            "unchanged": int((ranked["change"] == 0).sum())}


def summary(dataset: Dataset, staffing: pd.DataFrame, issues: pd.DataFrame, lang: str) -> dict:
    """Separate bodies and posts per body, heads and deputies, support posts (named by
    ``issues``, the statements about these units), and (several units) the ranking —
    each None when the data cannot give it."""
    several = staffing["unit"].nunique() > 1
    return {"bodies": _bodies(dataset, staffing, lang), "leaders": _leaders(staffing),
            "support": _support(dataset, staffing, issues, lang),
            "ranking": _ranking(staffing) if several else None}
