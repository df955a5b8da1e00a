"""Units ranked by how their posts changed: the largest cuts and increases first.

An organisation review across units asks "where did the restructuring cut most, and
where did posts grow?" — in posts and in per cent of the old total. The ranking works on
the comparison table (``metrics.compare_posts``); units without both structures are
listed last, unranked, never as a change of zero.
"""
from __future__ import annotations

import pandas as pd

from pilotlib.core.rounding import round_series

RANKING_COLUMNS = ["rank", "unit", "posts_old", "posts_pilot", "change", "change_pct", "highlight",
                   "complete", "provenance"]
CUT, INCREASE, UNCHANGED = "largest_cut", "largest_increase", ""


def rank_changes(comparison: pd.DataFrame, top: int = 3) -> pd.DataFrame:
    """The comparison ranked by change: cuts first (most posts removed; ties by the
    larger cut in per cent, then the unit's name), increases last.

    ``highlight`` marks the ``top`` largest cuts (change < 0) and the ``top`` largest
    increases (change > 0); units without a change get no mark. ``rank`` runs 1…n over
    the complete units; incomplete ones follow with an empty rank (they cannot be
    compared). ``change_pct`` is rounded half away from zero to one decimal.
    """
    complete = comparison[comparison["complete"].astype(bool)].copy()
    missing = comparison[~comparison["complete"].astype(bool)].copy()
    complete["_pct"] = complete["change_pct"].astype("Float64").fillna(0)
    complete = complete.sort_values(["change", "_pct", "unit"], kind="stable").drop(columns="_pct")
    complete["rank"] = pd.array(range(1, len(complete) + 1), dtype="Int64")
    complete["highlight"] = UNCHANGED
    cuts = complete.index[complete["change"].astype("Int64") < 0][:top]
    increases = complete.index[complete["change"].astype("Int64") > 0][::-1][:top]
    complete.loc[cuts, "highlight"] = CUT
    complete.loc[increases, "highlight"] = INCREASE
    missing["rank"] = pd.array([pd.NA] * len(missing), dtype="Int64")
    missing["highlight"] = UNCHANGED
    ranked = pd.concat([complete, missing], ignore_index=True)
    ranked["change_pct"] = round_series(ranked["change_pct"], 1)
    return ranked[RANKING_COLUMNS]
