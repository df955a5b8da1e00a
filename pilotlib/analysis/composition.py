"""What the staffing is made of: position groups, bodies, support posts, boards.

These need a breakdown by body and position. Where the data has only totals (as the
source article does), each function returns its rows with ``known = False`` and no
figures, so reports can say plainly what cannot be computed instead of showing zeros.
"""
from __future__ import annotations

import pandas as pd

from pilotlib.core.rounding import round_series
from pilotlib.reference.schema import GROUPS

KEYS = ["unit", "structure"]


def _frame_keys(staffing: pd.DataFrame) -> pd.DataFrame:
    return staffing[KEYS].drop_duplicates().reset_index(drop=True)


def coverage(staffing: pd.DataFrame) -> pd.DataFrame:
    """Share of posts (per unit and structure) that carry a body and a position group."""
    posts = staffing["posts"].astype(float)
    frame = staffing.assign(
        _with_body=posts.where(staffing["body"] != "", 0.0),
        _with_group=posts.where(staffing["position_group"] != "", 0.0),
    )
    totals = frame.groupby(KEYS, sort=False)[["posts", "_with_body", "_with_group"]].sum().reset_index()
    base = totals["posts"].where(totals["posts"] > 0)
    return pd.DataFrame({
        "unit": totals["unit"], "structure": totals["structure"], "posts": totals["posts"],
        "body_known": (totals["_with_body"] / base).fillna(0).eq(1),
        "group_known": (totals["_with_group"] / base).fillna(0).eq(1),
    })


def posts_by_group(staffing: pd.DataFrame) -> pd.DataFrame:
    """Posts and share per position group, per unit and structure (long form).

    Only unit×structure pairs whose every post has a group are computed; the others
    appear once with ``known = False``.
    """
    known = coverage(staffing)
    complete = known.loc[known["group_known"], KEYS]
    rows = staffing.merge(complete, on=KEYS)
    counts = rows.pivot_table(index=KEYS, columns="position_group", values="posts",
                              aggfunc="sum", fill_value=0, sort=False)
    counts = counts.reindex(columns=list(GROUPS), fill_value=0)
    long = counts.reset_index().melt(id_vars=KEYS, var_name="position_group", value_name="posts")
    long["share"] = round_series(long["posts"] * 100 / long.groupby(KEYS)["posts"].transform("sum"), 1)
    long["known"] = True
    missing = known.loc[~known["group_known"], KEYS].assign(
        position_group="", posts=pd.NA, share=pd.NA, known=False)
    result = pd.concat([long, missing], ignore_index=True)
    order = {key: i for i, key in enumerate(_frame_keys(staffing).itertuples(index=False, name=None))}
    result["_order"] = [order[(u, s)] for u, s in zip(result["unit"], result["structure"])]
    group_order = {g: i for i, g in enumerate(("", *GROUPS))}
    result["_group"] = result["position_group"].map(group_order)
    return result.sort_values(["_order", "_group"]).drop(columns=["_order", "_group"]).reset_index(drop=True)


def bodies_summary(staffing: pd.DataFrame) -> pd.DataFrame:
    """Per unit and structure: separate bodies, support posts, support posts per body.

    Old structure: every organisation is a body with its own office. Pilot: the agency's
    leadership and each board. Unknown where posts are not broken down by body.
    """
    known = coverage(staffing)
    with_body = staffing[staffing["body"] != ""]
    bodies = with_body.groupby(KEYS, sort=False)["body"].nunique().rename("bodies")
    support = (staffing[staffing["position_group"] == "support"]
               .groupby(KEYS, sort=False)["posts"].sum().rename("support_posts"))
    result = known[KEYS + ["body_known", "group_known"]].merge(
        bodies.reset_index(), on=KEYS, how="left").merge(support.reset_index(), on=KEYS, how="left")
    result["bodies"] = result["bodies"].where(result["body_known"]).astype("Int64")
    result["support_posts"] = result["support_posts"].fillna(0).where(result["group_known"]).astype("Int64")
    per_body = result["support_posts"].astype("Float64") / result["bodies"].astype("Float64")
    result["support_per_body"] = round_series(per_body, 2)
    result["known"] = result["body_known"] & result["group_known"]
    return result[KEYS + ["bodies", "support_posts", "support_per_body", "known"]]


def posts_per_board(staffing: pd.DataFrame, boards: list[str]) -> pd.DataFrame:
    """Posts in each of the pilot's boards (the given board names), per unit; zero-filled
    for a unit whose pilot posts are broken down by body, absent otherwise."""
    known = coverage(staffing)
    units = known.loc[(known["structure"] == "pilot") & known["body_known"], "unit"].tolist()
    pilot = staffing[(staffing["structure"] == "pilot") & staffing["unit"].isin(units)]
    table = pilot.pivot_table(index="unit", columns="body", values="posts", aggfunc="sum",
                              fill_value=0, sort=False).reindex(index=units, columns=boards, fill_value=0)
    return table.reset_index().melt(id_vars="unit", var_name="board", value_name="posts")
