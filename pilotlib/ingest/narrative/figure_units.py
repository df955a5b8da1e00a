"""The unit of a figure: named since the previous number, the other half of its pair's,
named after it in its clause, a name not in the vocabulary (flagged), the previous
figure's, or the unit the report is talking about (``context``) — else none, flagged.
"""
from __future__ import annotations

import re

from pilotlib.ingest.narrative.context import AGGREGATE, BLOCKERS, bare_levels, in_lists
from pilotlib.ingest.narrative.figure import CLAUSE_END, Figure, SentenceView, posts_like
from pilotlib.ingest.narrative.mentions import Mention, UnitScanner, name_before, scan_key
from pilotlib.ingest.narrative.numbers import BARE, POSITION, POSTS, Number
from pilotlib.ingest.narrative.subjects import Subject
from pilotlib.reference import vocab
from pilotlib.reference.schema import max_posts

_ADJACENT = re.compile(r"^[\s:,]*(?:(?:co|la|duoc giao|voi)\s*)?[\s:]*$")


def unit_of(here: SentenceView, found: list[Number], i: int, prev_end: int, about: Subject, fig: Figure,
          figures: list[Figure], claimed: set, scanner: UnitScanner) -> None:
    """The unit: named since the previous number, else the pair's, else named after it in the
    clause, else a name not in the vocabulary, else the previous figure's or the context's."""
    number = found[i]
    next_start = found[i + 1].start if i + 1 < len(found) else len(here.text)
    clause = CLAUSE_END.search(here.key, number.end)
    clause_end = min(clause.start() if clause else len(here.text), next_start)
    most = max_posts()
    if number.value is not None and number.value > most:  # never a figure to add up (or an int64 overflow)
        fig.posts = None
        fig.flags.append(("too_large", {"value": here.text[number.start:number.end], "most": f"{most:,}"}))
    elif number.value is None:
        fig.flags.append(("not_whole", {"value": here.text[number.start:number.end]}))
    posts_or_not(here, number, fig, figures)
    before = [m for m in here.mentions if prev_end <= m.start and m.end <= number.start and m not in claimed]
    after = [m for m in here.mentions if number.end <= m.start and m.end <= clause_end and m not in claimed]
    lead = here.key[prev_end:number.start] if i else here.key[:number.start]
    aggregate = bool(AGGREGATE.search(lead))
    chosen = _choose(here.key, number.start, before, [] if fig.partner is not None else after, fig)
    if chosen is not None:
        claimed.add(chosen)
        fig.unit = chosen.unit
        if chosen.weak:
            fig.flags.append(("weak_unit", {"value": chosen.raw}))
        if aggregate:
            fig.flags.append(("aggregate", {}))
        return
    if any(k == "several_units" for k, _ in fig.flags):
        return
    if fig.partner is not None and figures[fig.partner].unit:
        fig.unit = figures[fig.partner].unit
        return
    split = [s for s in here.splits if prev_end <= s.start and s.end <= number.start]
    if split:
        fig.flags.append(("split_unit", {"value": split[-1].shown, "unit": split[-1].unit}))
        return
    name = name_before(here.text, number.start)
    if name and not _known_name(name) and not about.named:
        fig.unit = name
        fig.flags.append(("unknown_unit", {"value": name, "suggestion": scanner.units.suggest(name)}))
        return
    if BLOCKERS.search(lead) or aggregate:
        fig.flags.append(("no_unit", {}))
        return
    levels = bare_levels(here.key, prev_end if i else 0, number.start, here.mentions)
    known = [f for f in figures if f.unit and not any(k == "unknown_unit" for k, _ in f.flags)]
    level_of = here.context.levels if here.context else {}
    if known and (not levels or level_of.get(known[-1].unit) == levels[-1]):
        fig.unit = known[-1].unit
        return
    from_context = here.context.unit(levels[-1] if levels else None) if here.context else None
    if from_context and not figures and not here.mentions:
        fig.unit = from_context
        return
    fig.flags.append(("no_unit", {}))


def _known_name(name: str) -> bool:
    """A capitalised name that is a body or a position, not an unknown unit."""
    for vocabulary in (vocab.bodies(), vocab.positions()):
        if vocabulary.keys.get(vocabulary.key(name)):
            return True
    words = scan_key(name).split()
    return bool(words) and words[0] in ("ban", "hoi", "van", "lanh", "doan", "uy", "co", "bien", "rieng", "tinh",
                                        "truoc", "sau", "nay", "hien", "theo", "trong", "tai")


def _choose(key: str, a: int, before: list[Mention], after: list[Mention], fig: Figure) -> Mention | None:
    """The unit written since the previous number (the nearest if it touches the number), else the
    first one after it in the same clause; several before and none touching → flagged, none chosen."""
    if len(before) == 1:
        return before[0]
    if len(before) > 1:
        nearest = before[-1]
        listed = in_lists(key, before[-2:])  # "Hai huyện Lâm Hà, Đạ Huoai có 20": each or both?
        if _ADJACENT.match(key[nearest.end:a]) and not listed:
            return nearest
        fig.flags.append(("several_units", {"value": ", ".join(dict.fromkeys(m.unit for m in before))}))
        return None
    if len(after) >= 1:
        return after[0]
    return None


def posts_or_not(here: SentenceView, number: Number, fig: Figure, figures: list[Figure]) -> None:
    """Flag a number not said to count posts: a bare number, or people ("20 người", "21 cán
    bộ", who may include staff outside the approved posts). The two halves of a pair count
    the same thing ("giảm từ 22 xuống 20 biên chế"; "12 cán bộ …, con số này là 10")."""
    posts = number.measure in (POSTS, POSITION) or number.measure == BARE and \
        posts_like(here.key, number.start, number.end)
    if fig.partner is not None:
        first = figures[fig.partner]
        first_posts = not any(k == "not_posts" for k, _ in first.flags)
        if posts and not first_posts and first.measure == BARE:
            first.flags = [f for f in first.flags if f[0] != "not_posts"]
        elif number.measure == BARE:
            posts = first_posts
    fig.measure = number.measure
    if not posts:
        shown = re.match(r"\S+(?:\s+[^\s,;.]+){0,2}", here.text[number.start:])
        fig.flags.append(("not_posts", {"value": shown.group(0) if shown else here.text[number.start:number.end]}))
