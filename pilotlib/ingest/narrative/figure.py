"""One staffing figure read from a sentence, and what a sentence offers its numbers.

Shared by ``figures`` (which finds them), ``figure_units`` (their unit) and
``figure_structure`` (old / pilot).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pilotlib.ingest.narrative import names
from pilotlib.ingest.narrative.context import UnitContext
from pilotlib.ingest.narrative.mentions import Mention, Split
from pilotlib.ingest.narrative.report_text import Sentence
from pilotlib.ingest.narrative.structure import Cue
from pilotlib.ingest.narrative.subjects import Subject

_LIST_END = re.compile(r"\s*(?:[,;.)…]|va(?!\w)|$)")  # "Biên chế: Lâm Hà 20, Đạ Huoai 23."
CLAUSE_END = re.compile(r"[,;]")


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


@dataclass
class SentenceView:
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


def posts_like(key: str, start: int, end: int) -> bool:
    """A bare number after "biên chế" in its clause ("biên chế của X là N", "biên chế … giảm
    từ 24 xuống còn 21 sau khi hợp nhất"), or ending a list after it ("… Lâm Hà 20, …")."""
    clause = key.rfind(";", 0, start) + 1
    return "bien che" in key[clause:start] or "bien che" in key[:start] and bool(_LIST_END.match(key[end:]))


def new_clause(span: str) -> bool:
    """A clause after ";" that starts with a name ("…; Tỉnh Đoàn giảm từ 62 …"): a new subject,
    even one not in the vocabulary; "…; hiện nay chỉ còn 3" goes on about the same one."""
    _, semicolon, rest = span.rpartition(";")
    return bool(semicolon) and bool(re.search(r"(?<![\w])[A-ZĐÀ-Ỹ]", rest))


def about_span(fig: Figure, previous: Figure) -> str:
    """The words between the previous figure and this one."""
    return fig.sentence.text[previous.end:fig.start]
