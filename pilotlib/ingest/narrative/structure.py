"""Before or after: the structure (old / pilot) a number of a sentence belongs to.

Reports say it in a few ways, each a class of phrasing handled here:

- a cue word before the number, nearest first: "trước khi thí điểm, X có 24"; "trước
  đây … nay …"; "theo cơ cấu cũ … theo cơ cấu mới" (the cue words are figures.py's
  OLD_CUES / PILOT_CUES and ``EXTRA_*`` below; "nay" and "cũ" only with their marks);
- a pair: "giảm từ 22 xuống 20", "tăng từ 18 lên 19", "từ 14 còn 11" (the first old, the
  second pilot), and "có 24 biên chế, nay còn 21" / "là 19, hiện nay còn 17" (a count
  followed by what "còn" — remains — of it: the first is the old one);
- "so với trước (khi thí điểm …)" compares: it marks no number old; the count it follows
  is the current one, and "giảm 3 biên chế so với trước" is a change, not a count.

Nouns such as "cơ quan khối" or "thí điểm" are weak cues: used only when no temporal cue
applies. What this cannot tell is flagged by the caller (``structure_assumed``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pilotlib.ingest.narrative.mentions import find_phrases, has_marks, scan_key

EXTRA_OLD = ("truoc do", "truoc kia", "co cau cu", "to chuc cu", "truoc khi sap xep", "truoc khi hop nhat")
EXTRA_PILOT = ("co cau moi", "bo may moi", "to chuc moi", "sau thi diem", "hien co", "hien con", "hien dang",
               "den nay", "tu nay")
WEAK = ("co quan khoi", "thi diem")  # nouns: the pilot's, but a count "of the pilot" may be the old one
_COMPARISON = re.compile(r"(?<!\w)so\s+voi\s+(?:truoc|thoi\s+diem\s+truoc|ban\s+dau|cu)(?:\s+(?:khi|day|do))?"
                         r"(?:\s+(?:thi\s+diem|sap\s+xep|hop\s+nhat))?(?!\w)")
# "nay" (now) is also "này" (this) without marks; "còn" (remains) also "con" (child).
_NOW = re.compile(r"(?<![\w])(?:nay|Nay|NAY)(?![\w])")
_REMAINS = re.compile(r"(?<!\w)(?:còn|Còn|CÒN)(?:\s+(?:lại|khoảng|chỉ))?\s*$")
_REMAINS_PLAIN = re.compile(r"(?<!\w)con(?:\s+(?:lai|khoang|chi))?\s*$")
_FROM = re.compile(r"(?<!\w)tu\s*$")
_TO = re.compile(r"^\s*(?:bien\s+che|nguoi|can\s+bo)?\s*(?:(?:xuong|len)(?:\s+(?:con|chi\s+con))?|con)\s*$")
_BOTH = re.compile(r"(?<!\w)truoc\s+(?:va|hay|cung\s+nhu)\s+sau(?!\w)")


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    structure: str  # "old" / "pilot"
    strong: bool  # a temporal cue (not a noun such as "cơ quan khối")


def find_cues(text: str, key: str, old: tuple[str, ...], pilot: tuple[str, ...],
              marked: dict[str, str]) -> tuple[list[Cue], list[tuple[int, int]]]:
    """Structure cues of a sentence in order, and the "so với trước …" comparisons (which
    are not cues: their "trước" does not make a number old)."""
    masked = list(key)
    comparisons = [(m.start(), m.end()) for m in _COMPARISON.finditer(key)]
    for a, b in comparisons:
        masked[a:b] = " " * (b - a)
    plain = "".join(masked)
    cues: list[Cue] = []
    for a, b, _ in find_phrases(plain, tuple(old) + EXTRA_OLD):
        cues.append(Cue(a, b, "old", True))
        masked[a:b] = " " * (b - a)  # "trước thí điểm" must not count as "thí điểm" too
    plain = "".join(masked)
    for a, b, _ in find_phrases(plain, tuple(p for p in pilot + EXTRA_PILOT if p not in WEAK)):
        cues.append(Cue(a, b, "pilot", True))
        masked[a:b] = " " * (b - a)
    plain = "".join(masked)
    for a, b, _ in find_phrases(plain, WEAK):
        cues.append(Cue(a, b, "pilot", False))
    marks = has_marks(text)
    lowered = text.lower() if marks else key
    for word, structure in marked.items():
        token = word if marks else scan_key(word)
        for m in re.finditer(rf"(?<!như )(?<!nhu )(?<!\w){token}(?!\w)(?! đây| day| khi| thí| thi| sắp| sap"
                             rf"| hợp| hop| này| nay)", lowered):
            if plain[m.start():m.end()].strip():  # not inside a longer cue already found
                cues.append(Cue(m.start(), m.end(), structure, True))
    if marks:
        for m in _NOW.finditer(text):
            if plain[m.start():m.end()].strip():
                cues.append(Cue(m.start(), m.end(), "pilot", True))
    for m in _BOTH.finditer(key):
        cues.append(Cue(m.start(), m.end(), "both", True))
    return sorted(cues, key=lambda c: c.start), comparisons


def last_cue(cues: list[Cue], start: int, end: int, strong: bool = True) -> Cue | None:
    """The cue nearest before ``end`` that starts at or after ``start``."""
    found = [c for c in cues if start <= c.start and c.end <= end and c.strong == strong]
    return found[-1] if found else None


def remains(text: str, key: str, start: int) -> bool:
    """"còn 21" / "còn lại 21": what remains after the change, a count of the pilot."""
    if has_marks(text):
        return bool(_REMAINS.search(text[:start]))
    return bool(_REMAINS_PLAIN.search(key[:start]))


def from_to(key: str, first_end: int, second_start: int, first_start: int) -> bool:
    """"từ 22 xuống 20", "từ 18 lên 19", "từ 14 còn 11": a before/after pair."""
    return bool(_FROM.search(key[:first_start])) and bool(_TO.match(key[first_end:second_start]))
