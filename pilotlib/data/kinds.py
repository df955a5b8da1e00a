"""The kinds of table a data set may hold: each recognised by its header signature, and
the raw readers that turn a messy file into one of them.

A registry (as papermill's engine registry): the loader asks it what a header is and
which readers to try on a file that is no tidy table, so it never imports a normaliser
by name, and a new table kind or reader is one ``register`` call.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from pilotlib.ingest.issues import normalize_issues
from pilotlib.ingest.staffing import normalize_staffing
from pilotlib.reference.categories import COLUMNS as CATEGORY_COLUMNS
from pilotlib.reference.schema import BOARDS_COLUMNS, CONTRACTS, ISSUES_COLUMNS, REJECTS_COLUMNS, STAFFING_COLUMNS

# What a loaded table is for: rows checked against the vocabularies, kept as they are,
# the data set's own vocabularies (units, bodies, positions), its own issue categories, or a
# file the tools leave behind that is never data.
CHECKED, KEPT, VOCABULARY, TOPICS, NOT_DATA = "checked", "kept", "vocabulary", "topics", "not_data"


@dataclass(frozen=True)
class TableKind:
    name: str
    signature: tuple[str, ...]  # a file is this table when its header has all these columns
    role: str = KEPT
    # Reads a raw (messy) file into this table:
    # f([path], units_file=, lang=, province=, as_of=, vocabularies=) → NormalizeResult.
    normaliser: Callable | None = None


KINDS: dict[str, TableKind] = {}


def register(kind: TableKind) -> TableKind:
    """Add (or replace) a table kind."""
    KINDS[kind.name] = kind
    return kind


for _kind in (
    TableKind("staffing", tuple(STAFFING_COLUMNS), CHECKED, normalize_staffing),
    TableKind("issues", tuple(ISSUES_COLUMNS), CHECKED, normalize_issues),
    TableKind("boards", tuple(BOARDS_COLUMNS)),  # left by `extract`
    TableKind("rejects", tuple(REJECTS_COLUMNS[:6]), NOT_DATA),  # left by `normalize`: reported, never data
    TableKind("units", tuple(CONTRACTS["units"].columns), VOCABULARY),
    TableKind("categories", CATEGORY_COLUMNS, TOPICS),  # an analyst's own issue categories
    # an analyst's bodies/boards and positions, in the columns of reference/bodies.csv, positions.csv
    TableKind("bodies", ("body", "side", "body_type", "name_en", "aliases"), VOCABULARY),
    TableKind("positions", ("position", "position_group", "name_en", "aliases"), VOCABULARY),
    TableKind("pilot_units", ("unit", "unit_code", "role", "provenance")),
    TableKind("pilot_model", ("level", "element", "name_vi", "name_en", "provenance")),
    TableKind("timeline", ("date", "date_precision", "event", "provenance")),
    TableKind("sources", ("source_id", "kind", "title_vi", "title_en")),
    TableKind("staff_tasks", ("unit", "staff_id", "task", "provenance")),
):
    register(_kind)


def recognise(columns: list[str]) -> str | None:
    """The table a header belongs to, most specific signature first."""
    present = set(columns)
    for kind in sorted(KINDS.values(), key=lambda k: -len(k.signature)):
        if set(kind.signature) <= present:
            return kind.name
    return None


def signature(name: str) -> tuple[str, ...]:
    return KINDS[name].signature


def raw_readers() -> list[TableKind]:
    """The kinds a raw file may be read into, in the order they are tried."""
    return [kind for kind in KINDS.values() if kind.normaliser is not None]
