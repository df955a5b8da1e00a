"""What an organisation review is built on: posts per organisation or board, separate
bodies ("đầu mối"), heads and deputies, and the support posts, before and after.

Each needs the staffing broken down by body (and position). A unit and structure whose
posts are not all broken down gets no figure here — its cells stay empty, never zero —
and totals over units use only the units broken down in both structures, so a
before/after total always compares like with like. Frames only; reports word them.
"""
from __future__ import annotations

import re

import pandas as pd

from pilotlib.analysis import composition, provenance
from pilotlib.core.text import fold
from pilotlib.reference import vocab

KEYS = ["unit", "structure"]
STRUCTURES = ("old", "pilot")


def _known_pairs(staffing: pd.DataFrame, column: str) -> pd.DataFrame:
    known = composition.coverage(staffing)
    return known.loc[known[column], KEYS]


def _units(staffing: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(staffing["unit"]))


def comparable_units(staffing: pd.DataFrame, column: str = "body_known") -> list[str]:
    """Units broken down (``body_known`` or ``group_known``) in both structures."""
    pairs = _known_pairs(staffing, column)
    both = pairs.groupby("unit", sort=False)["structure"].nunique()
    return both[both == len(STRUCTURES)].index.tolist()


def body_posts(staffing: pd.DataFrame, order: list[str] | None = None) -> pd.DataFrame:
    """Posts per body (organisation before, board or office after), per unit and
    structure, in the vocabulary's order (``order``; default bodies.csv): columns unit,
    structure, body, posts, provenance. Only unit×structure pairs whose every post has a
    body are listed."""
    rows = staffing.merge(_known_pairs(staffing, "body_known"), on=KEYS)
    if rows.empty:
        return pd.DataFrame(columns=["unit", "structure", "body", "posts", "provenance"])
    table = (rows.groupby(["unit", "structure", "body"], sort=False)
             .agg(posts=("posts", "sum"), provenance=("provenance", provenance.joined)).reset_index())
    ranks = {b: i for i, b in enumerate(order if order is not None else vocab.bodies().table["body"])}
    units = {u: i for i, u in enumerate(_units(staffing))}
    table["_s"] = table["structure"].map({s: i for i, s in enumerate(STRUCTURES)})
    table["_b"] = table["body"].map(ranks).fillna(len(ranks))
    table["_u"] = table["unit"].map(units)
    table = table.sort_values(["_s", "_b", "_u"], kind="stable").drop(columns=["_s", "_b", "_u"])
    table["posts"] = table["posts"].astype("Int64")
    return table.reset_index(drop=True)


def body_posts_wide(long: pd.DataFrame, units: list[str], total: list[str]) -> pd.DataFrame:
    """structure, body, one column of posts per unit (empty where that unit is not broken
    down) and, with several units, ``total`` over the units listed in ``total``."""
    if long.empty:
        return pd.DataFrame(columns=["structure", "body", *units])
    wide = long.pivot_table(index=["structure", "body"], columns="unit", values="posts", aggfunc="sum",
                            sort=False).reindex(columns=units)
    wide = wide.astype("Float64").round().astype("Int64")
    known = composition.coverage(long.assign(position_group="x"))
    for unit in units:  # a body a broken-down unit does not have holds 0 posts there, not "unknown"
        for structure in STRUCTURES:
            if ((known["unit"] == unit) & (known["structure"] == structure)).any():
                mask = wide.index.get_level_values("structure") == structure
                wide.loc[mask, unit] = wide.loc[mask, unit].fillna(0)
    if len(units) > 1:
        wide["total"] = wide[total].sum(axis=1, min_count=1).astype("Int64") if total else pd.NA
    return wide.reset_index()


def separate_bodies(staffing: pd.DataFrame, sides: dict[str, str]) -> pd.DataFrame:
    """Per unit: separate bodies ("đầu mối") before and after, and the parts inside the
    joint agency. An organisation of the old structure (``sides[body] != "pilot"``) with
    posts is one body of its own; the bodies of the pilot side (leadership, boards,
    office) with posts are parts of one agency, which counts once. Columns like
    ``metrics.compare_posts`` (posts_old → bodies_old …) so units can be ranked alike."""
    with_posts = staffing[staffing["posts"].astype("Float64") > 0].merge(_known_pairs(staffing, "body_known"), on=KEYS)
    part = with_posts["body"].map(sides).eq("pilot")
    own = with_posts[~part].groupby(KEYS)["body"].nunique()
    parts = with_posts[part].groupby(KEYS)["body"].nunique()
    units = _units(staffing)
    known = _known_pairs(staffing, "body_known")
    result = pd.DataFrame({"unit": units})
    for structure in STRUCTURES:
        known_here = set(known.loc[known["structure"] == structure, "unit"])
        inner = [parts.get((u, structure), 0) if u in known_here else pd.NA for u in units]
        values = [own.get((u, structure), 0) + (n > 0) if u in known_here else pd.NA for u, n in zip(units, inner)]
        result[f"bodies_{structure}"] = pd.array(values, dtype="Int64")
        if structure == "pilot":
            result["parts_pilot"] = pd.array(inner, dtype="Int64")
    result["change"] = result["bodies_pilot"] - result["bodies_old"]
    result["complete"] = result["bodies_old"].notna() & result["bodies_pilot"].notna()
    result["provenance"] = result["unit"].map(provenance.per_unit(staffing))
    return result


def _leadership_known(staffing: pd.DataFrame) -> pd.DataFrame:
    """unit×structure pairs whose posts all have a group and whose leaders all have a title."""
    pairs = _known_pairs(staffing, "group_known")
    untitled = staffing[(staffing["position_group"] == "leadership") & (staffing["position"] == "")]
    bad = untitled[KEYS].drop_duplicates()
    merged = pairs.merge(bad, on=KEYS, how="left", indicator=True)
    return merged.loc[merged["_merge"] == "left_only", KEYS]


def leaders(staffing: pd.DataFrame) -> pd.DataFrame:
    """Per unit: heads and deputies before and after (``vocab.leadership_role``), empty
    where the unit's leadership is not broken down by title."""
    known = _leadership_known(staffing)
    rows = staffing[staffing["position_group"] == "leadership"].merge(known, on=KEYS)
    rows = rows.assign(role=vocab.leadership_role(rows["position"]))
    counts = rows.groupby(KEYS + ["role"], sort=False)["posts"].sum()
    units = _units(staffing)
    result = pd.DataFrame({"unit": units})
    for role, column in (("head", "heads"), ("deputy", "deputies")):
        for structure in STRUCTURES:
            known_here = set(known.loc[known["structure"] == structure, "unit"])
            values = [counts.get((u, structure, role), 0) if u in known_here else pd.NA for u in units]
            result[f"{column}_{structure}"] = pd.array(values, dtype="Int64")
    result["complete"] = result[["heads_old", "heads_pilot"]].notna().all(axis=1)
    result["provenance"] = result["unit"].map(provenance.per_unit(staffing))
    return result


def support_posts(staffing: pd.DataFrame, positions: list[str]) -> pd.DataFrame:
    """Posts of each support position in ``positions``, per unit, before and after (0 when a
    broken-down unit has none; empty when that structure is not broken down)."""
    known = _known_pairs(staffing, "group_known")
    rows = staffing.merge(known, on=KEYS)
    counts = rows[rows["position"].isin(positions)].groupby(KEYS + ["position"], sort=False)["posts"].sum()
    by_unit = provenance.per_unit(staffing)
    records = []
    for unit in _units(staffing):
        for position in positions:
            record = {"unit": unit, "position": position}
            for structure in STRUCTURES:
                broken_down = ((known["unit"] == unit) & (known["structure"] == structure)).any()
                record[f"posts_{structure}"] = counts.get((unit, structure, position), 0) if broken_down else pd.NA
            records.append(record | {"provenance": by_unit.get(unit, "")})
    result = pd.DataFrame(records, columns=["unit", "position", "posts_old", "posts_pilot", "provenance"])
    for column in ("posts_old", "posts_pilot"):
        result[column] = result[column].astype("Int64")
    result.insert(4, "change", result["posts_pilot"] - result["posts_old"])
    return result


def support_positions(staffing: pd.DataFrame, issues: pd.DataFrame, table: pd.DataFrame) -> tuple[list[str], list[str]]:
    """(positions to show, positions the difficulties name). A support position is named when
    its title or an alias (``table``: the positions vocabulary) appears in a difficulty
    statement — "lái xe, kế toán, thủ quỹ" in the source; shown: those and every support
    position the staffing has, in vocabulary order."""
    support = table[table["position_group"] == "support"]
    texts = " | ".join(f" {_words(t)} " for t in issues.loc[issues["kind"] == "difficulty", "text"])
    named = [row["position"] for row in support.to_dict("records")
             if any(f" {_words(name)} " in texts for name in [row["position"], *str(row.get("aliases", "")).split("|")]
                    if _words(name))]
    present = set(staffing.loc[staffing["position_group"] == "support", "position"])
    shown = [p for p in support["position"] if p in named or p in present]
    return shown, named


def _words(text: object) -> str:
    """Folded words separated by single spaces (punctuation dropped), for whole-word search."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())
