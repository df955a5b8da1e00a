"""What the words before a number are about: one body, the whole agency, several bodies.

"Riêng Hội Nông dân huyện X trước đây có 4 biên chế" is the Farmers' Union's count, not
the unit's; "Ban Tuyên truyền của cơ quan khối có 5" is the board's; "Văn phòng cơ quan
khối có 3 người" the office's; but "Ủy ban MTTQ và 5 đoàn thể … có 24" and "cơ quan khối
… có 21" are the whole unit's, and "Hội Nông dân và Hội Phụ nữ có 8" is two bodies' (a
flag, not a guess). The head of the clause — the first body or agency named — decides;
what follows it ("của cơ quan khối") only qualifies it. "Lãnh đạo <agency>" is the
agency's leadership.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pilotlib.ingest.narrative.names import AGENCY, LEADERSHIP_WORDS, Named

BODY, AGENCY_SUBJECT, COLLECTIVE, SEVERAL, NONE = "body", "agency", "collective", "several", "none"
_COLLECTIVE = re.compile(r"^(?:\s+[^\s,;]+){0,3}?\s*(?:,\s*)?(?:va|cung|voi)\s+(?:(?:cac|nhung|toan bo|ca|\d+"
                         r"|hai|ba|bon|nam|sau)\s+(?:doan the|to chuc|hoi|co quan|don vi)|doan the|to chuc chinh tri)"
                         r"(?!\w)")
_ANOTHER = re.compile(r"^(?:\s+[^\s,;]+){0,3}?\s*(?:,|va|cung|voi)\s*$")


@dataclass(frozen=True)
class Subject:
    kind: str  # BODY, AGENCY_SUBJECT, COLLECTIVE, SEVERAL or NONE
    body: str = ""  # the body named (BODY), the first one (SEVERAL)
    leader: bool = False  # "lãnh đạo …" before it: its leadership
    named: bool = False  # the span names a unit, a body or the agency (a new subject)
    start: int = -1  # where the head starts


def subject(key: str, start: int, end: int, bodies: list[Named], units_named: bool) -> Subject:
    """The subject of the words key[start:end] before a number."""
    here = [b for b in bodies if start <= b.start and b.end <= end]
    agency = AGENCY.search(key, start, end)
    named = bool(here or agency or units_named)
    if agency and (not here or agency.start() < here[0].start) \
            and not any(b.start <= agency.start() < b.end for b in here):
        leader = bool(LEADERSHIP_WORDS.search(key[start:agency.start()]))
        return Subject(AGENCY_SUBJECT, leader=leader, named=True, start=agency.start())
    if not here:
        return Subject(NONE, named=named)
    head = here[0]
    leader = bool(LEADERSHIP_WORDS.search(key[start:head.start]))
    after = key[head.end:end]
    if _COLLECTIVE.match(after):
        return Subject(COLLECTIVE, head.name, leader, True, head.start)
    others = [b for b in here[1:] if b.name != head.name and _ANOTHER.match(key[head.end:b.start])]
    if others:
        return Subject(SEVERAL, head.name, leader, True, head.start)
    return Subject(BODY, head.name, leader, True, head.start)
