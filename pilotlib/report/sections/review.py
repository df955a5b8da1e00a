"""The organisation review's sections: posts per organisation or board, separate bodies
("đầu mối"), heads and deputies, support posts — and, across units, the ranking by
change in posts with the largest cuts and increases marked.

Every table carries its provenance column and cites the rows behind it; with several
units a total row (or column) sums the units broken down in both structures only, and
says so in its label when some are left out. What the data cannot give is said in one
line (``note.no_body_breakdown``, ``note.no_position_breakdown``), never drawn as zero.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pilotlib.analysis import provenance, review
from pilotlib.analysis.ranking import rank_changes
from pilotlib.analysis.review_summary import names, sides
from pilotlib.core.i18n import label
from pilotlib.data.model import Dataset
from pilotlib.report.blocks import figure_block, table_block
from pilotlib.report.charts.review import before_after_bars, body_posts_chart
from pilotlib.report.model import Heading
from pilotlib.report.sections.base import cite, comparison_of, note, staffing_of
from pilotlib.report.tables import save_table


def _with_total(frame: pd.DataFrame, columns: list[str], lang: str, basis: pd.Series, key: str = "unit") -> pd.DataFrame:
    """``frame`` with a total row over the rows in ``basis`` (True: broken down in both
    structures), labelled "total" or "total (units with complete figures)"."""
    if frame[key].nunique() < 2:
        return frame
    chosen = frame[basis]
    name = label("total" if bool(basis.all()) else "total_complete", lang)
    total = {key: name} | {c: chosen[c].sum() if len(chosen) else pd.NA for c in columns}
    total["provenance"] = provenance.joined(chosen["provenance"])
    table = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    for column in columns:
        table[column] = table[column].astype("Int64")
    return table


def _body_posts(data: Dataset, staffing: pd.DataFrame, units: list[str], lang: str, output_dir) -> list:
    long = review.body_posts(staffing, list(data.vocabulary("bodies")["body"]))
    basis = review.comparable_units(staffing)
    wide = review.body_posts_wide(long, units, basis)
    by_body = long.groupby(["structure", "body"], sort=False)["provenance"].agg(provenance.joined)
    wide["provenance"] = [by_body.get((s, b), "") for s, b in zip(wide["structure"], wide["body"])]
    if "total" in wide.columns and len(basis) < len(units):
        wide = wide.rename(columns={"total": "total_complete"})
    labels = names(data, "bodies", lang)
    wide["body"] = wide["body"].map(lambda b: labels.get(b, b))
    citation = cite(data, staffing, lang)
    items = []
    source = units[0] if len(units) == 1 else ("total_complete" if "total_complete" in wide else "total")
    if source in wide.columns and (len(units) == 1 or basis):
        pairs = {s: [(b, int(n)) for b, n in zip(wide.loc[wide["structure"] == s, "body"],
                                                 wide.loc[wide["structure"] == s, source]) if pd.notna(n)]
                 for s in review.STRUCTURES}
        subtitle = units[0] if len(units) == 1 else label("chart_body_posts_units", lang).format(n=len(basis))
        fig = body_posts_chart(pairs["old"], pairs["pilot"], subtitle, provenance.of(long, "source"), lang, citation)
        items.append(figure_block(fig, "body_posts", label("chart_body_posts_title", lang), output_dir,
                                  provenance.of(long, "source"), citation, staffing))
    save_table(wide, output_dir, "body_posts", lang)
    return items + [table_block(wide, "body_posts", lang, label("table_body_posts", lang), staffing)]


def _separate_bodies(data: Dataset, staffing: pd.DataFrame, lang: str, output_dir) -> list:
    frame = review.separate_bodies(staffing, sides(data))
    columns = ["bodies_old", "bodies_pilot", "change", "parts_pilot"]
    table = _with_total(frame[["unit", *columns, "provenance"]], columns, lang, frame["complete"])
    save_table(table, output_dir, "separate_bodies", lang)
    return [table_block(table, "separate_bodies", lang, label("table_separate_bodies", lang), staffing)]


def _leaders_and_support(data: Dataset, staffing: pd.DataFrame, units: list[str], lang: str, output_dir) -> list:
    leaders = review.leaders(staffing)
    issues = data.issues[(data.issues["unit"] == "") | data.issues["unit"].isin(units)]
    shown, named = review.support_positions(staffing, issues, data.vocabulary("positions"))
    support = review.support_posts(staffing, shown)
    if not leaders["complete"].any():
        return [note("no_position_breakdown", lang)]
    counts = ["heads_old", "heads_pilot", "deputies_old", "deputies_pilot"]
    leader_table = _with_total(leaders[["unit", *counts, "provenance"]], counts, lang, leaders["complete"])
    both = support["posts_old"].notna() & support["posts_pilot"].notna()
    totals = support[both].groupby("position", sort=False)[["posts_old", "posts_pilot"]].sum()
    labels = names(data, "positions", lang)
    categories = [label("heads", lang), label("deputies", lang)] + [labels.get(p, p) for p in totals.index]
    basis = leaders[leaders["complete"]]
    old = [basis["heads_old"].sum(), basis["deputies_old"].sum(), *totals["posts_old"]]
    pilot = [basis["heads_pilot"].sum(), basis["deputies_pilot"].sum(), *totals["posts_pilot"]]
    citation = cite(data, staffing, lang)
    title = label("chart_leaders_title", lang) + ("" if len(units) == 1 else " — " + label(
        "chart_body_posts_units", lang).format(n=len(basis)))
    fig = before_after_bars(categories, old, pilot, title, provenance.of(staffing, "source"), lang, citation)
    items = [figure_block(fig, "leaders", label("chart_leaders_title", lang), output_dir,
                          provenance.of(staffing, "source"), citation, staffing),
             table_block(leader_table, "leaders", lang, label("table_leaders", lang), staffing)]
    save_table(leader_table, output_dir, "leaders", lang)
    if shown:
        support["named"] = support["position"].isin(named)
        support["position"] = support["position"].map(lambda p: labels.get(p, p))
        if support["unit"].nunique() > 1:
            sums = support[both].groupby("position", sort=False).agg(
                posts_old=("posts_old", "sum"), posts_pilot=("posts_pilot", "sum"), named=("named", "first"),
                provenance=("provenance", provenance.joined)).reset_index()
            complete = set(leaders.loc[leaders["complete"], "unit"]) == set(support["unit"])
            sums.insert(0, "unit", label("total" if complete else "total_complete", lang))
            sums.insert(4, "change", sums["posts_pilot"] - sums["posts_old"])
            support = pd.concat([support, sums], ignore_index=True)
        support = support[["unit", "position", "posts_old", "posts_pilot", "change", "named", "provenance"]]
        for column in ("posts_old", "posts_pilot", "change"):
            support[column] = support[column].astype("Int64")
        save_table(support, output_dir, "support", lang)
        items.append(table_block(support, "support", lang, label("table_support", lang), staffing))
    return items


def organisation_review(data: Dataset, units: list[str], lang: str, output_dir: str | Path = "") -> list:
    """Posts per organisation or board, separate bodies before and after, heads and
    deputies, and the support posts (per unit, and summed over units) — each with what
    it cannot compute when the data lack the breakdown; left out without staffing rows."""
    staffing = staffing_of(data, units)
    if staffing.empty:
        return []
    items: list = [Heading(label("section_review", lang))]
    present = [u for u in units if u in set(staffing["unit"])]
    if not review.body_posts(staffing).empty:
        items += _body_posts(data, staffing, present, lang, output_dir)
        items += _separate_bodies(data, staffing, lang, output_dir)
    else:
        items.append(note("no_body_breakdown", lang))
    return items + _leaders_and_support(data, staffing, present, lang, output_dir)


def ranking(data: Dataset, units: list[str], lang: str, output_dir: str | Path = "") -> list:
    """Units ranked by change in posts (``analysis.ranking``): cuts first, the largest
    cuts and increases marked; units without both totals listed last, unranked."""
    staffing = staffing_of(data, units)
    if staffing.empty:
        return []
    items: list = [Heading(label("section_ranking", lang))]
    comparison = comparison_of(data, units)
    if int(comparison["complete"].sum()) < 2:
        return items + [note("ranking_needs_units", lang)]
    ranked = rank_changes(comparison).drop(columns="complete")
    save_table(ranked, output_dir, "ranking", lang)
    return items + [table_block(ranked, "ranking", lang, label("table_ranking", lang), staffing)]
