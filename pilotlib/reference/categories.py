"""An analyst's own issue categories: a small file that adds topics (or keywords to the
bundled ones), so a statement about, say, training is classified as such instead of
"other", and a list that names such a category is not rejected.

Why a file and not code: the bundled topics fit the pilot's reviews; another review asks
other questions. The file is recognised by its header wherever a data set is loaded
(``--data`` folder) or given with ``--categories FILE``::

    category,label_vi,label_en,keywords
    training,"Đào tạo, tập huấn",Training,đào tạo|tập huấn|bồi dưỡng

``category`` is a key (lower-case letters, digits, "_"); ``label_vi`` and ``label_en``
are what reports show (required for a new category); ``keywords`` are "|"-separated
phrases matched like ``issue_keywords.csv`` (whole words, marks and case ignored);
optional ``weight`` (default 3, a core term) and ``description_vi`` / ``description_en``.
A row naming a bundled category only adds keywords to it. A keyword the bundled lists give
to another category moves to the file's category (the analyst decides what "đào tạo" is
about). New categories rank after the bundled ones on equal scores. Every problem of the file is listed at once, with its line.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from pilotlib.core.errors import VocabularyError
from pilotlib.core.i18n import say
from pilotlib.core.io import read_csv_text
from pilotlib.core.text import fold
from pilotlib.reference.topics import FALLBACK, CategoryRules, default_rules, phrase_key

COLUMNS = ("category", "label_vi", "label_en", "keywords")  # the header that names such a file
DEFAULT_WEIGHT = 3.0
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def _both(key: str, **values: object) -> str:
    return f"{say(f'error.{key}', 'vi', **values)} / {say(f'error.{key}', 'en', **values)}"


def read_categories(path: str | os.PathLike[str]) -> pd.DataFrame:
    """An analyst's categories file as text cells (VocabularyError when it is not one)."""
    path = Path(path)
    if not path.is_file():
        raise VocabularyError(f"{path}: {_both('categories_missing')}")
    return _with_columns(read_csv_text(path), str(path))


def _with_columns(table: pd.DataFrame, origin: str) -> pd.DataFrame:
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise VocabularyError(f"{origin}: {_both('categories_columns', columns=', '.join(missing))}")
    return table


def extend(rules: CategoryRules, extra: pd.DataFrame, origin: str = "") -> CategoryRules:
    """``rules`` plus the categories and keywords of ``extra`` (a categories file's rows)."""
    extra = _with_columns(extra, origin or "categories").fillna("").astype(str)
    extra = extra.apply(lambda column: column.str.strip())
    known = rules.categories.set_index("category")
    problems, new_rows, phrases = [], [], []
    taken: dict[str, str] = {}  # phrases of this file (a bundled phrase it names moves to it)
    priority = int(rules.categories["priority"].max())
    for line, row in zip(range(2, len(extra) + 2), extra.to_dict("records")):
        key = row["category"]
        if not _KEY.match(key):
            problems.append(_both("categories_key", line=line, value=key))
            continue
        if key == FALLBACK:
            problems.append(_both("categories_fallback", line=line, value=key))
            continue
        if key in known.index:  # a bundled category: keywords only, labels as bundled
            for lang in ("vi", "en"):
                given = row.get(f"label_{lang}", "")
                if given and fold(given) != fold(known.loc[key, f"label_{lang}"]):
                    problems.append(_both("categories_label", line=line, value=given, category=key))
        elif key not in {r["category"] for r in new_rows}:
            if not (row.get("label_vi") and row.get("label_en")):
                problems.append(_both("categories_labels", line=line, category=key))
            priority += 1
            new_rows.append({"category": key, "priority": priority, "label_vi": row.get("label_vi", ""),
                             "label_en": row.get("label_en", ""), "description_vi": row.get("description_vi", ""),
                             "description_en": row.get("description_en", "")})
        weight = pd.to_numeric(row.get("weight", "") or DEFAULT_WEIGHT, errors="coerce")
        if not weight > 0:
            problems.append(_both("categories_weight", line=line, value=row.get("weight", "")))
            continue
        words = [w.strip() for w in re.split(r"[|;]", row["keywords"]) if w.strip()]
        if not words:
            problems.append(_both("categories_keywords", line=line, category=key))
        for phrase in words:
            folded = phrase_key(phrase)
            if folded in taken:
                problems.append(_both("categories_phrase", line=line, value=phrase, category=taken[folded]))
                continue
            taken[folded] = key
            phrases.append({"category": key, "phrase": phrase, "weight": float(weight), "note": "", "key": folded})
    if problems:
        raise VocabularyError(f"{origin or 'categories'}: " + "; ".join(problems))
    categories = pd.concat([rules.categories, pd.DataFrame(new_rows, columns=rules.categories.columns)],
                           ignore_index=True).fillna("")
    categories["priority"] = categories["priority"].astype(int)
    bundled = rules.phrases[~rules.phrases["key"].isin(taken)]
    keywords = pd.concat([bundled, pd.DataFrame(phrases, columns=rules.phrases.columns)], ignore_index=True)
    return CategoryRules(categories, keywords)


def rules_with(extra: str | os.PathLike[str] | pd.DataFrame | None = None, origin: str = "") -> CategoryRules:
    """The bundled rules, extended by a categories file (path) or its rows (frame) if given."""
    if extra is None:
        return default_rules()
    if isinstance(extra, pd.DataFrame):
        return extend(default_rules(), extra, origin)
    return extend(default_rules(), read_categories(extra), origin or str(extra))
