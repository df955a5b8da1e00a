"""Which unit a name or code means in its context: never across lists, never a guess.

The sample test at the end spells units from every part of the national lists the way
analysts type them (prefixes, capitals, no marks, NFD, TCVN3/VNI repaired) and checks
each comes back to its own unit given the context a table would give (its province, its
list's date, its level) — or, where the spelling cannot tell two units apart there, that
both are offered.
"""
from __future__ import annotations

import unicodedata

import pytest

from pilotlib.core.legacy_text import TCVN3_TO_UNICODE, VNI_TO_UNICODE, repair_text
from pilotlib.core.text import fold_unit, marked_unit_key, strip_marks
from pilotlib.reference.periods import parse_period
from pilotlib.reference.unit_reference import unit_reference
from pilotlib.reference.unit_resolve import AMBIGUOUS, MISMATCH, OK, OUTSIDE, UNKNOWN, Context, resolve, resolve_place


@pytest.fixture(scope="module")
def reference():
    return unit_reference()


def name_of(reference, match) -> str:
    return reference.entries.at[match.entry, "unit"]


def names_of(reference, match) -> list[str]:
    return sorted(reference.entries.at[i, "unit"] for i in match.candidates)


def province(reference, name: str):
    match, area = resolve_place(reference, name, "province")
    assert match.status == OK, name
    return area


def test_a_name_in_two_provinces_needs_context(reference):
    # "Hải Hà": a district of Quảng Ninh and a commune of Thanh Hóa (both lists before 2025-07)
    bare = resolve(reference, "Hải Hà")
    assert bare.status == AMBIGUOUS
    assert names_of(reference, bare) == ["Hải Hà (Nghi Sơn, Thanh Hóa)", "Hải Hà (Quảng Ninh)"]
    assert name_of(reference, resolve(reference, "Hải Hà", Context(areas=province(reference, "Quảng Ninh")))) \
        == "Hải Hà (Quảng Ninh)"
    assert name_of(reference, resolve(reference, "hai ha", Context(areas=province(reference, "Thanh Hoá")))) \
        == "Hải Hà (Nghi Sơn, Thanh Hóa)"  # no marks, other tone placement of the province
    assert name_of(reference, resolve(reference, "Huyện Hải Hà")) == "Hải Hà (Quảng Ninh)"  # the prefix decides


def test_code_682_means_what_its_list_says(reference):
    assert resolve(reference, "", Context(code="682")).status == AMBIGUOUS  # two lists, no date
    early = resolve(reference, "", Context(period=parse_period("2024-06"), code="682"))
    late = resolve(reference, "", Context(period=parse_period("2025-03"), code="682"))
    assert (name_of(reference, early), name_of(reference, late)) == ("Đạ Tẻh", "Đạ Huoai (2024)")
    assert resolve(reference, "", Context(period=parse_period("2025-09"), code="682")).status == OUTSIDE
    # the name picks the list when the code alone cannot
    assert name_of(reference, resolve(reference, "Đạ Huoai", Context(code="682"))) == "Đạ Huoai (2024)"
    contradicted = resolve(reference, "Đạ Tẻh", Context(code="681"))
    assert (contradicted.status, name_of(reference, contradicted)) == (MISMATCH, "Đạ Tẻh")


@pytest.mark.parametrize("text, period, unit", [
    ("Đạ Huoai", None, "Đạ Huoai"),  # the pilot district: what the name has always meant here
    ("Đạ Huoai", "2025-03", "Đạ Huoai (2024)"),  # the old district had ended
    ("Đạ Huoai", "2025-09", "Đạ Huoai (Lâm Đồng, 2025)"),  # districts abolished: the commune
    ("Đạ Huoai (2024)", None, "Đạ Huoai (2024)"),  # the canonical name itself
    ("Xã Đạ Tẻh", None, "Đạ Tẻh (Lâm Đồng, 2025)"),  # "Xã": a commune of that type
    ("TT. Đạ Tẻh", "2024-06", "Đạ Tẻh (Đạ Tẻh, Lâm Đồng)"),  # "TT.": the thị trấn
    ("Lâm Hà", None, "Lâm Hà"), ("LAM HA", None, "Lâm Hà"),
    ("Lãm Hà", None, "Lãm Hà (Kiến An, Hải Phòng)"),  # the marks tell them apart
    ("Tỉnh Lâm Đồng", None, "Lâm Đồng"), ("Lâm Đồng", "2025-08", "Lâm Đồng (2025)"),
    ("Dalat", None, "Đà Lạt"),  # an alias of the study's units file
    ("Quận 1", None, "Quận 1 (Hồ Chí Minh)"),
])
def test_spelling_and_date_decide(reference, text, period, unit):
    match = resolve(reference, text, Context(period=parse_period(period) if period else None))
    assert (match.status, name_of(reference, match)) == (OK, unit)


def test_outside_the_date_or_the_area_is_not_a_guess(reference):
    later = resolve(reference, "Lâm Hà", Context(period=parse_period("2025-09")))
    assert later.status == OUTSIDE and "Lâm Hà" in names_of(reference, later)
    elsewhere = resolve(reference, "Lâm Hà", Context(areas=province(reference, "An Giang")))
    assert elsewhere.status == OUTSIDE
    assert resolve(reference, "Atlantis").status == UNKNOWN


def test_a_province_is_one_place_across_lists(reference):
    area = province(reference, "Lâm Đồng")
    assert sorted(reference.list_of[a] for a in area) == ["2024-11", "2025-03", "2025-07"]
    commune = resolve(reference, "Đạ Huoai 2", Context(areas=area))
    assert name_of(reference, commune) == "Đạ Huoai 2"
    match, _ = resolve_place(reference, "Châu Thành", "district")
    assert match.status == AMBIGUOUS and len(match.candidates) == 10


def test_title_rows_and_headers_are_preferences(reference):
    title = province(reference, "Tiền Giang")
    assert name_of(reference, resolve(reference, "Châu Thành", Context(hint_areas=title))) == "Châu Thành (Tiền Giang)"
    # Bến Tre has a district and a town of that name: the title alone does not decide
    in_ben_tre = resolve(reference, "Châu Thành", Context(hint_areas=province(reference, "Bến Tre")))
    assert in_ben_tre.status == AMBIGUOUS and "Châu Thành (Bến Tre)" in names_of(reference, in_ben_tre)
    # a title naming another province does not stop a name that exists elsewhere only
    assert name_of(reference, resolve(reference, "Lâm Hà", Context(hint_areas=title))) == "Lâm Hà"
    # a "Xã" header: the communes named Đạ Tẻh, never the pilot district
    header = resolve(reference, "Đạ Tẻh", Context(level="commune"))
    assert header.status == AMBIGUOUS and "Đạ Tẻh" not in names_of(reference, header)


# --- every unit of the country, in every spelling -----------------------------------------

def _encode(text: str, table: dict[str, str]) -> str:
    inverse: dict[str, str] = {}
    for code, letter in sorted(table.items(), key=lambda kv: len(kv[0])):
        inverse.setdefault(letter, code)
    return "".join(inverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


SPELLINGS = {
    "as listed": lambda r: r.full_name,
    "name only": lambda r: r.name,
    "upper case": lambda r: f"  {r.full_name.upper()} ",
    "no marks": lambda r: strip_marks(r.full_name),
    "NFD": lambda r: unicodedata.normalize("NFD", r.full_name),
    "abbreviated": lambda r: {"Huyện": "H. ", "Thành phố": "TP. ", "Thị xã": "TX. ", "Thị trấn": "TT. ", "Xã": "X. ",
                              "Phường": "P. ", "Quận": "Q. "}.get(r.type, r.type + " ") + r.name,
    # TCVN3 capitals live in another font and come back lower case: typed lower case here
    "TCVN3 repaired": lambda r: repair_text(_encode(r.full_name.lower(), TCVN3_TO_UNICODE), "tcvn3"),
    "VNI repaired": lambda r: repair_text(_encode(r.full_name, VNI_TO_UNICODE), "vni"),
}


def _sample(reference):
    """Every 9th unit of each list and level (fixed, so the test is the same every run)."""
    heads = reference.entries.reset_index().drop_duplicates("group")
    return [row for _, part in heads.groupby(["list", "level"]) for row in part.iloc[::9].itertuples()]


def _context(reference, row) -> Context:
    """What a table around the name would say: a day of its list, its level (the column
    header), and its district (communes before 2025-07) or province column."""
    first = reference.first[row.index]
    day = max(first, parse_period(row.list)[0])
    if row.level == "commune" and row.district:
        areas = frozenset({reference.district_of[row.index]})
    elif row.level != "province":
        areas = frozenset({reference.province_of[row.index]})
    else:
        areas = None
    return Context(period=(day, day), areas=areas, level=row.level)


def test_every_spelling_of_units_across_the_country(reference):
    rows = _sample(reference)
    assert len(rows) > 1500  # provinces, districts and communes of the three lists
    failures = []
    for row in rows:
        context = _context(reference, row)
        for spelling, spell in SPELLINGS.items():
            text = spell(row)
            match = resolve(reference, text, context)
            if match.status == OK and reference.group_of[match.entry] == row.group:
                continue
            # Where the spelling cannot tell two units apart (same folded name, same province,
            # level and date — e.g. "Phường 1" typed without the district), both must be offered.
            rivals = [i for i in reference.by_key.get(fold_unit(text), ())
                      if reference.group_of[i] != row.group and reference.level_of[i] == row.level
                      and any(a in context.areas for a in reference.areas(i))
                      and reference.entries.at[i, "list"] == row.list
                      and (spelling in ("no marks", "name only") or not text.strip() or
                           marked_unit_key(reference.entries.at[i, "name"]) == marked_unit_key(row.name))]
            if match.status == AMBIGUOUS and rivals and row.group in {reference.group_of[i] for i in match.candidates}:
                continue
            failures.append((row.unit, row.list, spelling, text, match.status))
    assert failures == []
