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
from dataclasses import dataclass, field

from pilotlib.ingest.narrative.mentions import (
    Mention,
    Split,
    UnitScanner,
    find_phrases,
    name_before,
    scan_key,
)
from pilotlib.ingest.narrative.report_text import Sentence
from pilotlib.reference import vocab

OLD_CUES = ("truoc thi diem", "truoc khi", "truoc day", "truoc sap xep", "truoc hop nhat", "mo hinh cu",
            "co cau cu", "bo may cu")
PILOT_CUES = ("thi diem", "co quan khoi", "hien nay", "hien tai", "mo hinh moi", "sau khi", "sau sap xep",
              "sau hop nhat")
MARKED_CUES = {"cũ": "old", "sau": "pilot"}  # matched with their marks (unless the text has none)
UNCHANGED_CUES = ("khong thay doi", "giu nguyen", "khong doi", "van giu")

from pilotlib.ingest.narrative import names  # noqa: E402 - below the cue words, which other work edits
from pilotlib.ingest.narrative.context import (  # noqa: E402
    AGGREGATE,
    BLOCKERS,
    UnitContext,
    bare_levels,
    captions,
    in_lists,
    outside,
)
from pilotlib.ingest.narrative.numbers import BARE, POSITION, POSTS, STAFF, Number, numbers  # noqa: E402
from pilotlib.ingest.narrative.structure import Cue, find_cues, from_to, last_cue, remains  # noqa: E402
from pilotlib.ingest.narrative.subjects import AGENCY_SUBJECT, BODY, COLLECTIVE, NONE, SEVERAL, Subject, subject  # noqa: E402

# A number after these words is a change or a request ("bổ sung 01 biên chế"), not a count.
_CHANGE = re.compile(r"(?<!\w)(?:bo sung|tang them|tang|giam|them|thieu|doi du|cat giam|tinh gian|de nghi)"
                     r"(?:\s+(?:them|duoc|con|di|bot|xuong))?\s*$")
_LIST_END = re.compile(r"\s*(?:[,;.)…]|va(?!\w)|$)")  # "Biên chế: Lâm Hà 20, Đạ Huoai 23."
_CLAUSE_END = re.compile(r"[,;]")
_ADJACENT = re.compile(r"^[\s:,]*(?:(?:co|la|duoc giao|voi)\s*)?[\s:]*$")
_MORE_LESS = re.compile(r"(?<!\w)(?:it hon|nhieu hon|hon|thap hon|cao hon)\s*$")
_ANAPHORA = re.compile(r"(?<!\w)(?:con so|so|so luong)\s+(?:nay|do|tren)\s*(?:la|con|chi con)?\s*$")


@dataclass
class Figure:
    sentence: Sentence
    start: int  # of the number, in the sentence
    end: int
    posts: int | None
    unit: str = ""
    body: str = ""
    position: str = ""
    position_group: str = ""
    structure: str = "pilot"
    explicit: bool = False  # structure from a cue word or a pair, not assumed
    flags: list[tuple[str, dict]] = field(default_factory=list)  # (reason key, values)
    partner: int | None = None  # index (in the sentence) of the other half of a before/after pair
    leader: bool = False  # the count is of a leadership ("lãnh đạo …")
    measure: str = ""  # what the words after the number count (``numbers``)
    about: Subject | None = None  # what the words before it are about (``subjects``)


def unchanged(text: str) -> bool:
    """The sentence says the posts did not change ("biên chế … không thay đổi / giữ nguyên")."""
    key = scan_key(text)
    return "bien che" in key and bool(find_phrases(key, UNCHANGED_CUES))


def _posts_like(key: str, start: int, end: int) -> bool:
    """A bare number after "biên chế" in its clause ("biên chế của X là N", "biên chế … giảm
    từ 24 xuống còn 21 sau khi hợp nhất"), or ending a list after it ("… Lâm Hà 20, …")."""
    clause = key.rfind(";", 0, start) + 1
    return "bien che" in key[clause:start] or "bien che" in key[:start] and bool(_LIST_END.match(key[end:]))


@dataclass
class _Sentence:
    """What one sentence offers to all its numbers."""

    text: str
    key: str
    mentions: list[Mention]
    splits: list[Split]
    bodies: list[names.Named]
    cues: list[Cue]
    comparisons: list[tuple[int, int]]
    context: UnitContext | None
    paragraph_cue: str | None
    captions: list[tuple[int, int]]


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
    here = _Sentence(text, key, mentions, scanner.splits(text, key, mentions),
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
        _unit(here, found, i, prev_end, about, fig, figures, claimed, scanner)
        _body(number, about, fig, previous)
        _structure(here, found, i, prev_end, fig, figures)
        _finish_body(about, fig)
        figures.append(fig)
    _pair_respectively(figures, mentions, "lan luot" in key)
    _complement(figures)
    _two_numbers(figures)
    return figures


def _pair_with(here: _Sentence, found: list[Number], i: int, about: Subject) -> bool:
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


def _counts_posts(here: _Sentence, number: Number, staffing: bool, about: Subject, pair: bool,
                  previous: Figure | None) -> bool:
    """Keep the number as a figure (flagged if it may not count posts), or drop it."""
    if number.measure in (POSTS, POSITION):
        return True
    if number.measure == STAFF:  # "3 người", "21 cán bộ": staff of a unit or body, or after a figure
        return staffing or about.named or previous is not None
    if pair or _posts_like(here.key, number.start, number.end):
        return True
    return staffing  # a bare number in a "biên chế" sentence: kept, flagged below


def _unit(here: _Sentence, found: list[Number], i: int, prev_end: int, about: Subject, fig: Figure,
          figures: list[Figure], claimed: set, scanner: UnitScanner) -> None:
    """The unit: named since the previous number, else the pair's, else named after it in the
    clause, else a name not in the vocabulary, else the previous figure's or the context's."""
    number = found[i]
    next_start = found[i + 1].start if i + 1 < len(found) else len(here.text)
    clause = _CLAUSE_END.search(here.key, number.end)
    clause_end = min(clause.start() if clause else len(here.text), next_start)
    if number.value is None:
        fig.flags.append(("not_whole", {"value": here.text[number.start:number.end]}))
    _posts_or_not(here, number, fig, figures)
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


def _posts_or_not(here: _Sentence, number: Number, fig: Figure, figures: list[Figure]) -> None:
    """Flag a number not said to count posts: a bare number, or people ("20 người", "21 cán
    bộ", who may include staff outside the approved posts). The two halves of a pair count
    the same thing ("giảm từ 22 xuống 20 biên chế"; "12 cán bộ …, con số này là 10")."""
    posts = number.measure in (POSTS, POSITION) or number.measure == BARE and \
        _posts_like(here.key, number.start, number.end)
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


def new_clause(span: str) -> bool:
    """A clause after ";" that starts with a name ("…; Tỉnh Đoàn giảm từ 62 …"): a new subject,
    even one not in the vocabulary; "…; hiện nay chỉ còn 3" goes on about the same one."""
    _, semicolon, rest = span.rpartition(";")
    return bool(semicolon) and bool(re.search(r"(?<![\w])[A-ZĐÀ-Ỹ]", rest))


def about_span(fig: Figure, previous: Figure) -> str:
    """The words between the previous figure and this one."""
    return fig.sentence.text[previous.end:fig.start]


def _structure(here: _Sentence, found: list[Number], i: int, prev_end: int, fig: Figure,
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
                    _finish_body(first.about, first)
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
        if side == "pilot" and own.structure == "old" and fig.body != "Văn phòng":
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


def _compared(here: _Sentence, number: Number) -> re.Match | None:
    """"ít hơn 6 biên chế so với trước": a difference, when a comparison follows in the clause
    ("hơn 60 đại biểu" alone is only "more than")."""
    before = _MORE_LESS.search(here.key[:number.start])
    clause = _CLAUSE_END.search(here.key, number.end)
    after = here.key[number.end:clause.start() if clause else len(here.key)]
    return before if before and any(number.end <= a < number.end + len(after) for a, _ in here.comparisons) else None


def _own_cue(here: _Sentence, found: list[Number], i: int) -> bool:
    """Number ``i`` has a temporal cue of its own (between the number before it and it)."""
    start = max(found[i - 1].end, found[i - 1].word_end) if i else 0
    return last_cue(here.cues, start, found[i].start) is not None


def _finish_body(about: Subject, fig: Figure) -> None:
    """After the structure is known: the Front's committee in the pilot is the agency itself
    (the whole unit), and the agency's leadership is the leadership body."""
    agency = about.kind == AGENCY_SUBJECT or fig.body == "Ủy ban MTTQ" and fig.structure == "pilot"
    if about.kind in (COLLECTIVE, NONE) and not fig.body:
        agency = agency or about.kind == NONE and fig.leader
    if not agency:
        return
    if fig.body == "Ủy ban MTTQ":
        fig.body = ""
    if fig.structure == "pilot" and (fig.leader or fig.position_group == "leadership"):
        fig.body = names.leadership_body()


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


def _complement(figures: list[Figure]) -> None:
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
