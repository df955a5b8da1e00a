"""Old-vs-pilot comparison metrics computed from the tidy staffing table.

Every metric says what it could not compute: a unit with only one structure gets
``complete = False`` and empty change figures instead of a guessed zero.
"""
from __future__ import annotations

import pandas as pd

from pilotlib.analysis import provenance
from pilotlib.core.rounding import round_half_up, round_series

COMPARISON_COLUMNS = [
    "unit", "posts_old", "posts_pilot", "change", "change_pct", "complete", "provenance",
]


def compare_posts(staffing: pd.DataFrame) -> pd.DataFrame:
    """Total posts per unit under the old structure and the pilot, with the change.

    Units keep their first-seen order. ``change_pct`` is relative to the old total
    and empty when the old total is missing or zero.
    """
    order = list(dict.fromkeys(staffing["unit"]))
    totals = staffing.pivot_table(
        index="unit", columns="structure", values="posts", aggfunc="sum", sort=False
    ).reindex(index=order, columns=["old", "pilot"])
    result = pd.DataFrame(
        {
            "unit": order,
            "posts_old": totals["old"].astype("Int64").array,  # .array keeps Int64 (to_numpy: float64)
            "posts_pilot": totals["pilot"].astype("Int64").array,
        }
    )
    result["change"] = result["posts_pilot"] - result["posts_old"]
    base = result["posts_old"].astype("Float64").where(result["posts_old"] > 0)
    # ×100 before dividing: one rounding step, so 23/80 is 28.75 (→ 28.8, as in Excel), not 28.749999…
    result["change_pct"] = round_series(result["change"].astype("Float64") * 100 / base, 1)
    result["complete"] = result["posts_old"].notna() & result["posts_pilot"].notna()
    result["provenance"] = result["unit"].map(provenance.per_unit(staffing))
    return result[COMPARISON_COLUMNS]


def overall_posts(comparison: pd.DataFrame) -> dict[str, object]:
    """Totals over the units that have both structures, and which units were left out.
    With no such unit the totals are None: nothing was compared, which is not a zero."""
    complete = comparison[comparison["complete"].astype(bool)]
    old = int(complete["posts_old"].sum()) if len(complete) else None
    pilot = int(complete["posts_pilot"].sum()) if len(complete) else None
    return {
        "units": len(complete),
        "units_incomplete": comparison.loc[~comparison["complete"].astype(bool), "unit"].tolist(),
        "posts_old": old,
        "posts_pilot": pilot,
        "change": pilot - old if len(complete) else None,
        "change_pct": round_half_up((pilot - old) * 100 / old, 1) if old else None,
        "provenance": provenance.of(comparison),
    }


def unit_row(comparison: pd.DataFrame, unit: str) -> dict[str, object]:
    """One unit's comparison as plain Python values (for narrative and the index)."""
    rows = comparison[comparison["unit"] == unit]
    if rows.empty:
        raise KeyError(f"unit {unit!r} is not in the staffing table")
    row = rows.iloc[0].to_dict()
    return {key: (None if pd.isna(value) else value) for key, value in row.items()}
