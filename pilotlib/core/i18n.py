"""The report languages and every user-facing word, looked up by namespaced key.

Words live in ``pilotlib.core.messages`` (one table per namespace: ``label``, ``title``,
``note``, ``reason``, ``hint``, ``warning``, ``cli``, ``flag``); code names a message by
``namespace.key`` and never writes a sentence itself. ``check_lang`` is the one place a
language is checked. ``refusal`` words the error refusing a file (both languages: it is
raised before the user's language is known, as in ``core.errors.file_error``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from pilotlib.core.distinct import factorize_objects
from pilotlib.core.errors import DataError
from pilotlib.core.messages import CATALOG
from pilotlib.core.text import isolate_bidi

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


def both(key: str, why: object = None, **values: object) -> str:
    """A message in both languages, "vi / en": for errors, read before a language is known.
    ``why``: the system's own words (an OSError's strerror), added last: "vi / en: why"."""
    text = f"{say(key, 'vi', **values)} / {say(key, 'en', **values)}"
    return f"{text}: {why}" if why else text


def refusal(path: object, key: str, why: object = None, **values: object) -> DataError:
    """The DataError (exit 2) refusing ``path`` for the reason ``error.<key>``:
    "<path>: <vi> / <en>[: <why>]"."""
    return DataError(f"{path}: {both(f'error.{key}', why, **values)}")


def say_each(key: str, lang: str, **columns: object) -> np.ndarray:
    """``say`` for whole columns: the message once per row, built by joining the
    template's literal parts and the columns (numpy, no per-row formatting); a value
    that is not an array is the same on every row. Placeholders take no format spec."""
    import string

    namespace, _, name = key.partition(".")
    size = max((len(v) for v in columns.values() if isinstance(v, (np.ndarray, pd.Series))), default=1)
    out = np.full(size, "", dtype=object)
    for literal, field, _spec, _conversion in string.Formatter().parse(CATALOG[namespace][name][check_lang(lang)]):
        out = out + literal
        if field is not None:
            value = columns[field]
            out = out + (_texts(value) if isinstance(value, (np.ndarray, pd.Series)) else str(value))
    return out


def _texts(values) -> np.ndarray:
    """A column as an object array of str (text columns as they are, numbers written out)."""
    values = np.asarray(values)
    if values.dtype == object:
        return values
    return values.astype(str).astype(object)


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
    """The reader-facing title of a report (KeyError for a notebook without one); a unit
    name with direction controls cannot reorder the rest of the title."""
    return CATALOG["title"][notebook][check_lang(lang)].format(unit=isolate_bidi(unit))


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
