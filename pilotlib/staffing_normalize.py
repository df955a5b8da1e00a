"""Turn messy staffing spreadsheets into the tidy ``staffing`` table, accounting for every row.

``normalize_staffing`` reads each input (``readers``), finds its header (``headers``),
sorts its rows (``rowkinds``), reads counts (``numbers``), matches names
(``staffing_match``) and returns the validated table, the rejects, row counts and
warnings. Everything runs on whole columns — distinct values are normalised once and
mapped back — so a national table of 10⁶ rows takes seconds, not minutes.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np
import pandas as pd

from pilotlib import headers, readers, reasons, rowkinds, vocab
from pilotlib.dataset import DataError
from pilotlib.labels import LANGS
from pilotlib.numbers import EMPTY, OK, parse_counts
from pilotlib.schema import REJECTS_COLUMNS, STAFFING_COLUMNS, STRUCTURES, validate
from pilotlib.staffing_match import (Problems, as_text, as_text_distinct, canonical_names, check_codes,
                                     each_distinct, match_names, match_structures)

PROVENANCE = "analyst"
_LEGACY_FILES = {"cp1258": "Windows-1258", "cp1252": "Windows-1252 (phông TCVN3/VNI / TCVN3/VNI font bytes)"}


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
    """Tidy staffing rows, rejects (one per unusable input row), counts and warnings.

    ``counts`` has one entry per input (keyed by the path as given) and ``"total"``.
    """

    staffing: pd.DataFrame
    rejects: pd.DataFrame
    counts: dict[str, RowCounts]
    warnings: list[str] = field(default_factory=list)

    @property
    def total(self) -> RowCounts:
        return self.counts["total"]


def normalize_staffing(inputs: list[Path], sheet: str | None = None, structure: str | None = None,
                       units_file: Path | None = None, lang: str = "vi") -> NormalizeResult:
    """Normalise staffing spreadsheets (.xlsx/.csv) into the validated tidy table.

    ``sheet`` names the sheet to read (default: the active visible one); ``structure``
    ("old"/"pilot") applies to files that carry no structure of their own; ``units_file``
    adds units to the bundled vocabulary; ``lang`` words reasons and warnings.
    Raises ``DataError`` (exit status 2) for a file that cannot be used at all.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    if structure is not None and structure not in STRUCTURES:
        raise DataError(f"--structure '{structure}': cần/expected one of {', '.join(STRUCTURES)}")
    units = vocab.units(units_file)
    tables, rejected, warnings = [], [], []
    counts: dict[str, RowCounts] = {}
    total = RowCounts()
    for path in map(Path, inputs):
        table, rej, count, notes = _normalise_file(path, sheet, structure, units, lang)
        tables.append(table)
        rejected.append(rej)
        counts[str(path)] = counts.get(str(path), RowCounts()) + count  # a file given twice adds up
        total += count
        warnings.extend(notes)
    if len(tables) == 1:  # one input: its table already runs 0..n-1
        staffing = tables[0]
    else:
        staffing = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=STAFFING_COLUMNS)
    counts["total"] = total
    warnings.extend(_duplicate_warning(staffing, lang))
    rejects = pd.concat(rejected, ignore_index=True) if rejected else pd.DataFrame(columns=REJECTS_COLUMNS)
    return NormalizeResult(
        validate(staffing, "staffing", origin="normalize staffing")[STAFFING_COLUMNS].reset_index(drop=True),
        validate(rejects, "rejects", origin="normalize staffing")[REJECTS_COLUMNS].reset_index(drop=True),
        counts, warnings)


def _normalise_file(path: Path, sheet: str | None, structure: str | None, units: vocab.Vocabulary,
                    lang: str) -> tuple[pd.DataFrame, pd.DataFrame, RowCounts, list[str]]:
    """One input: (tidy rows, rejects, row counts, warnings prefixed with the file name)."""
    raw = readers.read_table(path, sheet)
    where = path.name + (f" [{raw.sheet}]" if raw.sheet else "")
    cells = raw.cells
    layout = headers.find_layout(cells, where=str(path) + (f" [{raw.sheet}]" if raw.sheet else ""))
    notes = [reasons.text(key, lang, **values) for key, values in raw.notes]
    fixed = all(v.structure for v in layout.values)
    if "structure" not in layout.keys and not fixed and structure is None:
        raise DataError(f"{path}: tệp không có cột mô hình (trước/sau thí điểm); hãy dùng --structure old|pilot / "
                        "the file has no structure column (old/pilot); use --structure old|pilot")
    if structure is not None and ("structure" in layout.keys or fixed):
        notes.append(reasons.text("structure_option_ignored", lang, structure=structure))
        structure = None
    # Each column was factorised once while reading (raw.distinct): everything below works
    # once per distinct value and takes the answers back by position.
    distinct = raw.distinct
    texts, text_codes = {}, {}
    for role, col in layout.keys.items():
        texts[role], text_codes[role] = as_text_distinct(cells.iloc[:, col], distinct.get(col))
    parsed = {v.col: parse_counts(cells.iloc[:, v.col], distinct.get(v.col)) for v in layout.values}
    has_count = np.zeros(len(cells), dtype=bool)
    for _numbers, problem in parsed.values():
        has_count |= problem != EMPTY
    filled = raw.filled if raw.filled is not None else readers.filled_cells(cells)
    unit_names = canonical_names(texts["unit"], units, text_codes["unit"])  # units.match, every row
    unit_known = unit_names.notna().to_numpy()
    kinds = rowkinds.classify_rows(cells, layout, unit_known, has_count, filled, distinct)

    sub = np.flatnonzero(kinds == rowkinds.DATA)  # only data rows are kept or rejected

    def data_rows(series: pd.Series) -> pd.Series:
        return series.iloc[sub].reset_index(drop=True)

    known = {"unit": data_rows(unit_names)}
    for role, vocabulary in (("body", vocab.bodies()), ("position", vocab.positions())):
        if role in layout.keys:
            known[role] = data_rows(canonical_names(texts[role], vocabulary, text_codes[role]))
    if "structure" in layout.keys:
        known["structure"] = data_rows(each_distinct(texts["structure"], headers.structure_of,
                                                     text_codes["structure"]))
    problems = Problems(lang, len(sub))
    names = _match(layout, {role: data_rows(t) for role, t in texts.items()},
                   units, structure, fixed, problems, known)
    shown = {v.col: data_rows(as_text(cells.iloc[:, v.col], distinct.get(v.col))) for v in layout.values}
    _count_problems(layout, cells, parsed, has_count, sub, problems, shown)
    bad = np.zeros(len(sub), dtype=bool)
    bad[problems.rows()] = True  # a row with any problem is rejected whole
    table = _tidy(sub, bad, layout, parsed, raw, names)
    found = problems.frame()
    rejects = pd.DataFrame({
        "source_file": path.name, "sheet": raw.sheet,
        "source_row": raw.rows[sub[found["pos"].to_numpy(dtype=int)]].astype(str),
        "column": found["column"].to_numpy(object), "value": found["value"].astype(str).to_numpy(object),
        "reason": found["reason"].to_numpy(object)}, columns=REJECTS_COLUMNS)
    notes.extend(_file_warnings(raw, layout, kinds, parsed, filled, lang))
    count = RowCounts(read=len(cells), kept=int((~bad).sum()), rejected=int(bad.sum()),
                      blank=int((kinds == rowkinds.BLANK).sum()), title=int((kinds == rowkinds.TITLE).sum()),
                      total=int((kinds == rowkinds.TOTAL).sum()), note=int((kinds == rowkinds.NOTE).sum()))
    count.skipped = count.blank + count.title + count.total + count.note
    return table, rejects, count, [f"{where}: {n}" for n in notes]


def _match(layout: headers.Layout, pick: dict[str, pd.Series], units: vocab.Vocabulary,
           structure: str | None, fixed: bool, problems: Problems,
           known: dict[str, pd.Series] | None = None) -> dict[str, pd.Series]:
    """Canonical unit, code, vintage, structure, body, position and position group per data row.

    ``known``: per data row, what the caller matched already — canonical names (None if
    unknown) for "unit", "body", "position"; structure_of's answer for "structure".
    """
    known = known or {}
    label = layout.labels
    col = layout.keys["unit"]
    unit = match_names(pick["unit"], units, problems, col, label[col], "unknown_unit", True, "add_with_units",
                       canonical=known.get("unit"))
    looked_up = _lookup(units, unit, ("code_vintage", "unit_code"))
    names = {"unit": unit, "code_vintage": looked_up["code_vintage"]}
    if "unit_code" in layout.keys:
        col = layout.keys["unit_code"]
        names["unit_code"] = check_codes(pick["unit_code"], unit, units, problems, col, label[col])
    else:
        names["unit_code"] = looked_up["unit_code"]
    names["structure"] = pd.Series(structure, index=unit.index, dtype=object)
    if "structure" in layout.keys and not fixed:
        col = layout.keys["structure"]
        names["structure"] = match_structures(pick["structure"], problems, col, label[col],
                                              found=known.get("structure"))
    for role, vocabulary, key in (("body", vocab.bodies(), "unknown_body"),
                                  ("position", vocab.positions(), "unknown_position")):
        names[role] = pd.Series("", index=unit.index, dtype=object)
        if role in layout.keys:
            col = layout.keys[role]
            names[role] = match_names(pick[role], vocabulary, problems, col, label[col], key, False,
                                      canonical=known.get(role))
    names["position_group"] = _lookup(vocab.positions(), names["position"], ("position_group",))["position_group"]
    return names


def _lookup(vocabulary: vocab.Vocabulary, canonical: pd.Series, columns: tuple[str, ...]) -> dict[str, pd.Series]:
    """``vocabulary.lookup(canonical.where(canonical != ""), column).fillna("")`` as object for
    each column, looked up once per distinct name and taken back by position."""
    codes, uniques = pd.factorize(canonical.to_numpy(dtype=object), use_na_sentinel=False)
    names = pd.Series(uniques, dtype=object)
    names = names.where(names != "")
    out = {}
    for column in columns:
        found = vocabulary.lookup(names, column).fillna("").astype(object).to_numpy(dtype=object)
        out[column] = pd.Series(found[codes], index=canonical.index, dtype=object)
    return out


def _count_problems(layout: headers.Layout, cells: pd.DataFrame, parsed: dict, has_count: np.ndarray,
                    sub: np.ndarray, problems: Problems, shown: dict[int, pd.Series] | None = None) -> None:
    """Bad count cells; an empty count (long form) or a row without any count (wide form).

    ``shown``: per count column, its cells of the data rows as text (``as_text``).
    """
    shown = shown or {}
    blank = pd.Series([""] * len(sub), dtype=object)
    for v in layout.values:
        problem = pd.Series(parsed[v.col][1][sub])
        text = shown[v.col] if v.col in shown else as_text(cells.iloc[sub, v.col]).reset_index(drop=True)
        for key in ("negative", "not_number", "not_whole", "formula"):
            problems.add((problem == key).to_numpy(), v.col, v.label, text, key)
    if len(layout.values) == 1:
        only = layout.values[0]
        problems.add(parsed[only.col][1][sub] == EMPTY, only.col, only.label, blank, "empty")
    else:  # in wide form an empty cell is simply no count; a row needs at least one
        letters = ", ".join(v.label.split(" ")[0] for v in layout.values)
        problems.add(~has_count[sub], min(v.col for v in layout.values), letters, blank, "no_count")


def _tidy(sub: np.ndarray, bad: np.ndarray, layout: headers.Layout, parsed: dict, raw: readers.RawTable,
          names: dict[str, pd.Series]) -> pd.DataFrame:
    """One tidy row per usable count cell of each kept row, in sheet order."""
    parts = []
    for order, v in enumerate(layout.values):
        numbers, problem = parsed[v.col][0][sub], parsed[v.col][1][sub]
        take = np.flatnonzero(~bad & (problem == OK))
        fixed = {"structure": v.structure, "body": v.body}
        columns = {name: (np.full(len(take), fixed[name], dtype=object) if fixed.get(name)
                          else names[name].iloc[take].to_numpy(object))
                   for name in ("unit", "unit_code", "code_vintage", "structure", "body", "position",
                                "position_group")}
        parts.append(pd.DataFrame({"pos": take, "order": order, **columns, "posts": numbers[take].astype(np.int64)}))
    # one count column (long form): already in sheet order
    tidy = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True).sort_values(
        ["pos", "order"], kind="stable")
    tidy["provenance"] = PROVENANCE
    tidy["source_file"] = raw.file.name
    tidy["source_row"] = _as_strings(raw.rows[sub[tidy["pos"].to_numpy(dtype=int)]])
    return tidy[STAFFING_COLUMNS].reset_index(drop=True)


def _as_strings(numbers: np.ndarray) -> np.ndarray:
    """Row numbers as text ("12"), as object array (numpy's astype(str) is 3× slower)."""
    return np.array(list(map(str, numbers.tolist())), dtype=object)


def _file_warnings(raw, layout, kinds, parsed, filled, lang) -> list[str]:
    out = []
    if raw.encoding in _LEGACY_FILES:
        out.append(reasons.text("decoded", lang, encoding=_LEGACY_FILES[raw.encoding]))
    for col, encoding in raw.repaired.items():
        out.append(reasons.text("repaired", lang, column=layout.labels.get(col, col), encoding=encoding.upper()))
    out += [reasons.text("unknown_column", lang, column=layout.labels[c]) for c in layout.unknown]
    out += [reasons.text("duplicate_column", lang, column=layout.labels[c]) for c in layout.duplicates]
    used = set(layout.keys.values()) | {v.col for v in layout.values}
    data = kinds == rowkinds.DATA
    for c, text in layout.labels.items():
        if "(" not in text and c not in used and filled[data, c].any():
            out.append(reasons.text("unlabelled_column", lang, column=text))
    label_of = np.empty(len(kinds), dtype=object)  # the first filled cell, read only for total rows
    for row in np.flatnonzero(kinds == rowkinds.TOTAL).tolist():
        label_of[row] = raw.cells.iat[row, int(filled[row].argmax())]
    counts = {col: numbers for col, (numbers, _p) in parsed.items()}
    for problem in rowkinds.check_totals(kinds, counts, raw.rows, layout, label_of):
        out.append(reasons.text("total_mismatch", lang, **problem))
    return out


def _duplicate_warning(staffing: pd.DataFrame, lang: str) -> list[str]:
    key = ["unit", "structure", "body", "position"]
    # staffing.duplicated(key, keep=False), counted per combination: one id per row
    group = np.zeros(len(staffing), dtype=np.int64)
    for column in key:
        codes, uniques = pd.factorize(staffing[column], use_na_sentinel=False)
        group, _ = pd.factorize(group * len(uniques) + codes)
    counts = np.bincount(group) if len(group) else np.zeros(0, dtype=np.int64)
    repeated = counts[group] > 1
    if not repeated.any():
        return []
    first = staffing.iloc[int(np.argmax(repeated))]
    example = " / ".join(str(first[k]) or "—" for k in key)
    return [reasons.text("duplicates", lang, count=int((counts > 1).sum()), example=example)]
