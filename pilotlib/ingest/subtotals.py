"""Check subtotals of named units ("Cộng Lâm Hà", or "Cộng" beside "Lâm Hà") against the
rows of that unit — its own rows and those of the units inside it (a district's communes).

Sums are built once for every unit and every subtotal row (cumulative over the sheet),
not by scanning the rows again for each subtotal: a national sheet may hold hundreds.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from pilotlib.ingest.unit_matching import RowUnits
from pilotlib.reference.unit_reference import UnitReference


def subtotal_sums(reference: UnitReference, units: RowUnits, kinds: np.ndarray, data_kind: str, total_kind: str,
                  counts: dict[int, np.ndarray], structures: np.ndarray | None = None) -> dict[int, dict[int, list]]:
    """For each subtotal of a named unit: per count column, the sums of the rows above it
    that belong to that unit (its own rows and those of units inside it), overall and —
    when rows carry a structure (old/pilot) — for the subtotal row's own structure."""
    # a subtotal names its unit in the unit cell ("Cộng Lâm Hà"), or the total word is
    # elsewhere in the row and the unit cell holds the unit ("Cộng" | "Lâm Hà" | 20)
    named = {r: units.subtotal_of.get(r) or (int(units.entry[r]),)
             for r in np.flatnonzero(kinds == total_kind).tolist() if r in units.subtotal_of or units.entry[r] >= 0}
    totals = np.array(sorted(named))
    rows = np.flatnonzero((kinds == data_kind) & (units.entry >= 0))
    if not len(totals) or not len(rows):
        return {}
    before = np.searchsorted(totals, rows, side="right")  # a row counts for every later subtotal
    entries = units.entry[rows]
    shapes = {"all": entries.astype(object)}
    if structures is not None:
        shapes["same"] = np.array([f"{e}\x1f{s}" for e, s in zip(entries.tolist(), structures[rows].tolist())],
                                  dtype=object)
    tables = {}
    for name, key in shapes.items():
        codes, uniques = pd.factorize(key)
        tables[name] = (pd.Index(uniques), {col: np.cumsum(_summed(codes, before, values[rows], len(uniques),
                                                                   len(totals)), axis=1)
                                            for col, values in counts.items()})
    groups = np.asarray(reference.group_of)
    present = pd.unique(entries).tolist()
    out: dict[int, dict[int, list]] = {}
    for j, t in enumerate(totals.tolist()):
        wanted = {int(groups[i]) for i in named[t]}
        inside = {i for g in wanted for i in np.flatnonzero(groups == g).tolist()}
        members = [e for e in present if groups[e] in wanted or any(a in inside for a in reference.areas(e))]
        keys = {"all": members}
        if structures is not None and structures[t]:
            keys["same"] = [f"{m}\x1f{structures[t]}" for m in members]
        out[t] = {col: [float(tables[name][1][col][np.flatnonzero(tables[name][0].isin(wanted_keys)), j].sum())
                        for name, wanted_keys in keys.items()] for col in counts}
    return out


def _summed(codes: np.ndarray, before: np.ndarray, values: np.ndarray, size: int, totals: int) -> np.ndarray:
    table = np.zeros((size, totals + 1))
    np.add.at(table, (codes, before), np.nan_to_num(values))
    return table[:, :totals]
