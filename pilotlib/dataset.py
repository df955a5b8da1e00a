"""Load a data set — the bundled data/ or an analyst's file or folder — as typed tables.

A folder is scanned (not recursively) for .csv/.xlsx files; each is recognised by its
header as one of the known tables, or read through a normaliser (a messy staffing table
or issue list). A file that is neither is an error naming it, so a mistyped header never
silently drops a table. Files the tools themselves leave in a folder are recognised too:
``normalize``'s ``*.rejects.csv`` (a warning, never data), ``extract``'s ``boards.csv``
(kept as the ``boards`` table) and a units file (``--units``; the data set's extra
units vocabulary). Rows of a tidy staffing table or issue list are checked against the
vocabularies one by one (``pilotlib.tidy_check``): a bad or flagged row goes to
``Dataset.rejects`` like a bad row of a raw file; only a file that cannot be read or has
no recognisable header stops the load. All text is NFC.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pilotlib import paths
from pilotlib.schema import CONTRACTS, ISSUES_COLUMNS, REJECTS_COLUMNS, STAFFING_COLUMNS, validate
from pilotlib.textkey import fold_unit, nfc

# What `pilotlib extract` adds to each review table, and its boards table.
REVIEW_COLUMNS = ["sentence", "offset", "flag"]
BOARDS_COLUMNS = ["unit", "count", "names", "provenance", "source_file", "source_row"] + REVIEW_COLUMNS

# Header signatures: a file is this table when it has all these columns.
SIGNATURES: dict[str, tuple[str, ...]] = {
    "staffing": tuple(STAFFING_COLUMNS),
    "issues": tuple(ISSUES_COLUMNS),
    "boards": tuple(BOARDS_COLUMNS),
    "rejects": tuple(REJECTS_COLUMNS),  # left by `normalize`: reported, never used as data
    "units": tuple(CONTRACTS["units"].columns),  # the data set's extra units vocabulary
    "pilot_units": ("unit", "unit_code", "role", "provenance"),
    "pilot_model": ("level", "element", "name_vi", "name_en", "provenance"),
    "timeline": ("date", "date_precision", "event", "provenance"),
    "sources": ("source_id", "kind", "title_vi", "title_en"),
    "staff_tasks": ("unit", "staff_id", "task", "provenance"),
}
VALIDATED = ("staffing", "issues")
NOT_DATA = ("rejects",)
INPUT_SUFFIXES = (".csv", ".xlsx", ".xlsm")


class DataError(ValueError):
    """Input that cannot be used at all (exit status 2): names the file and why."""


@dataclass
class Dataset:
    """All tables of one data set, plus where they came from (for the manifest)."""

    root: Path
    tables: dict[str, pd.DataFrame]
    files: dict[str, Path] = field(default_factory=dict)
    rejects: pd.DataFrame | None = None  # input rows (raw or tidy files) that were not usable
    warnings: list[str] = field(default_factory=list)
    normalised: list[Path] = field(default_factory=list)  # raw files read through a normaliser
    units_file: Path | None = None  # the extra units vocabulary the rows were checked against

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
        """Write every table (the usable rows, and the units vocabulary they were checked
        against) as tidy CSV, and the rejects beside the folder, so report kernels read
        checked data instead of reading the inputs again; returns a summary.

        Files of an earlier copy in ``folder`` are removed first: a stale table there
        would be read as part of this data set."""
        folder.mkdir(parents=True, exist_ok=True)
        written = {f"{name}.csv" for name in self.tables}
        for stale in folder.iterdir():
            if stale.suffix.lower() in INPUT_SUFFIXES and stale.name not in written and stale.is_file():
                stale.unlink()
        for name, table in self.tables.items():
            table.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
        rejects = self.rejects if self.rejects is not None else pd.DataFrame(columns=REJECTS_COLUMNS)
        rejects.to_csv(rejects_path, index=False, encoding="utf-8-sig", lineterminator="\n")
        sources = [p.name for p in self.normalised] + [str(f) for f in pd.unique(rejects["source_file"])]
        return {"normalised": list(dict.fromkeys(sources)), "rejects": len(rejects),
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


def load_dataset(path: str | os.PathLike[str] | None = None,
                 units_file: str | os.PathLike[str] | None = None, lang: str = "vi") -> Dataset:
    """Load a file or folder (default: $PILOTLIB_DATA or the bundled data/).

    ``units_file``: extra units (the columns of ``reference/units.csv``), as ``--units``;
    a folder may instead hold such a file itself (not both). ``lang``: the language of
    reject reasons and warnings. Raises DataError (exit 2) only for a file that cannot be
    used at all; bad rows go to ``Dataset.rejects``.
    """
    from pilotlib import tidy_check, vocab

    root = paths.data_dir(path)
    if not root.exists():
        raise DataError(f"{root}: không tồn tại / does not exist")
    files = sorted(p for p in root.iterdir() if p.suffix.lower() in INPUT_SUFFIXES) if root.is_dir() else [root]
    if not files:
        raise DataError(f"{root}: không có tệp .csv/.xlsx nào / contains no .csv or .xlsx file")
    found = []
    for file in files:
        frame = _tidy_or_none(file)
        found.append((file, frame, recognise(list(frame.columns)) if frame is not None else None))
    units_path, units_table = _units(found, units_file)
    units = vocab.units(units_path)  # a contradictory units file is an error (exit 2) before anything else
    tables: dict[str, list[pd.DataFrame]] = {}
    origin: dict[str, Path] = {}
    raw = Raw(units_path, lang)
    checked: list[pd.DataFrame] = []
    warnings: list[str] = []
    for file, frame, kind in found:
        if kind in NOT_DATA:
            warnings.append(tidy_check.say("old_rejects", lang, file=file.name))
            continue
        if kind == "units":
            continue  # the vocabulary, read above
        if kind is None:  # not a tidy table: a messy staffing table or issue list?
            kind, frame = raw.normalise(file)
        elif kind in VALIDATED or "flag" in frame.columns:
            result = tidy_check.check(frame, kind, file, units, lang)
            frame = result.kept
            checked.append(result.rejects)
        tables.setdefault(kind, []).append(frame)
        origin[f"{kind}:{file.name}"] = file
    merged = {kind: pd.concat(parts, ignore_index=True) for kind, parts in tables.items()}
    if "staffing" not in merged:
        raise DataError(f"{root}: không có bảng biên chế / no staffing table found")
    merged.setdefault("issues", validate(pd.DataFrame(columns=ISSUES_COLUMNS), "issues"))
    if units_path is not None:
        merged["units"] = units_table
        origin[f"units:{units_path.name}"] = units_path
    rejects = pd.concat(raw.rejected + checked, ignore_index=True) if raw.rejected + checked \
        else pd.DataFrame(columns=REJECTS_COLUMNS)
    return Dataset(root=root if root.is_dir() else root.parent, tables=merged, files=origin,
                   rejects=rejects[REJECTS_COLUMNS], warnings=raw.warnings + warnings, normalised=raw.files,
                   units_file=units_path)


def _units(found: list, given: str | os.PathLike[str] | None) -> tuple[Path | None, pd.DataFrame | None]:
    """The extra units file (given, or the one units table of the folder) and its rows."""
    inside = [file for file, _, kind in found if kind == "units"]
    if len(inside) > 1 or (inside and given):
        names = [str(given)] * bool(given) + [str(f) for f in inside]
        raise DataError(f"{inside[0]}: hai danh mục đơn vị, chỉ dùng được một / two units files, give one: "
                        + ", ".join(names))
    if given:
        path = Path(given)
        if not path.exists():
            raise DataError(f"{path}: không tồn tại / does not exist")
        return path, read_csv_text(path)
    if inside:
        return inside[0], next(frame for file, frame, _ in found if file == inside[0])
    return None, None


class Raw:
    """Raw input files met while loading a data set, read through the normalisers (with
    the data set's units vocabulary and reasons in ``lang``)."""

    def __init__(self, units_file: Path | None = None, lang: str = "vi") -> None:
        self.units_file = units_file
        self.lang = lang
        self.files: list[Path] = []
        self.warnings: list[str] = []
        self.rejected: list[pd.DataFrame] = []

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
                result = reader([file], units_file=self.units_file, lang=self.lang)
            except DataError as exc:
                problems.append(str(exc))
                continue
            self.files.append(file)
            self.warnings.extend(result.warnings)
            self.rejected.append(result.rejects)
            return kind, getattr(result, attribute)
        raise DataError(
            f"{file}: không phải bảng biên chế hay danh sách khó khăn, kiến nghị / neither a "
            f"staffing table nor an issue list — " + " | ".join(problems)
        )
