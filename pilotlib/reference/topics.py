"""Categorise difficulty / recommendation / advantage statements by keyword phrases.

The vocabulary is data, not code: ``data/reference/issue_categories.csv`` lists the
category keys and ``issue_keywords.csv`` the phrases (with diacritics) and weights.

Matching: each unique text is folded once with :func:`pilotlib.core.text.fold` (lower
case, no marks, đ→d), punctuation becomes a space, and a phrase matches when its folded
form occurs as whole words. A text's score for a category is the sum of the weights of
the distinct phrases that match (a phrase nested in a longer one counts as well, so a
longer, more specific phrase adds evidence).

Weights: 3 = core term of the topic, 2 = clear term that also turns up elsewhere,
1 = weak or generic word (e.g. "hướng dẫn", which nearly every complaint mentions).

Ties: the highest score wins; on equal scores the category with the LOWEST ``priority``
number wins. Priorities put concrete resource topics first (funding, staffing,
facilities), then transition and coordination, and guidance last among the topics,
because "chưa được hướng dẫn" is appended to complaints about any topic. ``other`` is
returned only when no phrase matches; it may not own phrases.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from pilotlib.core import paths
from pilotlib.core.text import fold
from pilotlib.reference.schema import CATEGORIES, KINDS

FALLBACK = "other"
_NON_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class CategoryRules:
    """Validated rules: ``categories`` (one row per key) and ``phrases`` (with ``key``)."""

    categories: pd.DataFrame
    phrases: pd.DataFrame

    @property
    def priority(self) -> dict[str, int]:
        return dict(zip(self.categories["category"], self.categories["priority"]))

    def _ordered(self) -> pd.DataFrame:
        table = self.categories.assign(_last=self.categories["category"] == FALLBACK)
        return table.sort_values(["_last", "priority"])

    @property
    def keys(self) -> tuple[str, ...]:
        """Category keys in priority order (the bundled ones, a data set's own, ``other`` last)."""
        return tuple(self._ordered()["category"])

    def labels(self, lang: str) -> dict[str, str]:
        """Category key → label in ``lang`` ("vi"/"en"), in the order of ``keys``."""
        table = self._ordered()
        return dict(zip(table["category"], table[f"label_{lang}"]))


def _words(folded: str) -> str:
    """Folded text with punctuation turned into spaces, padded for whole-word search."""
    return " " + _NON_WORD.sub(" ", folded).strip() + " "


def phrase_key(phrase: str) -> str:
    """A keyword phrase as matched: folded, punctuation as spaces, trimmed."""
    return _words(fold(phrase)).strip()


def _rows(mask: pd.Series) -> list[int]:
    """File line numbers (header = line 1) of the rows selected by ``mask``."""
    return [int(i) + 2 for i in mask[mask].index]


def load_category_rules(reference_dir: Path | None = None) -> CategoryRules:
    """Read and validate issue_categories.csv and issue_keywords.csv.

    Raises ValueError (naming the file lines) for unknown or missing category keys,
    non-integer or repeated priorities, empty phrases, non-positive weights, phrases
    under ``other`` and phrases that fold to the same key more than once.
    """
    folder = Path(reference_dir) if reference_dir is not None else paths.reference_dir()
    cats = pd.read_csv(folder / "issue_categories.csv", dtype=str, keep_default_na=False)
    keys = cats["category"].str.strip()
    if sorted(keys) != sorted(CATEGORIES):
        raise ValueError(f"issue_categories.csv: keys must be exactly {CATEGORIES}, "
                         f"got {list(keys)}")
    prio = pd.to_numeric(cats["priority"], errors="coerce")
    bad = prio.isna() | (prio != prio.round()) | prio.duplicated(keep=False)
    if bad.any():
        raise ValueError(f"issue_categories.csv: priority must be a unique integer "
                         f"(lines {_rows(bad)})")
    cats = cats.assign(category=keys, priority=prio.astype(int))

    kw = pd.read_csv(folder / "issue_keywords.csv", dtype=str, keep_default_na=False)
    kw["category"] = kw["category"].str.strip()
    unknown = ~kw["category"].isin(CATEGORIES)
    if unknown.any():
        raise ValueError(f"issue_keywords.csv: unknown category "
                         f"{sorted(set(kw.loc[unknown, 'category']))} (lines {_rows(unknown)})")
    fallback = kw["category"] == FALLBACK
    if fallback.any():
        raise ValueError(f"issue_keywords.csv: '{FALLBACK}' is the no-match fallback and "
                         f"cannot own phrases (lines {_rows(fallback)})")
    kw["key"] = kw["phrase"].map(phrase_key)
    empty = kw["key"] == ""
    if empty.any():
        raise ValueError(f"issue_keywords.csv: empty phrase (lines {_rows(empty)})")
    weight = pd.to_numeric(kw["weight"], errors="coerce")
    bad_w = weight.isna() | ~(weight > 0)
    if bad_w.any():
        raise ValueError(f"issue_keywords.csv: weight must be a positive number "
                         f"(lines {_rows(bad_w)})")
    dup = kw["key"].duplicated(keep=False)
    if dup.any():
        detail = "; ".join(f"line {i + 2}: {c}/{p}" for i, c, p in
                           kw.loc[dup, ["category", "phrase"]].itertuples())
        raise ValueError(f"issue_keywords.csv: duplicate phrase (after folding) — {detail}")
    kw["weight"] = weight.astype(float)
    return CategoryRules(cats.reset_index(drop=True), kw.reset_index(drop=True))


@lru_cache(maxsize=4)
def _default_rules(folder: Path) -> CategoryRules:
    return load_category_rules(folder)


def default_rules() -> CategoryRules:
    """The bundled rules (data/reference), loaded once."""
    return _default_rules(paths.reference_dir())


def _rules(rules: CategoryRules | None) -> CategoryRules:
    return rules if rules is not None else _default_rules(paths.reference_dir())


def _scores(words: pd.Series, rules: CategoryRules) -> pd.DataFrame:
    """Category scores (columns) for already folded, padded texts (rows)."""
    texts = words.tolist()
    columns = list(rules.priority)
    column_of = {cat: at for at, cat in enumerate(columns)}
    scores = np.zeros((len(texts), len(columns)))
    # a plain loop per phrase: pandas' str.contains costs ~0.3 ms a call even for one text
    for cat, key, weight in zip(*(rules.phrases[c].tolist() for c in ("category", "key", "weight"))):
        needle = f" {key} "
        hit = np.fromiter((needle in text for text in texts), dtype=bool, count=len(texts))
        scores[:, column_of[cat]] += hit * weight
    return pd.DataFrame(scores, index=words.index, columns=columns)


def classify_texts(texts: pd.Series, rules: CategoryRules | None = None) -> pd.Series:
    """Category key per text (same index); NA for missing text, ``other`` if no match.

    Each unique text is folded and scored once, then mapped back to the rows.
    """
    rules = _rules(rules)
    values = texts.astype("object")
    uniques = pd.unique(values[values.notna()])
    words = pd.Series([_words(fold(t)) for t in uniques], dtype="object")
    scores = _scores(words, rules)
    # Column order by priority, so idxmax's first-maximum rule applies the tie-break.
    order = sorted(rules.priority, key=rules.priority.get)
    scores = scores[order]
    best = scores.idxmax(axis=1).where(scores.max(axis=1) > 0, FALLBACK)
    mapping = dict(zip(uniques, best.tolist()))
    out = values.map(mapping).astype("string")
    out.name = "category"
    return out


def explain(text: str, rules: CategoryRules | None = None) -> list[tuple[str, str, float]]:
    """The phrases that match ``text``: (category, phrase as written, weight).

    Sorted by category priority, then by weight (highest first).
    """
    rules = _rules(rules)
    words = _words(fold(text))
    found = [(c, p, float(w)) for c, p, k, w in
             rules.phrases[["category", "phrase", "key", "weight"]].itertuples(index=False)
             if f" {k} " in words]
    prio = rules.priority
    return sorted(found, key=lambda t: (prio[t[0]], -t[2], t[1]))


@lru_cache(maxsize=4)
def _kind_table(folder: Path) -> dict[str, str]:
    table = pd.read_csv(folder / "issue_kinds.csv", dtype=str, keep_default_na=False)
    bad = ~table["kind"].str.strip().isin(KINDS) | (table["phrase"].str.strip() == "")
    if bad.any():
        raise ValueError(f"issue_kinds.csv: bad phrase or kind (lines {_rows(bad)})")
    return {fold(p): k.strip() for p, k in zip(table["phrase"], table["kind"])}


_KIND_SPLIT = re.compile(r"\s*(?:[,;/&+]|\bva\b)\s*")


def _kind_of(value: object, table: dict[str, str]) -> object:
    key = fold(value)
    if key in table:
        return table[key]
    # Combined headings such as "Khó khăn, vướng mắc": every part must agree.
    parts = {table.get(p) for p in _KIND_SPLIT.split(key) if p}
    return parts.pop() if len(parts) == 1 and None not in parts else pd.NA


def classify_kind(values: pd.Series, reference_dir: Path | None = None) -> pd.Series:
    """Kind word (any case, with or without marks) → difficulty|recommendation|advantage.

    Unknown or missing values give NA; the caller decides how to reject them.
    """
    table = _kind_table(Path(reference_dir) if reference_dir else paths.reference_dir())
    objects = values.astype("object")
    uniques = pd.unique(objects[objects.notna()])
    mapping = {u: _kind_of(u, table) for u in uniques}
    out = objects.map(mapping).astype("string")
    out.name = "kind"
    return out
