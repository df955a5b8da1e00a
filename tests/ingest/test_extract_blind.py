"""`extract` on reports written blind to it (fixtures/reports/BLIND.md) and on our own
article in the seed's style (EXPECTED.md, "own_two_districts.txt"), scored row by row.

The bar (not lowered to pass): every expected staffing row — each half of a before/after
pair, each body- or position-level count — and every board statement is right or
flagged, none missed, none wrong (unflagged with a wrong value), and nothing unflagged
is extracted that a careful reader would not; statements likewise.

Score of the blind reports (right / flagged / missed / wrong, + unflagged extras), as
first measured and now — the "now" figures are asserted below:

    pilot review   before 7 / 21 / 14 / 0 (+4)    now 42 / 0 / 0 / 0 (+0)  (36 / 6 / 0 / 0 against the raw expectations)
    reform 2025    before 15 / 15 / 12 / 0 (+2)   now 38 / 3 / 0 / 0 (+0)  (28 / 13 / 1 / 0 against the raw expectations)

"Before" is the extractor as it was when this test was written (every number old,
bodies ignored, a board list read only in one punctuation, no advantages); "now" applies
the project's documented conventions where the blind author made another judgment call
(``CONVENTIONS``: each row says why).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from blind_score import explain, score

from pilotlib.ingest.narrative.extract import extract_report

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
UNITS = ("unit,full_name_vi,name_en,unit_code,code_vintage,level,parent_code,valid_from,valid_to,aliases\n"
         "Gia Hiệp,Xã Gia Hiệp,Gia Hiep Commune,25015,2025,commune,68,2025-07-01,,\n"
         "Hòa Ninh,Xã Hòa Ninh,Hoa Ninh Commune,99001,2025,commune,68,2025-07-01,,\n"
         "Lộc An,Xã Lộc An,Loc An Commune,99002,2025,commune,68,2025-07-01,,\n"
         "Tân Hà,Xã Tân Hà,Tan Ha Commune,99003,2025,commune,68,2025-07-01,,\n"
         "Đạ Đờn,Xã Đạ Đờn,Da Don Commune,99004,2025,commune,68,2025-07-01,,\n"
         "Đắk Nông,Tỉnh Đắk Nông,Dak Nong Province,67,2024,province,,,2025-06-30,\n"
         "Bình Thuận,Tỉnh Bình Thuận,Binh Thuan Province,60,2024,province,,,2025-06-30,\n")

# Where the project's documented convention differs from the blind author's call:
# (report, paragraph, table, posts or text prefix) → "flag" (the row is flagged by
# convention) or "drop" (the convention emits no such row).
CONVENTIONS = {
    # "giữ nguyên 47": the report states the current count; the convention emits that row
    # only, flagged "unchanged" (old = pilot?), and invents no old row (BLIND.md, hard calls).
    ("blind_reform_2025", "5", "staffing", "47", "old"): "drop",
    ("blind_reform_2025", "5", "staffing", "47", "pilot"): "flag",
    # "người" / "cán bộ" count people, who may include staff outside the approved posts:
    # kept with unit and body, flagged "not followed by biên chế" (EXPECTED.md, forms ¶5).
    ("blind_pilot_review", "6", "staffing", "3", "pilot"): "flag",   # Văn phòng … có 3 người
    ("blind_reform_2025", "5", "staffing", "48", "old"): "flag",     # Văn phòng … 48 người
    ("blind_reform_2025", "5", "staffing", "36", "pilot"): "flag",   # … nay còn 36 người
    ("blind_reform_2025", "7", "staffing", "21", "old"): "flag",     # 21 cán bộ chuyên trách
    ("blind_reform_2025", "7", "staffing", "12", "old"): "flag",     # 12 cán bộ làm công tác …
    ("blind_reform_2025", "7", "staffing", "10", "pilot"): "flag",   # "con số này" = the 12 cán bộ
    ("blind_reform_2025", "7", "staffing", "2", "pilot"): "flag",    # Hội Nông dân … 2 người
    # A photo caption pasted between a count and what pairs it ("…trước hợp nhất có 14 biên
    # chế, Ảnh: … sau hợp nhất còn 11"): read across, and flagged for a person to check.
    ("blind_reform_2025", "8", "staffing", "14", "old"): "flag",
    ("blind_reform_2025", "8", "staffing", "11", "pilot"): "flag",
    # Board names not in the vocabulary (data/reference/bodies.csv) are kept as written and
    # flagged "unknown body — did you mean …": an analyst adds them before using them.
    ("blind_pilot_review", "6", "boards", "3", ""): "flag",
    ("blind_reform_2025", "6", "boards", "6", ""): "flag",
    # A statement naming several units is flagged (an empty unit would mean "all units"),
    # and so are the other items of its sentence, which name none (EXPECTED.md, statements).
    ("blind_pilot_review", "12", "issues", "trụ sở", ""): "flag",
    ("blind_pilot_review", "12", "issues", "sự phối hợp", ""): "flag",
    ("blind_pilot_review", "12", "issues", "biên chế giảm", ""): "flag",
    ("blind_pilot_review", "12", "issues", "không ít", ""): "flag",
}


def _apply_conventions(stem: str, expected: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for row in expected.to_dict("records"):
        key = (stem, row["paragraph"], row["table"])
        what = row["posts"] if row["table"] != "issues" else ""
        rule = None
        for (s, p, t, value, structure), action in CONVENTIONS.items():
            if (s, p, t) == key and (value == what or t == "issues" and row["text"].startswith(value)) \
                    and structure in ("", row["structure"]):
                rule = action
        if rule == "drop":
            continue
        if rule == "flag":
            row = {**row, "flag": "yes"}
        rows.append(row)
    return pd.DataFrame(rows, columns=expected.columns)


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    units = tmp_path_factory.mktemp("units") / "communes.csv"
    units.write_text(UNITS, encoding="utf-8")  # the 2025 report's communes (and the merged provinces)
    return {
        "blind_pilot_review": extract_report(REPORTS / "blind_pilot_review.txt"),
        "blind_reform_2025": extract_report(REPORTS / "blind_reform_2025.txt", units_file=units),
        "own_two_districts": extract_report(REPORTS / "own_two_districts.txt"),
    }


def _expected(stem: str) -> pd.DataFrame:
    frame = pd.read_csv(REPORTS / f"{stem}.expected.csv", dtype=str, keep_default_na=False)
    return _apply_conventions(stem, frame)


@pytest.mark.parametrize("stem", ["blind_pilot_review", "blind_reform_2025", "own_two_districts"])
@pytest.mark.parametrize("table", ["staffing", "boards", "issues"])
def test_every_expected_row_is_right_or_flagged(results, stem, table):
    found = score(results[stem], _expected(stem), table)
    counts = found.counts()
    print(f"{stem} {table}: {found}")
    assert counts["missed"] == 0 and counts["wrong"] == 0 and counts["spurious"] == 0, explain(found)


@pytest.mark.parametrize("stem, right, flagged", [
    ("blind_pilot_review", 42, 0),
    ("blind_reform_2025", 38, 3),  # 412 (three units), 19 (no unit; "trước ngày …" read as
    ("own_two_districts", 33, 0),  # pilot), "thêm 1" (the unit of the request): flagged, values differ
])
def test_score(results, stem, right, flagged):
    found = score(results[stem], _expected(stem))
    assert (len(found.right), len(found.flagged), len(found.missed), len(found.wrong), len(found.spurious)) \
        == (right, flagged, 0, 0, 0), explain(found)


def test_raw_blind_expectations_are_never_contradicted_silently(results):
    """Against the blind author's own calls (no conventions): nothing missed but the old row
    the "unchanged" convention does not invent, and nothing wrong or spurious."""
    for stem in ("blind_pilot_review", "blind_reform_2025"):
        raw = pd.read_csv(REPORTS / f"{stem}.expected.csv", dtype=str, keep_default_na=False)
        found = score(results[stem], raw)
        assert len(found.wrong) == 0 and len(found.spurious) == 0, explain(found)
        assert [(m["paragraph"], m["posts"], m["structure"]) for m in found.missed] == \
            ([("5", "47", "old")] if stem == "blind_reform_2025" else [])
