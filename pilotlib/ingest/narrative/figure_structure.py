"""The structure of a figure (old / pilot, or none for a change) from pairs, cue words,
its body, the sentence and the paragraph (the rules: ``structure``); and its body once
the structure is known (the Front's committee in the pilot is the agency itself).
"""
from __future__ import annotations

import re

from pilotlib.ingest.narrative import names
from pilotlib.ingest.narrative.figure import CLAUSE_END, Figure, SentenceView
from pilotlib.ingest.narrative.numbers import Number
from pilotlib.ingest.narrative.structure import from_to, last_cue, remains
from pilotlib.ingest.narrative.subjects import AGENCY_SUBJECT, BODY, COLLECTIVE, NONE, Subject

# A number after these words is a change or a request ("bổ sung 01 biên chế"), not a count.
_CHANGE = re.compile(r"(?<!\w)(?:bo sung|tang them|tang|giam|them|thieu|doi du|cat giam|tinh gian|de nghi)"
                     r"(?:\s+(?:them|duoc|con|di|bot|xuong))?\s*$")
_MORE_LESS = re.compile(r"(?<!\w)(?:it hon|nhieu hon|hon|thap hon|cao hon)\s*$")


def structure_of(here: SentenceView, found: list[Number], i: int, prev_end: int, fig: Figure,
               figures: list[Figure]) -> None:
    """old / pilot (or "" for a change), from pairs, cue words, the body, the sentence, the paragraph."""
    number = found[i]
    change = _CHANGE.search(here.key[:number.start]) or _compared(here, number)
    if change and fig.partner is None and not from_to(here.key, number.end, found[i + 1].start, number.start) \
            if i + 1 < len(found) else change and fig.partner is None:
        fig.flags.append(("change", {"value": here.text[change.start():number.end]}))
        fig.structure, fig.explicit = "", True
        return
    own = last_cue(here.cues, prev_end, number.start)
    if fig.partner is not None:
        first = figures[fig.partner]
        if first.structure and (own is None or own.structure == "pilot"):
            if not _own_cue(here, found, i - 1):
                first.structure, first.explicit = "old", True
                first.flags = [f for f in first.flags if f[0] != "structure_assumed"]
                if first.about is not None:  # its body may read differently before the pilot
                    first.body = first.about.body if first.about.kind == BODY else first.body
                    finish_body(first.about, first)
            fig.structure, fig.explicit = "pilot", True
            return
    if own is None:  # a cue after the number, in its clause, before any "(" or next number
        clause = re.compile(r"[,;(]").search(here.key, number.end)
        stop = min(clause.start() if clause else len(here.text), found[i + 1].start if i + 1 < len(found) else len(here.text))
        own = last_cue(here.cues, number.end, stop)
    if own is not None and own.structure == "both":
        fig.flags.append(("structure_mixed", {}))
        return
    side = names.side(fig.body)
    if own is not None:
        fig.structure, fig.explicit = own.structure, True
        if own.structure == "old" and names.body_type(fig.body) in ("board", "leadership"):  # none before
            fig.flags.append(("structure_mixed", {}))
    elif remains(here.text, here.key, number.start):
        fig.structure, fig.explicit = "pilot", True
    elif side == "pilot":
        fig.structure, fig.explicit = "pilot", True
    elif figures and figures[-1].structure:
        fig.structure, fig.explicit = figures[-1].structure, figures[-1].explicit
        if not fig.explicit:
            fig.flags.append(("structure_assumed", {}))
    else:
        earlier = last_cue(here.cues, 0, number.start) or last_cue(here.cues, 0, number.start, strong=False)
        # cue words after the sentence's last number speak of all its numbers ("lần lượt 20, 23,
        # 21 biên chế sau thí điểm"); one before a number speaks of that number
        whole = {c.structure for c in here.cues if c.strong and c.start >= found[-1].end}
        if earlier is not None and earlier.structure != "both":
            fig.structure, fig.explicit = earlier.structure, True
        elif len(whole) == 1 and "both" not in whole:  # "… lần lượt 20, 23, 21 biên chế sau thí điểm"
            fig.structure, fig.explicit = whole.pop(), True
        elif here.comparisons:  # "… 20 biên chế, giảm 2 so với trước": the count is the current one
            fig.structure, fig.explicit = "pilot", True
        elif here.paragraph_cue:
            fig.structure, fig.explicit = here.paragraph_cue, True
        else:
            fig.flags.append(("structure_assumed", {}))


def _compared(here: SentenceView, number: Number) -> re.Match | None:
    """"ít hơn 6 biên chế so với trước": a difference, when a comparison follows in the clause
    ("hơn 60 đại biểu" alone is only "more than")."""
    before = _MORE_LESS.search(here.key[:number.start])
    clause = CLAUSE_END.search(here.key, number.end)
    after = here.key[number.end:clause.start() if clause else len(here.key)]
    return before if before and any(number.end <= a < number.end + len(after) for a, _ in here.comparisons) else None


def _own_cue(here: SentenceView, found: list[Number], i: int) -> bool:
    """Number ``i`` has a temporal cue of its own (between the number before it and it)."""
    start = max(found[i - 1].end, found[i - 1].word_end) if i else 0
    return last_cue(here.cues, start, found[i].start) is not None


def finish_body(about: Subject, fig: Figure) -> None:
    """After the structure is known: the Front's committee in the pilot is the agency itself
    (the whole unit), and the agency's leadership is the leadership body."""
    agency = about.kind == AGENCY_SUBJECT or fig.body == names.front() and fig.structure == "pilot"
    if about.kind in (COLLECTIVE, NONE) and not fig.body:
        agency = agency or about.kind == NONE and fig.leader
    if not agency:
        return
    if fig.body == names.front():
        fig.body = ""
    if fig.structure == "pilot" and (fig.leader or fig.position_group == "leadership"):
        fig.body = names.leadership_body()


def complement(figures: list[Figure]) -> None:
    """Two counts of one subject, one said old (or pilot) and the other said nothing ("23 biên
    chế (trước thí điểm 25 biên chế)"): the other is the other structure."""
    groups: dict[tuple, list[Figure]] = {}
    for fig in figures:
        if fig.unit and fig.structure:
            groups.setdefault((fig.unit, fig.body, fig.position), []).append(fig)
    for same in groups.values():
        told = [f for f in same if f.explicit]
        untold = [f for f in same if not f.explicit]
        if len(same) == 2 and len(told) == 1 and len(untold) == 1:
            untold[0].structure = "pilot" if told[0].structure == "old" else "old"
            untold[0].explicit = True
            untold[0].flags = [f for f in untold[0].flags if f[0] != "structure_assumed"]
