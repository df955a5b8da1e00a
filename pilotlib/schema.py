"""The tidy tables' contract: column names, allowed values and checks, in one place.

Every table the library returns passes through ``validate`` here, so a typo in a
bundled CSV or a broken reader fails loudly, with every problem listed at once
(pandera's lazy validation) instead of the first one only.
"""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

STRUCTURES = ("old", "pilot")
POSITION_GROUPS = ("leadership", "specialist", "support", "")
PROVENANCES = ("source", "analyst", "illustrative")
KINDS = ("difficulty", "recommendation", "advantage")
CATEGORIES = ("guidance", "funding", "staffing", "transition", "coordination", "facilities", "other")
LEVELS = ("province", "district", "commune")


def _text(*checks: pa.Check, nullable: bool = False) -> pa.Column:
    return pa.Column(str, checks=list(checks), nullable=nullable, coerce=True)


def _required_text() -> pa.Column:
    return _text(pa.Check.str_length(min_value=1))


def _one_of(values: tuple[str, ...]) -> pa.Column:
    return _text(pa.Check.isin(values))


def _year_or_empty() -> pa.Column:
    return _text(pa.Check.str_matches(r"^(\d{4})?$"))


_PROVENANCE = {
    "provenance": _one_of(PROVENANCES),
    "source_file": _text(),
    "source_row": _text(),
}

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "staffing": pa.DataFrameSchema(
        {
            "unit": _required_text(),
            "unit_code": _text(pa.Check.str_matches(r"^\d*$")),
            "code_vintage": _year_or_empty(),
            "structure": _one_of(STRUCTURES),
            "body": _text(),
            "position": _text(),
            "position_group": _one_of(POSITION_GROUPS),
            "posts": pa.Column(int, pa.Check.ge(0), coerce=True),
            **_PROVENANCE,
        },
        name="staffing",
        strict="filter",
        ordered=False,
    ),
    "issues": pa.DataFrameSchema(
        {
            "unit": _text(),
            "kind": _one_of(KINDS),
            "category": _one_of(CATEGORIES),
            "text": _required_text(),
            **_PROVENANCE,
        },
        name="issues",
    ),
    "rejects": pa.DataFrameSchema(
        {
            "source_file": _text(),
            "sheet": _text(),
            "source_row": _text(),
            "column": _text(),
            "value": _text(),
            "reason": _required_text(),
        },
        name="rejects",
        strict="filter",
    ),
    "units": pa.DataFrameSchema(
        {
            "unit": _required_text(),
            "unit_code": _text(pa.Check.str_matches(r"^\d+$")),
            "code_vintage": _text(pa.Check.str_matches(r"^\d{4}$")),
            "level": _one_of(LEVELS),
            "parent_code": _text(pa.Check.str_matches(r"^\d*$")),
            "valid_from": _text(pa.Check.str_matches(r"^(\d{4}-\d{2}-\d{2})?$")),
            "valid_to": _text(pa.Check.str_matches(r"^(\d{4}-\d{2}-\d{2})?$")),
            "aliases": _text(),
        },
        name="units",
        unique=["unit"],
    ),
}

# One source of truth for column order, used by readers and writers.
STAFFING_COLUMNS = list(SCHEMAS["staffing"].columns)
ISSUES_COLUMNS = list(SCHEMAS["issues"].columns)
REJECTS_COLUMNS = list(SCHEMAS["rejects"].columns)


class TableValidationError(ValueError):
    """A table broke its contract; ``failures`` lists every problem found."""

    def __init__(self, table: str, failures: pd.DataFrame, origin: str = ""):
        self.table = table
        self.failures = failures
        where = f" ({origin})" if origin else ""
        lines = [
            f"- column {row.column!s}, row {row.index!s}: {row.check!s} — value {row.failure_case!r}"
            for row in failures.head(20).itertuples()
        ]
        more = f"\n… and {len(failures) - 20} more" if len(failures) > 20 else ""
        super().__init__(
            f"Bảng '{table}'{where} không hợp lệ / table '{table}'{where} is invalid: "
            f"{len(failures)} problem(s)\n" + "\n".join(lines) + more
        )


def validate(frame: pd.DataFrame, table: str, origin: str = "") -> pd.DataFrame:
    """Check ``frame`` against the named schema, collecting all failures at once."""
    schema = SCHEMAS[table]
    missing = [c for c in schema.columns if c not in frame.columns]
    if missing:
        failures = pd.DataFrame(
            {"column": missing, "index": None, "check": "column is missing", "failure_case": None}
        )
        raise TableValidationError(table, failures, origin)
    prepared = frame.copy()
    for name, column in schema.columns.items():
        if column.dtype is not None and str(column.dtype) == "str":
            prepared[name] = prepared[name].fillna("")
    try:
        return schema.validate(prepared, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise TableValidationError(table, exc.failure_cases, origin) from None
