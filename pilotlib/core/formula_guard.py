"""CSV for people: a text cell Excel would run as a formula gets a leading apostrophe.

Why: Excel (and LibreOffice) treat a CSV cell starting with ``=``, ``+``, ``-`` or ``@``
— and, after a tab or carriage return, the same — as a formula when the file is opened
directly, so a unit name or a rejected value such as ``=cmd|' /C calc'!A0`` could run
something (OWASP, "CSV Injection"). CSV files written for Excel therefore prefix such a
TEXT cell with ``'`` (OWASP's advice); numbers are left alone (a negative count ``-5``
stays a number), and so are texts that are plain numbers ("-5", "+3", "-1.234,5").

The guard is exact and reversible: ``guard`` adds one apostrophe to a text that matches
``'*[=+\\-@\\t\\r]`` (apostrophes already there are kept, so a typed ``'=x`` comes back as
``'=x``), and ``unguard`` removes exactly one — every pilotlib reader calls it, so a
table written for Excel reads back as the same table. Machine-readable CSV (the tidy
copies a report reads, ``--raw-csv``) is written without the guard.

Both work per column on the first character (numpy), then per affected cell only.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

# First characters that make Excel read a CSV cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_RISKY = re.compile(r"'*[=+\-@\t\r]")
_GUARDED = re.compile(r"'+[=+\-@\t\r]")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*(?:[eE][+-]?\d+)?")
_FIRST = np.array(list(FORMULA_STARTS) + ["'"])


def _first_characters(values: np.ndarray) -> np.ndarray:
    """The first character of each cell's text (numpy, no Python loop; a non-string
    cell gives the first character of its ``str``, which ``guard`` then leaves alone)."""
    return values.astype("U1")


def needs_guard(text: object) -> bool:
    """A text cell that Excel would read as a formula (and is not a plain number)."""
    return isinstance(text, str) and bool(_RISKY.match(text)) and not _PLAIN_NUMBER.fullmatch(text)


def guard(text: str) -> str:
    return "'" + text if needs_guard(text) else text


def unguard(text: object) -> object:
    """The text ``guard`` was given: one leading apostrophe less before a formula start."""
    if isinstance(text, str) and _GUARDED.match(text) and not _PLAIN_NUMBER.fullmatch(text[1:]):
        return text[1:]
    return text


def _text_columns(frame: pd.DataFrame) -> list:
    return [c for c in frame.columns
            if not (pd.api.types.is_numeric_dtype(frame[c]) or pd.api.types.is_bool_dtype(frame[c]))]


def guard_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every risky text cell guarded (the same object when none is)."""
    out = frame
    for column in _text_columns(frame):
        values = frame[column].to_numpy(dtype=object)
        candidates = np.flatnonzero(np.isin(_first_characters(values), _FIRST))
        if len(candidates) == 0:
            continue
        changed = values.copy()
        changed[candidates] = [guard(v) if isinstance(v, str) else v for v in values[candidates]]
        if out is frame:
            out = frame.copy()
        out[column] = pd.Series(changed, index=frame.index, dtype=frame[column].dtype)
    return out


def unguard_values(values: np.ndarray) -> np.ndarray | None:
    """``values`` with ``unguard`` applied, or None when no value starts with "'"."""
    first = _first_characters(values)
    candidates = np.flatnonzero(first == "'")
    if len(candidates) == 0:
        return None
    out = values.copy()
    out[candidates] = [unguard(v) for v in values[candidates]]
    return out


def unguard_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text column of ``frame`` unguarded, in place; returns ``frame``."""
    for column in _text_columns(frame):
        fixed = unguard_values(frame[column].to_numpy(dtype=object))
        if fixed is not None:
            frame[column] = pd.Series(fixed, index=frame.index, dtype=frame[column].dtype)
    return frame
