"""Board statements: "thành lập 4 ban, gồm …" — the count stated and the boards named.

Lists come in any punctuation: commas and "và" ("Ban A, Ban B và Ban C"), semicolons,
bullets ("• Ban A • Ban B"), numbers ("(1) Ban A, (2) Ban B"), or one list item per
paragraph after "…gồm 4 ban:" (a .txt line or a Word list paragraph). A name starts at
"Ban" and runs to the next separator, so "Ban Tổ chức - Kiểm tra" and "Ban Công tác cơ
sở" are one board each. "và" separates only before another "Ban"/"Văn phòng"; inside a
name ("Ban Dân tộc và Tôn giáo") it is kept, and flagged unless the list's other
separators or the stated count make that reading certain. "Văn phòng" is a body of the
agency but not a board: it is never counted. A count with no names is a count; names
that disagree with the count are flagged, never completed or cut.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pilotlib.ingest.narrative.mentions import scan_key
from pilotlib.ingest.narrative.report_text import Sentence
from pilotlib.reference import vocab

NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
                "chín": 9, "mười": 10}
_BOARDS = re.compile(r"(?<!\w)(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+ban(?!\w)"
                     r"(?!\s+(?:hành|thường vụ|tổ chức|đảng|chỉ đạo|chấp hành|hanh|thuong vu|to chuc|nhân dân))",
                     re.IGNORECASE)
# Where one list item ends: a separator, a numbering marker, or "và" before the next item.
_SEPARATOR = re.compile(r"\s*(?:[;•·▪●◦∙]|,|(?:\(\d{1,2}\)|\d{1,2}[.)]|[a-zđ]\))(?=\s)|\s[-–+*](?=\s+(?:Ban|Văn phòng)\b)"
                        r"|\bvà\b(?=\s+(?:Ban|Văn phòng|VĂN PHÒNG|BAN)\b))\s*")
_ITEM_START = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[a-zđ]\)|[-–+•·*▪●])?\s*")
_STOP = re.compile(r"\s+(?:có|với|được|do|là|gồm|trong|của|nhằm|để|tại|thuộc|phụ trách|làm|hoạt động|đều|cùng"
                   r"|theo|nay|hiện|sau|trước)\b.*$", re.IGNORECASE | re.DOTALL)
_TAIL = re.compile(r"\s+và\s+[^A-ZĐ].*$", re.DOTALL)  # "Ban Phong trào và các đoàn thể": not the name
MAX_WORDS = 9


@dataclass
class Boards:
    sentence: Sentence
    count: int
    names: list[str]
    flags: list[tuple[str, dict]] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    unit: str = ""


def count_in(text: str) -> tuple[int, int] | None:
    """(count, end of "N ban") of a board statement, or None."""
    match = _BOARDS.search(text)
    if not match:
        return None
    word = match.group(1).lower()
    return (int(word) if word.isdigit() else NUMBER_WORDS[word]), match.end()


def _items(text: str) -> tuple[list[str], set[str]]:
    """List items of ``text`` and the kinds of separator between them."""
    items, kinds, begin = [], set(), 0
    for m in _SEPARATOR.finditer(text):
        items.append(text[begin:m.start()])
        kinds.add(m.group(0).strip()[:1] if m.group(0).strip() else " ")
        begin = m.end()
    items.append(text[begin:])
    return items, kinds


def board_name(item: str) -> str:
    """The board an item names ("" when it names none): from "Ban" up to the clause's end."""
    item = _ITEM_START.sub("", item, count=1)
    start = re.search(r"(?<!\w)(?:Ban|BAN)\s+\w", item)
    if not start:
        return ""
    name = item[start.start():]
    name = re.split(r"[.!?:()\n]", name, maxsplit=1)[0]
    name = _TAIL.sub("", _STOP.sub("", name)).strip(" ,;\"“”'")
    name = re.sub(r"\s+(?:và|VÀ)$", "", name)  # "… Ban Kiểm tra và d) Ban Phong trào"
    words = name.split()
    return " ".join(words[:MAX_WORDS]) if len(words) >= 2 else ""


def boards_in(sentence: Sentence, items_after: list[str] | None = None) -> Boards | None:
    """The board statement of a sentence; ``items_after``: the list-item paragraphs that
    follow it, read when the sentence ends before naming the boards ("…gồm 4 ban:")."""
    stated = count_in(sentence.text)
    if stated is None:
        return None
    count, end = stated
    rest = sentence.text[end:]
    items, kinds = _items(rest)
    names = [board_name(item) for item in items]
    names = [n for n in names if n]
    if not names and items_after:
        names = [n for n in (board_name(p) for p in items_after) if n]
        kinds = {"¶"}
    bodies = vocab.bodies()
    shown, flags = [], []
    for raw in names:
        canonical = bodies.keys.get(bodies.key(raw))
        shown.append(canonical or raw)
        if canonical is None:
            flags.append(("unknown_body", {"value": raw, "suggestion": bodies.suggest(raw)}))
    joined = [n for n in names if re.search(r"\svà\s", n)]
    if joined and not (kinds - {",", " "}) and count != len(names):
        flags.append(("board_and", {"value": joined[0]}))
    if names and count != len(names):
        flags.append(("boards_mismatch", {"count": count, "named": len(names)}))
    return Boards(sentence, count, shown, flags)


def named_after(text: str) -> bool:
    """Whether a sentence's board count is followed by names in the sentence itself."""
    stated = count_in(text)
    return bool(stated) and any(board_name(i) for i in _items(text[stated[1]:])[0])


def list_item_text(text: str) -> str:
    """A list-item paragraph without its marker (for boards listed one per paragraph)."""
    return _ITEM_START.sub("", text, count=1)


def is_board_item(text: str) -> bool:
    return scan_key(list_item_text(text)).startswith(("ban ", "van phong"))
