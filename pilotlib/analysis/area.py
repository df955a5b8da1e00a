"""A province as a report's area: the place a name stands for, and the units of a data set
that lie in it.

"Lâm Đồng" is one place across the code lists (the province of 2024-11 and 2025-03, and
the new Lâm Đồng of 2025-07, code 68 in each): ``--province`` takes any of its names and
the area holds every entry of it. A unit lies in the area when one of its entries is
such a province or lies in one. The compared units of a province overview are the units
that lie in it below the province level; their "before" may come from old units
elsewhere (communes of Đắk Nông and Bình Thuận went into the new Lâm Đồng), which is
the boundary comparison's business (``analysis.boundary``), not the area's.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pilotlib.analysis.rollup import place_units
from pilotlib.core.errors import DataError
from pilotlib.core.i18n import both
from pilotlib.ingest.unit_matching import make_scope
from pilotlib.reference.unit_reference import UnitReference


@dataclass(frozen=True)
class Area:
    """A province: the name a reader knows it by, its entries in every list, and the
    canonical names of those entries (one per unit: "Lâm Đồng", "Lâm Đồng (2025)")."""

    name: str
    entries: frozenset[int]
    units: tuple[str, ...]

    @property
    def newest(self) -> int:
        return max(self.entries)


def province_area(reference: UnitReference, name: str) -> Area:
    """The province ``name`` stands for (any spelling, any list); DataError (exit 2) naming
    it, with the candidates, when it is unknown or names several provinces."""
    if not name.strip():
        raise DataError(f"--province: {both('error.no_province')}")
    entries = make_scope(reference=reference, province=name).areas
    newest = max(entries)
    shown = str(reference.entries.at[newest, "base"]) or reference.unit_of[newest]
    units = tuple(dict.fromkeys(reference.unit_of[e] for e in sorted(entries)))
    return Area(shown, frozenset(entries), units)


def lies_in(units: pd.Series, vintages: pd.Series, area: Area, reference: UnitReference) -> np.ndarray:
    """Per row, whether the unit is one of the area's provinces or lies in one (once per
    distinct unit)."""
    entries = place_units(units, vintages, reference)
    inside = np.zeros(len(entries), dtype=bool)
    for number, entry in enumerate(entries):
        if entry < 0:
            continue
        group = reference.of(reference.unit_of[entry]) or [entry]
        inside[number] = any(e in area.entries or reference.province_of[e] in area.entries for e in group)
    return inside


def area_units(staffing: pd.DataFrame, area: Area, reference: UnitReference,
               below_province: bool = True) -> list[str]:
    """The data's units that lie in ``area``, in first-seen order; without the province
    units themselves when ``below_province``."""
    distinct = staffing.drop_duplicates("unit")
    inside = lies_in(distinct["unit"], distinct["code_vintage"], area, reference)
    chosen = distinct["unit"][inside].tolist()
    if below_province:
        chosen = [u for u in chosen if u not in area.units]
    return chosen


def _province_name(entry: int, reference: UnitReference) -> str:
    """The canonical name of the province an entry is or lies in ("" when none)."""
    if entry < 0:
        return ""
    province = entry if reference.level_of[entry] == "province" else reference.province_of[entry]
    return reference.unit_of[province] if province >= 0 else ""


def first_province(staffing: pd.DataFrame, reference: UnitReference) -> str:
    """The province of the data's first placed unit ("" when no unit is placed): what a
    province overview shows when it is not told which province."""
    entries = place_units(staffing["unit"], staffing["code_vintage"], reference)
    for entry in entries[entries >= 0][:1]:
        return _province_name(int(entry), reference)
    return ""


def unit_provinces(staffing: pd.DataFrame, reference: UnitReference) -> dict[str, str]:
    """Each unit of the data with the province it lies in, as its first rows place it,
    by the name a reader knows the place by across lists ("Lâm Đồng", also for the new
    Lâm Đồng of 2025-07, as ``province_area`` names it; "" for a unit the reference does
    not know): how an index of thousands of reports groups them."""
    distinct = staffing.drop_duplicates("unit")
    entries = place_units(distinct["unit"], distinct["code_vintage"], reference)
    names: dict[int, str] = {}
    found = {}
    for unit, entry in zip(distinct["unit"], entries):
        entry = int(entry)
        province = -1 if entry < 0 else entry if reference.level_of[entry] == "province" \
            else reference.province_of[entry]
        if province >= 0 and province not in names:
            names[province] = str(reference.entries.at[province, "base"]) or reference.unit_of[province]
        found[unit] = names.get(province, "")
    return found
