"""Organisations, boards, positions and the joint agency named in running text.

Why: a count in a report belongs to whatever the clause is about — the whole unit
("cơ quan khối huyện X có 21 biên chế"), one organisation ("Riêng Hội Nông dân huyện X
trước đây có 4 biên chế"), a board, the agency's office ("Văn phòng cơ quan khối có 3
người") or a position ("1 Trưởng khối, 2 Phó trưởng khối", "1 kế toán"). Names come from
the vocabularies (``reference.vocab`` bodies and positions, aliases included, matched on
folded keys like units). A body's short alias is ordinary prose when written in lower
case ("phong trào thi đua", "kiểm tra trùng lặp"), so in text that has capitals a body
counts only when written with a capital or named in three words or more ("lãnh đạo
khối", "hội liên hiệp phụ nữ"); positions count in any case ("1 kế toán").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pilotlib.ingest.narrative.mentions import scan_key, words_pattern
from pilotlib.reference import vocab
from pilotlib.reference.vocab import Vocabulary

# The joint agency named as a whole: its figures are the unit's ("cơ quan khối", and after
# the 2025 merger "cơ quan Ủy ban MTTQ", which took the organisations in).
AGENCY = re.compile(r"(?<!\w)(?:co quan\s+(?:khoi|(?:uy\s+ban\s+)?(?:mttq|mat\s+tran(?:\s+to\s+quoc)?)|ubmttq)"
                    r"|khoi\s+(?:mat\s+tran|mttq|dan\s+van))(?!\w)")
# "Lãnh đạo <agency>" / "Thường trực <agency>": the agency's leadership.
LEADERSHIP_WORDS = re.compile(r"(?<!\w)(?:lanh\s+dao|thuong\s+truc|ban\s+lanh\s+dao)\s*$")


@dataclass(frozen=True)
class Named:
    start: int
    end: int
    name: str  # canonical
    raw: str


class NameScanner:
    """Canonical names of one vocabulary found in text, longest first, whole words."""

    def __init__(self, vocabulary: Vocabulary, capitals: bool):
        self.vocabulary = vocabulary
        self.capitals = capitals  # a match must start with a capital (in text that has capitals)
        keys = sorted((k for k in vocabulary.keys if re.search(r"[a-z]", k)), key=len, reverse=True)
        self._regex = re.compile(r"(?<![\w'])(" + "|".join(words_pattern(k) for k in keys) + r")(?![\w'])")

    def _canonical(self, matched: str) -> str | None:
        return self.vocabulary.keys.get(self.vocabulary.key(matched.replace("-", " ")))

    def _ok(self, text: str, key: str, start: int, end: int) -> bool:
        if key[max(0, start - 3):start] == "uy ":  # "Ủy ban Kiểm tra" is not "Ban Kiểm tra"
            return False
        if not self.capitals or text == text.lower():
            return True
        # a short alias in lower case is prose ("phong trào thi đua"); a longer name is not
        return text[start].isupper() or len(key[start:end].split()) >= 3

    def find(self, text: str, key: str | None = None) -> list[Named]:
        """Every name in ``text``, in order."""
        key = scan_key(text) if key is None else key
        out = []
        for m in self._regex.finditer(key):
            name = self._canonical(m.group(1))
            if name is not None and self._ok(text, key, m.start(), m.end()):
                out.append(Named(m.start(), m.end(), name, text[m.start():m.end()]))
        return out

    def at(self, text: str, key: str, position: int) -> Named | None:
        """The name starting at ``position`` (after spaces), if any."""
        skip = len(key[position:]) - len(key[position:].lstrip())
        m = self._regex.match(key, position + skip)
        if m is None:
            return None
        name = self._canonical(m.group(1))
        return Named(m.start(), m.end(), name, text[m.start():m.end()]) if name else None


@lru_cache(maxsize=1)
def bodies() -> NameScanner:
    return NameScanner(vocab.bodies(), capitals=True)


@lru_cache(maxsize=1)
def positions() -> NameScanner:
    return NameScanner(vocab.positions(), capitals=False)


def side(body: str) -> str:
    """"old" (a member organisation) or "pilot" (the agency's leadership, boards, office)."""
    table = vocab.bodies().table
    found = table.loc[table["body"] == body, "side"]
    return str(found.iloc[0]) if len(found) else ""


def group(position: str) -> str:
    table = vocab.positions().table
    found = table.loc[table["position"] == position, "position_group"]
    return str(found.iloc[0]) if len(found) else ""


def leadership_body() -> str:
    """The agency's leadership body (``body_type`` leadership in bodies.csv)."""
    names = vocab.bodies_of_type("leadership")
    return names[0] if names else ""


def body_type(body: str) -> str:
    """organisation, leadership, board or office (bodies.csv ``body_type``)."""
    table = vocab.bodies().table
    found = table.loc[table["body"] == body, "body_type"]
    return str(found.iloc[0]) if len(found) else ""


@lru_cache(maxsize=1)
def front() -> str:
    """The Fatherland Front's committee (the body "MTTQ" names): after the merger the agency
    itself, so a pilot count "of the MTTQ" is the whole unit's."""
    bodies = vocab.bodies()
    return bodies.keys.get(bodies.key("MTTQ"), "")
