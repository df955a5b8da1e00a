"""Results a report credits to the model, said without a cue word: "mô hình mới đã giảm số
cán bộ lãnh đạo, khắc phục sự chồng chéo giữa các tổ chức, tiết kiệm chi phí hành chính".

Why phrases, not cue words: reviews state advantages as achievements — fewer focal
points and deputies, overlap avoided, money saved, a leaner apparatus, better results —
after a marker that they happened ("đã", "giúp", "góp phần", "mang lại", "tránh được").
Each achieved result is one advantage: items split at ";" when the sentence has them,
else at the comma before each result verb; the lead-in ("Qua 3 tháng vận hành, mô hình
mới đã") is dropped, and an item stops at a clause that is no result ("…, đồng thời yêu
cầu …"). An aim ("nhằm giảm đầu mối"), a wish ("cần tiết kiệm") or a denial ("chưa giảm
được") is not a result. A sentence right after results, in the same paragraph, that says
work went on well or better ("vẫn được duy trì, không bị gián đoạn", "thuận lợi hơn
trước") is one more, whole.
"""
from __future__ import annotations

import re

from pilotlib.ingest.narrative.mentions import scan_key
from pilotlib.ingest.narrative.report_text import Sentence
from pilotlib.ingest.narrative.statements import Statement, trim_end

_THING = r"(?:tinh trang|su|viec)?\s*"
RESULTS = (
    r"giam\s+(?:duoc\s+)?(?:dau moi|so\s+(?:luong\s+)?(?:can bo|cap pho|lanh dao|dau moi|bien che|cap truong)"
    r"|cap pho|can bo lanh dao|chi phi|kinh phi|thu tuc|hoi hop|giay to)",
    rf"(?:tranh|khac phuc|han che|giam)\s+(?:duoc\s+)?{_THING}(?:chong cheo|trung lap|phan tan|manh mun|cong ke"
    r"|dun day)",
    r"tiet kiem\s+(?:duoc\s+)?(?:kinh phi|chi phi|ngan sach|thoi gian|nguon luc|bien che)",
    r"tinh gon\s+(?:duoc\s+)?(?:bo may|dau moi|to chuc)",
    r"nang cao\s+(?:duoc\s+)?(?:hieu qua|hieu luc|chat luong)",
    r"thong nhat\s+(?:duoc\s+)?(?:dau moi|chi dao|dieu hanh|quan ly)",
    r"(?:phoi hop|hoat dong)\s+(?:ngay cang\s+)?(?:chat che|nhip nhang|hieu qua|thong suot)\s+hon",
)
_RESULT = re.compile(r"(?<!\w)(?:" + "|".join(RESULTS) + r")(?!\w)")
_ACHIEVED = re.compile(r"(?<!\w)(?:da|giup|gop phan|mang lai|dat duoc|buoc dau|thuc su|ro ret)(?!\w)"
                       r"|(?<!\w)\w+\s+duoc(?!\w)")
_NOT_YET = re.compile(r"(?<!\w)(?:nham|de|can|phai|muc tieu|yeu cau|huong toi|se|chua|khong|kho|neu|vi)\s+"
                      r"(?:\w+\s+){0,2}$")
_OTHER_CLAUSE = re.compile(r",\s*(?:dong thoi|nhung|song|tuy nhien|trong khi|do do|vi vay|con|tuy|ngoai ra)(?!\w)")
_WENT_ON = re.compile(r"(?<!\w)(?:duoc duy tri|khong bi gian doan|dien ra (?:binh thuong|thuan loi)"
                      r"|on dinh|thong suot|ngay cang (?:hieu qua|chat che)"
                      r"|(?:thuan loi|hieu qua|chat che|nhip nhang|thong suot|tot|gon nhe|kip thoi|sat sao) hon)(?!\w)")
_DOUBT = re.compile(r"(?<!\w)(?:chua|kho khan|vuong mac|han che|bat cap|thieu|yeu)(?!\w)")


def results_in(sentence: Sentence) -> list[Statement]:
    """The achieved results a sentence states, one advantage each ([] if none)."""
    text, key = sentence.text, scan_key(sentence.text)
    found = [m for m in _RESULT.finditer(key) if _achieved(key, m.start())]
    if not found:
        return []
    first = found[0].start()
    if ";" in key[first:]:
        cuts = [first] + [m.end() for m in re.finditer(";", key) if m.start() > first]
    else:
        cuts = [first] + [m.start() for m in found[1:] if re.search(r"(?:,|(?<!\w)va)\s*(?:va\s+)?$", key[:m.start()])]
    out = []
    for a, b in zip(cuts, cuts[1:] + [len(text)]):
        piece = text[a:b]
        stop = _OTHER_CLAUSE.search(scan_key(piece))
        piece = piece[:stop.start()] if stop else piece
        piece = trim_end(re.sub(r"(?:,|\s+và)\s*$", "", piece.strip().rstrip(",;")).strip())
        if piece:
            start = a + (len(text[a:b]) - len(text[a:b].lstrip()))
            out.append(Statement("advantage", piece, sentence, start=sentence.start + start))
    return out


def _achieved(key: str, start: int) -> bool:
    """A result said to have happened: a marker before it in the sentence, no aim or denial."""
    before = key[:start]
    if _NOT_YET.search(before):
        return False
    return bool(_ACHIEVED.search(before)) or bool(re.match(r"\w+\s+duoc(?!\w)", key[start:]))


def went_on(sentence: Sentence) -> list[Statement]:
    """A sentence that work went on well (after results in its paragraph): one advantage."""
    key = scan_key(sentence.text)
    if not _WENT_ON.search(key) or _DOUBT.search(key):
        return []
    return [Statement("advantage", trim_end(sentence.text), sentence, start=sentence.start)]
