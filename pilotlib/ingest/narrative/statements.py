"""Difficulty and recommendation statements in a narrative report, split into items.

Why this shape: reports list difficulties in one long sentence after a cue word, items
separated by ";" ("… gặp những khó khăn khi …; việc ban hành …; kinh phí …"), or as
numbered items "1) … 2) …", or under a heading paragraph ("Khó khăn, vướng mắc:")
followed by numbered or bulleted paragraphs. Each item becomes one statement whose text
is the exact substring of the report (the numbering marker left out), so nothing is
rewritten. Items before the first cue of a sentence are not statements.

Cue words (folded, whole words): difficulty — khó khăn, hạn chế, vướng mắc, bất cập;
recommendation — kiến nghị, đề xuất, đề nghị; advantage — ưu điểm, kết quả đạt được / rõ
nét / nổi bật …, thuận lợi (as a noun); their kind comes from
``data/reference/issue_kinds.csv`` through ``topics.classify_kind``. A sentence that
only announces difficulties ("… bộc lộ không ít khó khăn, vướng mắc.") is no statement:
the sentences after it in its paragraph are; results said without a cue word are read by
``advantages``. "theo đề nghị của …" (at the request of) and "hộ có hoàn cảnh khó khăn"
(an adjective) raise nothing. A cue after
"khắc phục", "tháo gỡ", "giải quyết", "vượt qua" (or "hạn chế được", "không có") is an
aim, not a statement, and is ignored; a sentence that only mentions recommendations
("các kiến nghị sẽ được tổng hợp") is kept but flagged.

List items — the statements of a sentence that holds several, and the paragraphs under
a heading — lose their trailing sentence punctuation ("." "!" "?", not "…" or "v.v."),
so the last item of "…: a; b; c." reads "c" like the others; a sentence holding a
single statement keeps it exactly. A statement's unit is the one district its own text
names, else the one its heading or the sentence's lead-in ("Huyện Lâm Hà kiến nghị: …")
names; the rest of the sentence counts only when the sentence holds that one statement
— in "Kiến nghị: Trung ương sớm ban hành hướng dẫn; bổ sung 2 biên chế cho Lâm Hà" the
first item is not Lâm Hà's. A statement left without a unit while its sentence names
one, or naming several, is flagged (an empty unit would mean "all units").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from pilotlib.ingest.narrative.items import Statement, trim_end
from pilotlib.ingest.narrative.mentions import UnitScanner, find_phrases, scan_key
from pilotlib.ingest.narrative.report_text import Paragraph, Report, Sentence, split_sentences
from pilotlib.reference.topics import classify_kind

DIFFICULTY_CUES = ("kho khan", "han che", "vuong mac", "bat cap")
RECOMMENDATION_CUES = ("kien nghi", "de xuat", "de nghi")
# Results announced as such: "ưu điểm", "kết quả đạt được / rõ nét …" ("kết quả" alone is
# mostly a noun: "đánh giá kết quả sắp xếp"). Their kind is the kind of their head word.
ADVANTAGE_CUES = ("uu diem", "thuan loi", "mat duoc", "mat tich cuc", "ket qua dat duoc", "ket qua ro net",
                  "ket qua noi bat", "ket qua tich cuc", "ket qua buoc dau", "ket qua quan trong",
                  "ket qua dang ghi nhan", "ket qua dang khich le")
CUES = DIFFICULTY_CUES + RECOMMENDATION_CUES + ADVANTAGE_CUES
# An aim verb up to four words before the cue ("khắc phục những tồn tại, hạn chế"); "theo
# đề nghị của" (at the request of: a past decision); "bên cạnh những kết quả" (a concession).
_AIM = re.compile(r"(?<!\w)(?:khac phuc|thao go|giai quyet|vuot qua|xu ly|khong co|khong gap)(?:[\s,]+\w+){0,4}?[\s,]*$"
                  r"|(?<!\w)(?:theo|ben canh|ngoai)\s*(?:nhung|cac)?\s*$")
_VERB_AFTER = re.compile(r"^\s*(?:duoc|toi da|bot)(?!\w)")  # "hạn chế được …": to limit
_NOUN_BEFORE = re.compile(r"(?<!\w)(?:nhung|cac|mot so|nhieu|moi)\s*$")  # "những hạn chế được chỉ ra"
# "hộ có hoàn cảnh khó khăn", "vùng đặc biệt khó khăn": an adjective, not a difficulty raised.
_ADJECTIVE = re.compile(r"(?<!\w)(?:hoan canh|ho|gia dinh|doi song|vung|dia ban|dac biet|xa|nguoi|hoc sinh|"
                        r"tre em|dien)\s*$")
_JOINED = re.compile(r"^\s*(?:,|va|hoac)\s*$")
_MENTION = re.compile(r"^(?:\s+\S+){0,4}\s+(?:se|da|dang)?\s*duoc\s+(?:tong hop|tiep thu|ghi nhan|xem xet|giai quyet)")
MARKER = re.compile(r"^\s*(?:\(?\d{1,2}\)|\d{1,2}\.(?=\s)|[a-zđ]\)|[IVX]{1,4}\.(?=\s)|[-+•–*])\s*")
_INLINE_MARKER = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[;:]))(?:\(?\d{1,2}\)|[a-zđ]\))\s+")
SHORT_WORDS = 3


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    kind: str


@lru_cache(maxsize=1)
def cue_kinds() -> dict[str, str]:
    """Folded cue word → kind, from the kind vocabulary (issue_kinds.csv); a phrase such as
    "kết quả đạt được" has its head word's kind ("kết quả")."""
    whole = classify_kind(pd.Series(list(CUES)))
    heads = classify_kind(pd.Series([" ".join(cue.split()[:2]) for cue in CUES]))
    return {cue: kind if isinstance(kind, str) else head for cue, kind, head in zip(CUES, whole, heads)
            if isinstance(kind, str) or isinstance(head, str)}


def cues(text: str, key: str | None = None) -> list[_Cue]:
    """Cue words that open a statement (aims such as "khắc phục hạn chế" removed)."""
    key = scan_key(text) if key is None else key
    kinds = cue_kinds()
    found: list[_Cue] = []
    previous_aim: tuple[int, int] | None = None
    for start, end, phrase in find_phrases(key, tuple(kinds)):
        verb = phrase == "han che" and bool(_VERB_AFTER.match(key[end:])) and not _NOUN_BEFORE.search(key[:start])
        verb = verb or phrase == "thuan loi" and not (key[end:].lstrip().startswith(":")
                                                      or _NOUN_BEFORE.search(key[:start]))
        aim = bool(_AIM.search(key[:start])) or verb or phrase == "kho khan" and bool(_ADJECTIVE.search(key[:start]))
        if previous_aim and _JOINED.match(key[previous_aim[1]:start]):
            aim = True  # "khắc phục những bất cập, hạn chế": both are aims
        previous_aim = (start, end) if aim else None
        if not aim:
            found.append(_Cue(start, end, kinds[phrase]))
    return found


def _pieces(text: str) -> list[tuple[int, int]]:
    """Spans of the ";"- and "1) … 2) …"-separated pieces of a sentence, markers left out."""
    cuts = sorted({0, len(text)} | {m.end() for m in re.finditer(";", text)}
                  | {m.start() for m in _INLINE_MARKER.finditer(text)})
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        chunk = text[a:b]
        marker = MARKER.match(chunk)
        skip = marker.end() if marker and marker.end() < len(chunk) else 0
        chunk = chunk[skip:].rstrip().rstrip(";").rstrip()
        lead = len(chunk) - len(chunk.lstrip())
        if chunk.strip():
            spans.append((a + skip + lead, a + skip + lead + len(chunk.strip())))
    return spans


def in_sentence(sentence: Sentence) -> list[Statement]:
    """Statements of one sentence: the piece holding the first cue and every piece after it."""
    text, key = sentence.text, scan_key(sentence.text)
    found = cues(text, key)
    if not found:
        return []
    out, kind = [], None
    for a, b in _pieces(text):
        here = [c for c in found if a <= c.start < b]
        if here:
            kind = here[0].kind
            colon = text.find(":", here[0].end, b)
            if colon != -1:  # "Khó khăn: kinh phí …" → the lead-in is a heading
                a = colon + 1 + (len(text[colon + 1:b]) - len(text[colon + 1:b].lstrip()))
                if a >= b:
                    continue
        if kind is None or _only_cue_words(key[a:b]):
            continue  # "Khó khăn, vướng mắc" alone is a heading, not a statement
        flags = []
        if here and here[0].kind == "recommendation" and _MENTION.match(key[here[0].end:b]):
            flags.append(("mention", {}))
        if len(text[a:b].split()) < SHORT_WORDS:
            flags.append(("short", {}))
        out.append(Statement(kind, text[a:b], sentence, flags=flags, start=sentence.start + a))
    if len(out) > 1:  # list items: no trailing sentence punctuation on the last one either
        for statement in out:
            statement.text = trim_end(statement.text)
    elif out and re.search(r"\.?/\.$", out[0].text):  # "./." closes an article: not the sentence's
        out[0].text = re.sub(r"/\.$", "", out[0].text)
    return out


_FILLER = re.compile(r"(?<!\w)(?:nhung|cac|mot so|va|hoac|sau|nhu sau|ve|gom|\d+|[ivx]+)(?!\w)")


def _only_cue_words(key: str) -> bool:
    """Nothing but cue words, fillers ("những", "các", "như sau") and numbering."""
    rest = list(key)
    for start, end, _ in find_phrases(key, CUES):
        rest[start:end] = " " * (end - start)
    return not re.search(r"[a-z]", _FILLER.sub(" ", "".join(rest)))


def _heading_kind(paragraph: Paragraph) -> tuple[str, int] | None:
    """The kind of a heading that announces a list ("Khó khăn, vướng mắc:", "III. KIẾN NGHỊ")."""
    spans = split_sentences(paragraph.text)
    if not spans:
        return None
    a, b = spans[-1]
    last = paragraph.text[a:b]
    short = len(paragraph.text.split()) <= 10 and not last.rstrip().endswith((".", "…"))
    if not (last.rstrip().endswith(":") or short):
        return None
    found = cues(last)
    return (found[0].kind, a) if found else None


def _marker_style(paragraph: Paragraph) -> str:
    """"1)", "1.", "a)", "-" … as a shape ("9)", "9.", "a)", "-"), so a new level or list is noticed."""
    marker = MARKER.match(paragraph.text)
    if not marker:
        return "word" if paragraph.list_item else ""
    shape = re.sub(r"\d+", "9", marker.group(0).strip())
    return re.sub(r"^[a-zđ]\)$", "a)", re.sub(r"^[IVX]+\.$", "I.", shape))


def _is_item(paragraph: Paragraph) -> bool:
    return paragraph.list_item or bool(MARKER.match(paragraph.text)) and bool(paragraph.text.strip())


def statements(report: Report, scanner: UnitScanner) -> list[Statement]:
    """Every difficulty and recommendation of the report, in reading order, with its unit."""
    out: list[Statement] = []
    paragraphs = report.paragraphs
    i = 0
    while i < len(paragraphs):
        paragraph = paragraphs[i]
        heading = _heading_kind(paragraph)
        items, j = _list_after(paragraphs, i, heading[0]) if heading else ([], i + 1)
        spans = split_sentences(paragraph.text)
        if items:  # the heading only announces the list; without items it is a sentence like any other
            spans = [s for s in spans if s[0] < heading[1]]
        out += _in_paragraph(paragraph, spans, scanner)
        out += _with_units(items, scanner, paragraph.text[heading[1]:] if heading else "")
        i = j if items else i + 1
    return out


def _in_paragraph(paragraph: Paragraph, spans: list[tuple[int, int]], scanner: UnitScanner) -> list[Statement]:
    """The statements of a paragraph's sentences. A sentence that only says there are
    difficulties ("… bộc lộ không ít khó khăn, vướng mắc.") announces the sentences after it
    that have no cue of their own; a title that only says so ("… nhưng còn nhiều vướng
    mắc") states nothing. A sentence with no cue may state results (``advantages``)."""
    from pilotlib.ingest.narrative.advantages import results_in, went_on  # it builds on this module

    out: list[Statement] = []
    announced: str | None = None
    results = False
    final = paragraph.text.rstrip().endswith((".", "!", "?", "…", ";"))
    for n, (a, b) in enumerate(spans):
        sentence = Sentence(paragraph.text[a:b], paragraph.start + a, paragraph.number)
        found = in_sentence(sentence)
        if found and _announces(found[-1]) and (n + 1 < len(spans) or not final):
            announced = found[-1].kind  # for the sentences after it; itself states nothing
            found = found[:-1]
            if not found:
                continue
        if not found and announced:
            found = [Statement(announced, trim_end(sentence.text), sentence, start=sentence.start)]
        elif not found:
            found = results_in(sentence) or (went_on(sentence) if results else [])
        results = results or any(f.kind == "advantage" for f in found)
        lead = sentence.text[:found[0].start - sentence.start] if found else ""
        out += _with_units(found, scanner, lead)
    return out


_QUANTIFIED = re.compile(r"(?<!\w)(?:nhieu|khong it|mot so|nhung|cac|mot vai|van con|con)\s*$")


def _announces(statement: Statement) -> bool:
    """"… không ít khó khăn, vướng mắc", "… còn nhiều vướng mắc": that there are difficulties,
    not which — the statement's cues end it, after a quantifier."""
    key = scan_key(statement.text)
    found = cues(statement.text, key)
    if not found or found[0].kind == "advantage":
        return False
    after = key[found[-1].end:]
    return _only_cue_words(after) and not re.search(r"[a-z]", after.replace(" ", "")) or \
        _only_cue_words(key[found[0].start:]) and bool(_QUANTIFIED.search(key[:found[0].start]))


def _list_after(paragraphs: list[Paragraph], i: int, kind: str) -> tuple[list[Statement], int]:
    """The items under heading paragraph ``i`` and the index after them.

    Items are numbered or bulleted paragraphs of one marker shape ("1)", "-", a Word list);
    after a heading ending in ":" plain paragraphs count too, up to a blank line. A
    different marker shape or a line ending in ":" ("3. Kiến nghị:") starts the next list.
    """
    colon = paragraphs[i].text.rstrip().endswith(":")
    items: list[Statement] = []
    j, style, plain = i + 1, None, False
    while j < len(paragraphs):
        paragraph = paragraphs[j]
        if not paragraph.text.strip():
            if plain:
                break
            j += 1
            continue
        if not (_is_item(paragraph) or colon and not _heading_kind(paragraph)):
            break
        style = _marker_style(paragraph) if style is None else style
        if _marker_style(paragraph) != style or paragraph.text.rstrip().endswith(":"):
            break
        plain = plain or style == ""
        items += _item(paragraph, kind)
        j += 1
    return items, j


def _item(paragraph: Paragraph, kind: str) -> list[Statement]:
    """One list-item paragraph under a heading: its whole text after the marker."""
    marker = MARKER.match(paragraph.text)
    skip = marker.end() if marker else 0
    body = paragraph.text[skip:].rstrip().rstrip(";").rstrip()  # ";" separates items; it is not text
    if not body.strip():
        return []
    lead = len(body) - len(body.lstrip())
    piece = Sentence(body.strip(), paragraph.start + skip + lead, paragraph.number)
    flags = [("short", {})] if len(piece.text.split()) < SHORT_WORDS else []
    return [Statement(kind, trim_end(piece.text), piece, flags=flags, start=piece.start)]


def _levels(scanner: UnitScanner) -> dict[str, str]:
    return dict(zip(scanner.units.table["unit"], scanner.units.table["level"]))


def _with_units(found: list[Statement], scanner: UnitScanner, context: str = "") -> list[Statement]:
    """The one district a statement names; else the one its heading or lead-in
    (``context``) names; else its sentence's, only when the sentence holds this statement
    alone. Anything in between is flagged, not guessed; naming none means all units."""
    level = _levels(scanner)

    def named(text: str) -> list[str]:
        return list(dict.fromkeys(m.unit for m in scanner.find(text)
                                  if not m.weak and level.get(m.unit) != "province"))

    heading = named(context) if context.strip() else []
    for statement in found:
        for names in (named(statement.text), heading):
            if names:
                break
        else:
            names = named(statement.sentence.text)
            if names and len(found) > 1:
                statement.flags.append(("unit_unclear", {"value": ", ".join(names)}))
                continue
        if len(names) == 1:
            statement.unit = names[0]
        elif names:
            statement.flags.append(("statement_units", {"value": ", ".join(names)}))
    return found
