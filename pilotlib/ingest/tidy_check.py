"""Check the rows of a tidy staffing table or issue list against the vocabularies, row by row.

A tidy CSV (written by `normalize`, `extract`, or by hand) is used as it is, so it must
already say everything the canonical way: a unit is a canonical name of the unit
reference (the national lists, ``reference/units.csv`` and ``--units``; a code and its
list, when given, must be that unit's), a body or position is canonical
or empty, a position's group is the one ``reference/positions.csv`` gives it, posts are
whole numbers from 0 to ``reference.schema.max_posts()`` (100 000 unless
PILOTLIB_MAX_POSTS says otherwise), structure is ``old`` or ``pilot``. A row that breaks any of this is
not used: it goes to the data set's rejects (file, sheet "", line of the CSV, column,
value, reason) — with "did you mean …" when the value is another spelling of a canonical
name, never a silent rewrite — exactly as a bad row of a raw file is. One bad cell costs
its row, not the run. A row ``extract`` flagged for review (non-empty ``flag``) is
rejected whatever it holds: nobody has checked its figure yet.

Every check runs once per distinct value (or distinct position/group or unit/code pair)
and is mapped back by position; no Python loop over rows. Rows repeating another row's
key are found across all files of a data set (``data.load`` with ``ingest.duplicates``),
which is why ``Checked.lines`` keeps each usable row's line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from pilotlib.core.distinct import apply_distinct, factorize_objects
from pilotlib.core.i18n import check_lang, hint, say
from pilotlib.reference import unit_resolve, vocab
from pilotlib.reference.schema import (
    CATEGORIES,
    KINDS,
    POSITION_GROUPS,
    PROVENANCES,
    REJECTS_COLUMNS,
    STRUCTURES,
    max_posts,
)
from pilotlib.reference.validate import validate

_WHOLE = re.compile(r"^\s*\+?\d+\s*$")
_NEGATIVE = re.compile(r"^\s*-\s*\d+(?:[.,]\d+)?\s*$")
_DECIMAL = re.compile(r"^\s*\+?\d+[.,]\d+\s*$")
_DIGITS = re.compile(r"^\d*$")


def _why(key: str, lang: str, **values: object) -> str:
    """A problem as one string, "key\x1freason", so it is computed once per distinct value."""
    return f"{key}\x1f{say(f'reason.{key}', lang, **values)}"


@dataclass
class Checked:
    """The usable rows (validated, typed) and one reject per unusable row."""

    kept: pd.DataFrame
    rejects: pd.DataFrame
    lines: np.ndarray | None = None  # the CSV line of each kept row (header = line 1)


class _Found:
    """Problems found per row, column by column; several problems of a row joined with "; "."""

    def __init__(self, size: int):
        self.size = size
        self.parts: list[tuple[np.ndarray, str, np.ndarray, np.ndarray, np.ndarray]] = []

    def add(self, column: str, values: pd.Series, why: np.ndarray, skip: np.ndarray) -> None:
        """``why`` per row (``_why`` strings, "" = fine); rows in ``skip`` are not reported again."""
        bad = (why != "") & ~skip
        if bad.any():
            codes, uniques = factorize_objects(why[bad])
            keys = apply_distinct(None, lambda w: w.split("\x1f", 1)[0], distinct=(codes, uniques))
            reasons = apply_distinct(None, lambda w: w.split("\x1f", 1)[1], distinct=(codes, uniques))
            self.parts.append((bad, column, values.to_numpy(dtype=object), keys, reasons))

    def bad(self) -> np.ndarray:
        out = np.zeros(self.size, dtype=bool)
        for mask, *_ in self.parts:
            out |= mask
        return out

    def frame(self) -> pd.DataFrame:
        rows = np.flatnonzero(self.bad())
        out = {name: np.full(len(rows), "", dtype=object) for name in ("column", "value", "reason", "reason_key")}
        started = np.zeros(len(rows), dtype=bool)
        for mask, column, values, keys, reasons in self.parts:
            at = np.searchsorted(rows, np.flatnonzero(mask))
            for name, new in (("column", np.full(len(at), column, dtype=object)),
                              ("value", values[mask].astype(str)), ("reason", reasons), ("reason_key", keys)):
                out[name][at] = np.where(started[at], out[name][at] + "; " + new, new)
            started[at] = True
        return pd.DataFrame({"pos": rows, **out})


def per_value(values: pd.Series, answer: Callable[[str], str]) -> np.ndarray:
    """``answer`` once per distinct cell (cells of a tidy CSV are text, never missing)."""
    return apply_distinct(values.to_numpy(dtype=object), answer)


def _name_reason(vocabulary, canonical: set[str], lang: str, unknown_key: str, required: bool,
                 fallback_hint: str | None) -> Callable[[str], str]:
    def answer(value: str) -> str:
        if value == "":
            return _why("empty_unit", lang) if required else ""
        if value in canonical:
            return ""
        match = vocabulary.keys.get(vocabulary.key(value))
        if match:
            return _why("not_canonical", lang, value=value, hint=hint("did_you_mean", lang, match))
        suggestion = vocabulary.suggest(value)
        tail = hint("did_you_mean", lang, suggestion) if suggestion else hint(fallback_hint, lang)
        return _why(unknown_key, lang, value=value, hint=tail)
    return answer


def _unit_reason(reference, lang: str, required: bool) -> Callable[[str], str]:
    """A unit must be a canonical name of the unit reference; another spelling of one unit
    is named, of several units all are listed (a tidy table is never rewritten)."""
    labels = reference.labels

    def answer(value: str) -> str:
        if value == "":
            return _why("empty_unit", lang) if required else ""
        if value in labels:
            return ""
        match = unit_resolve.resolve(reference, value)
        if match.status in (unit_resolve.OK, unit_resolve.MISMATCH):
            return _why("not_canonical", lang, value=value,
                        hint=hint("did_you_mean", lang, reference.unit_of[match.entry]))
        if match.status == unit_resolve.AMBIGUOUS:
            shown = ", ".join(f"'{reference.unit_of[i]}'" for i in match.candidates)
            return _why("not_canonical", lang, value=value, hint=hint("one_of", lang, shown))
        suggestion = reference.suggest(value)
        tail = hint("did_you_mean", lang, suggestion) if suggestion else hint("add_with_units", lang)
        return _why("unknown_unit", lang, value=value, hint=tail)
    return answer


def _code_reason(reference, lang: str, column: str) -> Callable[[str], str]:
    """"unit\x1fcode\x1fvintage": the vintage names a list (``column`` "code_vintage"), and a
    code given with a known unit is that unit's code in that list ("unit_code"; codes were
    reused, so never across lists)."""
    allowed = ", ".join(p.list_id for p in reference.periods)
    labels = reference.labels

    def answer(triple: str) -> str:
        unit, code, vintage = triple.split("\x1f")
        listed = reference.list_for(vintage) if vintage else ""
        if vintage and not listed:
            return _why("bad_vintage", lang, value=vintage, allowed=allowed) if column == "code_vintage" else ""
        if column == "code_vintage" or not code or not _DIGITS.match(code) or unit not in labels:
            return ""
        own = [i for i in reference.by_code.get(code.lstrip("0") or "0", ()) if reference.unit_of[i] == unit]
        if any(not listed or reference.list_of[i] == listed for i in own):
            return ""
        theirs = [i for i in range(len(reference.unit_of)) if reference.unit_of[i] == unit
                  and (not listed or reference.list_of[i] == listed)]
        expected = f"{reference.code_of[theirs[0]]} ({unit})" if theirs else f"— ({unit})"
        return _why("code_mismatch", lang, value=code, hint=expected)
    return answer


def _one_of(values: tuple[str, ...], key: str, lang: str, **extra: object) -> Callable[[str], str]:
    return lambda value: "" if value in values else _why(key, lang, value=value, **extra)


def _posts_reason(lang: str) -> Callable[[str], str]:
    most = max_posts()

    def answer(value: str) -> str:
        if _WHOLE.match(value):
            if int(value.strip().lstrip("+")) > most:  # never an int64 overflow later
                return _why("too_large", lang, value=value, hint=hint("max_posts", lang, f"{most:,}"))
            return ""
        if not value.strip():
            return _why("empty", lang)
        if _NEGATIVE.match(value):
            return _why("negative", lang, value=value)
        if _DECIMAL.match(value):
            return _why("not_whole", lang, value=value)
        return _why("not_number", lang, value=value)
    return answer


def _groups(frame: pd.DataFrame, positions, lang: str) -> np.ndarray:
    """position_group per row: the position's own group when a canonical position is
    given, else one of the allowed groups; checked once per distinct (position, group)."""
    known = dict(zip(positions.table["position"], positions.table["position_group"]))
    pairs = frame["position"].astype(str) + "\x1f" + frame["position_group"].astype(str)

    def answer(pair: str) -> str:
        position, group = pair.split("\x1f", 1)
        expected = known.get(position)
        if expected is not None and group != expected:
            return _why("group_mismatch", lang, value=group, position=position, expected=expected)
        if group not in POSITION_GROUPS:
            return _why("unknown_group", lang, value=group)
        return ""
    return per_value(pairs, answer)


def check(frame: pd.DataFrame, kind: str, file: Path, units, lang: str = "vi",
          vocabularies: vocab.Vocabularies | None = None,
          categories: tuple[str, ...] = CATEGORIES) -> Checked:
    """Split a tidy ``staffing``/``issues`` table (text cells, as read) into validated usable
    rows and rejects; any other table only loses its flagged rows. ``units``: the unit
    reference (``unit_reference``); ``vocabularies``: bodies and positions (default bundled)."""
    check_lang(lang)
    frame = frame.reset_index(drop=True)
    found = _Found(len(frame))
    none = np.zeros(len(frame), dtype=bool)
    flagged = none
    if "flag" in frame.columns:
        flags = frame["flag"].astype(str)
        flagged = (flags.str.strip() != "").to_numpy()
        found.add("flag", flags, per_value(flags, lambda f: _why("flagged", lang, value=f) if f.strip() else ""), none)
    cells = {c: frame[c].astype(str) for c in frame.columns}

    def test(column: str, answer: Callable[[str], str]) -> None:
        found.add(column, cells[column], per_value(cells[column], answer), flagged)

    if kind == "staffing":
        names = vocabularies or vocab.vocabularies()
        bodies, positions = names.bodies, names.positions
        test("unit", _unit_reason(units, lang, True))
        test("unit_code", lambda v: "" if _DIGITS.match(v) else _why("bad_code", lang, value=v))
        triples = cells["unit"] + "\x1f" + cells["unit_code"] + "\x1f" + cells["code_vintage"]
        for column in ("code_vintage", "unit_code"):
            found.add(column, cells[column], per_value(triples, _code_reason(units, lang, column)), flagged)
        test("structure", _one_of(STRUCTURES, "bad_structure", lang))
        test("body", _name_reason(bodies, set(bodies.table["body"]), lang, "unknown_body", False, None))
        position_reason = per_value(cells["position"], _name_reason(
            positions, set(positions.table["position"]), lang, "unknown_position", False, None))
        found.add("position", cells["position"], position_reason, flagged)
        found.add("position_group", cells["position_group"], _groups(frame, positions, lang),
                  flagged | (position_reason != ""))
        test("posts", _posts_reason(lang))
    elif kind == "issues":
        test("unit", _unit_reason(units, lang, False))
        test("kind", _one_of(KINDS, "bad_kind", lang))
        test("category", _one_of(categories, "bad_category", lang, allowed=", ".join(categories)))
        test("text", lambda v: "" if v.strip() else _why("empty_text", lang))
    if kind in ("staffing", "issues"):
        test("provenance", _one_of(PROVENANCES, "bad_provenance", lang))

    problems = found.frame()
    bad = found.bad()
    kept = frame[~bad].reset_index(drop=True)
    lines = np.flatnonzero(~bad) + 2  # header = line 1
    if kind == "staffing":
        kept["posts"] = per_value(kept["posts"], lambda v: v.strip().lstrip("+")).astype(np.int64)
    if kind in ("staffing", "issues"):
        kept = validate(kept, kind, origin=str(file))
    rejects = pd.DataFrame({
        "source_file": file.name, "sheet": "",
        "source_row": (problems["pos"].to_numpy(dtype=np.int64) + 2).astype(str).astype(object),  # header = line 1
        "column": problems["column"].to_numpy(object), "value": problems["value"].to_numpy(object),
        "reason": problems["reason"].to_numpy(object), "reason_key": problems["reason_key"].to_numpy(object),
    }, columns=REJECTS_COLUMNS)
    return Checked(kept, rejects, lines)
