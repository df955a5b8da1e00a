"""A list pasted together from Unicode rows and rows typed in a legacy font (TCVN3/VNI):
each legacy row is repaired on its own and classified like the others, the Unicode rows
are left exactly as they were."""
from __future__ import annotations

import pandas as pd

from pilotlib.core.legacy_text import TCVN3_TO_UNICODE, VNI_TO_UNICODE
from pilotlib.ingest.issues import normalize_issues


def _encode(text: str, table: dict[str, str]) -> str:
    """Unicode → the Windows-1252 view of the font's bytes (what a pasted cell holds)."""
    inverse: dict[str, str] = {}
    for code, letter in table.items():
        if letter not in inverse or code == (code.upper() if letter.isupper() else code.lower()):
            inverse[letter] = code
    return "".join(inverse.get(ch, ch) for ch in text)


UNICODE_ROWS = [  # (text, expected category)
    ("Kinh phí hoạt động của khối chưa được bố trí riêng", "funding"),
    ("Chưa có hướng dẫn về chức năng, nhiệm vụ của các ban", "guidance"),
    ("Trụ sở làm việc chật hẹp, thiếu máy tính", "facilities"),
    ("Cán bộ chưa quen với cách làm việc mới", "transition"),
]
LEGACY_ROWS = [  # typed in .VnTime (TCVN3, lower-case: no toned capitals) or VNI-Times
    ("kinh phí chi thường xuyên chưa được tách riêng trong dự toán", "funding", TCVN3_TO_UNICODE),
    ("thiếu biên chế làm kế toán, thủ quỹ", "staffing", TCVN3_TO_UNICODE),
    ("Phòng làm việc chật, thiếu xe ô tô phục vụ công tác", "facilities", VNI_TO_UNICODE),
]


def test_minority_legacy_rows_are_repaired_and_classified(tmp_path):
    rows = [(text, category, text) for text, category in UNICODE_ROWS]
    rows += [(_encode(text, table), category, text) for text, category, table in LEGACY_ROWS]
    rows = rows[:2] + rows[4:6] + rows[2:4] + rows[6:]  # interleaved, Unicode the majority
    frame = pd.DataFrame({"Đơn vị": "Lâm Hà", "Nội dung": [r[0] for r in rows], "Loại": "Khó khăn"})
    path = tmp_path / "ds.csv"
    frame.to_csv(path, index=False, encoding="utf-8")
    assert "chÕ" in path.read_text(encoding="utf-8") and "Phoøng" in path.read_text(encoding="utf-8")
    result = normalize_issues(path)
    assert result.issues["text"].tolist() == [r[2] for r in rows]  # legacy rows repaired, Unicode untouched
    assert result.issues["category"].tolist() == [r[1] for r in rows]  # none misfiled as "other"
    assert any("TCVN3" in w or "VNI" in w for w in result.warnings)  # said, not silent
