"""The tidy tables' contract: column names, allowed values and checks, in one place.

Every enumeration (structures, position groups, provenances, issue kinds and
categories, unit levels) is defined here once; vocabularies, readers, metrics and
labels use these names. The contract is plain data (``CONTRACTS``); ``reference.validate``
checks tables against it (through pandera when a table is in doubt).
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from pilotlib.core.i18n import refusal

STRUCTURES = ("old", "pilot")
GROUPS = ("leadership", "specialist", "support")
POSITION_GROUPS = (*GROUPS, "")  # empty: the position is not known
PROVENANCES = ("source", "analyst", "illustrative")
KINDS = ("difficulty", "recommendation", "advantage")
CATEGORIES = ("guidance", "funding", "staffing", "transition", "coordination", "facilities", "other")
# The bundled categories above; a data set may add its own (``reference.categories``), so
# the contract asks for a category key and membership is checked against the data set's
# categories where the rows are read (``ingest.tidy_check``, the normalisers).
CATEGORY_KEY = r"^[a-z][a-z0-9_]*$"
LEVELS = ("province", "district", "commune")
BODY_TYPES = ("organisation", "leadership", "board", "office")  # office: the agency's Văn phòng

# Plausible posts of one row (one unit, structure, body and position): 0 ≤ posts ≤ MAX_POSTS.
# A larger count is a typing or export error (5·10¹⁸ once summed to a negative total), so
# readers reject its row. A whole province has a few thousand such posts; change the
# bound with the environment variable PILOTLIB_MAX_POSTS (at most MAX_POSTS_LIMIT, so a
# sum over 10⁶ rows can never overflow 64-bit integers).
MAX_POSTS = 100_000
MAX_POSTS_LIMIT = 10**12
MAX_POSTS_SETTING = "PILOTLIB_MAX_POSTS"


def max_posts() -> int:
    """The upper bound of a row's posts: $PILOTLIB_MAX_POSTS when set, else MAX_POSTS."""
    value = os.environ.get(MAX_POSTS_SETTING, "").strip()
    if not value:
        return MAX_POSTS
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_POSTS_LIMIT:
        raise refusal(MAX_POSTS_SETTING, "max_posts_setting", value=value, limit=f"{MAX_POSTS_LIMIT:,}")
    return int(value)


# A check is (name of a pandera built-in check, its keyword arguments).
Check = tuple[str, dict]


@dataclass(frozen=True)
class Rule:
    """One column: text ("str") or whole numbers ("int"), never missing, coerced, checked."""

    kind: str
    checks: tuple[Check, ...] = ()


@dataclass(frozen=True)
class Contract:
    columns: dict[str, Rule]
    strict: bool | str = False  # "filter": columns outside the contract are dropped
    ordered: bool = False
    unique: tuple[str, ...] | None = None


def _text(*checks: Check) -> Rule:
    return Rule("str", checks)


def _required_text() -> Rule:
    return _text(("str_length", {"min_value": 1}))


def _one_of(values: tuple[str, ...]) -> Rule:
    return _text(("isin", {"allowed_values": values}))


def _matches(pattern: str) -> Rule:
    return _text(("str_matches", {"pattern": pattern}))


# A code list ("vintage"): its id "2024-11" (the month of the bundled list), or a year as
# older files write it ("2023": the list in force on 1 January of that year).
VINTAGE_PATTERN = r"^\d{4}(-\d{2})?$"


def _vintage_or_empty() -> Rule:
    return _matches(r"^(\d{4}(-\d{2})?)?$")


_PROVENANCE = {
    "provenance": _one_of(PROVENANCES),
    "source_file": _text(),
    "source_row": _text(),
}

CONTRACTS: dict[str, Contract] = {
    "staffing": Contract(
        {
            "unit": _required_text(),
            "unit_code": _matches(r"^\d*$"),
            "code_vintage": _vintage_or_empty(),
            "structure": _one_of(STRUCTURES),
            "body": _text(),
            "position": _text(),
            "position_group": _one_of(POSITION_GROUPS),
            "posts": Rule("int", (("greater_than_or_equal_to", {"min_value": 0}),)),
            **_PROVENANCE,
        },
        strict="filter",
    ),
    "issues": Contract(
        {
            "unit": _text(),
            "kind": _one_of(KINDS),
            "category": _matches(CATEGORY_KEY),
            "text": _required_text(),
            **_PROVENANCE,
        },
    ),
    "rejects": Contract(
        {
            "source_file": _text(),
            "sheet": _text(),
            "source_row": _text(),
            "column": _text(),
            "value": _text(),
            "reason": _required_text(),
            "reason_key": _matches(r"^[a-z_]+(; [a-z_]+)*$"),
        },
        strict="filter",
    ),
    "units": Contract(
        {
            "unit": _required_text(),
            "unit_code": _matches(r"^\d+$"),
            "code_vintage": _matches(VINTAGE_PATTERN),
            "level": _one_of(LEVELS),
            "parent_code": _matches(r"^\d*$"),
            "valid_from": _matches(r"^(\d{4}-\d{2}-\d{2})?$"),
            "valid_to": _matches(r"^(\d{4}-\d{2}-\d{2})?$"),
            "aliases": _text(),
        },
        unique=("unit",),
    ),
    # An analyst's bodies or positions file (the columns of reference/bodies.csv, positions.csv).
    "bodies": Contract(
        {
            "body": _required_text(),
            "side": _one_of(STRUCTURES),
            "body_type": _one_of(BODY_TYPES),
            "name_en": _text(),
            "default_member": _one_of(("yes", "no", "")),
            "aliases": _text(),
        },
        unique=("body",),
    ),
    "positions": Contract(
        {
            "position": _required_text(),
            "position_group": _one_of(GROUPS),
            "name_en": _text(),
            "aliases": _text(),
        },
        unique=("position",),
    ),
}

# One source of truth for column order, used by readers and writers.
STAFFING_COLUMNS = list(CONTRACTS["staffing"].columns)
ISSUES_COLUMNS = list(CONTRACTS["issues"].columns)
REJECTS_COLUMNS = list(CONTRACTS["rejects"].columns)

# What makes two rows the same row: a second row with the same key is a reject (with the
# first's row number), not a second figure to add up; CONTENT_COLUMNS tell an exact copy.
KEY_COLUMNS = {"staffing": ("unit", "structure", "body", "position"), "issues": ("unit", "kind", "text")}
CONTENT_COLUMNS = {"staffing": tuple(STAFFING_COLUMNS[:8]), "issues": ("unit", "kind", "category", "text")}

# What `pilotlib extract` adds to each review table, and its boards table.
REVIEW_COLUMNS = ["sentence", "offset", "flag"]
BOARDS_COLUMNS = ["unit", "count", "names", "provenance", "source_file", "source_row"] + REVIEW_COLUMNS
