"""The province overview's sections (``notebooks/province.ipynb``): its lower units ranked
by change with a chart, how they were compared (which mapping, which code lists, the
merge map's caveat), the totals rolled up by level with the lower units that lack data,
and — in the annex — every old unit each new unit was formed from.

Each function returns report blocks (``report.model``), like ``report.sections``; every
number in a sentence is read from the tables shown beside it (``AreaComparison``).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pilotlib.analysis import provenance
from pilotlib.analysis.area_comparison import AreaComparison
from pilotlib.analysis.boundary import ALONE, COUNTED, MERGE_MAP, MISSING, NOT_IN_LIST, PARTIAL, compare_units
from pilotlib.analysis.metrics import overall_posts
from pilotlib.analysis.ranking import CUT, INCREASE
from pilotlib.core.i18n import label, say
from pilotlib.data.model import Dataset
from pilotlib.reference.unit_reference import unit_reference
from pilotlib.report.blocks import figure_block, table_block
from pilotlib.report.charts.changes import changes_ranked
from pilotlib.report.model import Heading, Paragraph
from pilotlib.report.narrative import format_number
from pilotlib.report.tables import save_table

SHOWN_NAMES = 8  # names written out in a sentence; the tables list them all
REMARKS = {PARTIAL: "remark_partial", MISSING: "remark_missing", ALONE: "remark_missing",
           NOT_IN_LIST: "remark_not_in_list"}


def names(units: list[str], lang: str, limit: int = SHOWN_NAMES) -> str:
    """"A, B, C" — or the first ``limit`` and how many more."""
    units = list(units)
    if len(units) <= limit:
        return ", ".join(units)
    return say("note.area_more", lang, shown=", ".join(units[:limit]), n=len(units) - limit)


def signed(value: object, lang: str, decimals: int = 0) -> str:
    """A change as a reader writes it: "+4", "-14", "0"."""
    text = format_number(value, lang, decimals)
    return f"+{text}" if value is not None and not pd.isna(value) and value > 0 else text


def behind(data: Dataset, comparison: AreaComparison) -> pd.DataFrame:
    """The staffing rows the comparison rests on: the compared units' and their old units'."""
    used = set(comparison.compared) | set(comparison.units.constituents["old_unit"])
    return data.staffing[data.staffing["unit"].isin(used)]


def _remarks(comparison: AreaComparison, lang: str) -> pd.Series:
    """Per compared unit, what keeps it from a full comparison, in words."""
    parts = comparison.units.constituents
    text = parts["old_unit"].where(parts["old_unit"] != "", parts["old_name"] + " (" + parts["old_code"] + ")")
    text = text.where(parts["status"] != PARTIAL, text + ": " + parts["posts"].astype("string").fillna("—"))
    said = parts.assign(_text=text, _key=parts["status"].map(REMARKS)).dropna(subset=["_key"])
    grouped = said.groupby(["new_unit", "_key"], sort=False)["_text"].agg(", ".join).to_dict()
    old_list = comparison.units.mapping.get("old_list", "")
    texts = []
    for unit, before, after in zip(comparison.ranked["unit"], comparison.ranked["posts_old"],
                                   comparison.ranked["posts_pilot"]):
        remarks = [label(key, lang).format(units=grouped[unit, key], old_list=old_list)
                   for key in dict.fromkeys(REMARKS.values()) if (unit, key) in grouped]
        remarks += [label("remark_no_after", lang)] if pd.isna(after) else []
        remarks += [label("remark_no_before", lang)] if pd.isna(before) and not remarks else []
        texts.append("; ".join(remarks))
    return pd.Series(texts, index=comparison.ranked.index, dtype=object)


def ranked_table(comparison: AreaComparison, lang: str) -> pd.DataFrame:
    """The ranked comparison as a reader sees it (coded values in words)."""
    ranked = comparison.ranked
    return pd.DataFrame({
        "rank": ranked["rank"], "unit": ranked["unit"], "posts_before": ranked["posts_old"],
        "posts_after": ranked["posts_pilot"], "change": ranked["change"], "change_pct": ranked["change_pct"],
        "highlight": ranked["highlight"].map(lambda h: label(h, lang) if h else ""),
        "complete": ranked["complete"].astype(bool),
        "before_from": ranked["before_from"].map(lambda b: label(b or "no_before", lang)),
        "remarks": _remarks(comparison, lang), "provenance": ranked["provenance"]})


def _summary(comparison: AreaComparison, lang: str) -> list[str]:
    ranked = comparison.ranked
    overall = overall_posts(ranked)
    said = [say("note.area_illustrative", lang)] if provenance.is_illustrative(provenance.of(ranked)) else []
    said.append(say("note.area_units", lang, province=comparison.area.name, units=len(ranked),
                    complete=overall["units"]))
    if overall["units"]:
        key = "note.area_totals" if overall["change_pct"] is not None else "note.area_totals_no_pct"
        said.append(say(key, lang, complete=overall["units"], old=format_number(overall["posts_old"], lang),
                        pilot=format_number(overall["posts_pilot"], lang),
                        change=signed(overall["change"], lang), pct=signed(overall["change_pct"], lang, 1)))
        cuts = ranked[ranked["highlight"] == CUT]
        increases = ranked[ranked["highlight"] == INCREASE].iloc[::-1]  # the largest first
        moves = [say(f"note.area_{kind}", lang, units=", ".join(
            f"{unit} ({signed(change, lang)})" for unit, change in zip(rows["unit"], rows["change"])))
            for kind, rows in (("cuts", cuts), ("increases", increases)) if len(rows)]
        said += moves or [say("note.area_no_change", lang)]
    else:
        said.append(say("note.area_none_complete", lang))
    if overall["units_incomplete"]:
        said.append(say("note.area_incomplete", lang, n=len(overall["units_incomplete"]),
                        units=names(overall["units_incomplete"], lang)))
    return said


def overview(data: Dataset, comparison: AreaComparison, lang: str, output_dir: str | Path = "") -> list:
    """The lower units: a summary, the chart of changes and the ranked table."""
    items: list = [Heading(label("section_area", lang))]
    if comparison.ranked.empty:
        return items + [Paragraph(say("note.area_no_units", lang, province=comparison.area.name), role="note")]
    rows = behind(data, comparison)
    citation = provenance.citations(rows, data.table("sources"), lang)
    items += [Paragraph(text) for text in _summary(comparison, lang)]
    fig = changes_ranked(comparison.ranked, lang, citation)
    items.append(figure_block(fig, "changes", label("chart_changes_title", lang), output_dir,
                              provenance.of(comparison.ranked, default="source"), citation, rows))
    if not comparison.ranked["complete"].all():
        items.append(Paragraph(say("note.area_not_drawn", lang), role="note"))
    table = ranked_table(comparison, lang)
    save_table(table, output_dir, "area", lang)
    return items + [table_block(table, "area", lang, label("table_area", lang), rows)]


def method(comparison: AreaComparison, lang: str) -> list:
    """Which units stand for "before", by which mapping and code lists, and what it lacks."""
    units = comparison.units
    items: list = [Heading(label("section_area_method", lang))]
    if not units.uses_map:
        return items + [Paragraph(say("note.area_same_units", lang))]
    mapping = units.mapping
    items += [Paragraph(say("note.area_mapping", lang, old_list=mapping["old_list"], new_list=mapping["new_list"],
                            file=mapping["file"], links=mapping["links"], partial=mapping["partial_links"])),
              Paragraph(say("note.area_mapping_caveat", lang), role="note")]
    parts = units.constituents
    split = list(dict.fromkeys(parts.loc[parts["status"] == PARTIAL, "new_unit"]))
    if split:
        items.append(Paragraph(say("note.area_partial", lang, n=len(split), units=names(split, lang))))
    missing = list(dict.fromkeys(units.missing["old_unit"]))
    if missing:
        items.append(Paragraph(say("note.area_missing", lang, n=len(missing), units=names(missing, lang))))
    stale = parts[parts["status"] == NOT_IN_LIST]
    if len(stale):
        codes = list(dict.fromkeys(stale["old_name"] + " (" + stale["old_code"] + ")"))
        items.append(Paragraph(say("note.area_not_in_list", lang, n=len(codes), units=names(codes, lang),
                                   old_list=mapping["old_list"]), role="note"))
    return items


def rollup_table(comparison: AreaComparison, lang: str) -> pd.DataFrame:
    rolled = comparison.rolled
    coverage = [label("of_units", lang).format(n=n, m=m) if m else ""
                for n, m in zip(rolled["lower_units"], rolled["lower_expected"])]
    return pd.DataFrame({
        "unit": rolled["unit"], "level": rolled["level"].map(lambda v: label(f"level_{v}", lang) if v else ""),
        "side": rolled["structure"].map(lambda s: label(f"side_{s}", lang)), "posts": rolled["posts"],
        "own_posts": rolled["own_posts"], "lower_posts": rolled["lower_posts"], "lower_coverage": coverage,
        "missing": rolled["missing"].map(", ".join), "check": rolled["check"].map(lambda c: label(c, lang) if c else ""),
        "complete": rolled["complete"].astype(bool), "provenance": rolled["provenance"]})


def rollup(data: Dataset, comparison: AreaComparison, lang: str, output_dir: str | Path = "") -> list:
    """The province and its districts (and the old provinces it was formed from), totals
    rolled up, the lower units without data named, and the province compared as a whole."""
    items: list = [Heading(label("section_rollup", lang)), Paragraph(say("note.area_rollup_rule", lang))]
    for row in comparison.whole.table.itertuples(index=False):
        if row.complete:
            items.append(Paragraph(say("note.area_province_total", lang, unit=row.unit,
                                       old=format_number(row.posts_old, lang),
                                       pilot=format_number(row.posts_pilot, lang),
                                       change=signed(row.change, lang))))
        else:
            items.append(Paragraph(say("note.area_province_partial", lang, unit=row.unit), role="note"))
    if comparison.rolled.empty:
        return items
    table = rollup_table(comparison, lang)
    save_table(table, output_dir, "rollup", lang)
    return items + [table_block(table, "rollup", lang, label("table_rollup", lang), behind(data, comparison))]


def constituents_table(parts: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        "new_unit": parts["new_unit"], "old_unit": parts["old_unit"].where(parts["old_unit"] != "", parts["old_name"]),
        "old_code": parts["old_code"], "old_list": parts["old_list"],
        "link": parts["link"].map(lambda v: label(f"link_{v}", lang)), "posts": parts["posts"],
        "status": parts["status"].map(lambda s: label(f"status_{s}", lang)), "provenance": parts["provenance"]})


def constituents(data: Dataset, comparison: AreaComparison, lang: str, output_dir: str | Path = "") -> list:
    """Every old unit of every compared new unit, with what was done with it (annex)."""
    parts = comparison.units.constituents
    if parts.empty:
        return []
    order = {unit: i for i, unit in enumerate(comparison.compared)}
    parts = parts.iloc[parts["new_unit"].map(order).argsort(kind="stable")]
    table = constituents_table(parts, lang)
    save_table(table, output_dir, "constituents", lang)
    return [Heading(label("section_constituents", lang), part="annex"),
            table_block(table, "constituents", lang, label("table_constituents", lang), behind(data, comparison),
                        part="annex")]


def unit_constituents(data: Dataset, units: list[str], lang: str, output_dir: str | Path = "") -> list:
    """For a unit report: the old units a new unit's "before" comes from (nothing for a
    unit compared with itself, such as the seed districts)."""
    boundary = compare_units(data.staffing, unit_reference(data.units_file))
    mine = boundary.table[boundary.table["unit"].isin(units) & (boundary.table["before_from"] == MERGE_MAP)]
    if mine.empty:
        return []
    parts = boundary.constituents[boundary.constituents["new_unit"].isin(set(mine["unit"]))]
    table = constituents_table(parts, lang)
    save_table(table, output_dir, "constituents", lang)
    mapping = boundary.mapping
    said = [Paragraph(say("note.area_mapping", lang, old_list=mapping["old_list"], new_list=mapping["new_list"],
                          file=mapping["file"], links=len(parts), partial=int((parts["link"] == "partial").sum()))),
            Paragraph(say("note.area_mapping_caveat", lang), role="note")]
    for row in mine[~mine["complete"]].itertuples(index=False):
        own = parts[parts["new_unit"] == row.unit]
        counted = own[own["status"] == COUNTED]
        said.append(Paragraph(say("note.unit_before_incomplete", lang, unit=row.unit, counted=len(counted),
                                  total=int((own["status"] != NOT_IN_LIST).sum()),
                                  posts=format_number(int(counted["posts"].sum()), lang)), role="note"))
    return [Heading(label("section_constituents", lang)), *said,
            table_block(table, "constituents", lang, label("table_constituents", lang),
                        data.staffing[data.staffing["unit"].isin(set(parts["old_unit"]) | set(units))])]


def key_figures(comparison: AreaComparison) -> dict:
    """What the overview records for the index and the tests: totals over the complete
    units, the ranking's ends, and every flag (partial, missing, not in the old list)."""
    ranked = comparison.ranked
    overall = overall_posts(ranked)
    parts = comparison.units.constituents
    by_new = lambda frame: {u: g.tolist() for u, g in frame.groupby("new_unit", sort=False)["old_unit"]}  # noqa: E731
    whole = comparison.whole.table
    return {
        "province": comparison.area.name, "units": comparison.compared, "units_complete": overall["units"],
        "units_incomplete": overall["units_incomplete"], "posts_old": overall["posts_old"],
        "posts_pilot": overall["posts_pilot"], "change": overall["change"], "change_pct": overall["change_pct"],
        "provenance": overall["provenance"],
        "largest_cuts": ranked.loc[ranked["highlight"] == CUT, "unit"].tolist(),
        "largest_increases": ranked.loc[ranked["highlight"] == INCREASE, "unit"].tolist(),
        "before": {u: (None if pd.isna(v) else int(v)) for u, v in zip(ranked["unit"], ranked["posts_old"])},
        "after": {u: (None if pd.isna(v) else int(v)) for u, v in zip(ranked["unit"], ranked["posts_pilot"])},
        "partial": by_new(parts[parts["status"] == PARTIAL]),
        "missing": by_new(comparison.units.missing),
        "not_in_list": {u: g.tolist() for u, g in parts[parts["status"] == NOT_IN_LIST].groupby(
            "new_unit", sort=False)["old_code"]},
        "mapping": comparison.units.mapping if comparison.units.uses_map else None,
        "whole": [{"unit": r.unit, "posts_old": None if pd.isna(r.posts_old) else int(r.posts_old),
                   "posts_pilot": None if pd.isna(r.posts_pilot) else int(r.posts_pilot),
                   "complete": bool(r.complete)} for r in whole.itertuples(index=False)],
    }
