"""Load a data set — the bundled data/ or an analyst's file or folder — as typed tables.

A folder is scanned (not recursively) for .csv/.xlsx files; each is recognised by its
header as one of the table kinds of ``data.kinds``, or read through one of its raw
readers (a messy staffing table or issue list). A file that is neither is an error
naming it, so a mistyped header never silently drops a table. Files the tools
themselves leave in a folder are recognised too: ``normalize``'s ``*.rejects.csv`` (a
warning, never data), ``extract``'s ``boards.csv`` (kept as the ``boards`` table) and the
data set's own vocabularies: a units file (as ``--units``), a bodies file and a positions
file (the columns of ``reference/bodies.csv``, ``positions.csv``). Rows of a tidy staffing
table or issue list are checked against the vocabularies one by one
(``ingest.tidy_check``): a bad or flagged row goes to ``Dataset.rejects`` like a bad row
of a raw file; only a file that cannot be read or has no recognisable header stops the
load. All text is NFC.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from pilotlib.core import paths
from pilotlib.core.errors import DataError
from pilotlib.core.i18n import say
from pilotlib.core.io import read_csv_text
from pilotlib.data.kinds import CHECKED, KINDS, NOT_DATA, VOCABULARY, raw_readers, recognise
from pilotlib.data.model import INPUT_SUFFIXES, Dataset
from pilotlib.ingest import tidy_check
from pilotlib.ingest.unit_matching import make_scope
from pilotlib.reference import vocab
from pilotlib.reference.schema import ISSUES_COLUMNS, REJECTS_COLUMNS
from pilotlib.reference.unit_reference import unit_reference
from pilotlib.reference.validate import validate


def _tidy_or_none(file: Path) -> pd.DataFrame | None:
    """The file as a tidy CSV table, or None when it needs a normaliser (xlsx, title
    lines above the header, legacy encodings, …)."""
    if file.suffix.lower() != ".csv":
        return None
    try:
        return read_csv_text(file)
    except DataError:
        return None


def load_dataset(path: str | os.PathLike[str] | None = None,
                 units_file: str | os.PathLike[str] | None = None, lang: str = "vi",
                 province: str | None = None, as_of: str | None = None) -> Dataset:
    """Load a file or folder (default: $PILOTLIB_DATA or the bundled data/).

    ``units_file``: extra units (the columns of ``reference/units.csv``), as ``--units``;
    a folder may instead hold such a file itself (not both). A folder may also hold a
    bodies file and a positions file (the columns of ``reference/bodies.csv``,
    ``positions.csv``): the data set's own boards and titles, used for matching it.
    ``province``, ``as_of``: context for unit names of raw files (``--province``,
    ``--as-of``). ``lang``: the language of reject reasons and warnings. Raises DataError
    (exit 2) only for a file that cannot be used at all; bad rows go to ``Dataset.rejects``.
    """
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
    units_path, units_table = _vocabulary(found, "units", units_file)
    own = {kind: _vocabulary(found, kind, None) for kind in ("bodies", "positions")}
    # a contradictory vocabulary file is an error (exit 2) before anything else
    units = unit_reference(units_path)
    names = vocab.vocabularies(own["bodies"][0], own["positions"][0])
    make_scope(reference=units, province=province, as_of=as_of)
    tables: dict[str, list[pd.DataFrame]] = {}
    origin: dict[str, Path] = {}
    raw = Raw(units_path, lang, {"province": province, "as_of": as_of, "vocabularies": names})
    checked: list[pd.DataFrame] = []
    warnings: list[str] = []
    for file, frame, kind in found:
        role = KINDS[kind].role if kind else None
        if role == NOT_DATA:
            warnings.append(say("warning.old_rejects", lang, file=file.name))
            continue
        if role == VOCABULARY:
            continue  # the units vocabulary, read above
        if kind is None:  # not a tidy table: a messy staffing table or issue list?
            kind, frame = raw.normalise(file)
        elif role == CHECKED or "flag" in frame.columns:
            result = tidy_check.check(frame, kind, file, units, lang, names)
            frame = result.kept
            checked.append(result.rejects)
        tables.setdefault(kind, []).append(frame)
        origin[f"{kind}:{file.name}"] = file
    merged = {kind: pd.concat(parts, ignore_index=True) for kind, parts in tables.items()}
    if "staffing" not in merged:
        raise DataError(f"{root}: không có bảng biên chế / no staffing table found")
    merged.setdefault("issues", validate(pd.DataFrame(columns=ISSUES_COLUMNS), "issues"))
    for kind, (vocabulary_path, table) in {"units": (units_path, units_table), **own}.items():
        if vocabulary_path is not None:
            merged[kind] = table
            origin[f"{kind}:{vocabulary_path.name}"] = vocabulary_path
    rejects = pd.concat(raw.rejected + checked, ignore_index=True) if raw.rejected + checked \
        else pd.DataFrame(columns=REJECTS_COLUMNS)
    return Dataset(root=root if root.is_dir() else root.parent, tables=merged, files=origin,
                   rejects=rejects[REJECTS_COLUMNS], warnings=raw.warnings + warnings, normalised=raw.files,
                   units_file=units_path)


def _vocabulary(found: list, name: str, given: str | os.PathLike[str] | None) -> tuple[Path | None,
                                                                                        pd.DataFrame | None]:
    """A vocabulary file of the data set (``name``: units, bodies or positions; given, or
    the one such table of the folder) and its rows."""
    inside = [file for file, _, kind in found if kind == name]
    if len(inside) > 1 or (inside and given):
        names = [str(given)] * bool(given) + [str(f) for f in inside]
        raise DataError(f"{inside[0]}: hai danh mục ({name}), chỉ dùng được một / two {name} files, give one: "
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
    """Raw input files met while loading a data set, read through the registered raw
    readers (with the data set's units vocabulary and reasons in ``lang``)."""

    def __init__(self, units_file: Path | None = None, lang: str = "vi", options: dict | None = None) -> None:
        self.units_file = units_file
        self.lang = lang
        self.options = options or {}  # province, as_of, vocabularies: passed to every raw reader
        self.files: list[Path] = []
        self.warnings: list[str] = []
        self.rejected: list[pd.DataFrame] = []

    def normalise(self, file: Path) -> tuple[str, pd.DataFrame]:
        """(table kind, tidy table) of a messy file; DataError naming the file when no
        raw reader can read it."""
        problems = []
        for kind in raw_readers():
            try:
                result = kind.normaliser([file], units_file=self.units_file, lang=self.lang, **self.options)
            except DataError as exc:
                problems.append(str(exc))
                continue
            self.files.append(file)
            self.warnings.extend(result.warnings)
            self.rejected.append(result.rejects)
            return kind.name, result.table
        raise DataError(
            f"{file}: không phải bảng biên chế hay danh sách khó khăn, kiến nghị / neither a "
            f"staffing table nor an issue list — " + " | ".join(problems)
        )
