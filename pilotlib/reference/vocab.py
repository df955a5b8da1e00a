"""Reference vocabularies (units, bodies, positions) and matching raw names to them.

A raw value matches when its folded key (``core.text``) equals the folded key
of a canonical name or one of its aliases. Matching never rewrites silently: a value
that matches nothing stays unmatched, with a "did you mean …" suggestion for the
reject reason. Keys are computed once per unique value.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from pilotlib.core import paths
from pilotlib.core.distinct import each_distinct
from pilotlib.core.errors import DataError, VocabularyError
from pilotlib.core.io import read_csv_text
from pilotlib.core.text import fold, fold_unit
from pilotlib.reference.validate import validate


@dataclass(frozen=True)
class Vocabulary:
    """Folded key → canonical name, built from a reference table."""

    name: str
    table: pd.DataFrame
    key_column: str
    keys: dict[str, str]
    key: Callable[[object], str]

    def match(self, values: pd.Series) -> pd.Series:
        """Canonical name per value; NA where nothing matches (callers reject those)."""
        return each_distinct(values, lambda value: self.keys.get(self.key(value)))

    def suggest(self, value: object) -> str | None:
        """The closest canonical name, for a "did you mean …" hint (never applied)."""
        close = _closest(self.key(value), tuple(self.keys), SUGGEST_CUTOFF)
        return self.keys[close] if close is not None else None

    def lookup(self, canonical: pd.Series, column: str) -> pd.Series:
        """Another column of the reference table (e.g. unit_code) for matched names."""
        return canonical.map(self.table.set_index(self.key_column)[column])


SUGGEST_CUTOFF = 0.6


@lru_cache(maxsize=8)
def _letter_counts(keys: tuple[str, ...]) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """Per key: its length and how often each character occurs (a column per character)."""
    lengths = np.array([len(k) for k in keys], dtype=np.int64)
    chars = np.frombuffer("".join(keys).encode("utf-32-le"), dtype=np.uint32)
    alphabet, column = np.unique(chars, return_inverse=True)
    row = np.repeat(np.arange(len(keys)), lengths)
    counts = np.bincount(row * len(alphabet) + column, minlength=len(keys) * len(alphabet))
    return ({chr(c): i for i, c in enumerate(alphabet.tolist())},
            counts.reshape(len(keys), len(alphabet)).astype(np.int32), lengths)


def _closest(key: str, keys: tuple[str, ...], cutoff: float) -> str | None:
    """``difflib.get_close_matches(key, keys, n=1, cutoff=cutoff)``'s answer (None for
    none), without a SequenceMatcher per key: a national vocabulary has 10⁴ keys.

    difflib's two quick bounds of the ratio (length, then characters in common) are
    computed for every key at once with numpy, as difflib computes them (2.0 * matches /
    total length); keys are then tried from the highest bound down, until the bound
    falls below the best ratio found — no key after that can reach it."""
    if len(keys) < 200:
        found = difflib.get_close_matches(key, keys, n=1, cutoff=cutoff)
        return found[0] if found else None
    alphabet, counts, lengths = _letter_counts(keys)
    wanted = np.zeros(counts.shape[1], dtype=np.int32)
    for char in key:
        if char in alphabet:
            wanted[alphabet[char]] += 1
    total = lengths + len(key)
    with np.errstate(divide="ignore", invalid="ignore"):
        short = np.where(total > 0, 2.0 * np.minimum(lengths, len(key)) / total, 1.0)
        common = np.where(total > 0, 2.0 * np.minimum(counts, wanted).sum(axis=1) / total, 1.0)
    near = np.flatnonzero((short >= cutoff) & (common >= cutoff))
    near = near[np.argsort(-common[near], kind="stable")]
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(key)
    best: tuple[float, str] | None = None
    for position in near.tolist():
        if best is not None and common[position] < best[0]:
            break
        matcher.set_seq1(keys[position])
        ratio = matcher.ratio()
        if ratio >= cutoff and (best is None or (ratio, keys[position]) > best):
            best = (ratio, keys[position])
    return best[1] if best else None


def _aliases(cell: str) -> list[str]:
    return [a.strip() for a in str(cell).split("|") if a.strip()]


def build(name: str, table: pd.DataFrame, key_column: str,
          name_columns: tuple[str, ...] = (), key: Callable[[object], str] = fold) -> Vocabulary:
    """Index every canonical name, extra name column and alias; collisions are errors."""
    keys: dict[str, str] = {}
    clashes: list[str] = []
    for row in table.to_dict("records"):
        canonical = row[key_column]
        names = [canonical, *(row.get(c, "") for c in name_columns), *_aliases(row.get("aliases", ""))]
        for raw in names:
            folded = key(raw)
            if not folded:
                continue
            other = keys.setdefault(folded, canonical)
            if other != canonical:
                clashes.append(f"'{raw}' → '{other}' và/and '{canonical}'")
    if clashes:
        raise VocabularyError(
            f"{name}: một tên trỏ tới hai mục / a name points to two entries: " + "; ".join(clashes)
        )
    return Vocabulary(name, table, key_column, keys, key)


def _read_reference(file: str) -> pd.DataFrame:
    return read_csv_text(paths.reference_dir() / file)


def load_units_table(extra: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Bundled units plus an analyst's extra units file (same columns), validated."""
    frames = [_read_reference("units.csv")]
    if extra:
        extra_path = Path(extra)
        if not extra_path.exists():
            raise DataError(f"{extra_path}: không tồn tại / does not exist")
        frames.append(read_csv_text(extra_path))
    table = pd.concat(frames, ignore_index=True).fillna("")
    duplicated = table.loc[table["unit"].duplicated(), "unit"].tolist()
    if duplicated:
        raise VocabularyError(f"units: tên đơn vị trùng / unit listed twice: {', '.join(duplicated)}")
    return validate(table, "units", origin=str(extra or "data/reference/units.csv"))


def units(extra: str | os.PathLike[str] | None = None) -> Vocabulary:
    """Units vocabulary: names folded without "Huyện", "H.", "TP." prefixes."""
    if extra:
        return build("units", load_units_table(extra), "unit", ("full_name_vi", "name_en"), fold_unit)
    return _bundled_units()


@lru_cache(maxsize=1)
def _bundled_units() -> Vocabulary:
    return build("units", load_units_table(), "unit", ("full_name_vi", "name_en"), fold_unit)


def _with_extra(file: str, kind: str, key_column: str, extra: str | os.PathLike[str] | None) -> pd.DataFrame:
    """A bundled vocabulary plus an analyst's file in the same columns (validated). A row
    repeating a bundled one (a copy of the whole file with lines added, or a bundled name
    with cells left empty: they keep the bundled values) adds nothing; a bundled name given
    other values is an error naming it."""
    bundled = _read_reference(file)
    if not extra:
        return bundled
    path = Path(extra)
    if not path.exists():
        raise DataError(f"{path}: không tồn tại / does not exist")
    added = validate(read_csv_text(path).fillna(""), kind, origin=str(path))
    shared = [c for c in bundled.columns if c in added.columns]
    known = bundled.set_index(key_column)
    again = added[key_column].isin(known.index)
    changed = [name for name, row in added[again].set_index(key_column)[shared[1:]].iterrows()
               if any(str(row[c]) not in ("", str(known.at[name, c])) for c in shared[1:])]
    if changed:
        raise VocabularyError(f"{path}: đã có trong danh mục kèm theo nhưng khác / already in the bundled "
                              f"{file} with other values: {', '.join(changed)}")
    return pd.concat([bundled, added[~again]], ignore_index=True).fillna("")


def bodies(extra: str | os.PathLike[str] | None = None) -> Vocabulary:
    """Organisations (old structure) and the pilot agency's leadership and boards (plus an
    analyst's bodies file in the columns of ``bodies.csv``)."""
    if extra:
        return build("bodies", _with_extra("bodies.csv", "bodies", "body", extra), "body", ("name_en",))
    return _bundled_bodies()


@lru_cache(maxsize=1)
def _bundled_bodies() -> Vocabulary:
    return build("bodies", _read_reference("bodies.csv"), "body", ("name_en",))


def positions(extra: str | os.PathLike[str] | None = None) -> Vocabulary:
    """Position titles, each with its group (leadership / specialist / support), plus an
    analyst's positions file in the columns of ``positions.csv``."""
    if extra:
        return build("positions", _with_extra("positions.csv", "positions", "position", extra), "position",
                     ("name_en",))
    return _bundled_positions()


@lru_cache(maxsize=1)
def _bundled_positions() -> Vocabulary:
    return build("positions", _read_reference("positions.csv"), "position", ("name_en",))


@dataclass(frozen=True)
class Vocabularies:
    """The body and position vocabularies one data set is read with: the bundled ones, or
    with the data set's own bodies/positions files added (``--data`` folders may hold them)."""

    bodies: Vocabulary
    positions: Vocabulary
    bodies_file: Path | None = None
    positions_file: Path | None = None


def vocabularies(bodies_file: str | os.PathLike[str] | None = None,
                 positions_file: str | os.PathLike[str] | None = None) -> Vocabularies:
    return Vocabularies(bodies(bodies_file), positions(positions_file),
                        Path(bodies_file) if bodies_file else None, Path(positions_file) if positions_file else None)


def body_label(names: list[str], lang: str) -> list[str]:
    """Canonical body names in the report language (bodies.csv has name_en)."""
    if lang == "vi":
        return list(names)
    english = dict(zip(bodies().table["body"], bodies().table["name_en"]))
    return [english.get(name) or name for name in names]


def bodies_of_type(body_type: str) -> list[str]:
    """Canonical bodies of one type (organisation, leadership, board), in vocabulary order."""
    table = bodies().table
    return table.loc[table["body_type"] == body_type, "body"].tolist()


def default_members() -> list[str]:
    """The organisations taken to have joined the joint agency when the data do not say
    (configuration: ``default_member`` of bodies.csv, not data)."""
    table = bodies().table
    return table.loc[(table["side"] == "old") & (table["default_member"] == "yes"), "body"].tolist()


def leadership_role(positions: pd.Series) -> pd.Series:
    """"deputy" for a leadership title that starts with "Phó" (Phó Chủ tịch, Phó Bí thư,
    Phó trưởng khối, Phó trưởng ban — the deputies the 2025 rules cap), "head" for every
    other title, "" for an empty one. The rule reads the title itself, so it holds for a
    data set's own positions file too."""
    def role(title: object) -> str:
        words = fold(title).split()
        return "" if not words else "deputy" if words[0] == "pho" else "head"
    return each_distinct(positions, role)
