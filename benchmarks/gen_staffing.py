"""Write a messy national-scale staffing CSV (fixed seed) and the extra units file it needs.

The file looks like an Excel "CSV UTF-8" export of a provincial table, scaled up:
title and blank lines above the header, an ``STT`` column, every row padded to the
same width, unit names in every spelling the normaliser folds ("Huyện Lâm Hà",
"H. Đạ Huoai", "ĐẠ TẺH ", "Da Teh", "Ðạ Huoai" with U+00D0, NFD, extra spaces), body
short forms (UBMTTQ, HND, Hội LHPN, Huyện đoàn, LĐLĐ …, "Uỷ"/"Ủy"), positions typed in
the TCVN3 font (.VnTime) next to ASCII short forms (PCT, CV) — so the column is
detected as TCVN3 and repaired — structure words with and without diacritics, counts
as "23", "21,0", " 5 ", "1.234", "-"; some rows rejected on purpose (unit typos,
negative or non-numeric counts, unknown structure), blank rows, a total row and a
footnote. Units come from the bundled vocabulary plus generated districts written to an
extra units file (pass it with ``--units``): at least 700 (63 provinces' worth of
names), and as many as it takes for every data row to have its own (unit, structure,
body, position) — a repeated key is a reject, as in a real table, where each unit gives
each post once (~9 000 units for 10⁶ rows).

``expected`` is what the normaliser must report (read / kept / rejected / skipped), so a
benchmark checks it measured real work, not an early exit.

``place=True`` adds a "Tỉnh" column and heads the unit column "Huyện" (the same random
draws otherwise). With ``national=True`` the units are instead real units of the 2024-11
list, each with its province in that column (spelled in several ways): the same table,
matched against the national reference instead of the Lâm Đồng table (run with
``--as-of 2024-06``). Its ~700 districts give unique keys for ~78 000 rows only, so the
national table lists communes (header "Xã", prefixes "Xã"/"X.", "Phường"/"P.", "Thị
trấn"/"TT."): ~9 600 of the 10 472 are found from their name, province and the date alone
(the others need their district too and are left out, so every generated row has one
answer) — enough for 10⁶ rows with unique keys.

Run: ``python benchmarks/gen_staffing.py ROWS OUT.csv UNITS.csv [--place] [--national]``.
"""
from __future__ import annotations

import csv
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from pilotlib.core.legacy_text import TCVN3_TO_UNICODE
from pilotlib.core.text import fold_unit, strip_marks
from pilotlib.reference import vocab

SEED = 20250701  # the date districts were abolished nationwide
GENERATED_UNITS = 700
HEADER = ["STT", "Đơn vị", "Mô hình", "Tổ chức", "Chức danh", "Số biên chế"]
WIDTH = len(HEADER)

# Syllables for generated district names; none folds to an administrative prefix
# ("tinh", "quan", "xa", "huyen", "phuong"), so "Huyện <name>" folds back to <name>.
SYLLABLES = (
    "An Bình Châu Đông Hòa Phú Tân Long Sơn Thạnh Mỹ Hưng Xuân Thuận Lộc Phước Vĩnh Hải "
    "Đức Nghĩa Yên Kim Ngọc Cẩm Lạc Triệu Hương Trà Gia Hội Minh Quế Thới Cao Bắc Nam "
    "Trung Hiệp Khánh Lương Mường Krông Ea Chư Bù Đắk Ia Cờ Văn Như Nông Thái Hoằng Kỳ "
    "Thiệu Cam Diên Vạn Ninh Hàm Tuy Sa Chợ Lai Mai Ba Bố Na Tam Tiên Hoài Liên Phong"
).split()


def unit_spellings(kind: str = "Huyện", short: str = "H."):
    """Spellings of a unit name, as analysts type them (``kind``/``short``: its type word)."""
    return (
        lambda u: u,
        lambda u: f"{kind} {u}",
        lambda u: f"{short} {u}",
        lambda u: f"{u.upper()} ",
        lambda u: strip_marks(u),
        lambda u: unicodedata.normalize("NFD", u),
        lambda u: f"  {u}",
        lambda u: u.replace("Đ", "\u00d0"),
    )


SPELLINGS = unit_spellings()
SHORT_TYPES = {"Xã": "X.", "Phường": "P.", "Thị trấn": "TT.", "Huyện": "H."}
UNIT_TYPOS = ("Lam Haa", "Đạ Hoaii", "Huyện Phố Núi", "Bảo Lôc Lộc", "X1")
STRUCTURES = {
    "old": ("Trước thí điểm", "Mô hình cũ", "truoc thi diem", "TRƯỚC THÍ ĐIỂM", "Trước TĐ"),
    "pilot": ("Sau thí điểm", "sau thi diem", "Thí điểm", "Mô hình mới", "Sau TĐ"),
}
BODIES = {
    "old": ("Ủy ban MTTQ", "Uỷ ban MTTQ", "UBMTTQ", "MTTQ", "Mặt trận", "Hội Nông dân", "HND",
            "Hội LHPN", "Hội Phụ nữ", "Huyện đoàn", "Đoàn TNCS HCM", "Hội CCB", "Cựu chiến binh",
            "LĐLĐ", "Liên đoàn LĐ"),
    "pilot": ("Lãnh đạo khối", "Ban Tổng hợp", "Ban TH", "Ban Tuyên truyền", "Ban Kiểm tra", "Ban KT",
              "Ban Phong trào", "Ban PT"),
}
POSITIONS = {
    "old": ("Chủ tịch", "Phó Chủ tịch", "PCT", "CT", "Bí thư", "Phó Bí thư", "Chuyên viên", "CV",
            "Kế toán", "Văn thư", "Lái xe", "Thủ quỹ", "Bảo vệ", "Tạp vụ"),
    "pilot": ("Trưởng khối", "Phó trưởng khối", "Trưởng ban", "Phó Trưởng ban", "Chuyên viên", "CV", "Cán sự",
              "Kế toán", "Văn thư", "Lái xe"),
}
# Not "Phó ban": in TCVN3 it is "Phã ban", which has no letter only the font uses, and a
# column under a Unicode header ("Chức danh") leaves such a value as typed (see
# pilotlib.core.legacy_text.value_encoding) — a reject, not the repair this file measures.
GOOD_COUNTS = {"1": 1, "2": 2, "3": 3, "23": 23, " 5 ": 5, "21,0": 21, "1.234": 1234, "0": 0, "12": 12, "4,0": 4}
BAD_COUNTS = ("-3", "x", "2,5", "#REF!")


def _tcvn3(text: str) -> str:
    """The Windows-1252 view of TCVN3 bytes for ``text`` (what a .VnTime cell shows)."""
    inverse = {}
    for code, letter in TCVN3_TO_UNICODE.items():
        inverse.setdefault(letter, code)
    return "".join(inverse.get(ch, ch) for ch in text)


def national_units(count: int = GENERATED_UNITS, seed: int = SEED) -> pd.DataFrame:
    """``count`` made-up districts whose folded keys clash with nothing (units.csv columns):
    two-syllable names for the first GENERATED_UNITS, three syllables beyond."""
    rng = np.random.default_rng(seed)
    taken = set(vocab.units().keys)
    rows: list[dict] = []
    while len(rows) < count:
        name = " ".join(rng.choice(SYLLABLES, 2 if len(rows) < GENERATED_UNITS else 3, replace=False))
        keys = {fold_unit(name), fold_unit(f"Huyện {name}"), fold_unit(f"{name} District")}
        if keys & taken or fold_unit(name) != fold_unit(f"Huyện {name}"):
            continue
        taken |= keys
        province = 1 + len(rows) // 11
        rows.append({
            "unit": name, "full_name_vi": f"Huyện {name}", "name_en": f"{strip_marks(name)} District",
            "unit_code": str(10_000 + len(rows)), "code_vintage": "2023", "level": "district",
            "parent_code": str(900 + province), "valid_from": "", "valid_to": "2025-06-30", "aliases": "",
            "provenance": "illustrative", "source_file": "benchmarks/gen_staffing.py",
            "notes": "made-up district for the national-scale benchmark",
        })
    return pd.DataFrame(rows)


@dataclass
class Expected:
    read: int
    kept: int
    rejected: int
    skipped: int
    posts: int


def _pick(rng: np.random.Generator, values, n: int) -> np.ndarray:
    return np.asarray(values, dtype=object)[rng.integers(0, len(values), n)]


AS_OF = "2024-06"  # the date the national run gives with --as-of
PROVINCE_SPELLINGS = (
    lambda p, kind: f"{kind} {p}",
    lambda p, kind: p,
    lambda p, kind: p.upper(),
    lambda p, kind: strip_marks(p),
    lambda p, kind: unicodedata.normalize("NFD", p),
)


def real_units(count: int, level: str = "commune") -> list[tuple[str, str, str, str]]:
    """(name, province, province type word, unit type word) of ``count`` units of the
    2024-11 list at ``level``, in code order, whose every spelling finds it given the
    province and AS_OF (no other unit shares its folded name there and then) and none of
    whose spellings reads as legacy font text on its own ("Ðông Ðô" with U+00D0 is
    TCVN3 for "éụng éụ" to ``legacy_text.value_encoding``)."""
    from pilotlib.core.legacy_text import value_encoding
    from pilotlib.reference.periods import parse_period
    from pilotlib.reference.unit_reference import unit_reference
    from pilotlib.reference.unit_resolve import Context, resolve, resolve_place

    reference = unit_reference()
    entries = reference.entries
    units = entries[(entries["list"] == "2024-11") & (entries["level"] == level)]
    period = parse_period(AS_OF)
    areas: dict[str, frozenset] = {}
    chosen = []
    for position, row in units.iterrows():
        if row["province"] not in areas:
            areas[row["province"]] = resolve_place(reference, row["province"], "province")[1]
        province = entries.at[reference.province_of[position], "full_name"]
        context = Context(period=period, areas=areas[row["province"]], level=level)  # the header says the level
        kind = row["type"] or "Huyện"
        spellings = [f(row["name"]) for f in unit_spellings(kind, SHORT_TYPES.get(kind, kind))]
        if all(resolve(reference, text, context).entry == position and value_encoding(text, "unicode") == "unicode"
               for text in spellings):
            chosen.append((row["name"], row["province"], province.split(" " + row["province"])[0], kind))
        if len(chosen) == count:
            return chosen
    raise SystemExit(f"only {len(chosen)} {level} units of the 2024-11 list can be found from their name and "
                     f"province alone; {count} are needed for unique keys")


def _spellings(surfaces, vocabulary, shown=lambda text: text) -> dict[str, list[str]]:
    """Canonical name → the ways it is typed here (``shown``: e.g. in the TCVN3 font)."""
    groups: dict[str, list[str]] = {}
    for surface in surfaces:
        groups.setdefault(vocabulary.keys[vocabulary.key(surface)], []).append(shown(surface))
    return groups


def _spelled(rng: np.random.Generator, canonical: np.ndarray, spellings: dict[str, list[str]]) -> np.ndarray:
    """One random spelling per row of its canonical name."""
    out = np.empty(len(canonical), dtype=object)
    for name, surfaces in spellings.items():
        at = np.flatnonzero(canonical == name)
        out[at] = _pick(rng, surfaces, len(at))
    return out


def write(rows: int, out: Path, units_out: Path, seed: int = SEED, place: bool = False,
          national: bool = False) -> Expected:
    """Write ``rows`` input rows (data, rejected, blank) plus header lines; return the expected counts."""
    rng = np.random.default_rng(seed)
    bodies = {s: _spellings(BODIES[s], vocab.bodies()) for s in STRUCTURES}
    positions = {s: _spellings(POSITIONS[s], vocab.positions(), _tcvn3) for s in STRUCTURES}
    combos = np.array([(s, b, p) for s in STRUCTURES for b in bodies[s] for p in positions[s]], dtype=object)
    needed = -(-rows // len(combos))  # units for every row to have its own key
    header = list(HEADER)
    if national:
        real = real_units(needed)
        names = np.array([name for name, _, _, _ in real], dtype=object)
        provinces = [[f(p, kind) for f in PROVINCE_SPELLINGS] for _, p, kind, _ in real]
        extra = national_units(GENERATED_UNITS, seed=seed)  # not used by this table; written for --units
        spelled = np.array([f(u) for u, _, _, kind in real for f in unit_spellings(kind, SHORT_TYPES[kind])],
                           dtype=object)
        header[1] = "Xã"
    else:
        bundled = vocab.units().table
        formed = bundled["valid_from"].str[:7] > AS_OF if place else False  # with --as-of: units that existed
        districts = bundled.loc[(bundled["level"] == "district") & ~formed, "unit"].tolist()
        extra = national_units(max(GENERATED_UNITS, needed - len(districts)), seed=seed)
        names = np.array(districts + extra["unit"].tolist(), dtype=object)
        lam_dong = [f("Lâm Đồng", "Tỉnh") for f in PROVINCE_SPELLINGS]
        provinces = [lam_dong] * len(districts) + [[""]] * len(extra)  # made-up units: no province
        spelled = np.array([f(u) for u in names for f in SPELLINGS], dtype=object)
        if place:
            header[1] = "Huyện"
    extra.to_csv(units_out, index=False, encoding="utf-8")

    # Each row its own (unit, structure, body, position); every distinct (unit, spelling)
    # cell is made once, then picked by index.
    unit_of, combo_of = np.divmod(rng.permutation(len(names) * len(combos))[:rows], len(combos))
    unit_cells = spelled[unit_of * len(SPELLINGS) + rng.integers(0, len(SPELLINGS), rows)]
    chosen = combos[combo_of]
    pilot = chosen[:, 0] == "pilot"
    structure = np.where(pilot, _pick(rng, STRUCTURES["pilot"], rows), _pick(rng, STRUCTURES["old"], rows))
    body = np.where(pilot, _spelled(rng, chosen[:, 1], bodies["pilot"]), _spelled(rng, chosen[:, 1], bodies["old"]))
    position = np.where(pilot, _spelled(rng, chosen[:, 2], positions["pilot"]),
                        _spelled(rng, chosen[:, 2], positions["old"]))
    good = list(GOOD_COUNTS)
    count_index = rng.integers(0, len(good), rows)
    counts = np.asarray(good, dtype=object)[count_index]
    values = np.asarray([GOOD_COUNTS[c] for c in good], dtype=np.int64)[count_index]

    fate = rng.random(rows)
    blank = fate < 0.005  # blank rows inside the table
    typo = (fate >= 0.005) & (fate < 0.008)  # unknown unit (count still valid)
    bad_count = (fate >= 0.008) & (fate < 0.011)
    bad_structure = (fate >= 0.011) & (fate < 0.012)
    unit_cells[typo] = _pick(rng, UNIT_TYPOS, int(typo.sum()))
    counts[bad_count] = _pick(rng, BAD_COUNTS, int(bad_count.sum()))
    structure[bad_structure] = "giữa kỳ"
    data = ~blank
    number = np.cumsum(data)
    columns = {"STT": np.where(data, number.astype(str), "")}
    if place or national:
        spelling = rng.integers(0, len(PROVINCE_SPELLINGS), rows)  # drawn last: other columns unchanged
        width = len(PROVINCE_SPELLINGS)
        table = np.array([(options * width)[:width] for options in provinces], dtype=object)
        columns["province"] = np.where(data, table[unit_of, spelling], "")
        header[1:1] = ["Tỉnh"]  # a province column; the units' level is in their header
    frame = pd.DataFrame({
        **columns, "unit": np.where(data, unit_cells, ""),
        "structure": np.where(data, structure, ""), "body": np.where(data, body, ""),
        "position": np.where(data, position, ""), "posts": np.where(data, counts, ""),
    })
    valid = data & ~bad_count
    total = int(values[valid].sum())  # the total row adds every data row with a usable count
    rejected = int((data & (typo | bad_count | bad_structure)).sum())
    kept = int(data.sum()) - rejected
    posts = int(values[data & ~(typo | bad_count | bad_structure)].sum())

    width = len(header)
    pad = [""] * (width - 1)
    with open(out, "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(["BẢNG TỔNG HỢP BIÊN CHẾ KHỐI MTTQ VÀ CÁC ĐOÀN THỂ (số liệu minh họa)", *pad])
        writer.writerow(["Trước và sau thí điểm, toàn quốc", *pad])
        writer.writerow([""] * width)
        writer.writerow(header)
        frame.to_csv(stream, header=False, index=False, lineterminator="\r\n")
        writer.writerow(["Tổng cộng", *[""] * (width - 2), str(total)])
        writer.writerow([""] * width)
        writer.writerow(["Ghi chú: số liệu minh họa, sinh tự động cho kiểm thử hiệu năng", *pad])
    skipped = 4 + int(blank.sum()) + 3  # title ×2, empty line, header; blank rows; total, empty, note
    return Expected(read=rows + 7, kept=kept, rejected=rejected, skipped=skipped, posts=posts)


if __name__ == "__main__":  # pragma: no cover
    n, target, units_file = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    print(write(n, target, units_file, place="--place" in sys.argv, national="--national" in sys.argv))
