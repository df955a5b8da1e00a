"""Which unit a sentence is about when it does not name one.

Reports name a unit once and go on about it: "Ở huyện Bảo Lâm, cơ quan khối gồm …
Biên chế của cơ quan khối giảm từ 22 xuống 20", or "Hội Cựu chiến binh tỉnh có 24 biên
chế" after the province was named. The context is the last unit named (a name standing
alone, not one of a list "các huyện A, B"), per level for a bare "huyện" / "xã" /
"tỉnh". Words that point elsewhere or at several units block it: "một huyện", "các xã",
"nơi", "tổng", "tính chung", "toàn tỉnh" — such a figure gets no unit and a flag.
Captions pasted into a sentence ("Ảnh: …") name no context.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pilotlib.ingest.narrative.mentions import Mention, UnitScanner

LEVEL_WORDS = {"huyen": "district", "thanh pho": "district", "thi xa": "district", "quan": "district",
               "xa": "commune", "phuong": "commune", "thi tran": "commune", "tinh": "province"}
_LEVEL = re.compile(r"(?<![\w])(?<!cap )(thanh pho|thi xa|thi tran|huyen|xa|phuong|tinh)(?!\w)(?!\s+(?:uy|doan)\b)")
# Several units, or one not named: "các huyện", "một xã", "nơi", "tính chung", "toàn tỉnh".
_SEVERAL = (r"(?:mot|cac|hai|ba|bon|nam|nhieu|moi|tung|nhung|mot so|ca hai)\s+"
            r"(?:huyen|xa|tinh|phuong|thi tran|dia phuong|don vi|co quan khoi|noi)"
            r"|cac co quan khoi|\d+\s+(?:huyen|xa|tinh|phuong|dia phuong|don vi)")
BLOCKERS = re.compile(r"(?<!\w)(?:" + _SEVERAL + r"|noi|tinh chung|toan tinh|toan huyen|ca tinh|binh quan"
                      r"|trung binh)(?!\w)")
# A total over several units ("tổng cộng" of "3 tỉnh", "tính chung các huyện"), not one unit's
# own total ("Ủy ban MTTQ và 5 đoàn thể của huyện có tổng cộng 25 biên chế").
AGGREGATE = re.compile(r"(?<!\w)(?:tinh chung|cong chung|(?:tong|tong cong|tong so)(?!\s+hop)(?=.*(?:"
                       + _SEVERAL + r")))(?!\w)|(?<!\w)(?:" + _SEVERAL + r")(?=.*(?<!\w)tong(?!\s+hop))")
CAPTION = re.compile(r"(?:\(|(?<!\w))(?:Ảnh|ẢNH|Anh|ANH)\s*(?:minh họa)?\s*:")
_LIST_GAP = re.compile(r"^[\s,;]*(?:(?:va|hoac|cung)\s*)?[\s,]*$")


def captions(text: str) -> list[tuple[int, int]]:
    """Spans of photo captions pasted into a sentence: from "Ảnh:" to ")" or the end."""
    out = []
    for m in CAPTION.finditer(text):
        close = text.find(")", m.end()) if text[m.start()] == "(" else -1
        out.append((m.start(), close + 1 if close != -1 else len(text)))
    return out


def outside(mentions: list, spans: list[tuple[int, int]]) -> list:
    return [m for m in mentions if not any(a <= m.start < b for a, b in spans)]


def bare_levels(key: str, start: int, end: int, mentions: list[Mention]) -> list[str]:
    """Levels named by a bare "huyện" / "xã" / "tỉnh" in key[start:end] (no name after it)."""
    out = []
    for m in _LEVEL.finditer(key, start, end):
        if any(n.start <= m.start() < n.end for n in mentions):
            continue  # "huyện Di Linh": the prefix of a mention
        out.append(LEVEL_WORDS[m.group(1)])
    return out


def in_lists(key: str, mentions: list[Mention]) -> set[int]:
    """Indexes of mentions that stand in a list ("Đam Rông, Bảo Lâm", "Tân Hà và Đạ Đờn")."""
    listed = set()
    for i in range(1, len(mentions)):
        if _LIST_GAP.match(key[mentions[i - 1].end:mentions[i].start]):
            listed |= {i - 1, i}
    return listed


@dataclass
class UnitContext:
    """The units named so far, in reading order: (unit, level, named in a list)."""

    levels: dict[str, str]
    seen: list[tuple[str, str, bool]] = field(default_factory=list)

    @classmethod
    def of(cls, scanner: UnitScanner) -> UnitContext:
        return cls(dict(zip(scanner.units.table["unit"], scanner.units.table["level"])))

    def update(self, key: str, mentions: list[Mention]) -> None:
        """Remember the strong mentions of one sentence (captions already left out)."""
        strong = [m for m in mentions if not m.weak]
        listed = in_lists(key, strong)
        for i, m in enumerate(strong):
            self.seen.append((m.unit, self.levels.get(m.unit, ""), i in listed))

    def unit(self, level: str | None = None) -> str | None:
        """The unit talked about (of ``level`` if given); None when unknown or a list."""
        for unit, unit_level, listed in reversed(self.seen):
            if level and unit_level != level:
                continue
            return None if listed else unit
        return None
