"""Check a table against its contract (``reference.schema``), every problem listed at once.

Every table the library returns passes through ``validate``, so a typo in a bundled CSV
or a broken reader fails loudly, with every problem listed (pandera's lazy validation)
instead of the first one only. The pandera schemas (``SCHEMAS``) are built from the
contract on first use. A table that certainly passes — every value already text (or
int64 for counts) and every check true for each distinct value — is returned as pandera
would return it without running pandera; anything else goes through pandera, which
reports every problem. That keeps the cost of validating a national table (10⁶ rows) at
its few hundred distinct values, and keeps pandera's import (~0.5 s) out of report
kernels and the command line.
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache

import numpy as np
import pandas as pd

from pilotlib.core.errors import TableValidationError
from pilotlib.reference.schema import CONTRACTS, Rule


@lru_cache(maxsize=1)
def _pandera_schemas() -> dict:
    """The contract as pandera schemas (imports pandera: only when needed)."""
    import pandera.pandas as pa

    def column(rule: Rule) -> pa.Column:
        checks = [getattr(pa.Check, name)(**kwargs) for name, kwargs in rule.checks]
        if rule.kind == "int":
            return pa.Column(int, checks, coerce=True)
        return pa.Column(str, checks=checks, nullable=False, coerce=True)

    schemas = {}
    for table, contract in CONTRACTS.items():
        options: dict = {"name": table}
        if contract.strict:
            options |= {"strict": contract.strict, "ordered": contract.ordered}
        if contract.unique:
            options["unique"] = list(contract.unique)
        schemas[table] = pa.DataFrameSchema({n: column(r) for n, r in CONTRACTS[table].columns.items()},
                                            **options)
    return schemas


def __getattr__(name: str):
    if name == "SCHEMAS":  # pandera schemas, built on first use
        return _pandera_schemas()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def validate(frame: pd.DataFrame, table: str, origin: str = "") -> pd.DataFrame:
    """Check ``frame`` against the named schema, collecting all failures at once."""
    contract = CONTRACTS[table]
    missing = [c for c in contract.columns if c not in frame.columns]
    if missing:
        failures = pd.DataFrame(
            {"column": missing, "index": None, "check": "column is missing", "failure_case": None}
        )
        raise TableValidationError(table, failures, origin)
    passed = _certainly_valid(frame, table) if _FAST_PATH else None
    if passed is not None:
        return passed
    return _pandera_validate(_decoded(frame), table, origin)


def _decoded(frame: pd.DataFrame) -> pd.DataFrame:
    """Categorical columns (a normaliser's name columns) as the object columns they stand
    for, so pandera checks and reports them as it always has."""
    categorical = [c for c, dtype in frame.dtypes.items() if isinstance(dtype, pd.CategoricalDtype)]
    return frame.astype({c: object for c in categorical}) if categorical else frame


def _pandera_validate(frame: pd.DataFrame, table: str, origin: str = "") -> pd.DataFrame:
    import pandera.pandas as pa

    schema = _pandera_schemas()[table]
    prepared = frame.copy()
    for name, column in schema.columns.items():
        if column.dtype is not None and str(column.dtype) == "str":
            prepared[name] = prepared[name].fillna("")
    try:
        return schema.validate(prepared, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise TableValidationError(table, exc.failure_cases, origin) from None


# ------------------------------------------------------------------------------------
# The frame pandera returns for a valid table, computed per distinct value.
#
# Used with pandas 3 only, where pandera coerces text to pandas' default string dtype
# (``pd.StringDtype(na_value=nan)``) with ``astype`` and copy-on-write makes a shallow
# copy as safe as a deep one. tests/ingest/test_speedups.py checks it gives exactly
# pandera's result. Any doubt (a missing value, a non-text cell, a failing check, a
# check it does not know) answers None, and pandera decides and reports.
_FAST_PATH = int(pd.__version__.split(".")[0]) >= 3
_TEXT_DTYPE = pd.StringDtype(na_value=np.nan) if _FAST_PATH else None


def _certainly_valid(frame: pd.DataFrame, table: str) -> pd.DataFrame | None:
    contract = CONTRACTS[table]
    if frame.columns.duplicated().any():
        return None
    if contract.strict == "filter":
        out = frame.drop(labels=[c for c in frame.columns if c not in contract.columns], axis=1)
    elif contract.strict or contract.ordered:
        return None
    else:
        out = frame.copy(deep=False)
    for name, rule in contract.columns.items():
        coerced = _text_column(out[name], rule) if rule.kind == "str" else _int_column(out[name], rule)
        if coerced is None:
            return None
        out[name] = coerced
    if contract.unique and out.duplicated(subset=list(contract.unique)).any():
        return None
    if not contract.strict and "pandera" in sys.modules:  # as pandera leaves it (strict="filter" drops it)
        out.pandera.add_schema(_pandera_schemas()[table])
    return out


def _text_column(series: pd.Series, rule: Rule) -> pd.Series | None:
    if isinstance(series.dtype, pd.CategoricalDtype):  # the values it holds: its used categories
        codes = series.cat.codes.to_numpy()
        if len(codes) and codes.min() < 0:
            return None  # a missing cell: pandera reports it
        used = np.bincount(codes, minlength=len(series.cat.categories)) > 0
        cells = np.asarray(series.cat.categories, dtype=object)[used]
    else:
        cells = series.to_numpy(dtype=object)
    if len(cells) and pd.api.types.infer_dtype(cells, skipna=False) != "string":
        return None  # a missing or non-text cell: pandera coerces or reports it
    if rule.checks:
        values = pd.unique(cells).tolist()
        for name, kwargs in rule.checks:
            if not _text_check(name, kwargs, values):
                return None
    return series.astype(_TEXT_DTYPE)


def _text_check(name: str, kwargs: dict, values: list[str]) -> bool:
    if name == "str_length" and set(kwargs) <= {"min_value", "max_value", "exact_value"}:
        lengths = [len(v) for v in values]
        if kwargs.get("exact_value") is not None:
            return all(n == kwargs["exact_value"] for n in lengths)
        low, high = kwargs.get("min_value"), kwargs.get("max_value")
        if low is None and high is None:
            return False
        return all((low is None or n >= low) and (high is None or n <= high) for n in lengths)
    if name == "str_matches" and set(kwargs) == {"pattern"}:
        pattern = re.compile(kwargs["pattern"])
        return all(pattern.match(v) is not None for v in values)
    if name == "isin" and set(kwargs) == {"allowed_values"}:
        allowed = kwargs["allowed_values"]
        if not isinstance(allowed, (tuple, list, set, frozenset)) or not all(type(a) is str for a in allowed):
            return False
        allowed = set(allowed)
        return all(v in allowed for v in values)
    return False


def _int_column(series: pd.Series, rule: Rule) -> pd.Series | None:
    if series.dtype != np.dtype("int64"):  # counts read as text: pandera's own cast
        cells = series.to_numpy(dtype=object)
        if len(cells) and pd.api.types.infer_dtype(cells, skipna=False) != "string":
            return None
    try:
        coerced = series.astype("int64")
    except Exception:  # noqa: BLE001 - pandera reports what does not cast
        return None
    for name, kwargs in rule.checks:
        if name == "greater_than_or_equal_to" and set(kwargs) == {"min_value"}:
            if not bool((coerced >= kwargs["min_value"]).all()):
                return None
        else:
            return None
    return coerced
