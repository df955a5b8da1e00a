"""Staffing figures in text: "<unit> <N> biên chế", a before and an after, a body's or a
position's count.

Why so careful: a report's sentence is the only source of its figure, and a wrong unit,
body or structure would flow into the comparison unseen. So each number is paired with a
unit by position — the unit written since the previous number ("Đạ Huoai 23 biên chế, Đạ
Tẻh 21 biên chế", "biên chế của huyện X là N"), else one written after it in the same
clause, else the other half of its pair ("có 24 …, nay còn 21"), the unit of the number
before it in the sentence, or the unit the report is talking about (``context``) — and
with a body or position by the words before it (``subjects``, ``numbers``); its structure
comes from cue words and pairs (``structure``). Every doubt becomes a ``flag`` on the row
instead of a guess: no unit, several units for one number, a unit name cut by a caption,
a name not in the vocabulary, a number not said to count posts, a change rather than a
count, a unit with two numbers not told apart, a structure assumed, a sum of several
units, "không thay đổi" stated.

Structure cue words (whole words, folded): old — OLD_CUES below; pilot — PILOT_CUES (more
in ``structure``). Single syllables that fold to common words ("cũ" → "cu" as in "cụ
thể") must keep their marks unless the sentence was typed without any.
"""
from __future__ import annotations

import re

from pilotlib.ingest.narrative.mentions import (
    Mention,
    UnitScanner,
    find_phrases,
    scan_key,
)
from pilotlib.ingest.narrative.report_text import Sentence

OLD_CUES = ("truoc thi diem", "truoc khi", "truoc day", "truoc sap xep", "truoc hop nhat", "truoc sap nhap",
            "mo hinh cu", "co cau cu", "bo may cu")
PILOT_CUES = ("thi diem", "co quan khoi", "hien nay", "hien tai", "mo hinh moi", "sau khi", "sau sap xep",
              "sau hop nhat", "sau sap nhap", "co cau moi", "bo may moi")
MARKED_CUES = {"cũ": "old", "sau": "pilot"}  # matched with their marks (unless the text has none)
UNCHANGED_CUES = ("khong thay doi", "giu nguyen", "khong doi", "van giu")

from pilotlib.ingest.narrative import names  # noqa: E402 - below the cue words, which other work edits
from pilotlib.ingest.narrative.context import UnitContext, captions, outside  # noqa: E402
from pilotlib.ingest.narrative.figure import Figure, SentenceView, about_span, new_clause, posts_like  # noqa: E402
from pilotlib.ingest.narrative.figure_structure import complement, finish_body, structure_of  # noqa: E402
from pilotlib.ingest.narrative.figure_units import unit_of  # noqa: E402
from pilotlib.ingest.narrative.numbers import POSITION, POSTS, STAFF, Number, numbers  # noqa: E402
from pilotlib.ingest.narrative.structure import find_cues, from_to, remains  # noqa: E402
from pilotlib.ingest.narrative.subjects import BODY, SEVERAL, Subject, subject  # noqa: E402

_ANAPHORA = re.compile(r"(?<!\w)(?:con so|so|so luong)\s+(?:nay|do|tren)\s*(?:la|con|chi con)?\s*$")


def unchanged(text: str) -> bool:
    """The sentence says the posts did not change ("biên chế … không thay đổi / giữ nguyên")."""
    key = scan_key(text)
    return "bien che" in key and bool(find_phrases(key, UNCHANGED_CUES))


def figures_in(sentence: Sentence, scanner: UnitScanner, context: UnitContext | None = None,
               paragraph_cue: str | None = None) -> list[Figure]:
    """Every candidate figure of one sentence, with its unit, body or position and structure,
    flagged if unsure. ``context``: the units named before this sentence; ``paragraph_cue``:
    the structure the paragraph's earlier sentences last spoke of."""
    text = sentence.text
    key = scan_key(text)
    found = numbers(text, key, names.positions())
    staffing = "bien che" in key
    if not staffing and not any(n.measure in (POSITION, STAFF) for n in found):
        return []
    spans = captions(text)
    mentions = outside(scanner.find(text, key), spans)
    cues, comparisons = find_cues(text, key, OLD_CUES, PILOT_CUES, MARKED_CUES)
    here = SentenceView(text, key, mentions, scanner.splits(text, key, mentions),
                     outside(names.bodies().find(text, key), spans), cues, comparisons, context, paragraph_cue, spans)
    figures: list[Figure] = []
    claimed: set[Mention] = set()
    for i, number in enumerate(found):
        previous = figures[-1] if figures else None
        prev_end = max(found[i - 1].end, found[i - 1].word_end) if i else 0
        units_named = any(prev_end <= m.start and m.end <= number.start for m in mentions)
        about = subject(key, prev_end, number.start, here.bodies, units_named)
        fig = Figure(sentence, number.start, number.end, number.value, leader=about.leader, about=about)
        pair = previous is not None and previous.end == found[i - 1].end and _pair_with(here, found, i, about)
        if not _counts_posts(here, number, staffing, about, pair, previous):
            continue
        if pair:
            fig.partner = len(figures) - 1
            gap = (max(found[i - 1].end, found[i - 1].word_end), number.start)
            if any(gap[0] <= a < gap[1] for a, _ in here.captions):  # read across pasted text: a person checks
                for half in (fig, figures[fig.partner]):
                    half.flags.append(("caption", {}))
        unit_of(here, found, i, prev_end, about, fig, figures, claimed, scanner)
        _body(number, about, fig, previous)
        structure_of(here, found, i, prev_end, fig, figures)
        finish_body(about, fig)
        figures.append(fig)
    _pair_respectively(figures, mentions, "lan luot" in key)
    complement(figures)
    _two_numbers(figures)
    return figures


def _pair_with(here: SentenceView, found: list[Number], i: int, about: Subject) -> bool:
    """Number ``i`` is the after of a before/after pair with number ``i - 1``: "từ 22 xuống 20",
    "có 24 …, nay còn 21", "…; theo cơ cấu mới, con số này là 10" (no new subject between)."""
    first, second = found[i - 1], found[i]
    if from_to(here.key, first.end, second.start, first.start):
        return True
    pasted = [a for a, _ in here.captions if first.end <= a < second.start]  # "từ 27 xuống <Ảnh: …> 24"
    if pasted and from_to(here.key[:pasted[0]] + " " * (second.start - pasted[0]), first.end, second.start,
                          first.start):
        return True
    between = max(first.end, first.word_end)
    if _ANAPHORA.search(here.key[between:second.start]):
        return True  # "con số này là 10": the same count, told again
    if about.named or new_clause(here.text[between:second.start]):
        return False
    return remains(here.text, here.key, second.start)


def _counts_posts(here: SentenceView, number: Number, staffing: bool, about: Subject, pair: bool,
                  previous: Figure | None) -> bool:
    """Keep the number as a figure (flagged if it may not count posts), or drop it."""
    if number.measure in (POSTS, POSITION):
        return True
    if number.measure == STAFF:  # "3 người", "21 cán bộ": staff of a unit or body, or after a figure
        return staffing or about.named or previous is not None
    if pair or posts_like(here.key, number.start, number.end):
        return True
    return staffing  # a bare number in a "biên chế" sentence: kept, flagged below


def _body(number: Number, about: Subject, fig: Figure, previous: Figure | None) -> None:
    """The body (or position) the count is of; a clause naming nothing continues the previous one."""
    if number.measure == POSITION:
        fig.position = number.position
        fig.position_group = names.group(number.position)
    if not about.named and previous is not None and not new_clause(about_span(fig, previous)):
        fig.body, fig.leader = previous.body, previous.leader
        if fig.position and fig.body == names.leadership_body() and fig.position_group != "leadership":
            fig.body = ""  # "1 Trưởng khối, 2 Phó trưởng khối, 12 chuyên viên": staff of the agency
        return
    if about.kind == BODY:
        fig.body = about.body
    elif about.kind == SEVERAL:
        fig.flags.append(("several_bodies", {"value": about.body}))


def _pair_respectively(figures: list[Figure], mentions: list[Mention], respectively: bool) -> None:
    """"Lâm Hà, Đạ Huoai và Đạ Tẻh lần lượt 20, 23, 21 biên chế": units and numbers in order."""
    if not respectively or not figures:
        return
    units_before = [m for m in mentions if m.end <= figures[0].start]
    if len(units_before) != len(figures) or any(m.weak for m in units_before):
        return
    for fig, mention in zip(figures, units_before):
        fig.unit = mention.unit
        fig.flags = [f for f in fig.flags if f[0] not in ("several_units", "no_unit", "not_posts")]


def _two_numbers(figures: list[Figure]) -> None:
    """A unit given two numbers in one sentence is flagged unless pairs or cue words tell them apart."""
    for fig in figures:
        if not fig.unit or not fig.structure:
            continue
        same = [f for f in figures if f.unit == fig.unit and f.structure]
        keys = {(f.structure, f.body, f.position) for f in same}
        if len(same) > 1 and not (len(keys) == len(same) and all(f.explicit for f in same)):
            values = ", ".join(str(f.posts) for f in same)
            fig.flags.append(("two_numbers", {"value": values}))
