"""Before and after across a boundary change: the old structure recorded in old units,
the new structure recorded in new units (2025-03 communes → 2025-07 communes).

For each new unit, "before" is the sum over its old constituents in the merge map
(``UnitReference.merge_links``: the bundled 2025-07 map, new ← old, each link "full" or
"partial"). Only constituents that went *whole* into the new unit and have a figure are
added. A "partial" constituent (split between new units, no share known) is shown with
its own figure and flagged, never apportioned by a guessed share; a constituent without
data is listed, never read as zero; either leaves the new unit incomplete, so its change
is not computed and it is not ranked. A code the old list does not have (the map names
some communes abolished before 2025-03; NOTICE.md lists them) cannot hold data recorded
in that list: it is noted, and does not block the comparison. A unit recorded under
both structures itself (the seed districts: the same unit before and after) is compared
with itself, exactly as ``metrics.compare_posts`` does, and the merge map is not used
for it; so is a new unit whose table gives its own "before".

The comparison works on totals per (unit, structure) — a unit's own rows
(``rollup.own_totals``) or the figures rolled up to a level (``rollup.roll_up``, whose
``complete`` flag travels: a constituent whose own figure is incomplete leaves the new
unit incomplete too). The merge map is a cited source (extracted by machine from the
resolutions of 2025, see data/reference/national/NOTICE.md), not law: every table built
from it says so (``mapping``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pilotlib.analysis import provenance
from pilotlib.analysis.metrics import COMPARISON_COLUMNS, compare_posts
from pilotlib.analysis.rollup import own_totals
from pilotlib.core.rounding import round_series
from pilotlib.reference.national import MERGES_FILE
from pilotlib.reference.unit_reference import UnitReference

SAME_UNIT, MERGE_MAP, NO_BEFORE = "same_unit", "merge_map", ""  # where "before" comes from
COUNTED, PARTIAL, MISSING, NOT_IN_LIST, INCOMPLETE, ALONE = (
    "counted", "partial", "missing", "not_in_list", "incomplete", "compared_alone")
# The constituents a compared unit's row names, by what was done with them.
LISTED = {"constituents": (COUNTED, INCOMPLETE), "partial_units": (PARTIAL,), "missing_units": (MISSING, ALONE),
          "not_in_list": (NOT_IN_LIST,)}
BOUNDARY_COLUMNS = [*COMPARISON_COLUMNS, "before_from", *LISTED]
CONSTITUENT_COLUMNS = ["new_unit", "old_unit", "old_name", "old_code", "old_list", "link", "posts", "status",
                       "provenance"]


@dataclass
class Boundary:
    """The comparison (``table``: one row per compared unit, ``BOUNDARY_COLUMNS``), every
    constituent used or flagged (``constituents``) and what the mapping was (``mapping``:
    file, old and new lists, links read)."""

    table: pd.DataFrame
    constituents: pd.DataFrame
    mapping: dict = field(default_factory=dict)

    @property
    def missing(self) -> pd.DataFrame:
        """Old units without data, by the new unit they belong to."""
        return self.constituents[self.constituents["status"] == MISSING]

    @property
    def partial(self) -> pd.DataFrame:
        """Constituents split between new units, with their whole figure (shown, not added)."""
        return self.constituents[self.constituents["status"] == PARTIAL]

    @property
    def uses_map(self) -> bool:
        return bool((self.table["before_from"] == MERGE_MAP).any())


def _links(reference: UnitReference, level: str | None) -> pd.DataFrame:
    links = reference.merge_links()
    if level:
        links = links[links["new_level"] == level]
    return links.reset_index(drop=True)


def compare_across(totals: pd.DataFrame, reference: UnitReference, level: str | None = None) -> Boundary:
    """The comparison of every unit of ``totals`` (unit, structure, posts, and optionally
    complete, provenance) with "before" taken from its own old figure, else from its
    constituents in the merge map (links of ``level`` only, when given)."""
    totals = totals.copy()
    if "complete" not in totals.columns:
        totals["complete"] = True
    old = totals[totals["structure"] == "old"].drop_duplicates("unit").set_index("unit")
    new = totals[totals["structure"] == "pilot"].drop_duplicates("unit").set_index("unit")
    links = _links(reference, level)
    has_pilot = set(new.index)
    subjects = _subjects(old, new, links)
    own_before = [u for u in subjects if u in old.index]
    parts = links[links["new_unit"].isin(set(subjects) - set(own_before))]
    constituents = _constituents(parts, old, has_pilot, reference.periods[-2].list_id)
    counted = constituents[constituents["status"].isin([COUNTED, INCOMPLETE])]
    before = counted.groupby("new_unit", sort=False)["posts"].sum()
    unresolved = constituents.loc[~constituents["status"].isin([COUNTED, NOT_IN_LIST]), "new_unit"]
    table = pd.DataFrame({"unit": subjects})
    own = table["unit"].isin(own_before)
    from_map = table["unit"].isin(constituents["new_unit"]) & ~own
    table["posts_old"] = (table["unit"].map(before).astype("Int64")
                          .where(~own, table["unit"].map(old["posts"]).astype("Int64")))
    table["posts_pilot"] = table["unit"].map(new["posts"]).astype("Int64")
    # a figure rolled up from units below may be incomplete itself (unknown: complete)
    figures_complete = (table["unit"].map(old["complete"]).ne(False) | ~own) & table["unit"].map(new["complete"]).ne(False)
    table["complete"] = (table["posts_old"].notna() & table["posts_pilot"].notna() & figures_complete
                         & ~table["unit"].isin(set(unresolved))).astype(bool)
    change = table["posts_pilot"] - table["posts_old"]
    table["change"] = change.where(table["complete"]).astype("Int64")
    base = table["posts_old"].astype("Float64").where(table["posts_old"] > 0)
    table["change_pct"] = round_series(table["change"].astype("Float64") / base * 100, 1)
    table["provenance"] = _provenances(table["unit"], own, old, new, constituents)
    table["before_from"] = np.where(own, SAME_UNIT, np.where(from_map, MERGE_MAP, NO_BEFORE))
    named = constituents.assign(_name=constituents["old_unit"].where(
        constituents["old_unit"] != "", constituents["old_name"] + " (" + constituents["old_code"] + ")"))
    for column, statuses in LISTED.items():
        chosen = named[named["status"].isin(statuses)]
        table[column] = table["unit"].map(chosen.groupby("new_unit", sort=False)["_name"].agg(tuple)).map(
            lambda v: v if isinstance(v, tuple) else ())
    mapping = _mapping(reference, links, parts)
    return Boundary(table[BOUNDARY_COLUMNS], constituents[CONSTITUENT_COLUMNS].reset_index(drop=True), mapping)


def _subjects(old: pd.DataFrame, new: pd.DataFrame, links: pd.DataFrame) -> list[str]:
    """The units compared: every unit with an after figure; every new unit one of whose
    old units has a before figure only (it shows that before even without its after);
    every unit with a before figure only that the map does not place in a new unit."""
    before_only = ~old.index.isin(new.index)
    mapped = links[links["old_unit"].isin(old.index[before_only])]
    alone = old.index[before_only & ~old.index.isin(mapped["old_unit"])]
    return list(dict.fromkeys([*new.index, *mapped["new_unit"], *alone]))


def _constituents(parts: pd.DataFrame, old: pd.DataFrame, has_pilot: set[str], old_list: str) -> pd.DataFrame:
    """Each link of a compared new unit with its old figure and what was done with it."""
    posts = parts["old_unit"].map(old["posts"]).astype("Int64")
    complete = parts["old_unit"].map(old["complete"]).ne(False)
    status = np.select(
        [parts["old_unit"] == "", parts["old_unit"].isin(has_pilot), posts.isna(),
         parts["link"] == "partial", ~complete],
        [NOT_IN_LIST, ALONE, MISSING, PARTIAL, INCOMPLETE], default=COUNTED)
    return pd.DataFrame({
        "new_unit": parts["new_unit"], "old_unit": parts["old_unit"], "old_name": parts["old_name"],
        "old_code": parts["old_code"], "old_list": old_list, "link": parts["link"], "posts": posts,
        "status": status, "provenance": parts["old_unit"].map(old["provenance"]).astype(object).fillna("")})


def _provenances(units: pd.Series, own: pd.Series, old: pd.DataFrame, new: pd.DataFrame,
                 constituents: pd.DataFrame) -> list[str]:
    """A compared unit's provenance: its own figures' and those of its constituents shown."""
    behind = constituents[constituents["provenance"] != ""].groupby("new_unit", sort=False)["provenance"].agg(
        provenance.joined)
    return [provenance.joined([new["provenance"].get(u, ""), old["provenance"].get(u, "") if is_own else "",
                               "" if is_own else behind.get(u, "")])
            for u, is_own in zip(units, own)]


def _mapping(reference: UnitReference, links: pd.DataFrame, used: pd.DataFrame) -> dict:
    """What the comparison rests on, for the tables' notes and the written assessment."""
    return {"file": MERGES_FILE, "new_list": reference.periods[-1].list_id,
            "old_list": reference.periods[-2].list_id, "links": int(len(used)),
            "partial_links": int((used["link"] == "partial").sum())}


def compare_units(staffing: pd.DataFrame, reference: UnitReference, level: str | None = None) -> Boundary:
    """``compare_across`` on the units' own rows (``rollup.own_totals``)."""
    return compare_across(own_totals(staffing), reference, level)


def unit_comparison(staffing: pd.DataFrame, units: list[str], reference_of) -> pd.DataFrame:
    """``metrics.compare_posts`` of ``units`` (``COMPARISON_COLUMNS``), where a unit recorded
    only after the change takes its "before" from its old units — only when that before is
    complete (every old unit whole and with data); otherwise it has none, as in
    ``compare_posts``, and the unit report's list of old units says why.

    Units that have their own "before", or no "after" (the seed districts, and every table
    without a boundary change) get exactly ``compare_posts``; ``reference_of`` (a callable
    giving the unit reference) is only called when some unit needs the merge map."""
    rows = staffing[staffing["unit"].isin(units)]
    plain = compare_posts(rows)
    after_only = plain["posts_pilot"].notna() & plain["posts_old"].isna()
    if not after_only.any():
        return plain
    across = compare_units(staffing, reference_of()).table.set_index("unit")
    mapped = plain["unit"][after_only]
    mapped = mapped[mapped.map(across["before_from"]).eq(MERGE_MAP) & mapped.map(across["complete"]).eq(True)]
    if mapped.empty:
        return plain
    chosen = plain["unit"].isin(set(mapped))
    for column in ("posts_old", "change", "change_pct", "complete", "provenance"):
        plain.loc[chosen, column] = plain.loc[chosen, "unit"].map(across[column]).to_numpy()
    return plain
