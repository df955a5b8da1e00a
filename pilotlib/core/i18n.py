"""The report languages and every user-facing word, looked up by namespaced key.

Words live in ``pilotlib.core.messages`` (one table per namespace: ``label``, ``title``,
``note``, ``reason``, ``hint``, ``warning``, ``cli``, ``flag``); code names a message by
``namespace.key`` and never writes a sentence itself. ``check_lang`` is the one place a
language is checked.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from pilotlib.core.distinct import factorize_objects
from pilotlib.core.messages import CATALOG

LANGS = ("vi", "en")


def check_lang(lang: str) -> str:
    """``lang`` when it is a report language; ValueError naming the choices otherwise."""
    if lang not in LANGS:
        raise ValueError(f"lang phải là / must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def say(key: str, lang: str, **values: object) -> str:
    """The message ``namespace.key`` in ``lang``, placeholders filled (KeyError if unknown)."""
    namespace, _, name = key.partition(".")
    return CATALOG[namespace][name][check_lang(lang)].format(**values)


def both(key: str, **values: object) -> str:
    """The message in Vietnamese, then English: "vi / en" (errors reach the analyst as they are)."""
    return f"{say(key, 'vi', **values)} / {say(key, 'en', **values)}"


def has(key: str) -> bool:
    namespace, _, name = key.partition(".")
    return name in CATALOG.get(namespace, {})


def label(key: str, lang: str) -> str:
    """A reader-facing label (``label.<key>``); unknown keys are returned as they are
    (column names without a label stay readable)."""
    check_lang(lang)
    table = CATALOG["label"].get(key)
    return table[lang] if table else key


def title(notebook: str, lang: str, unit: str = "") -> str:
    """The reader-facing title of a report (KeyError for a notebook without one)."""
    return CATALOG["title"][notebook][check_lang(lang)].format(unit=unit)


def provenance_label(provenance: str, lang: str) -> str:
    """'source+illustrative' → readable words in the report language."""
    parts = [p for p in str(provenance).split("+") if p]
    return ", ".join(label(f"prov_{p}", lang) for p in parts)


def hint(key: str | None, lang: str, value: object = "") -> str:
    """A "did you mean …" (or other) tail for a reason; "" without a key."""
    return say(f"hint.{key}", lang, value=value) if key else ""


def reasons(keys: pd.Series, values: pd.Series, hints: pd.Series, lang: str) -> np.ndarray:
    """Format ``reason.<key>`` per row, once per distinct (key, value, hint) triple."""
    parts = [pd.Series(p.to_numpy(object), dtype=object).astype(str) for p in (keys, values, hints)]
    codes, uniques = factorize_objects((parts[0] + "\x1f" + parts[1] + "\x1f" + parts[2]).to_numpy(object))
    triples = ((u.split("\x1f", 1)[0], *u.split("\x1f", 1)[1].rsplit("\x1f", 1)) for u in uniques)
    table = np.array([say(f"reason.{k}", lang, value=v, hint=h) for k, v, h in triples], dtype=object)
    return table[codes]
