"""What a normaliser returns, and the loop over input files that staffing tables and
issue lists share: every input row kept, rejected or skipped — and the counts add up.

``normalize_files`` runs one file reader over the inputs and returns one
``NormalizeResult``: the validated tidy table, one reject per unusable input row (file,
sheet, row, column, value, reason and its stable ``reason_key``), row counts per file
and in total, and warnings. Rows that repeat another row's key, in any of the inputs,
are rejects too (``ingest.duplicates``). The per-file helpers below build the parts
every reader shares (rejects, counts, warnings about the file itself).
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from pilotlib.core.i18n import check_lang, refusal, say
from pilotlib.ingest import duplicates, row_kinds
from pilotlib.ingest.cells import LEGACY_ENCODINGS, RawTable
from pilotlib.ingest.matching import Problems
from pilotlib.ingest.xlsx import column_letter
from pilotlib.reference.schema import REJECTS_COLUMNS
from pilotlib.reference.validate import validate


@dataclass
class RowCounts:
    """Input rows by fate. ``read`` = kept + rejected + skipped, always.

    An input row is one row of the sheet (or one CSV record) from the first row to the
    last non-empty one; trailing empty rows are not counted. A wide row giving several
    tidy rows is still one input row. ``skipped`` = blank + title (title rows, the
    header, a column-numbering row, a repeated header) + total + note rows.
    """

    read: int = 0
    kept: int = 0
    rejected: int = 0
    skipped: int = 0
    blank: int = 0
    title: int = 0
    total: int = 0
    note: int = 0

    def __add__(self, other: RowCounts) -> RowCounts:
        return RowCounts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def balanced(self) -> bool:
        return self.read == self.kept + self.rejected + self.skipped


@dataclass
class NormalizeResult:
    """Tidy rows of one table kind, rejects, counts per input (and ``"total"``), warnings."""

    kind: str  # "staffing" or "issues": the contract the table follows
    table: pd.DataFrame
    rejects: pd.DataFrame
    counts: dict[str, RowCounts]
    warnings: list[str] = field(default_factory=list)

    @property
    def total(self) -> RowCounts:
        return self.counts["total"]

    @property
    def staffing(self) -> pd.DataFrame:
        return self._table("staffing")

    @property
    def issues(self) -> pd.DataFrame:
        return self._table("issues")

    def _table(self, kind: str) -> pd.DataFrame:
        if self.kind != kind:
            raise AttributeError(f"this result holds a {self.kind} table, not {kind}")
        return self.table


# One file: (tidy rows, rejects, row counts, warnings already prefixed with the file name,
# the sheet read — "" for a CSV file).
FileResult = tuple[pd.DataFrame, pd.DataFrame, RowCounts, list[str], str]


def normalize_files(inputs: list[Path] | Path | str, kind: str, columns: list[str],
                    read_file: Callable[[Path], FileResult], lang: str,
                    final_warnings: Callable[[pd.DataFrame], list[str]] | None = None) -> NormalizeResult:
    """Read every input with ``read_file``, add the results up, validate both tables.

    ``inputs``: one path or a list (a file given twice: its rows repeat each other and are
    rejected). ``final_warnings``: what to say about the whole table once every file is read.
    """
    check_lang(lang)
    paths = [Path(inputs)] if isinstance(inputs, (str, Path)) else [Path(p) for p in inputs]
    tables, rejected, warnings, sheets = [], [], [], []
    counts: dict[str, RowCounts] = {}
    for path in paths:
        table, rejects, count, notes, sheet = read_file(path)
        tables.append(table)
        rejected.append(rejects)
        sheets.append(sheet)
        counts[str(path)] = counts.get(str(path), RowCounts()) + count
        warnings.extend(notes)
    if len(tables) == 1:  # one input: its table already runs 0..n-1
        table = tables[0]
    else:
        table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=columns)
    rejects = pd.concat(rejected, ignore_index=True) if rejected else pd.DataFrame(columns=REJECTS_COLUMNS)
    table, rejects = _without_duplicates(table, rejects, kind, paths, tables, sheets, counts, lang)
    counts["total"] = sum((c for c in counts.values()), RowCounts())
    if final_warnings is not None:
        warnings.extend(final_warnings(table))
    origin = f"normalize {kind}"
    return NormalizeResult(
        kind,
        validate(table, kind, origin=origin)[columns].reset_index(drop=True),
        validate(rejects, "rejects", origin=origin)[REJECTS_COLUMNS].reset_index(drop=True),
        counts, warnings)


def _without_duplicates(table: pd.DataFrame, rejects: pd.DataFrame, kind: str, paths: list[Path],
                        tables: list[pd.DataFrame], sheets: list[str], counts: dict[str, RowCounts],
                        lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Reject the input rows that repeat another row's key (moving them from kept to
    rejected in ``counts``); the table without them, all rejects in reading order."""
    sizes = [len(t) for t in tables]
    where = duplicates.Where(
        file_id=np.repeat(np.arange(len(tables)), sizes),
        file=table["source_file"].to_numpy(dtype=object),
        sheet=np.repeat(np.array(sheets, dtype=object), sizes),
        row=table["source_row"].to_numpy(dtype=object))
    found = duplicates.find(table, kind, where, lang)
    if not found.drop.any():
        return table, rejects
    for file_id, rows in found.per_file.items():
        count = counts[str(paths[file_id])]
        count.kept -= rows
        count.rejected += rows
    order = {str(p.name): i for i, p in reversed(list(enumerate(paths)))}
    rejects = duplicates.sorted_rejects(pd.concat([rejects, found.rejects], ignore_index=True), order)
    return table[~found.drop].reset_index(drop=True), rejects


def extra_cells(raw: RawTable, header_rows: list[int], sub: np.ndarray, filled: np.ndarray,
                problems: Problems) -> None:
    """CSV data rows with cells right of the header's last column: a text holding the
    separator without quotes ("Kinh phí thiếu, chưa có định mức") split into two cells and
    shifted the rest, so every other problem of such a row is an echo of this one. (In a
    workbook a cell right of the header is a separate value: a warning, not a reject.)"""
    if raw.encoding == "xlsx" or not len(sub):
        return
    width = int(np.flatnonzero(filled[header_rows].any(axis=0)).max()) + 1
    right = filled[sub, width:]
    over = right.any(axis=1)
    if not over.any():
        return
    first = width + right.argmax(axis=1)  # the first cell beyond the header, per row
    shown = pd.Series(raw.cells.to_numpy(object)[sub, np.minimum(first, raw.cells.shape[1] - 1)], dtype=object)
    problems.outweigh(over, width, column_letter(width + 1), shown.astype(str), "extra_cells")


def rejects_frame(raw: RawTable, sub: np.ndarray, found: pd.DataFrame) -> pd.DataFrame:
    """Reject rows from ``Problems.frame()`` of the data rows ``sub`` of ``raw``."""
    return pd.DataFrame({
        "source_file": raw.file.name, "sheet": raw.sheet,
        "source_row": raw.rows[sub[found["pos"].to_numpy(dtype=int)]].astype(str),
        "column": found["column"].to_numpy(object), "value": found["value"].astype(str).to_numpy(object),
        "reason": found["reason"].to_numpy(object), "reason_key": found["reason_key"].to_numpy(object),
    }, columns=REJECTS_COLUMNS)


def row_counts(kinds: np.ndarray, bad: np.ndarray) -> RowCounts:
    """Counts from the kind of every grid row and which data rows were rejected."""
    count = RowCounts(read=len(kinds), kept=int((~bad).sum()), rejected=int(bad.sum()),
                      blank=int((kinds == row_kinds.BLANK).sum()), title=int((kinds == row_kinds.TITLE).sum()),
                      total=int((kinds == row_kinds.TOTAL).sum()), note=int((kinds == row_kinds.NOTE).sum()))
    count.skipped = count.blank + count.title + count.total + count.note
    return count


def file_warnings(raw: RawTable, labels: dict[int, str], unknown: list[int], duplicates: list[int],
                  lang: str) -> list[str]:
    """What the reader noticed about the file: its encoding, repaired font text, the
    sheet it read, and columns it did not use."""
    out = [say(f"warning.{key}", lang, **values) for key, values in raw.notes]
    if raw.encoding in LEGACY_ENCODINGS:
        out.append(say("warning.decoded", lang, encoding=LEGACY_ENCODINGS[raw.encoding]))
    for col, encoding in raw.repaired.items():
        out.append(say("warning.repaired", lang, column=labels.get(col, col), encoding=encoding.upper()))
    out += [say("warning.unknown_column", lang, column=labels[c]) for c in unknown]
    out += [say("warning.duplicate_column", lang, column=labels[c]) for c in duplicates]
    return out


def refuse_clashes(raw: RawTable, labels: dict[int, str], clashes: list[tuple[int, int]]) -> None:
    """Two columns holding the same data (two count columns for one structure, two
    statement columns): reading one would silently drop the other, so the file is
    refused (exit 2), naming it and both columns."""
    if clashes:
        first, second = clashes[0]
        raise refusal(where(raw), "duplicate_data_column", first=labels[first], second=labels[second])


def where(raw: RawTable) -> str:
    """The file (and sheet) as named in messages: "file.xlsx [Sheet1]"."""
    return raw.file.name + (f" [{raw.sheet}]" if raw.sheet else "")
