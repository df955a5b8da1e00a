"""A loaded data set: its tables, where each came from, and the rows that were not usable.

The model the analysis and the reports work on; loading is ``data.load``'s job.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from pilotlib.core import paths
from pilotlib.core.errors import DataError
from pilotlib.core.i18n import both
from pilotlib.core.io import read_csv_text, sha256_file, write_csv
from pilotlib.core.text import fold_unit
from pilotlib.data.kinds import signature
from pilotlib.reference import categories, topics, vocab
from pilotlib.reference.schema import ISSUES_COLUMNS, REJECTS_COLUMNS
from pilotlib.reference.validate import validate

INPUT_SUFFIXES = (".csv", ".xlsx", ".xlsm")
SHOWN_UNITS = 20  # units a "not in the data" message lists (then how many there are)
_QUALIFIED = re.compile(r"\s*\([^()]*\)\s*$")  # "Châu Thành (Tiền Giang)" → "Châu Thành"
# The model being piloted and the documents describing it: a data set that does not
# bring its own compares against the bundled ones (the agency and its four boards).
STUDY_TABLES = ("pilot_model", "sources")


@lru_cache(maxsize=None)
def bundled_table(name: str) -> pd.DataFrame:
    """A study table (``STUDY_TABLES``) as shipped in the project's data/ folder."""
    return read_csv_text(paths.bundled_data_dir() / f"{name}.csv").fillna("")


@dataclass
class Dataset:
    """All tables of one data set, plus where they came from (for the manifest)."""

    root: Path | None  # the folder the tables were read from (None: made in Python)
    tables: dict[str, pd.DataFrame]
    files: dict[str, Path] = field(default_factory=dict)
    rejects: pd.DataFrame | None = None  # input rows (raw or tidy files) that were not usable
    warnings: list[str] = field(default_factory=list)
    normalised: list[Path] = field(default_factory=list)  # raw files read through a normaliser
    units_file: Path | None = None  # the extra units vocabulary the rows were checked against

    @property
    def category_rules(self) -> topics.CategoryRules:
        """The issue categories: the bundled ones plus the data set's own (``categories`` table)."""
        extra = self.tables.get("categories")
        return categories.rules_with(extra, origin="categories") if extra is not None else topics.default_rules()

    @classmethod
    def from_tables(cls, staffing: pd.DataFrame, issues: pd.DataFrame | None = None,
                    root: Path | None = None, **others: pd.DataFrame) -> Dataset:
        """A data set made in Python (a notebook's own tables), checked against the contract.

        ``others``: further tables by kind (e.g. ``pilot_model=data.table("pilot_model")``).
        """
        tables = {"staffing": validate(staffing, "staffing", origin="Dataset.from_tables"),
                  "issues": validate(issues if issues is not None else pd.DataFrame(columns=ISSUES_COLUMNS),
                                     "issues", origin="Dataset.from_tables")}
        return cls(root=Path(root) if root else None, tables=tables | others)

    @property
    def rejected(self) -> int:
        """How many input rows were not usable (0 when there are no rejects)."""
        return 0 if self.rejects is None else len(self.rejects)

    @property
    def staffing(self) -> pd.DataFrame:
        return self.tables["staffing"]

    @property
    def issues(self) -> pd.DataFrame:
        return self.tables["issues"]

    def table(self, name: str) -> pd.DataFrame:
        """A table by name; when absent, the bundled one for the pilot model and the
        source documents (``STUDY_TABLES``), else an empty frame with the expected columns."""
        if name in self.tables:
            return self.tables[name]
        if name in STUDY_TABLES:
            return bundled_table(name).copy()
        return pd.DataFrame(columns=list(signature(name)))

    def vocabulary(self, kind: str) -> pd.DataFrame:
        """The bundled ``bodies`` or ``positions`` vocabulary with the data set's own rows
        added (a ``--data`` folder may bring its own boards and titles)."""
        bundled = (vocab.bodies() if kind == "bodies" else vocab.positions()).table
        own = self.tables.get(kind)
        if own is None or own.empty:
            return bundled
        key = "body" if kind == "bodies" else "position"
        return pd.concat([bundled, own[~own[key].isin(bundled[key])]], ignore_index=True).fillna("")

    def has_own(self, name: str) -> bool:
        """Whether the data set brings this table itself (not the bundled default)."""
        return name in self.tables

    def units(self) -> list[str]:
        """Units present in the staffing table, in first-seen order."""
        return list(dict.fromkeys(self.staffing["unit"]))

    def resolve_units(self, names: list[str] | None = None) -> list[str]:
        """The data's own names for ``names`` in any spelling; all units when empty. A name
        without the qualification its canonical name carries ("Châu Thành" for "Châu Thành
        (Tiền Giang)") is found when the data hold one such unit only."""
        if not names:
            return self.units()
        by_key = {fold_unit(u): u for u in self.units()}
        bare: dict[str, list[str]] = {}
        for unit in self.units():
            bare.setdefault(fold_unit(_QUALIFIED.sub("", unit)), []).append(unit)
        for name in names:
            if fold_unit(name) not in by_key and len(bare.get(fold_unit(name), ())) == 1:
                by_key[fold_unit(name)] = bare[fold_unit(name)][0]
        unknown = [n for n in names if fold_unit(n) not in by_key]
        if unknown:
            known = self.units()
            shown = ", ".join(known[:SHOWN_UNITS]) + (f", … ({len(known)})" if len(known) > SHOWN_UNITS else "")
            raise KeyError(
                f"Không có đơn vị trong số liệu / unit not in the data: {', '.join(unknown)} "
                f"(có / available: {shown})"
            )
        return list(dict.fromkeys(by_key[fold_unit(n)] for n in names))

    def resolve_unit(self, name: str = "") -> str:
        """One unit in any spelling; the first unit of the data when empty."""
        return self.resolve_units([name] if name else None)[0]

    def provenances(self) -> set[str]:
        return set(self.staffing["provenance"]) | set(self.issues["provenance"])

    def write_tidy(self, folder: Path, rejects_path: Path) -> dict:
        """Write every table (the usable rows, and the units vocabulary they were checked
        against) as tidy CSV, and the rejects beside the folder, so report kernels read
        checked data instead of reading the inputs again; returns a summary.

        ``folder`` must be new or empty (DataError otherwise): a stale table there would be
        read as part of this data set, and nothing is ever deleted to make room."""
        folder.mkdir(parents=True, exist_ok=True)
        present = sorted(p.name for p in folder.iterdir())
        if present:
            raise DataError(f"{folder}: {both('output.copy_not_empty', examples=', '.join(present[:4]))}")
        for name, table in self.tables.items():
            write_csv(table, folder / f"{name}.csv", for_excel=False)
        rejects = self.rejects if self.rejects is not None else pd.DataFrame(columns=REJECTS_COLUMNS)
        write_csv(rejects, rejects_path)
        sources = [p.name for p in self.normalised] + [str(f) for f in pd.unique(rejects["source_file"])]
        return {"normalised": list(dict.fromkeys(sources)), "rejects": len(rejects),
                "rejects_file": rejects_path, "warnings": list(self.warnings)}

    def input_hashes(self, hasher=sha256_file) -> dict[str, str]:
        """sha256 of every file read, keyed by path relative to the data set root
        (``hasher``: e.g. one that remembers the hashes of unchanged files)."""
        return {
            _relative(path, self.root): hasher(path)
            for path in sorted(set(self.files.values()))
        }


def _relative(path: Path, root: Path | None) -> str:
    if root is None:
        return path.name
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name
