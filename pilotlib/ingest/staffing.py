"""Turn messy staffing spreadsheets into the tidy ``staffing`` table, accounting for every row.

``normalize_staffing`` reads each input (``ingest.cells``), finds its header
(``ingest.staffing_layout``), sorts its rows (``ingest.row_kinds``), reads counts
(``ingest.counts``), matches names (``ingest.matching``) and returns the validated
table, the rejects, row counts and warnings (``ingest.result``). Everything runs on
whole columns — distinct values are normalised once and mapped back — so a national
table of 10⁶ rows takes seconds, not minutes.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pilotlib.core.distinct import each_distinct
from pilotlib.core.errors import DataError
from pilotlib.core.i18n import check_lang, hint, say
from pilotlib.ingest import row_kinds, subtotals, unit_matching
from pilotlib.ingest.cells import RawTable, filled_cells, read_table
from pilotlib.ingest.counts import EMPTY, OK, TOO_LARGE, parse_counts
from pilotlib.ingest.matching import (
    Coded,
    Problems,
    as_text,
    as_text_distinct,
    coded_answers,
    match_names,
    match_structures,
)
from pilotlib.ingest.result import (
    FileResult,
    NormalizeResult,
    extra_cells,
    file_warnings,
    normalize_files,
    refuse_clashes,
    rejects_frame,
    row_counts,
    where,
)
from pilotlib.ingest.staffing_layout import Layout, find_layout
from pilotlib.reference import header_words, vocab
from pilotlib.reference.schema import STAFFING_COLUMNS, STRUCTURES, max_posts

PROVENANCE = "analyst"


def normalize_staffing(inputs: list[Path] | Path | str, sheet: str | None = None, structure: str | None = None,
                       units_file: Path | None = None, lang: str = "vi", province: str | None = None,
                       as_of: str | None = None, vocabularies: vocab.Vocabularies | None = None) -> NormalizeResult:
    """Normalise staffing spreadsheets (.xlsx/.csv; one path or a list) into the validated
    tidy table (``result.staffing``).

    ``sheet`` names the sheet to read (default: the active visible one); ``structure``
    ("old"/"pilot") applies to files that carry no structure of their own; ``units_file``
    adds units to the reference; ``province`` and ``as_of`` are context for unit names
    the files do not place themselves (``ingest.unit_matching``); ``vocabularies``: the
    body and position vocabularies (default: bundled); ``lang`` words reasons and warnings.
    Raises ``DataError`` (exit status 2) for a file that cannot be used at all.
    """
    check_lang(lang)
    if structure is not None and structure not in STRUCTURES:
        raise DataError(f"--structure '{structure}': cần/expected one of {', '.join(STRUCTURES)}")
    scope = unit_matching.make_scope(units_file, province, as_of)
    names = vocabularies or vocab.vocabularies()
    return normalize_files(inputs, "staffing", STAFFING_COLUMNS,
                           lambda path: _normalise_file(path, sheet, structure, scope, names, lang), lang)


def _normalise_file(path: Path, sheet: str | None, structure: str | None, scope: unit_matching.Scope,
                    vocabularies: vocab.Vocabularies, lang: str) -> FileResult:
    """One input: (tidy rows, rejects, row counts, warnings prefixed with the file name)."""
    raw = read_table(path, sheet)
    cells = raw.cells
    layout = find_layout(cells, where=str(path) + (f" [{raw.sheet}]" if raw.sheet else ""),
                         bodies=vocabularies.bodies)
    refuse_clashes(raw, layout.labels, layout.clashes)
    notes = file_warnings(raw, layout.labels, layout.unknown, layout.duplicates, lang)
    fixed = all(v.structure for v in layout.values)
    if "structure" not in layout.keys and not fixed and structure is None:
        raise DataError(f"{path}: tệp không có cột mô hình (trước/sau thí điểm); hãy dùng --structure old|pilot / "
                        "the file has no structure column (old/pilot); use --structure old|pilot")
    if structure is not None and ("structure" in layout.keys or fixed):
        notes.append(say("warning.structure_option_ignored", lang, structure=structure))
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
    filled = raw.filled if raw.filled is not None else filled_cells(cells)
    titles = [raw.sheet or "", *(" ".join(str(v) for v in cells.iloc[r].tolist() if v is not None)
                                 for r in range(layout.header_rows[0]))]
    units = unit_matching.resolve_rows(scope.reference, scope, texts, text_codes, titles, layout.unit_level, lang)
    kinds = row_kinds.classify_rows(cells, layout, units.known, has_count, filled, distinct, units.subtotal)

    sub = np.flatnonzero(kinds == row_kinds.DATA)  # only data rows are kept or rejected

    def data_rows(series: pd.Series) -> pd.Series:
        return series.iloc[sub].reset_index(drop=True)

    structures = None
    if "structure" in layout.keys:
        structures = each_distinct(texts["structure"], header_words.structure_of, text_codes["structure"])
    problems = Problems(lang, len(sub))
    pick = {role: data_rows(t) for role, t in texts.items()}
    coded = {role: _data_codes(text_codes.get(role), pick[role], sub) for role in pick}
    names = unit_matching.row_names(scope.reference, units.entry[sub])
    unit_matching.add_problems(units, sub, problems, layout.keys, layout.labels, pick)
    names |= _match(layout, pick, structure, fixed, problems, vocabularies, coded)
    shown = {v.col: data_rows(as_text(cells.iloc[:, v.col], distinct.get(v.col))) for v in layout.values}
    _count_problems(layout, cells, parsed, has_count, sub, problems, shown)
    extra_cells(raw, layout.header_rows, sub, filled, problems)
    bad = np.zeros(len(sub), dtype=bool)
    bad[problems.rows()] = True  # a row with any problem is rejected whole
    table = _tidy(sub, bad, layout, parsed, raw, names)
    rejects = rejects_frame(raw, sub, problems.frame())
    unit_sums = subtotals.subtotal_sums(
        scope.reference, units, kinds, row_kinds.DATA, row_kinds.TOTAL, {c: n for c, (n, _p) in parsed.items()},
        None if structures is None else structures.fillna("").to_numpy(dtype=object))
    notes.extend(_sheet_warnings(raw, layout, kinds, parsed, filled, lang, unit_sums))
    return table, rejects, row_counts(kinds, bad), [f"{where(raw)}: {n}" for n in notes], raw.sheet


def _data_codes(text_codes: tuple | None, texts: pd.Series, sub: np.ndarray) -> Coded:
    """The data rows' texts of one key column as (codes, distinct texts), from the grid's
    (``as_text_distinct``; a missing cell: the last text, "") or by factorising them."""
    if text_codes is None:
        codes, uniques = pd.factorize(texts.to_numpy(dtype=object))
        return codes, np.asarray(uniques, dtype=object)
    codes, uniques = text_codes
    return np.where(codes < 0, len(uniques), codes)[sub], np.append(np.asarray(uniques, dtype=object), "")


def _constant(value: object, size: int) -> Coded:
    return np.zeros(size, dtype=np.int64), np.array([value], dtype=object)


def _match(layout: Layout, pick: dict[str, pd.Series], structure: str | None, fixed: bool, problems: Problems,
           vocabularies: vocab.Vocabularies, coded: dict[str, Coded]) -> dict[str, Coded]:
    """Structure, body, position and position group per data row (units: ``unit_matching``),
    each worked out once per distinct text (``coded``: the data rows' texts by role, as
    ``_data_codes``; ``pick``: the same texts per row, shown in reasons)."""
    label = layout.labels
    size = len(next(iter(pick.values())))
    names = {"structure": _constant(structure, size)}
    if "structure" in layout.keys and not fixed:
        col = layout.keys["structure"]
        names["structure"] = match_structures(coded["structure"], pick["structure"], problems, col, label[col])
    for role, vocabulary, key in (("body", vocabularies.bodies, "unknown_body"),
                                  ("position", vocabularies.positions, "unknown_position")):
        names[role] = _constant("", size)
        if role in layout.keys:
            col = layout.keys[role]
            names[role] = match_names(coded[role], pick[role], vocabulary, problems, col, label[col], key, False)
    codes, positions = names["position"]
    names["position_group"] = coded_answers(_lookup(vocabularies.positions, positions, "position_group"), codes)
    return names


def _lookup(vocabulary: vocab.Vocabulary, canonical: np.ndarray, column: str) -> np.ndarray:
    """``vocabulary.lookup`` of another column for distinct canonical names ("" for "")."""
    names = pd.Series(canonical, dtype=object)
    return vocabulary.lookup(names.where(names != ""), column).fillna("").astype(object).to_numpy(dtype=object)


def _count_problems(layout: Layout, cells: pd.DataFrame, parsed: dict, has_count: np.ndarray,
                    sub: np.ndarray, problems: Problems, shown: dict[int, pd.Series] | None = None) -> None:
    """Bad count cells; an empty count (long form) or a row without any count (wide form).

    ``shown``: per count column, its cells of the data rows as text (``as_text``).
    """
    shown = shown or {}
    blank = pd.Series([""] * len(sub), dtype=object)
    for v in layout.values:
        problem = parsed[v.col][1][sub]
        text = shown[v.col] if v.col in shown else as_text(cells.iloc[sub, v.col]).reset_index(drop=True)
        found = set(pd.unique(problem).tolist())  # a handful of codes; most keys are absent
        for key in ("negative", "not_number", "not_whole", "formula", TOO_LARGE):
            if key in found:
                tail = hint("max_posts", problems.lang, f"{max_posts():,}") if key == TOO_LARGE else ""
                problems.add(problem == key, v.col, v.label, text, key, tail)
    if len(layout.values) == 1:
        only = layout.values[0]
        problems.add(parsed[only.col][1][sub] == EMPTY, only.col, only.label, blank, "empty")
    else:  # in wide form an empty cell is simply no count; a row needs at least one
        letters = ", ".join(v.label.split(" ")[0] for v in layout.values)
        problems.add(~has_count[sub], min(v.col for v in layout.values), letters, blank, "no_count")


def _tidy(sub: np.ndarray, bad: np.ndarray, layout: Layout, parsed: dict, raw: RawTable,
          names: dict[str, Coded]) -> pd.DataFrame:
    """One tidy row per usable count cell of each kept row, in sheet order; name columns
    as categories (``validate`` gives them back as text: the duplicate check reads codes)."""
    parts = []
    for order, v in enumerate(layout.values):
        numbers, problem = parsed[v.col][0][sub], parsed[v.col][1][sub]
        take = np.flatnonzero(~bad & (problem == OK))
        fixed = {"structure": v.structure, "body": v.body}
        columns = {name: (np.full(len(take), fixed[name], dtype=object) if fixed.get(name)
                          else pd.Categorical.from_codes(names[name][0][take], names[name][1]))
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
    return np.fromiter(map(str, numbers.tolist()), dtype=object, count=len(numbers))


def _sheet_warnings(raw: RawTable, layout: Layout, kinds: np.ndarray, parsed: dict, filled: np.ndarray,
                    lang: str, unit_sums: dict | None = None) -> list[str]:
    """Columns with data but no header, and totals that do not match their rows."""
    out = []
    used = set(layout.keys.values()) | {v.col for v in layout.values}
    data = kinds == row_kinds.DATA
    for c, text in layout.labels.items():
        if "(" not in text and c not in used and filled[data, c].any():
            out.append(say("warning.unlabelled_column", lang, column=text))
    label_of = np.empty(len(kinds), dtype=object)  # the first filled cell, read only for total rows
    for row in np.flatnonzero(kinds == row_kinds.TOTAL).tolist():
        label_of[row] = raw.cells.iat[row, int(filled[row].argmax())]
    counts = {col: numbers for col, (numbers, _p) in parsed.items()}
    for problem in row_kinds.check_totals(kinds, counts, raw.rows, layout, label_of, unit_sums):
        out.append(say("warning.total_mismatch", lang, **problem))
    return out
