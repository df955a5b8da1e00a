"""Load a data set — the bundled data/ or an analyst's file or folder — as typed tables.

A folder is scanned (not recursively) for .csv files; each is recognised by its header
as one of the known tables. A file that matches none is an error naming it, so a
mistyped header never silently drops a table. Every table is validated by
``pilotlib.schema`` and all text is NFC.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pilotlib import paths
from pilotlib.schema import ISSUES_COLUMNS, STAFFING_COLUMNS, validate
from pilotlib.textkey import fold_unit, nfc

# Header signatures: a file is this table when it has all these columns.
SIGNATURES: dict[str, tuple[str, ...]] = {
    "staffing": tuple(STAFFING_COLUMNS),
    "issues": tuple(ISSUES_COLUMNS),
    "pilot_units": ("unit", "unit_code", "role", "provenance"),
    "pilot_model": ("level", "element", "name_vi", "name_en", "provenance"),
    "timeline": ("date", "date_precision", "event", "provenance"),
    "sources": ("source_id", "kind", "title_vi", "title_en"),
    "staff_tasks": ("unit", "staff_id", "task", "provenance"),
}
VALIDATED = ("staffing", "issues")
INPUT_SUFFIXES = (".csv", ".xlsx", ".xlsm")


class DataError(ValueError):
    """Input that cannot be used at all (exit status 2): names the file and why."""


@dataclass
class Dataset:
    """All tables of one data set, plus where they came from (for the manifest)."""

    root: Path
    tables: dict[str, pd.DataFrame]
    files: dict[str, Path] = field(default_factory=dict)
    rejects: pd.DataFrame | None = None  # rows of raw (not yet tidy) files that were not usable
    warnings: list[str] = field(default_factory=list)
    normalised: list[Path] = field(default_factory=list)  # raw files read through a normaliser

    @property
    def staffing(self) -> pd.DataFrame:
        return self.tables["staffing"]

    @property
    def issues(self) -> pd.DataFrame:
        return self.tables["issues"]

    def table(self, name: str) -> pd.DataFrame:
        """A table by name; an empty frame with the expected columns when absent."""
        if name in self.tables:
            return self.tables[name]
        return pd.DataFrame(columns=list(SIGNATURES[name]))

    def units(self) -> list[str]:
        """Units present in the staffing table, in first-seen order."""
        return list(dict.fromkeys(self.staffing["unit"]))

    def resolve_units(self, names: list[str] | None = None) -> list[str]:
        """The data's own names for ``names`` in any spelling; all units when empty."""
        if not names:
            return self.units()
        by_key = {fold_unit(u): u for u in self.units()}
        unknown = [n for n in names if fold_unit(n) not in by_key]
        if unknown:
            raise KeyError(
                f"Không có đơn vị trong số liệu / unit not in the data: {', '.join(unknown)} "
                f"(có / available: {', '.join(self.units())})"
            )
        return list(dict.fromkeys(by_key[fold_unit(n)] for n in names))

    def resolve_unit(self, name: str = "") -> str:
        """One unit in any spelling; the first unit of the data when empty."""
        return self.resolve_units([name] if name else None)[0]

    def provenances(self) -> set[str]:
        return set(self.staffing["provenance"]) | set(self.issues["provenance"])

    def write_tidy(self, folder: Path, rejects_path: Path) -> dict:
        """Write every table (and the rejects) as tidy CSV, so report kernels read the
        normalised data instead of normalising raw files again; returns a summary."""
        folder.mkdir(parents=True, exist_ok=True)
        for name, table in self.tables.items():
            table.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
        rejects = self.rejects if self.rejects is not None else pd.DataFrame()
        rejects.to_csv(rejects_path, index=False, encoding="utf-8-sig", lineterminator="\n")
        return {"normalised": [p.name for p in self.normalised], "rejects": len(rejects),
                "rejects_file": rejects_path, "warnings": list(self.warnings)}

    def input_hashes(self) -> dict[str, str]:
        """sha256 of every file read, keyed by path relative to the data set root."""
        return {
            _relative(path, self.root): sha256_file(path)
            for path in sorted(set(self.files.values()))
        }


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def read_csv_text(path: Path) -> pd.DataFrame:
    """Read a tidy CSV as text columns, empty cells as "", all text in NFC."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"{path}: không đọc được / cannot be read as a UTF-8 CSV table ({exc})") from None
    frame.columns = [nfc(str(c)).strip() for c in frame.columns]
    for column in frame.columns:
        uniques = pd.unique(frame[column])
        frame[column] = frame[column].map({u: nfc(u) for u in uniques})
    return frame


def _tidy_or_none(file: Path) -> pd.DataFrame | None:
    """The file as a tidy CSV table, or None when it needs a normaliser (xlsx, title
    lines above the header, legacy encodings, …)."""
    if file.suffix.lower() != ".csv":
        return None
    try:
        return read_csv_text(file)
    except DataError:
        return None


def recognise(columns: list[str]) -> str | None:
    """The table a header belongs to, most specific signature first."""
    present = set(columns)
    for name, needed in sorted(SIGNATURES.items(), key=lambda item: -len(item[1])):
        if set(needed) <= present:
            return name
    return None


def load_dataset(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Load a file or folder (default: $PILOTLIB_DATA or the bundled data/)."""
    root = paths.data_dir(path)
    if not root.exists():
        raise DataError(f"{root}: không tồn tại / does not exist")
    files = sorted(p for p in root.iterdir() if p.suffix.lower() in INPUT_SUFFIXES) if root.is_dir() else [root]
    if not files:
        raise DataError(f"{root}: không có tệp .csv/.xlsx nào / contains no .csv or .xlsx file")
    tables: dict[str, list[pd.DataFrame]] = {}
    origin: dict[str, Path] = {}
    raw = Raw()
    for file in files:
        frame = _tidy_or_none(file)
        kind = recognise(list(frame.columns)) if frame is not None else None
        if kind is None:  # not a tidy table: a messy staffing table or issue list?
            kind, frame = raw.normalise(file)
        elif kind in VALIDATED:
            frame = validate(frame, kind, origin=str(file))
        tables.setdefault(kind, []).append(frame)
        origin[f"{kind}:{file.name}"] = file
    merged = {kind: pd.concat(parts, ignore_index=True) for kind, parts in tables.items()}
    if "staffing" not in merged:
        raise DataError(f"{root}: không có bảng biên chế / no staffing table found")
    merged.setdefault("issues", validate(pd.DataFrame(columns=ISSUES_COLUMNS), "issues"))
    return Dataset(root=root if root.is_dir() else root.parent, tables=merged, files=origin,
                   rejects=raw.rejects(), warnings=raw.warnings, normalised=raw.files)


class Raw:
    """Raw input files met while loading a data set, read through the normalisers."""

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.warnings: list[str] = []
        self._rejects: list[pd.DataFrame] = []

    def normalise(self, file: Path) -> tuple[str, pd.DataFrame]:
        """(table kind, tidy table) of a messy staffing table or issue list; DataError
        naming the file when it is neither."""
        from pilotlib.staffing_normalize import normalize_staffing

        problems = []
        readers = [("staffing", normalize_staffing, "staffing")]
        try:
            from pilotlib.issues_normalize import normalize_issues
        except ImportError:  # pragma: no cover - issue lists not supported in this build
            pass
        else:
            readers.append(("issues", normalize_issues, "issues"))
        for kind, reader, attribute in readers:
            try:
                result = reader([file])
            except DataError as exc:
                problems.append(str(exc))
                continue
            self.files.append(file)
            self.warnings.extend(result.warnings)
            self._rejects.append(result.rejects)
            return kind, getattr(result, attribute)
        raise DataError(
            f"{file}: không phải bảng biên chế hay danh sách khó khăn, kiến nghị / neither a "
            f"staffing table nor an issue list — " + " | ".join(problems)
        )

    def rejects(self) -> pd.DataFrame | None:
        return pd.concat(self._rejects, ignore_index=True) if self._rejects else None
