"""Which unit a written name (or code) means, given what the row and the file say around it.

A name is first looked up by its folded key (any spelling: case, marks, "Huyện"/"H."/"TP."
prefixes, NFD, legacy fonts already repaired). Then the candidates are narrowed:

* **hard** context — a unit outside it is never chosen: the date or period the data
  describe (``--as-of``, a date column), the province or district the row names (a
  province/district column, ``--province``), a required level (a province column names
  provinces). Nothing left → ``OUTSIDE`` (the name exists, but not there or then);
* the row's **code**, compared without leading zeros: it picks among the candidates; a
  code no candidate has is a contradiction (``MISMATCH``) once the name alone decides;
* **preferences**, each applied only if it leaves something: the level and type the
  prefix says ("Huyện", "Xã", "TT." = thị trấn), the marks as written ("Lâm Hà" is not "Lãm Hà"), the level the
  column header says, the places named in the title rows or sheet name, the canonical
  name itself, and the study's own units (tier 0, e.g. Lâm Đồng from ``units.csv``).

One unit left → ``OK``; several → ``AMBIGUOUS`` with the candidates, never a guess.
A place given as context (a province column) is resolved the same way, except that
entries of *one* place across lists (same name, code and province: "Lâm Đồng" before
and after 2025-07) count as one.
"""
from __future__ import annotations

from dataclasses import dataclass

from pilotlib.core.text import has_marks, unit_keys
from pilotlib.reference.periods import Interval
from pilotlib.reference.unit_reference import STUDY, UnitReference

OK, UNKNOWN, OUTSIDE, AMBIGUOUS, MISMATCH, EMPTY = "ok", "unknown", "outside", "ambiguous", "mismatch", "empty"
PREFIX_LEVELS = {
    "tinh": ("province",), "thanh pho": ("province", "district"), "tp": ("province", "district"),
    "huyen": ("district",), "quan": ("district",), "thi xa": ("district",), "tx": ("district",),
    "h": ("district",), "q": ("district",), "xa": ("commune",), "phuong": ("commune",),
    "thi tran": ("commune",), "tt": ("commune",), "x": ("commune",), "p": ("commune",), "dac khu": ("commune",),
}
# Short prefixes and the unit type they abbreviate ("TT." = "Thị trấn").
PREFIX_TYPES = {"h": "huyen", "q": "quan", "tx": "thi xa", "tp": "thanh pho", "tt": "thi tran", "x": "xa",
                "p": "phuong", "t": "tinh"}
CODE_WIDTH_LEVEL = {2: "province", 3: "district", 5: "commune"}

Area = int  # the position of a province or district entry: a unit lies in it


@dataclass(frozen=True)
class Context:
    """What is known around a name. ``areas``/``period``/``levels`` are hard; ``hint_areas``
    (title rows, sheet name) and ``level`` (column header) are preferences."""

    period: Interval | None = None
    areas: frozenset[Area] | None = None
    levels: tuple[str, ...] | None = None
    hint_areas: frozenset[Area] | None = None
    level: str | None = None
    code: str = ""


@dataclass(frozen=True)
class Match:
    status: str
    entry: int = -1  # the chosen entry (OK, MISMATCH)
    candidates: tuple[int, ...] = ()  # one entry per unit: AMBIGUOUS, OUTSIDE (where the name exists)


def _prefer(ids: list[int], keep) -> list[int]:
    if len(ids) < 2:  # nothing to choose from (most names: one entry), whatever keep says
        return ids
    kept = [i for i in ids if keep(i)]
    return kept or ids


def _one_per_group(reference: UnitReference, ids: list[int]) -> tuple[int, ...]:
    seen: dict[int, int] = {}
    for i in ids:
        seen.setdefault(reference.group_of[i], i)
    return tuple(seen.values())


def _hard(reference: UnitReference, ids: tuple[int, ...], context: Context) -> list[int]:
    level = reference.level_of
    out = []
    for i in ids:
        if context.levels is not None and level[i] not in context.levels:
            continue
        if context.period is not None:
            first, last = context.period
            if reference.first[i] > last or reference.last[i] < first:
                continue
        if context.areas is not None and not (i in context.areas or reference.province_of[i] in context.areas
                                              or reference.district_of[i] in context.areas):
            continue
        out.append(i)
    return out


Written = tuple[str, str, str, bool]  # (prefix, folded key, marked key, written with marks)


def written(text: str) -> Written:
    """What matching reads from a name: its prefix, folded and marked keys, and whether it
    carries marks. Spellings that agree on these ("Đạ Tẻh", "ĐẠ TẺH ", NFD) match alike."""
    return (*unit_keys(text), has_marks(text)) if text else ("", "", "", False)


def candidates(reference: UnitReference, text: str | Written, context: Context) -> tuple[str, list[int], bool]:
    """(status so far, entries left, code contradicted) — the narrowing without the final
    one-unit test, shared by units and places. ``text``: a name, or ``written(name)``."""
    prefix, key, marked, with_marks = written(text) if isinstance(text, str) else text
    code = context.code.lstrip("0") or ("0" if context.code else "")
    by_code = set(reference.by_code.get(code, ())) if code else set()
    if key:
        found = reference.by_key.get(key, ())
    elif code:
        found = tuple(sorted(by_code))
    else:
        return EMPTY, [], False
    if not found:
        return UNKNOWN, [], False
    same = set(reference.marked.get(marked, ())) if with_marks else None  # "Lâm Hà", not "Lãm Hà"
    ids = _hard(reference, found, context)
    if not ids:  # known elsewhere, at another time or level: the candidates shown, those written so first
        return OUTSIDE, list(found) if same is None else _prefer(list(found), same.__contains__), False
    contradicted = False
    if key and code:
        with_code = [i for i in ids if i in by_code]
        contradicted = not with_code
        ids = with_code or ids
    level, tier, group = reference.level_of, reference.tier_of, reference.group_of
    levels = PREFIX_LEVELS.get(prefix)
    if levels:
        ids = _prefer(ids, lambda i: level[i] in levels)
    if prefix:
        kind = PREFIX_TYPES.get(prefix, prefix)
        ids = _prefer(ids, lambda i: reference.type_of[i] == kind)
    if same is not None:
        ids = _prefer(ids, same.__contains__)
    if context.level:
        ids = _prefer(ids, lambda i: level[i] == context.level)
    if not key and len(context.code) in CODE_WIDTH_LEVEL:
        ids = _prefer(ids, lambda i: level[i] == CODE_WIDTH_LEVEL[len(context.code)])
    if context.hint_areas:
        hinted = context.hint_areas
        ids = _prefer(ids, lambda i: i in hinted or reference.province_of[i] in hinted
                      or reference.district_of[i] in hinted)
        # a title naming a district and its province ("Thành phố Đà Lạt, tỉnh Lâm Đồng"):
        # the district is the narrower hint (Phường 1 of Đà Lạt, not of Bảo Lộc)
        ids = _prefer(ids, lambda i: reference.district_of[i] in hinted)
    if key:
        named = reference.label_group.get(key)
        ids = _prefer(ids, lambda i: group[i] == named)
    ids = _prefer(ids, lambda i: tier[i] == STUDY)
    return OK, ids, contradicted


def resolve(reference: UnitReference, text: str | Written, context: Context = Context()) -> Match:
    """The one unit ``text`` (or, when empty, ``context.code``) means in ``context``
    (``text`` may be given as ``written(name)``)."""
    status, ids, contradicted = candidates(reference, text, context)
    if status != OK:
        return Match(status, candidates=_one_per_group(reference, ids))
    units = _one_per_group(reference, ids)
    if len(units) > 1:
        return Match(AMBIGUOUS, candidates=units)
    return Match(MISMATCH if contradicted else OK, entry=units[0])


def resolve_place(reference: UnitReference, text: str, level: str, context: Context = Context()) -> \
        tuple[Match, frozenset[Area]]:
    """A province or district named as context: (match, every entry it stands for).
    Entries of one place across lists (same name, code and province: "Lâm Đồng" before
    and after 2025-07) are one place; different places with the name are AMBIGUOUS."""
    narrowed = Context(period=context.period, areas=context.areas, levels=(level,))
    status, ids, _ = candidates(reference, text, narrowed)
    if status != OK:
        return Match(status, candidates=_one_per_group(reference, ids)), frozenset()
    places = {reference.place_of[i]: i for i in ids}
    if len(places) > 1:
        return Match(AMBIGUOUS, candidates=_one_per_group(reference, list(places.values()))), frozenset()
    same = _hard(reference, reference.places.get(next(iter(places)), tuple(ids)), narrowed)
    return Match(OK, entry=ids[0]), frozenset(same)
