"""Rounding the way readers check it by hand: half away from zero, as Excel's ROUND.

Python's round() and pandas' .round() round half to even on the binary value
(56.25 → 56.2), which an analyst re-computing in Excel (56,3) reads as an error.
Values go through their shortest decimal repr, so 1.005 rounds to 1.01 as typed.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd


def round_half_up(value: float | int | None, digits: int = 0) -> float | None:
    """One number, rounded half away from zero; None/NaN stay None."""
    if value is None or pd.isna(value):
        return None
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def round_series(values: pd.Series, digits: int = 0) -> pd.Series:
    """A column rounded half away from zero (each distinct value once), missing kept."""
    numbers = values.astype("Float64")
    uniques = numbers.dropna().unique()
    mapping = {u: round_half_up(u, digits) for u in uniques}
    return numbers.map(mapping).astype("Float64")
