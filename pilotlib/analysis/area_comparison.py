"""Everything a province overview shows, computed once: its lower units compared (across
the boundary change where their "before" lies in old units) and ranked, the totals rolled
up along the hierarchy, and the province as a whole.

The compared units are those of the boundary comparison (``analysis.boundary``) that lie
in the province below the province level — new communes with their old constituents
from anywhere (Đắk Nông's communes for the new Lâm Đồng), or units compared with
themselves. The province as a whole is compared on rolled-up figures
(``analysis.rollup``): the new province after, its old provinces (by the merge map's
province links) before, each only as complete as the units below it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pilotlib.analysis.area import Area, lies_in
from pilotlib.analysis.boundary import Boundary, compare_across, compare_units
from pilotlib.analysis.ranking import rank_changes
from pilotlib.analysis.rollup import level_figures, place_units, roll_up
from pilotlib.reference.unit_reference import UnitReference

TOP = 3  # largest cuts and increases highlighted


@dataclass
class AreaComparison:
    """``units``: the boundary comparison of the area's lower units; ``ranked``: the same
    units by change (``ranking.RANKING_COLUMNS`` and the boundary columns); ``rolled``:
    the roll-up rows of the area's districts and provinces and of the old provinces it
    was formed from; ``whole``: the comparison of the area's province units."""

    area: Area
    units: Boundary
    ranked: pd.DataFrame
    rolled: pd.DataFrame
    whole: Boundary

    @property
    def compared(self) -> list[str]:
        """The compared lower units, as the ranking orders them."""
        return self.ranked["unit"].tolist()


def _levels(units: pd.Series, reference: UnitReference) -> np.ndarray:
    entries = place_units(units, pd.Series([""] * len(units), index=units.index), reference)
    return np.array([reference.level_of[e] if e >= 0 else "" for e in entries], dtype=object)


def _inside(units: pd.Series, area: Area, reference: UnitReference) -> np.ndarray:
    return lies_in(units, pd.Series([""] * len(units), index=units.index), area, reference)


def compare_area(staffing: pd.DataFrame, area: Area, reference: UnitReference, top: int = TOP) -> AreaComparison:
    """The province overview's figures for ``area`` from the tidy staffing table."""
    everything = compare_units(staffing, reference)
    table = everything.table
    keep = _inside(table["unit"], area, reference) & (_levels(table["unit"], reference) != "province")
    table = table[keep].reset_index(drop=True)
    constituents = everything.constituents[everything.constituents["new_unit"].isin(set(table["unit"]))]
    units = Boundary(table, constituents.reset_index(drop=True), everything.mapping | _used(constituents))
    ranked = rank_changes(table, top=top)
    extra = table.drop(columns=[c for c in ranked.columns if c != "unit" and c in table.columns])
    ranked = ranked.merge(extra, on="unit", how="left", sort=False)
    rolled = roll_up(staffing, reference)
    provinces = compare_across(level_figures(rolled, "province"), reference, level="province")
    mine = provinces.table["unit"].isin(area.units)
    whole = Boundary(provinces.table[mine].reset_index(drop=True),
                     provinces.constituents[provinces.constituents["new_unit"].isin(area.units)].reset_index(drop=True),
                     provinces.mapping)
    return AreaComparison(area, units, ranked, _area_rows(rolled, area, whole, reference), whole)


def _used(constituents: pd.DataFrame) -> dict:
    return {"links": int(len(constituents)), "partial_links": int((constituents["link"] == "partial").sum())}


def _area_rows(rolled: pd.DataFrame, area: Area, whole: Boundary, reference: UnitReference) -> pd.DataFrame:
    """The rolled-up districts and provinces a reader of this province's overview needs:
    those in the province, and the old provinces it was formed from (and their districts)."""
    above = rolled[rolled["level"].isin(["district", "province"])]
    formed_from = set(whole.constituents["old_unit"]) - {""}
    distinct = above.drop_duplicates("unit")
    wanted = set(distinct["unit"][_inside(distinct["unit"], area, reference)]) | formed_from
    for province in formed_from:
        wanted |= set(distinct["unit"][_inside(distinct["unit"], _as_area(province, reference), reference)])
    chosen = above[above["unit"].isin(wanted)]
    order = {"province": 0, "district": 1}
    return chosen.assign(_l=chosen["level"].map(order), _s=chosen["structure"].map({"old": 0, "pilot": 1})).sort_values(
        ["_s", "_l", "unit"], kind="stable").drop(columns=["_l", "_s"]).reset_index(drop=True)


def _as_area(province: str, reference: UnitReference) -> Area:
    entries = frozenset(reference.of(province))
    return Area(province, entries, (province,))
