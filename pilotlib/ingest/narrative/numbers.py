"""The numbers of a sentence that may count posts, and what each is a count of.

Why a step of its own: a report's sentence holds dates (12.11.2018, "tháng 7.2020"),
years, document numbers ("1234-QĐ/TU"), ranges ("2 - 3 địa điểm"), percentages and
counts of other things ("5 đoàn thể", "12 tập thể", "1.250 hộ") beside the few numbers
that count posts. Each candidate says what follows it — "biên chế" (``POSTS``), a word
for staff such as "người" or "cán bộ" (``STAFF``), a position such as "Trưởng khối" or
"kế toán" (``POSITION``, with the canonical title), or nothing (``BARE``) — and the
figure finder decides from that and the sentence whether it is a count of posts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pilotlib.ingest.narrative.names import NameScanner

POSTS, STAFF, POSITION, BARE = "posts", "staff", "position", "bare"

# Words after a number that count something other than posts: such numbers are skipped.
NOT_POSTS = ("nam", "thang", "ngay", "quy", "huyen", "xa", "dia phuong", "don vi", "ban", "to", "lan", "cap",
             "khoi", "to chuc", "doan the", "co quan", "nhiem vu", "phong", "giai doan", "%", "phan tram",
             "tinh", "phuong", "thi tran", "dac khu", "tap the", "ca nhan", "ho", "mon", "hoi vien", "doan vien",
             "chi hoi", "chi doan", "to hoi", "diem", "dia diem", "dau viec", "dau moi", "km", "ty", "trieu",
             "nghin", "dong", "hoi", "doan", "luot", "cuoc", "lop", "hoi nghi", "van ban", "thanh vien",
             "nguoi dan", "hoi truong", "xe", "may", "phut", "gio", "tuan", "dot", "ky", "khoa", "muc")
STAFF_WORDS = ("nguoi(?!\\s+dan)", "can bo", "cong chuc", "vien chuc", "nhan vien", "cbccvc", "cbcc", "nhan su")
DOCUMENT_WORDS = ("so", "quyet dinh", "nghi quyet", "nghi dinh", "ket luan", "thong tu", "chi thi", "de an",
                  "cong van", "ke hoach", "ngay", "nam", "thang", "khoan", "dieu", "muc")

_NUMBER = re.compile(r"(?<![\w.,/])(\d+(?:[.,]\d+)*)(?![\w/]|[.,/-]\d)")
_BC_AFTER = re.compile(r"^\s*(?:nguoi\s+)?bien\s+che(?!\w)")
_STAFF_AFTER = re.compile(r"^\s*(?:" + "|".join(w.replace(" ", r"\s+") for w in STAFF_WORDS) + r")(?!\w)")
_COUNTED = re.compile(r"\s*(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in NOT_POSTS) + r")(?!\w)")
_DOCUMENT = re.compile(r"(?<!\w)(?:" + "|".join(DOCUMENT_WORDS) + r")\s*$")
_RANGE_AFTER = re.compile(r"^\s*[-–]\s*\d")
_RANGE_BEFORE = re.compile(r"\d\s*[-–]\s*$")


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    value: int | None  # None: not a whole number ("2,5")
    measure: str  # POSTS, STAFF, POSITION or BARE
    position: str = ""  # canonical position title when measure is POSITION
    word_end: int = -1  # end of the word(s) after the number that gave the measure


def numbers(text: str, key: str, positions: NameScanner) -> list[Number]:
    """Numbers that may count posts, in order, each with what it counts."""
    out = []
    for m in _NUMBER.finditer(key):
        token, after, before = m.group(1), key[m.end():], key[:m.start()]
        if re.fullmatch(r"\s*\(?", before) and re.match(r"[.)]", after):
            continue  # a numbering marker "1." / "(2)" at the start of the sentence
        measure, position, word_end = _measure(text, key, m.end(), positions)
        if measure == BARE or measure == STAFF:
            if re.fullmatch(r"(19|20)\d\d", token) or re.match(r"\s*[-/]\s*[a-z]", after):
                continue  # a year, a document number "18-NQ/TW"
            if _DOCUMENT.search(before) or _RANGE_AFTER.match(after) or _RANGE_BEFORE.search(before):
                continue  # "Quyết định số 12", "2 - 3 địa điểm"
            if measure == BARE and _COUNTED.match(after):
                continue  # "3 huyện", "2 năm", "20%", "12 tập thể"
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
            value: int | None = int(token.replace(".", ""))
        else:
            value = int(token) if token.isdigit() else None
        out.append(Number(m.start(), m.end(), value, measure, position, word_end))
    return out


def _measure(text: str, key: str, end: int, positions: NameScanner) -> tuple[str, str, int]:
    """What the words right after a number say it counts."""
    after = key[end:]
    posts = _BC_AFTER.match(after)
    if posts:
        return POSTS, "", end + posts.end()
    named = positions.at(text, key, end)
    if named is not None:
        return POSITION, named.name, named.end
    staff = _STAFF_AFTER.match(after)
    if staff:
        return STAFF, "", end + staff.end()
    return BARE, "", end
