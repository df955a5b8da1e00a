"""Load a data set — the bundled data/ or an analyst's file or folder — as typed tables.

A folder is scanned (not recursively) for .csv/.xlsx files; each is recognised by its
header as one of the table kinds of ``data.kinds``, or read through one of its raw
readers (a messy staffing table or issue list). A file that is neither is an error
naming it, so a mistyped header never silently drops a table. Files the tools
themselves leave in a folder are recognised too: ``normalize``'s ``*.rejects.csv`` (a
warning, never data), ``extract``'s ``boards.csv`` (kept as the ``boards`` table) and a
units file (``--units``; the data set's extra units vocabulary). Rows of a tidy staffing
table or issue list are checked against the vocabularies one by one
(``ingest.tidy_check``): a bad or flagged row goes to ``Dataset.rejects`` like a bad row
of a raw file; only a file that cannot be read or has no recognisable header stops the
load. A row repeating another row's key, in any file of the data set, is rejected with
it (``ingest.duplicates``), never added up; a header naming a column twice and a file
that is no regular file (FIFO, device) are errors naming the file. All text is NFC.
"""
from __future__ import annotations

import inspect
import os
from pathlib import Path

import numpy as np
import pandas as pd

from pilotlib.core import paths
from pilotlib.core.errors import DataError, DuplicateHeaderError
from pilotlib.core.i18n import both, say
from pilotlib.core.io import check_regular_file, read_csv_text
from pilotlib.data.kinds import CHECKED, KINDS, NOT_DATA, TOPICS, VOCABULARY, raw_readers, recognise
from pilotlib.data.model import INPUT_SUFFIXES, Dataset
from pilotlib.ingest import duplicates, tidy_check
from pilotlib.ingest.cells import read_table
from pilotlib.ingest.unit_matching import make_scope
from pilotlib.reference import categories, topics, vocab
from pilotlib.reference.schema import ISSUES_COLUMNS, REJECTS_COLUMNS
from pilotlib.reference.unit_reference import unit_reference
from pilotlib.reference.validate import validate


def _tidy_or_none(file: Path) -> pd.DataFrame | None:
    """The file as a tidy CSV table, or None when it needs a normaliser (xlsx, title
    lines above the header, legacy encodings, …). A tidy header naming a column twice
    is an error naming the file (a second ``posts`` would be read as ``posts.1`` and
    dropped); so is a FIFO or device (refused without being opened)."""
    check_regular_file(file)
    if file.suffix.lower() != ".csv":
        return None
    try:
        return read_csv_text(file)
    except DuplicateHeaderError as exc:
        if recognise(list(dict.fromkeys(exc.header))) is not None:
            raise
        return None
    except DataError:
        return None


def load_dataset(path: str | os.PathLike[str] | None = None,
                 units_file: str | os.PathLike[str] | None = None, lang: str = "vi",
                 categories_file: str | os.PathLike[str] | None = None,
                 province: str | None = None, as_of: str | None = None) -> Dataset:
    """Load a file or folder (default: $PILOTLIB_DATA or the bundled data/).

    ``units_file``: extra units (the columns of ``reference/units.csv``), as ``--units``;
    a folder may instead hold such a file itself (not both). A folder may also hold a
    bodies file and a positions file (the columns of ``reference/bodies.csv``,
    ``positions.csv``): the data set's own boards and titles, used for matching it.
    ``categories_file``: the data set's own issue categories (``reference.categories``),
    as ``--categories``; a folder may instead hold such a file (not both). ``province``,
    ``as_of``: context for unit names of raw files (``--province``, ``--as-of``).
    ``lang``: the language of reject reasons and warnings. Raises DataError (exit 2)
    only for a file that cannot be used at all; bad rows go to ``Dataset.rejects``.
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
    own = {kind: _own_file(found, given, kind) for kind, given in
           (("units", units_file), ("bodies", None), ("positions", None), ("categories", categories_file))}
    units_path, units_table = own["units"]
    # a contradictory vocabulary file is an error (exit 2) before anything else
    units = unit_reference(units_path)
    names = vocab.vocabularies(own["bodies"][0], own["positions"][0])
    make_scope(reference=units, province=province, as_of=as_of)
    topics_path, topics_table = own["categories"]
    rules = categories.rules_with(topics_table, origin=str(topics_path)) if topics_path else None
    tables: dict[str, list[pd.DataFrame]] = {}
    origin: dict[str, Path] = {}
    raw = Raw(units_path, lang, rules, {"province": province, "as_of": as_of, "vocabularies": names})
    checked: list[pd.DataFrame] = []
    warnings: list[str] = []
    lines: dict[str, list[tuple[str, np.ndarray]]] = {}  # kind → (file, row number per kept row)
    for file, frame, kind in found:
        role = KINDS[kind].role if kind else None
        if role == NOT_DATA:
            warnings.append(say("warning.old_rejects", lang, file=file.name))
            continue
        if role in (VOCABULARY, TOPICS):
            continue  # the data set's vocabularies and categories, read above
        if kind is None:  # not a tidy table: a messy staffing table or issue list?
            kind, frame = raw.normalise(file)
            if kind is None:  # `normalize -o OUT.xlsx` left its OUT.rejects.xlsx here
                warnings.append(say("warning.old_rejects", lang, file=file.name))
                continue
            lines.setdefault(kind, []).append((file.name, frame["source_row"].to_numpy(dtype=object)))
        elif role == CHECKED or "flag" in frame.columns:
            result = tidy_check.check(frame, kind, file, units, lang, names, *([rules.keys] if rules else []))
            frame = result.kept
            checked.append(result.rejects)
            lines.setdefault(kind, []).append((file.name, result.lines.astype(str).astype(object)))
        tables.setdefault(kind, []).append(frame)
        origin[f"{kind}:{file.name}"] = file
    merged = {kind: pd.concat(parts, ignore_index=True) for kind, parts in tables.items()}
    for kind, located in lines.items():
        merged[kind], repeated = _without_duplicates(merged[kind], kind, located, lang)
        checked.append(repeated)
    if "staffing" not in merged:
        raise DataError(f"{root}: không có bảng biên chế / no staffing table found")
    merged.setdefault("issues", validate(pd.DataFrame(columns=ISSUES_COLUMNS), "issues"))
    for kind, (own_path, table) in own.items():
        if own_path is not None:
            merged[kind] = table
            origin[f"{kind}:{own_path.name}"] = own_path
    rejects = pd.concat(raw.rejected + checked, ignore_index=True) if raw.rejected + checked \
        else pd.DataFrame(columns=REJECTS_COLUMNS)
    rejects = duplicates.sorted_rejects(rejects, {f.name: i for i, f in enumerate(files)})
    return Dataset(root=root if root.is_dir() else root.parent, tables=merged, files=origin,
                   rejects=rejects[REJECTS_COLUMNS], warnings=raw.warnings + warnings, normalised=raw.files,
                   units_file=units_path)


def _without_duplicates(table: pd.DataFrame, kind: str, located: list[tuple[str, np.ndarray]],
                        lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The table without the rows that repeat another row's key in any file of the data
    set, and their rejects (``ingest.duplicates``): two files giving Lâm Hà's posts are
    two answers to one question, not two halves of a sum."""
    sizes = [len(rows) for _, rows in located]
    where = duplicates.Where(
        file_id=np.repeat(np.arange(len(located)), sizes),
        file=np.repeat(np.array([name for name, _ in located], dtype=object), sizes),
        sheet=np.full(sum(sizes), "", dtype=object),
        row=np.concatenate([rows for _, rows in located]) if located else np.array([], dtype=object))
    found = duplicates.find(table, kind, where, lang)
    return table[~found.drop].reset_index(drop=True), found.rejects


def _own_file(found: list, given: str | os.PathLike[str] | None,
              kind: str) -> tuple[Path | None, pd.DataFrame | None]:
    """The data set's own file of ``kind`` (units, bodies, positions, categories): given,
    or the one such table of the folder, and its rows; two of them are an error naming both."""
    inside = [file for file, _, found_kind in found if found_kind == kind]
    if len(inside) > 1 or (inside and given):
        names = [str(given)] * bool(given) + [str(f) for f in inside]
        raise DataError(f"{inside[0]}: {both('error.two_own_files', kind=kind)}: " + ", ".join(names))
    if given:
        path = Path(given)
        if not path.exists():
            raise DataError(f"{path}: không tồn tại / does not exist")
        return path, read_csv_text(path)
    if inside:
        return inside[0], next(frame for file, frame, _ in found if file == inside[0])
    return None, None


def _workbook_kind(file: Path) -> str | None:
    """The table kind the first row of a workbook names (``normalize`` writes tidy
    tables there with their header on row 1), or None."""
    if file.suffix.lower() == ".csv":
        return None
    try:
        first = read_table(file).cells.iloc[0]
    except DataError:
        return None
    return recognise([str(v).strip() for v in first if v is not None])


class Raw:
    """Raw input files met while loading a data set, read through the registered raw
    readers (with the data set's units vocabulary and reasons in ``lang``)."""

    def __init__(self, units_file: Path | None = None, lang: str = "vi",
                 categories: topics.CategoryRules | None = None, options: dict | None = None) -> None:
        self.units_file = units_file
        self.lang = lang
        self.categories = categories
        self.options = options or {}  # province, as_of, vocabularies: passed to every raw reader
        self.files: list[Path] = []
        self.warnings: list[str] = []
        self.rejected: list[pd.DataFrame] = []

    def normalise(self, file: Path) -> tuple[str | None, pd.DataFrame | None]:
        """(table kind, tidy table) of a messy file; (None, None) for a rejects workbook
        ``normalize`` wrote (never data); DataError naming the file when no raw reader
        can read it."""
        problems = []
        for kind in raw_readers():
            options = {"units_file": self.units_file, "lang": self.lang, **self.options}
            if self.categories is not None and "categories" in inspect.signature(kind.normaliser).parameters:
                options["categories"] = self.categories
            try:
                result = kind.normaliser([file], **options)
            except DataError as exc:
                problems.append(str(exc))
                continue
            self.files.append(file)
            self.warnings.extend(result.warnings)
            self.rejected.append(result.rejects)
            return kind.name, result.table
        if _workbook_kind(file) == "rejects":
            return None, None
        raise DataError(
            f"{file}: không phải bảng biên chế hay danh sách khó khăn, kiến nghị / neither a "
            f"staffing table nor an issue list — " + " | ".join(problems)
        )
