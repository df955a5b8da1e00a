"""Staffing figures ("<unit> <N> biên chế") and board counts ("thành lập 4 ban, gồm …") in text.

Why so careful: a report's sentence is the only source of its figure, and a wrong unit or
structure would flow into the comparison unseen. So each number is paired with a unit by
position only — the unit written since the previous number ("Đạ Huoai 23 biên chế, Đạ Tẻh
21 biên chế", "biên chế của huyện X là N"), else one written after it in the same clause
("23 biên chế thuộc huyện X") — and every doubt becomes a ``flag`` on the row instead of
a guess: no unit nearby, several units for one number, a unit name cut by a caption, a
name not in the vocabulary, a number not followed by "biên chế", a unit with two numbers
not told apart by cue words, a structure assumed, "không thay đổi" stated.

Structure cue words (whole words, folded): old — "trước thí điểm", "trước khi", "trước
đây", "cũ", and the 2025 wording "trước sắp xếp", "trước hợp nhất", "trước sáp nhập",
"cơ cấu cũ", "bộ máy cũ"; pilot — "thí điểm", "cơ quan khối", "sau", "hiện nay", "sau
sắp xếp", "sau hợp nhất", "sau sáp nhập", "cơ cấu mới", "bộ máy mới". Single syllables that
fold to common words ("cũ" → "cu" as in "cụ thể") must keep their marks unless the
sentence was typed without any.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pilotlib.ingest.narrative.mentions import (
    Mention,
    Split,
    UnitScanner,
    find_phrases,
    has_marks,
    name_before,
    scan_key,
)
from pilotlib.ingest.narrative.report_text import Sentence
from pilotlib.reference import vocab

OLD_CUES = ("truoc thi diem", "truoc khi", "truoc day", "truoc sap xep", "truoc hop nhat", "truoc sap nhap",
            "mo hinh cu", "co cau cu", "bo may cu")
PILOT_CUES = ("thi diem", "co quan khoi", "hien nay", "hien tai", "mo hinh moi", "sau khi", "sau sap xep",
              "sau hop nhat", "sau sap nhap", "co cau moi", "bo may moi")
MARKED_CUES = {"cũ": "old", "sau": "pilot"}  # matched with their marks (unless the text has none)
UNCHANGED_CUES = ("khong thay doi", "giu nguyen", "khong doi", "van giu")
# Words after a number that count something other than posts: such numbers are skipped.
NOT_POSTS = ("nam", "thang", "ngay", "quy", "huyen", "xa", "dia phuong", "don vi", "ban", "to", "lan", "cap",
             "khoi", "to chuc", "doan the", "co quan", "nhiem vu", "phong", "giai doan", "%", "phan tram")
DOCUMENT_WORDS = ("so", "quyet dinh", "nghi quyet", "nghi dinh", "ket luan", "thong tu", "chi thi", "de an",
                  "cong van", "ke hoach", "ngay", "nam", "thang")
_COUNTED = re.compile(r"\s*(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in NOT_POSTS) + r")(?!\w)")
_DOCUMENT = re.compile(r"(?<!\w)(?:" + "|".join(DOCUMENT_WORDS) + r")\s*$")
_NUMBER = re.compile(r"(?<![\w.,/])(\d+(?:[.,]\d+)*)(?![\w/]|[.,/-]\d)")
_BC_AFTER = re.compile(r"^\s*(?:nguoi\s+)?bien\s+che(?!\w)")
# A number after these words is a change or a request ("bổ sung 01 biên chế"), not a count.
_CHANGE = re.compile(r"(?<!\w)(?:bo sung|tang them|tang|giam|them|thieu|doi du|cat giam|tinh gian|de nghi)(?:\s+(?:them|duoc|con|di))?\s*$")
_LIST_END = re.compile(r"\s*(?:[,;.)…]|va(?!\w)|$)")  # "Biên chế: Lâm Hà 20, Đạ Huoai 23."
_CLAUSE_END = re.compile(r"[,;]")
_ADJACENT = re.compile(r"^[\s:,]*(?:(?:co|la|duoc giao|voi)\s*)?[\s:]*$")
NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
                "chín": 9, "mười": 10}
_BOARDS = re.compile(r"(?<!\w)(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+ban(?!\w)"
                     r"(?!\s+(?:hành|thường vụ|tổ chức|đảng|chỉ đạo|chấp hành|hanh|thuong vu|to chuc))",
                     re.IGNORECASE)
_LIST_SPLIT = re.compile(r"\s*(?:,|;|:|\bvà\b|\bva\b|\bgồm\b|\bgom\b|\bnhư\b|\bnhu\b|\blà\b)\s*", re.IGNORECASE)


@dataclass
class Figure:
    sentence: Sentence
    start: int  # of the number, in the sentence
    end: int
    posts: int | None
    unit: str = ""
    body: str = ""
    structure: str = "pilot"
    explicit: bool = False  # structure from a cue word, not assumed
    flags: list[tuple[str, dict]] = field(default_factory=list)  # (reason key, values)


def _cues(text: str, key: str, start: int, end: int) -> set[str]:
    """Structure cues ("old"/"pilot") in text[start:end]."""
    part, found = key[start:end], set()
    old = find_phrases(part, OLD_CUES)
    if old:
        found.add("old")
    masked = list(part)
    for a, b, _ in old:  # "trước thí điểm" must not count as "thí điểm" too
        masked[a:b] = " " * (b - a)
    if find_phrases("".join(masked), PILOT_CUES):
        found.add("pilot")
    marked = text[start:end].lower() if has_marks(text) else part
    for word, structure in MARKED_CUES.items():
        token = word if has_marks(text) else scan_key(word)
        # "như sau" / "sau đây" (as follows) are not "after the pilot"
        if re.search(rf"(?<!như )(?<!nhu )(?<!\w){token}(?!\w)(?! đây| day)", marked):
            found.add(structure)
    return found


def unchanged(text: str) -> bool:
    """The sentence says the posts did not change ("biên chế … không thay đổi / giữ nguyên")."""
    key = scan_key(text)
    return "bien che" in key and bool(find_phrases(key, UNCHANGED_CUES))


def _numbers(text: str, key: str) -> list[tuple[int, int, int | None]]:
    """Numbers that may be posts: (start, end, value or None if not whole)."""
    out = []
    for m in _NUMBER.finditer(key):
        token, after, before = m.group(1), key[m.end():], key[:m.start()]
        followed = bool(_BC_AFTER.match(after))
        if re.fullmatch(r"\s*\(?", before) and re.match(r"[.)]", after):
            continue  # a numbering marker "1." / "(2)" at the start of the sentence
        if not followed:
            if re.fullmatch(r"(19|20)\d\d", token) or re.match(r"\s*[-/]\s*[a-z]", after):
                continue  # a year, a document number "18-NQ/TW"
            if _COUNTED.match(after) or _DOCUMENT.search(before):
                continue  # "3 huyện", "2 năm", "20%", "Quyết định số 12"
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
            value: int | None = int(token.replace(".", ""))
        else:
            value = int(token) if token.isdigit() else None
        out.append((m.start(), m.end(), value))
    return out


def _posts_like(key: str, start: int, end: int) -> bool:
    """Followed by "biên chế", or ending a phrase after "biên chế" ("biên chế của X là N,")."""
    if _BC_AFTER.match(key[end:]):
        return True
    if "bien che" not in key[:start]:
        return False
    return bool(_LIST_END.match(key[end:]))


def figures_in(sentence: Sentence, scanner: UnitScanner) -> list[Figure]:
    """Every candidate figure of one sentence, paired with a unit and a structure, flagged if unsure."""
    text = sentence.text
    key = scan_key(text)
    if "bien che" not in key:
        return []
    numbers = _numbers(text, key)
    mentions = scanner.find(text, key)
    splits = scanner.splits(text, key, mentions)
    body_vocab = vocab.bodies()
    respectively = "lan luot" in key
    claimed: set[Mention] = set()
    figures: list[Figure] = []
    sentence_cues = _cues(text, key, 0, len(text))
    for i, (a, b, value) in enumerate(numbers):
        prev_end = numbers[i - 1][1] if i else 0
        next_start = numbers[i + 1][0] if i + 1 < len(numbers) else len(text)
        clause = _CLAUSE_END.search(key, b)
        clause_end = min(clause.start() if clause else len(text), next_start)
        fig = Figure(sentence, a, b, value)
        if value is None:
            fig.flags.append(("not_whole", {"value": text[a:b]}))
        change = _CHANGE.search(key[:a])
        if change:
            fig.flags.append(("change", {"value": text[change.start():b]}))
        if not _posts_like(key, a, b):
            shown = re.match(r"\S+(?:\s+[^\s,;.]+){0,2}", text[a:])
            fig.flags.append(("not_posts", {"value": shown.group(0) if shown else text[a:b]}))
        before = [m for m in mentions if prev_end <= m.start and m.end <= a and m not in claimed]
        after = [m for m in mentions if b <= m.start and m.end <= clause_end and m not in claimed]
        chosen = _choose(key, a, before, after, fig)
        if chosen is not None:
            claimed.add(chosen)
            fig.unit = chosen.unit
            if chosen.weak:
                fig.flags.append(("weak_unit", {"value": chosen.raw}))
        else:
            _no_vocabulary_unit(text, a, prev_end, splits, figures, scanner, body_vocab, fig)
        body = name_before(text, a)
        if body and body_vocab.keys.get(body_vocab.key(body)):
            fig.body = body_vocab.keys[body_vocab.key(body)]
        local = _cues(text, key, prev_end, clause_end)
        fig.explicit = len(local) == 1 or len(sentence_cues) == 1
        chosen_cues = local if local else sentence_cues
        if len(chosen_cues) == 1:
            fig.structure = next(iter(chosen_cues))
        elif chosen_cues:
            fig.flags.append(("structure_mixed", {}))
        else:
            fig.flags.append(("structure_assumed", {}))
        figures.append(fig)
    _pair_respectively(figures, mentions, respectively)
    _two_numbers(figures)
    return figures


def _choose(key: str, a: int, before: list[Mention], after: list[Mention], fig: Figure) -> Mention | None:
    """The unit written since the previous number (the nearest if it touches the number), else the
    first one after it in the same clause; several before and none touching → flagged, none chosen."""
    if len(before) == 1:
        return before[0]
    if len(before) > 1:
        nearest = before[-1]
        if _ADJACENT.match(key[nearest.end:a]):
            return nearest
        fig.flags.append(("several_units", {"value": ", ".join(dict.fromkeys(m.unit for m in before))}))
        return None
    if len(after) >= 1:
        return after[0]
    return None


def _no_vocabulary_unit(text: str, a: int, prev_end: int, splits: list[Split], figures: list[Figure],
                        scanner: UnitScanner, body_vocab: vocab.Vocabulary, fig: Figure) -> None:
    """No vocabulary unit for this number: a split name, an unknown name, the previous unit, or nothing."""
    if any(f[0] == "several_units" for f in fig.flags):
        return
    split = [s for s in splits if prev_end <= s.start and s.end <= a]
    if split:
        fig.flags.append(("split_unit", {"value": split[-1].shown, "unit": split[-1].unit}))
        return
    name = name_before(text, a)
    positions = vocab.positions()
    if name and not body_vocab.keys.get(body_vocab.key(name)) and not positions.keys.get(positions.key(name)):
        fig.unit = name
        suggestion = scanner.units.suggest(name)
        fig.flags.append(("unknown_unit", {"value": name, "suggestion": suggestion}))
        return
    known = [f for f in figures if f.unit and not any(k == "unknown_unit" for k, _ in f.flags)]
    if known:
        fig.unit = known[-1].unit
        fig.flags.append(("inherited", {"value": known[-1].unit}))
        return
    fig.flags.append(("no_unit", {}))


def _pair_respectively(figures: list[Figure], mentions: list[Mention], respectively: bool) -> None:
    """"Lâm Hà, Đạ Huoai và Đạ Tẻh lần lượt 20, 23, 21 biên chế": units and numbers in order."""
    if not respectively or not figures:
        return
    units_before = [m for m in mentions if m.end <= figures[0].start]
    if len(units_before) != len(figures) or any(m.weak for m in units_before):
        return
    for fig, mention in zip(figures, units_before):
        fig.unit = mention.unit
        fig.flags = [f for f in fig.flags if f[0] not in ("several_units", "inherited", "no_unit",
                                                          "not_posts")]


def _two_numbers(figures: list[Figure]) -> None:
    """A unit given two numbers in one sentence is flagged unless cue words tell them apart."""
    for fig in figures:
        fig.flags = [f for f in fig.flags if f[0] != "inherited"]
        if not fig.unit:
            continue
        same = [f for f in figures if f.unit == fig.unit]
        distinct = len({(f.structure, f.body) for f in same}) == len(same) and all(f.explicit for f in same)
        if len(same) > 1 and not distinct:
            values = ", ".join(str(f.posts) for f in same)
            fig.flags.append(("two_numbers", {"value": values}))


@dataclass
class Boards:
    sentence: Sentence
    count: int
    names: list[str]
    flags: list[tuple[str, dict]] = field(default_factory=list)
    units: list[str] = field(default_factory=list)


def boards_in(sentence: Sentence, scanner: UnitScanner) -> Boards | None:
    """"… thành lập 4 ban, gồm Ban A, Ban B …": the count stated and the names listed."""
    match = _BOARDS.search(sentence.text)
    if not match:
        return None
    word = match.group(1).lower()
    count = int(word) if word.isdigit() else NUMBER_WORDS[word]
    bodies = vocab.bodies()
    names, flags, started = [], [], False
    for part in _LIST_SPLIT.split(sentence.text[match.end():]):
        words = part.strip(" .…\"“”").split()
        if not words or scan_key(words[0]) != "ban":
            if started:
                break
            continue
        started = True
        for n in range(min(len(words), 5), 1, -1):  # the longest known name at the start
            canonical = bodies.keys.get(bodies.key(" ".join(words[:n])))
            if canonical:
                names.append(canonical)
                break
        else:
            raw = " ".join(words[:4])
            names.append(raw)
            flags.append(("unknown_body", {"value": raw, "suggestion": bodies.suggest(raw)}))
    if count != len(names):
        flags.append(("boards_mismatch", {"count": count, "named": len(names)}))
    units = list(dict.fromkeys(m.unit for m in scanner.find(sentence.text) if not m.weak))
    return Boards(sentence, count, names, flags, units)
