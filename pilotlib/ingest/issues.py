"""Turn analysts' issue lists (difficulties, recommendations, advantages) into the tidy ``issues`` table.

Same promises as the staffing normaliser, reusing its parts: files are read by
``ingest.cells`` (encodings, TCVN3/VNI repair, .xlsx safety), rows are accounted for by
``ingest.result`` (read = kept + rejected + skipped), unit names through
``ingest.unit_matching`` (the national lists, in the file's context) and
``ingest.matching`` (reject with "did you mean …", never a silent rewrite), reasons are
worded from ``core.messages``. Texts are kept exactly as typed (NFC, outer spaces trimmed) and
categorised by ``topics.classify_texts`` unless the analyst gave a valid category.

A unit cell that is empty or says "Chung" / "Tất cả" (headers.csv ``all_units``) means
every unit and is written as an empty unit.
"""
from __future__ import annotations

import difflib
from pathlib import Path

import numpy as np
import pandas as pd

from pilotlib.core.i18n import check_lang, hint, say
from pilotlib.core.text import fold, fold_series
from pilotlib.ingest import row_kinds, unit_matching
from pilotlib.ingest.cells import filled_cells, read_table
from pilotlib.ingest.issues_layout import IssueLayout, SortedRows, find_issue_layout, sort_rows
from pilotlib.ingest.matching import Problems, as_text
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
from pilotlib.reference import header_words, topics, vocab
from pilotlib.reference.categories import rules_with
from pilotlib.reference.schema import ISSUES_COLUMNS

PROVENANCE = "analyst"


def category_names(rules: topics.CategoryRules | None = None) -> dict[str, str]:
    """Folded key or vi/en label → category key, from issue_categories.csv (and a data
    set's own categories in ``rules``)."""
    table = (rules or topics.default_rules()).categories
    names = {}
    for column in ("category", "label_vi", "label_en"):
        names.update({fold(v): k for v, k in zip(table[column], table["category"])})
    return names


def normalize_issues(inputs: list[Path] | Path | str, sheet: str | None = None,
                     units_file: Path | None = None, lang: str = "vi",
                     categories: Path | topics.CategoryRules | None = None, province: str | None = None,
                     as_of: str | None = None, vocabularies: vocab.Vocabularies | None = None) -> NormalizeResult:
    """Normalise issue lists (.xlsx/.csv; one path or a list) into the validated tidy
    ``issues`` table (``result.issues``). ``units_file``, ``province``, ``as_of``: as for
    staffing tables (``vocabularies`` is accepted for the same call, and not needed).

    ``categories``: an analyst's categories file (``reference.categories``) or rules
    already extended by one; their categories are accepted and classified into.

    Raises ``DataError`` (exit status 2) for a file that cannot be used at all.
    """
    check_lang(lang)
    scope = unit_matching.make_scope(units_file, province, as_of)
    rules = categories if isinstance(categories, topics.CategoryRules) else rules_with(categories)
    return normalize_files(inputs, "issues", ISSUES_COLUMNS,
                           lambda path: _normalise_file(path, sheet, scope, lang, rules), lang)


def _normalise_file(path: Path, sheet: str | None, scope: unit_matching.Scope, lang: str,
                    rules: topics.CategoryRules) -> FileResult:
    raw = read_table(path, sheet)
    cells = raw.cells
    layout = find_issue_layout(cells, str(path) + (f" [{raw.sheet}]" if raw.sheet else ""))
    refuse_clashes(raw, layout.labels, layout.clashes)
    unit_texts = _unit_texts(cells, layout)
    units = unit_matching.resolve_rows(scope.reference, scope, {"unit": unit_texts}, {}, [raw.sheet or ""], None,
                                       lang)
    unit_known = units.known
    rows = sort_rows(cells, layout, unit_known)
    sub = np.flatnonzero(rows.kinds == row_kinds.DATA)
    problems = Problems(lang, len(sub))
    unit = pd.Series("", index=range(len(sub)), dtype=object)
    if "unit" in layout.roles:
        if "unit" in units.problems:  # an empty unit cell means every unit
            units.problems["unit"][0][units.problems["unit"][0] == "empty_unit"] = ""
        unit_matching.add_problems(units, sub, problems, layout.roles, layout.labels,
                                   {"unit": unit_texts.iloc[sub].reset_index(drop=True)})
        codes, names = unit_matching.row_names(scope.reference, units.entry[sub])["unit"]
        unit = pd.Series(names[codes], dtype=object)
    kinds, texts = _kinds_and_texts(rows, layout, sub, problems)
    given = _given_categories(rows, layout, sub, problems, rules)
    extra_cells(raw, [layout.header], sub, raw.filled if raw.filled is not None else filled_cells(cells), problems)
    bad = np.zeros(len(sub), dtype=bool)
    bad[problems.rows()] = True
    table = _tidy(sub, bad, layout, unit, kinds, texts, given, raw, rules)
    rejects = rejects_frame(raw, sub, problems.frame())
    notes = file_warnings(raw, layout.labels, layout.unknown, layout.duplicates, lang)
    notes += _other_warning(table, table.pop("auto"), lang)
    return table, rejects, row_counts(rows.kinds, bad), [f"{where(raw)}: {n}" for n in notes], raw.sheet


def _unit_texts(cells: pd.DataFrame, layout: IssueLayout) -> pd.Series:
    """Unit cells as text, with the all-units words ("Chung", "Tất cả") made empty."""
    if "unit" not in layout.roles:
        return pd.Series("", index=cells.index, dtype=object)
    texts = as_text(cells.iloc[:, layout.roles["unit"]])
    everyone = fold_series(texts, key=lambda v: header_words.classify(v, loose=False)[0] == "all_units")
    return texts.where(~everyone.astype(bool), "")


def _kinds_and_texts(rows: SortedRows, layout: IssueLayout, sub: np.ndarray,
                     problems: Problems) -> tuple[list[pd.Series], list[pd.Series]]:
    """Per statement column (one in long form, one per kind in wide form): kinds and texts."""
    label = layout.labels
    if not layout.long:
        texts = [rows.wide[c].iloc[sub].reset_index(drop=True) for c, _ in layout.wide]
        kinds = [pd.Series(kind, index=range(len(sub)), dtype=object) for _, kind in layout.wide]
        empty = np.logical_and.reduce([(t == "").to_numpy() for t in texts]) if texts else np.ones(len(sub), bool)
        first = min(c for c, _ in layout.wide)
        problems.add(empty, first, ", ".join(label[c] for c, _ in layout.wide),
                     pd.Series([""] * len(sub), dtype=object), "empty_text")
        return kinds, texts
    col = layout.roles["issue_text"]
    text = rows.texts["issue_text"].iloc[sub].reset_index(drop=True)
    problems.add((text == "").to_numpy(), col, label[col], text, "empty_text")
    section = rows.section.iloc[sub].reset_index(drop=True)
    if "issue_kind" in layout.roles:
        kcol = layout.roles["issue_kind"]
        words = rows.texts["issue_kind"].iloc[sub].reset_index(drop=True)
        kind = topics.classify_kind(words).astype(object)
        unknown = kind.isna().to_numpy() & (words != "").to_numpy()
        problems.add(unknown, kcol, label[kcol], words, "unknown_kind")
        kind = kind.where(words != "", section)
        problems.add(kind.isna().to_numpy() & ~unknown, kcol, label[kcol], words, "empty_kind")
    else:
        kind = section
        problems.add(kind.isna().to_numpy(), col, label[col], text, "empty_kind")
    return [kind], [text]


def _given_categories(rows: SortedRows, layout: IssueLayout, sub: np.ndarray, problems: Problems,
                      rules: topics.CategoryRules | None = None) -> pd.Series:
    """The analyst's category per row ("" = classify); unknown labels are problems."""
    if "issue_category" not in layout.roles:
        return pd.Series("", index=range(len(sub)), dtype=object)
    col = layout.roles["issue_category"]
    words = rows.texts["issue_category"].iloc[sub].reset_index(drop=True)
    names = category_names(rules)
    found = fold_series(words, key=lambda v: names.get(fold(v), "" if v == "" else None))
    unknown = found.isna().to_numpy()
    if unknown.any():
        def suggest(value: object) -> str:
            close = difflib.get_close_matches(fold(value), list(names), n=1, cutoff=0.6)
            return hint("did_you_mean", problems.lang, names[close[0]]) if close else ""
        problems.add(unknown, col, layout.labels[col], words, "unknown_category", fold_series(words, key=suggest))
    return found.fillna("").astype(object)


def _tidy(sub, bad, layout, unit, kinds, texts, given, raw, rules=None) -> pd.DataFrame:
    """One issue per non-empty statement cell of each kept row, in sheet order."""
    parts = []
    for order, (kind, text) in enumerate(zip(kinds, texts)):
        take = np.flatnonzero(~bad & (text != "").to_numpy())
        parts.append(pd.DataFrame({"pos": take, "order": order, "unit": unit.iloc[take].to_numpy(object),
                                   "kind": kind.iloc[take].to_numpy(object), "text": text.iloc[take].to_numpy(object),
                                   "given": given.iloc[take].to_numpy(object)}))
    tidy = pd.concat(parts, ignore_index=True).sort_values(["pos", "order"], kind="stable")
    automatic = topics.classify_texts(tidy["text"], rules).astype(object) if len(tidy) else tidy["text"]
    tidy["category"] = tidy["given"].where(tidy["given"] != "", automatic)
    tidy["auto"] = tidy["given"] == ""
    tidy["provenance"] = PROVENANCE
    tidy["source_file"] = raw.file.name
    tidy["source_row"] = raw.rows[sub[tidy["pos"].to_numpy(dtype=int)]].astype(str)
    return tidy[ISSUES_COLUMNS + ["auto"]].reset_index(drop=True)


def _other_warning(table: pd.DataFrame, auto: pd.Series, lang: str) -> list[str]:
    """Loud, not silent: statements the keyword phrases could not place (analyst's "other" is fine)."""
    other = table[auto.astype(bool) & (table["category"] == topics.FALLBACK)]
    if other.empty:
        return []
    return [say("warning.issues_other", lang, count=len(other), example=other["text"].iloc[0][:80])]
