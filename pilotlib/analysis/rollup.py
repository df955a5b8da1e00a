"""Posts rolled up along the administrative hierarchy of each unit's own code list.

Staffing rows may be given at commune, district or province level. A unit's figure is
its own rows when it has any; otherwise the sum of the units directly below it that have
a figure (communes → district → province before 2025-07; communes → province from
2025-07, when districts were abolished). A unit with both its own rows and lower units
keeps its own figure — it is what the unit reported — and the sum of the lower units is
only checked against it (``check``), never added to it: nothing is counted twice.

Lower units without data are named (``missing``), never read as zero: a sum over 3 of
12 districts is a sum over 3 of 12 districts, and the figure is ``complete`` only when
it is the unit's own or every unit below has a complete figure. The lower units a
parent should have are those of the parent's list (the list of its entry that the rows'
code vintages name), so Lâm Đồng of 2024-11 expects its 12 districts and Lâm Đồng of
2025-07 its 124 communes.

Vectorised: units are placed once per distinct (unit, code vintage), and each level is
one groupby over parent entry positions.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from pilotlib.analysis import provenance
from pilotlib.reference.unit_reference import UnitReference

LEVELS = ("commune", "district", "province")  # bottom-up
ROLLUP_COLUMNS = ["unit", "level", "structure", "posts", "own_posts", "lower_posts", "lower_units",
                  "lower_expected", "missing", "check", "complete", "provenance"]
AGREES, DIFFERS, PARTIAL = "agrees", "differs", "partial"  # own figure vs the sum of the units below


def parent_entries(reference: UnitReference) -> np.ndarray:
    """Per entry, the entry directly above it in its own list: its district when it has
    one, else its province; -1 for a province (computed once per reference)."""
    cached = reference.__dict__.get("_parent_of")
    if cached is None:
        district = np.asarray(reference.district_of, dtype=np.int64)
        province = np.asarray(reference.province_of, dtype=np.int64)
        cached = np.where(district >= 0, district, province)
        cached[np.asarray(reference.level_of, dtype=object) == "province"] = -1
        reference.__dict__["_parent_of"] = cached
    return cached


def lower_units(reference: UnitReference, parent: int) -> list[str]:
    """The canonical names of the units directly below entry ``parent`` in its list."""
    children = reference.__dict__.get("_children")
    if children is None:
        parents = parent_entries(reference)
        order = np.argsort(parents, kind="stable")
        bounds = np.searchsorted(parents[order], np.arange(len(parents) + 1))
        children = (order, bounds)
        reference.__dict__["_children"] = children
    order, bounds = children
    return [reference.unit_of[i] for i in order[bounds[parent]:bounds[parent + 1]]]


def place_units(units: pd.Series, vintages: pd.Series, reference: UnitReference) -> np.ndarray:
    """The entry of each unit, once per distinct (unit, code vintage): its entry in the
    list the vintage names, else its newest entry; -1 for a unit the reference does not know."""
    keys = pd.MultiIndex.from_arrays([units.astype(str), vintages.astype(str)])
    codes, distinct = pd.factorize(keys)
    found = np.empty(len(distinct), dtype=np.int64)
    for number, (unit, vintage) in enumerate(distinct):
        entries = reference.of(unit)
        wanted = reference.list_for(vintage) if vintage else ""
        chosen = [e for e in entries if reference.list_of[e] == wanted]
        found[number] = (chosen or entries or [-1])[-1]
    return found[codes] if len(codes) else np.empty(0, dtype=np.int64)


def own_totals(staffing: pd.DataFrame) -> pd.DataFrame:
    """Posts per (unit, structure) from the rows themselves, in first-seen order, with the
    code vintage the unit's rows name (the first non-empty one) and their provenance.

    Each text column is factorised once; sums, first vintages and provenances are then
    computed on integer codes (a national table of 10⁶ rows costs little more than a
    plain groupby-sum)."""
    if staffing.empty:
        return pd.DataFrame(columns=["unit", "structure", "posts", "code_vintage", "provenance"])
    units, unit_names = pd.factorize(staffing["unit"], sort=False)
    structures, structure_names = pd.factorize(staffing["structure"], sort=False)
    group, key = pd.factorize(units * len(structure_names) + structures, sort=False)  # first-seen order
    posts = pd.Series(staffing["posts"].to_numpy(dtype=np.int64)).groupby(group).sum().to_numpy()  # exact integers
    vintages, vintage_names = pd.factorize(_text(staffing["code_vintage"]), sort=False)
    given = np.flatnonzero(np.asarray(vintage_names, dtype=object)[vintages] != "") if len(vintage_names) \
        else np.empty(0, dtype=np.int64)
    first = np.full(len(key), -1, dtype=np.int64)
    first[group[given][::-1]] = given[::-1]  # the last write wins: each group's first row with a vintage
    vintage = np.full(len(key), "", dtype=object)
    vintage[first >= 0] = np.asarray(vintage_names, dtype=object)[vintages[first[first >= 0]]]
    return pd.DataFrame({
        "unit": np.asarray(unit_names, dtype=object)[key // len(structure_names)],
        "structure": np.asarray(structure_names, dtype=object)[key % len(structure_names)],
        "posts": pd.array(posts, dtype="Int64"), "code_vintage": vintage,
        "provenance": _joined_per_group(group, staffing["provenance"], len(key))})


def _text(column: pd.Series) -> pd.Series:
    return column if column.dtype == object else column.astype(str)


def _joined_per_group(group: np.ndarray, origins: pd.Series, groups: int) -> np.ndarray:
    """The joined provenance of each group's rows: each group's set of provenances as a
    bit mask, each distinct mask (a handful) joined once."""
    codes, names = pd.factorize(_text(origins), sort=False)
    if len(names) > 62:  # not the few provenances a table holds: one join per group instead
        frame = pd.DataFrame({"g": group, "p": _text(origins)}).drop_duplicates()
        joined = frame.groupby("g")["p"].agg(provenance.joined)
        return joined.reindex(range(groups), fill_value="").to_numpy(dtype=object)
    masks = np.zeros(groups, dtype=np.int64)
    np.bitwise_or.at(masks, group, np.left_shift(1, codes.astype(np.int64)))
    distinct, back = np.unique(masks, return_inverse=True)
    words = [provenance.joined(n for bit, n in enumerate(names) if mask >> bit & 1) for mask in distinct]
    return np.asarray(words, dtype=object)[back]


def roll_up(staffing: pd.DataFrame, reference: UnitReference) -> pd.DataFrame:
    """Every unit with a figure, per structure: the units of the rows and every unit above
    them (``ROLLUP_COLUMNS``). ``posts`` is the unit's own figure when it has one, else the
    sum of ``lower_units`` units below it; ``missing`` names the units below without any
    figure (of ``lower_expected`` in the parent's list); ``check`` compares an own figure
    with the sum below (agrees | differs | partial: some below are missing, and their sum
    does not exceed the own figure); ``complete``: own, or every unit below complete."""
    own = own_totals(staffing)
    entry = place_units(own["unit"], own["code_vintage"], reference)
    level = np.array([reference.level_of[e] if e >= 0 else "" for e in entry], dtype=object)
    figures = pd.DataFrame({
        "unit": own["unit"], "level": level, "structure": own["structure"], "posts": own["posts"],
        "own_posts": own["posts"], "lower_posts": pd.array([pd.NA] * len(own), dtype="Int64"),
        "lower_units": 0, "lower_expected": 0, "missing": [()] * len(own), "check": "",
        "complete": True, "provenance": own["provenance"], "_entry": entry})
    parents = parent_entries(reference)
    for target in LEVELS[1:]:
        figures = _one_level(figures, target, parents, reference)
    return figures.drop(columns="_entry")[ROLLUP_COLUMNS].reset_index(drop=True)


def _one_level(figures: pd.DataFrame, target: str, parents: np.ndarray, reference: UnitReference) -> pd.DataFrame:
    """Add the sums of the units directly below every ``target``-level unit: as the unit's
    figure when it has none of its own, as a check when it has."""
    placed = figures["_entry"].to_numpy() >= 0
    above = np.full(len(figures), -1, dtype=np.int64)
    above[placed] = parents[figures["_entry"].to_numpy()[placed]]
    level_of = np.asarray(reference.level_of, dtype=object)
    is_child = (above >= 0) & (level_of[np.maximum(above, 0)] == target) & (figures["level"] != target).to_numpy()
    children = figures[is_child].assign(_parent=above[is_child])
    if children.empty:
        return figures
    children["_name"] = [reference.unit_of[p] for p in children["_parent"]]
    grouped = children.groupby(["_name", "structure"], sort=False)
    sums = grouped.agg(lower_posts=("posts", "sum"), lower_units=("unit", "size"), _all=("complete", "all"),
                       _kids=("unit", tuple), _parent=("_parent", "max"),
                       provenance=("provenance", provenance.joined)).reset_index()
    expected = {p: lower_units(reference, p) for p in pd.unique(sums["_parent"])}
    sums["lower_expected"] = [len(expected[p]) for p in sums["_parent"]]
    sums["missing"] = [tuple(u for u in expected[p] if u not in set(kids))
                       for p, kids in zip(sums["_parent"], sums["_kids"])]
    lower_complete = sums["_all"].to_numpy(bool) & (sums["missing"].map(len) == 0).to_numpy()
    sums["lower_posts"] = sums["lower_posts"].astype("Int64")
    key = figures["unit"] + "\x1f" + figures["structure"]
    sums_key = sums["_name"] + "\x1f" + sums["structure"]
    known = sums_key.isin(key).to_numpy()
    # units that have their own figure: the sum below is a check, never added
    at = pd.Index(key).get_indexer(sums_key[known])
    figures = figures.copy()
    for column in ("lower_posts", "lower_units", "lower_expected", "missing"):
        figures.iloc[at, figures.columns.get_loc(column)] = sums.loc[known, column].to_numpy()
    own = figures["own_posts"].to_numpy(dtype=object)[at]
    lower = sums.loc[known, "lower_posts"].to_numpy(dtype=object)
    exceeds = np.array([lo > ow for lo, ow in zip(lower, own)], dtype=bool)
    equal = np.array([lo == ow for lo, ow in zip(lower, own)], dtype=bool)
    whole = lower_complete[known]
    figures.iloc[at, figures.columns.get_loc("check")] = np.where(
        whole, np.where(equal, AGREES, DIFFERS), np.where(exceeds, DIFFERS, PARTIAL))
    # units known only through the units below them: the sum is their figure
    new = sums[~known]
    added = pd.DataFrame({
        "unit": new["_name"], "level": target, "structure": new["structure"], "posts": new["lower_posts"],
        "own_posts": pd.array([pd.NA] * len(new), dtype="Int64"), "lower_posts": new["lower_posts"],
        "lower_units": new["lower_units"], "lower_expected": new["lower_expected"], "missing": new["missing"],
        "check": "", "complete": lower_complete[~known], "provenance": new["provenance"],
        "_entry": new["_parent"]})
    return pd.concat([figures, added], ignore_index=True)


def level_figures(rolled: pd.DataFrame, level: str) -> pd.DataFrame:
    """The rolled-up figures of one level, as totals ``boundary.compare_across`` and the
    comparison tables read (unit, structure, posts, complete, provenance, …)."""
    return rolled[rolled["level"] == level].reset_index(drop=True)
