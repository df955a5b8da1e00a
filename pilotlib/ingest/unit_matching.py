"""The unit of every row of a sheet: its name (or code) read in the row's context, once per
distinct (name, code, province, district, date) combination.

Context comes from the row (a province or district column, a date or period column, the
code), from the file (places named in its title rows or sheet name) and from the options
(``--province``, ``--as-of``); ``reference.unit_resolve`` decides. What cannot be decided
becomes a problem of the row — unknown, not there or then, several candidates (listed),
a contradicting code, an unknown place, a date that is no date — so the row is rejected
with the reason, never matched by a guess.

Subtotal rows ("Cộng Lâm Hà", "Tổng huyện Lâm Hà", "Cộng: Lâm Hà") are recognised here
too: a total word followed by a unit name. They are skipped as totals and checked against
the rows of that unit (``ingest.subtotals``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pilotlib.core.errors import DataError
from pilotlib.core.i18n import hint, say
from pilotlib.core.text import fold, fold_unit, marked_unit_key, nfc
from pilotlib.ingest.matching import Coded, coded_answers
from pilotlib.reference import header_words
from pilotlib.reference.periods import Interval, narrow, parse_period, show_period
from pilotlib.reference.unit_reference import UnitReference, unit_reference
from pilotlib.reference.unit_resolve import (
    AMBIGUOUS,
    EMPTY,
    MISMATCH,
    OK,
    OUTSIDE,
    UNKNOWN,
    Area,
    Context,
    Match,
    resolve,
    resolve_place,
    written,
)

SHOWN_CANDIDATES = 6
_DIGITS = re.compile(r"^\d+$")
_PLACE_WORDS = {"tinh": "province", "thanh pho": None, "tp": None, "huyen": "district", "quan": "district",
                "thi xa": "district", "tx": "district"}


@dataclass(frozen=True)
class Scope:
    """The unit options of one run (``--units``, ``--province``, ``--as-of``), resolved once."""

    reference: UnitReference
    areas: frozenset[Area] | None = None
    period: Interval | None = None
    province: str = ""


def _both(key: str, **values: object) -> str:
    return f"{say(key, 'vi', **values)} / {say(key, 'en', **values)}"


def make_scope(units_file=None, province: str | None = None, as_of: str | None = None,
               reference: UnitReference | None = None) -> Scope:
    """Resolve the options; an unknown province or a date that is no date is unusable
    input (DataError, exit 2), named with what was meant."""
    reference = reference or unit_reference(units_file)
    period = None
    if as_of:
        period = parse_period(as_of)
        if period is None:
            raise DataError(f"--as-of: {_both('reason.bad_date', value=as_of)}")
    areas = None
    if province:
        match, areas = resolve_place(reference, province, "province")
        if period is not None and match.status in (OK, AMBIGUOUS):
            # The date decides between provinces of one name (Lào Cai before and after
            # 2025-07); the province's areas still span every list, for rows dated otherwise.
            dated, dated_areas = resolve_place(reference, province, "province", Context(period=period))
            if dated.status == OK and (match.status != OK
                                       or reference.place_of[dated.entry] != reference.place_of[match.entry]):
                match, areas = resolve_place(reference, reference.unit_of[dated.entry], "province")
                if match.status != OK:
                    match, areas = dated, dated_areas
        if match.status != OK:
            key = "reason." + _place_reason(match.status, "province")
            tails = [_hint(reference, match, "vi", province), _hint(reference, match, "en", province)]
            raise DataError(f"--province: {say(key, 'vi', value=province, hint=tails[0])} / "
                            f"{say(key, 'en', value=province, hint=tails[1])}")
    return Scope(reference, areas, period, province or "")


@dataclass
class RowUnits:
    """Per grid row: the unit entry (-1: none), whether the unit cell names a unit at all,
    subtotal rows and the entries they add up. Problems are kept per distinct combination
    (``group``: row → combination), by role (key, hint), and only for roles that have any."""

    entry: np.ndarray
    known: np.ndarray
    subtotal: np.ndarray
    subtotal_of: dict[int, tuple[int, ...]] = field(default_factory=dict)
    group: np.ndarray | None = None
    problems: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    def problem(self, role: str, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(keys, hints) of ``role`` for the grid rows ``rows`` ("" = no problem)."""
        if role not in self.problems:
            return np.full(len(rows), "", dtype=object), np.full(len(rows), "", dtype=object)
        keys, hints = self.problems[role]
        return keys[self.group[rows]], hints[self.group[rows]]


def _combine(columns: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """One id per distinct combination of the code columns, and a row holding each."""
    group = np.zeros(len(next(c for c in columns if c is not None)), dtype=np.int64)
    for codes in columns:
        if codes is None or len(codes) and codes.min() == codes.max():
            continue  # a column that is absent (or holds one value) splits nothing
        group, _ = pd.factorize(group * (int(codes.max()) + 1) + codes)
    _, first = np.unique(group, return_index=True)
    return group, first


def _codes(texts: dict[str, pd.Series], text_codes: dict, role: str) -> tuple[np.ndarray | None, np.ndarray]:
    """(code per row, distinct texts) of a column; (None, [""]) when the column is absent."""
    if role not in texts:
        return None, np.array([""], dtype=object)
    known = text_codes.get(role)
    if known is not None:
        codes, uniques = known
        codes = np.where(codes < 0, len(uniques), codes)
        return codes, np.append(np.asarray(uniques, dtype=object), "")
    codes, uniques = pd.factorize(texts[role].to_numpy(dtype=object))
    return codes, np.asarray(uniques, dtype=object)


def _candidates_hint(reference: UnitReference, ids: tuple[int, ...], lang: str) -> str:
    shown = "; ".join(reference.describe(i, lang) for i in ids[:SHOWN_CANDIDATES])
    more = say("hint.more", lang, value=len(ids) - SHOWN_CANDIDATES) if len(ids) > SHOWN_CANDIDATES else ""
    return say("hint.one_of", lang, value=shown + more) if shown else ""


def _hint(reference: UnitReference, match: Match, lang: str, value: str, where: str = "") -> str:
    """The tail of a reason: where/when it was looked for, then the candidates."""
    if match.status == UNKNOWN:
        suggestion = reference.suggest(value) if value else None
        return hint("did_you_mean", lang, suggestion) if suggestion else hint("add_with_units", lang)
    if match.status == MISMATCH:
        return f"{reference.code_of[match.entry]} ({reference.unit_of[match.entry]})"
    tail = _candidates_hint(reference, match.candidates, lang)
    if match.status == AMBIGUOUS:
        tail += hint("add_context", lang)
    return where + tail


def _place_reason(status: str, level: str) -> str:
    """The reason key of a place name that is not OK: one known only at another level, time
    or (for a district) province is "no province/district" there, not an unknown place."""
    return {AMBIGUOUS: "ambiguous_place", OUTSIDE: f"{level}_outside"}.get(status, "unknown_place")


def _where(lang: str, place: str, period: Interval | None) -> str:
    out = say("hint.in_place", lang, value=place) if place else ""
    return out + (say("hint.in_period", lang, value=show_period(period)) if period else "")


def _title_phrases(titles: list[str]) -> list[tuple[list[str], list[str]]]:
    """The titles' comma-separated phrases as folded words, each with the word as written
    (lower case): a name never runs across a comma, and "tỉnh" is told from "Tĩnh"."""
    phrases = []
    for title in titles:
        for phrase in nfc(title).lower().split(","):
            words, written = [], []
            for token in phrase.split():
                for word in fold(token).split():
                    words.append(word)
                    written.append(token)
            phrases.append((words, written))
    return phrases


def _ends_before_a_place(reference: UnitReference, words: list[str], as_written: list[str], end: int) -> bool:
    """Whether a bare name ending at ``end`` ends in a place word typed without marks that
    names a place with the words after it: "huyen lam ha tinh lam dong" is "…Lâm Hà, tỉnh
    Lâm Đồng", not "Hà Tĩnh". Written "TĨNH", with marks, the word is a name's."""
    word = words[end - 1]
    if _PLACE_WORDS.get(word) is None or end == len(words) or not as_written[end - 1].isascii():
        return False
    return any(" ".join(words[end:end + size]) in reference.by_key and resolve_place(
        reference, " ".join(words[end:end + size]), _PLACE_WORDS[word])[0].status == OK
        for size in (4, 3, 2, 1) if end + size <= len(words))


def _bare_name_as_written(reference: UnitReference, words: list[str], as_written: list[str], start: int,
                          end: int) -> bool:
    """Whether a bare name (no place word before it) is a name as the title writes it: with
    marks, the marks agree ("LÂM HÀ NĂM 2024" names no Hà Nam: "năm" is the year word);
    without, a "nam" followed by a number is that year word too ("LAM HA NAM 2024")."""
    if all(token.isascii() for token in as_written[start:end]):
        return not (words[end - 1] == "nam" and end < len(words) and words[end].isdigit())
    return marked_unit_key(" ".join(as_written[start:end])) in reference.marked


def _title_areas(reference: UnitReference, titles: list[str]) -> frozenset[Area] | None:
    """Provinces and districts named in title rows or the sheet name ("UBND HUYỆN LÂM HÀ",
    "Biên chế tỉnh An Giang", "Lâm Đồng"): a preference for names that fit them. A bare
    name counts for a province only, only with two words or more, and never runs over a
    place word ("…Lâm Hà, tỉnh…" names no Hà Tĩnh; "Thị xã Quảng Trị" is the town)."""
    found: set[Area] = set()
    for words, as_written in _title_phrases(titles):
        for start in range(len(words)):
            for size in (4, 3, 2, 1):
                if start + size > len(words):
                    continue  # past the title's end: a shorter name is read at its own size
                name = " ".join(words[start:start + size])
                before = " ".join(words[max(0, start - 2):start])
                word = next((w for w in _PLACE_WORDS if before.endswith(w)), None)
                if size == 1 and word is None or name not in reference.by_key or word is None and (
                        any((name + " ").startswith(w + " ") for w in _PLACE_WORDS)
                        or _ends_before_a_place(reference, words, as_written, start + size)
                        or not _bare_name_as_written(reference, words, as_written, start, start + size)):
                    continue  # not a name here ("thi xa quang tri", "ha tinh" of "Lâm Hà, tỉnh": not bare names)
                levels = ("province", "district") if word is not None and _PLACE_WORDS[word] is None else \
                    (_PLACE_WORDS[word],) if word else ("province",)
                for level in levels:
                    match, area = resolve_place(reference, name, level)
                    if match.status == OK:
                        found |= area
    return frozenset(found) or None


def _subtotal_name(text: str) -> str | None:
    """"Cộng Lâm Hà" → "lam ha": the unit named after a total word (None if no such form)."""
    key = fold(text)
    for label, _prefix in sorted(header_words.words().totals, key=lambda t: -len(t[0])):
        if key.startswith(label) and len(key) > len(label) and not key[len(label)].isalnum():
            rest = key[len(label):].strip(" :-–.")
            return fold_unit(rest) or None
    return None


def resolve_rows(reference: UnitReference, scope: Scope, texts: dict[str, pd.Series], text_codes: dict,
                 titles: list[str], level: str | None, lang: str) -> RowUnits:
    """The unit of every grid row (and its problems), from the texts of the key columns
    (``texts[role]``: "unit", optionally "unit_code", "province", "district", "date")."""
    cols = {role: _codes(texts, text_codes, role) for role in ("unit", "unit_code", "province", "district", "date")}
    group, first = _combine([cols[role][0] for role in cols])
    hint_areas = _title_areas(reference, titles)
    n = len(first)
    entry = np.full(n, -1, dtype=np.int64)
    known = np.zeros(n, dtype=bool)
    subtotal = np.zeros(n, dtype=bool)
    subtotal_of: dict[int, tuple[int, ...]] = {}
    problems = {role: (np.full(n, "", dtype=object), np.full(n, "", dtype=object))
                for role in ("unit", "unit_code", "province", "district", "date")}
    places: dict[tuple, tuple[Match, frozenset]] = {}
    spelt: dict[str, tuple] = {}
    decided: dict[tuple, Match] = {}
    tails: dict[tuple, str] = {}

    def tail(match: Match, value: str, where_text: str) -> str:  # worded once per distinct problem
        if (match, value, where_text) not in tails:
            tails[(match, value, where_text)] = _hint(reference, match, lang, value, where_text)
        return tails[(match, value, where_text)]

    def place(text: str, place_level: str, within: frozenset | None, period: Interval | None) -> \
            tuple[Match, frozenset]:
        key = (text, place_level, within, period)
        if key not in places:
            places[key] = resolve_place(reference, text, place_level, Context(period=period, areas=within))
        return places[key]

    for g, row in enumerate(first.tolist()):
        text, code, province, district, date = (str(distinct[0 if codes is None else codes[row]])
                                                for codes, distinct in cols.values())
        period, placed = scope.period, True
        if date:  # the row's own date wins over --as-of, which only narrows it
            period = parse_period(date)
            if period is None:  # the row is rejected for its date; the unit is not judged without it
                problems["date"][0][g], placed = "bad_date", False
            else:
                period = narrow(period, scope.period)
        areas, where = scope.areas, scope.province
        for role, value in (("province", province), ("district", district)):
            if not value or not placed:
                continue
            within = areas if role == "district" else None
            match, area = place(value, role, within, period)
            if match.status != OK:
                key = _place_reason(match.status, role)
                where_text = _where(lang, where if within is not None else "", period) if match.status == OUTSIDE \
                    else ""
                problems[role][0][g], problems[role][1][g] = key, tail(match, value, where_text)
                areas, placed = None, False  # the row is rejected for its place; the unit is not judged
            else:
                areas, where = area, value
        given = code if _DIGITS.match(code) else ""
        if code and not given:
            problems["unit_code"][0][g] = "bad_code"
        context = Context(period, areas, None, hint_areas, level, given)
        if text not in spelt:
            spelt[text] = written(text)
        if (spelt[text], context) not in decided:  # spellings that read alike are decided once
            decided[(spelt[text], context)] = resolve(reference, spelt[text], context)
        match = decided[(spelt[text], context)]
        known[g] = bool(text) and match.status not in (UNKNOWN, EMPTY)
        remainder = _subtotal_name(text) if text and match.status == UNKNOWN else None
        if remainder:
            found = resolve(reference, remainder, Context(period, areas, None, hint_areas))
            ids = (found.entry,) if found.status in (OK, MISMATCH) else found.candidates
            if found.status in (OK, MISMATCH, AMBIGUOUS):
                subtotal[g], subtotal_of[g] = True, ids
        if match.status in (OK, MISMATCH):
            entry[g] = match.entry
        if match.status == EMPTY:
            problems["unit"][0][g] = "empty_unit"
        elif match.status != OK and placed:
            role = "unit" if text else "unit_code"
            key = {UNKNOWN: "unknown_unit", OUTSIDE: "unit_outside", AMBIGUOUS: "ambiguous_unit",
                   MISMATCH: "code_mismatch"}[match.status]
            if match.status == MISMATCH:
                role = "unit_code"
            elif not text:
                key = {"unknown_unit": "unknown_code", "ambiguous_unit": "ambiguous_code"}.get(key, key)
            where_text = _where(lang, where, period) if match.status == OUTSIDE else ""
            problems[role][0][g] = key
            problems[role][1][g] = tail(match, text, where_text)
    rows = np.flatnonzero(subtotal[group])
    return RowUnits(entry[group], known[group], subtotal[group],
                    {int(r): subtotal_of[int(g)] for r, g in zip(rows.tolist(), group[rows].tolist())}, group,
                    {role: (keys, hints) for role, (keys, hints) in problems.items() if (keys != "").any()})


def row_names(reference: UnitReference, entry: np.ndarray) -> dict[str, Coded]:
    """``unit`` (canonical name), ``unit_code`` and ``code_vintage`` of data rows, as
    (codes per row, distinct values); ``entry``: each row's reference entry, -1 for none
    ("": those rows are rejected)."""
    index = np.where(entry >= 0, entry, len(reference.unit_of))
    return {name: coded_answers([*column, ""], index) for name, column in
            (("unit", reference.unit_of), ("unit_code", reference.code_of), ("code_vintage", reference.vintage_of))}


def add_problems(units: RowUnits, sub: np.ndarray, problems, keys: dict[str, int], labels: dict[int, str],
                 texts: dict[str, pd.Series]) -> None:
    """The problems found for the data rows ``sub`` into ``problems`` (``matching.Problems``),
    each in its column (``keys``: role → column; ``texts``: the data rows' cells by role)."""
    for role in units.problems:
        if role not in keys:
            continue
        found, tails = units.problem(role, sub)
        tails = pd.Series(tails, dtype=object)
        for key in pd.unique(found[found != ""]):
            col = keys[role]
            problems.add(found == key, col, labels[col], texts[role], key, tails)
