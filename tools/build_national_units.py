#!/usr/bin/env python3
"""Derive the bundled national tables of Vietnamese administrative units.

Usage: python tools/build_national_units.py SOURCE_DIR [--out DIR]

The sources are three unit lists (2024-11, 2025-03, 2025-07) and the 2025-07 merge map
(see SOURCE_DIR/README.md). The outputs are small gzip CSVs that pilotlib can ship: the
same columns for every vintage, a province_code on every row, validity dates, and the
merge map with the old unit's level. Outputs are byte-reproducible so that a rebuild
from unchanged sources shows no diff. Standalone (pandas + stdlib) on purpose: it must
not depend on pilotlib, which is restructured independently.
"""
from __future__ import annotations

import argparse
import gzip
import unicodedata
from pathlib import Path

import pandas as pd

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "reference" / "national"
VINTAGES = ("2024-11", "2025-03", "2025-07")
LEVELS = ("province", "district", "commune")
UNIT_COLUMNS = ["code", "level", "name", "full_name", "name_en", "parent_code",
                "province_code", "valid_from", "valid_to"]
MERGE_COLUMNS = ["new_level", "new_code", "new_name", "old_level", "old_code", "old_name", "link"]
PILOT_LIST_END, MERGED_LIST_START = "2024-11-30", "2024-12-01"
TWO_LEVEL_EVE, TWO_LEVEL_START = "2025-06-30", "2025-07-01"
ORIGINS = {  # file: (project, tag, file in that project), as in SOURCE_DIR/README.md
    "units-2024-11.csv": ("vietnamese-provinces-database (ThangLeQuoc)", "v2.2.0",
                          "postgresql/ImportData_vn_units.sql"),
    "units-2025-03.csv": ("vietnamese-provinces-database (ThangLeQuoc)", "v2.4.1",
                          "postgresql/ImportData_vn_units.sql"),
    "units-2025-07.csv": ("vietnamese-provinces-database (ThangLeQuoc)", "v4.2.0",
                          "json/full_json_generated_data_vn_units_*.json"),
    "merges-2025-07.csv": ("dvhcvn/20250701", "none named", "mapping/merges.json"),
}
LICENSES = {"vietnamese-provinces-database (units-*.csv)": "LICENSE-vietnamese-provinces-database.txt",
            "dvhcvn/20250701 (merges-2025-07.csv)": "LICENSE-dvhcvn-20250701.txt"}


def clean(text: str) -> str:
    """NFC with single spaces: sources mix forms and carry stray double spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def read_source(path: Path) -> pd.DataFrame:
    """Every column as text (codes keep their leading zeros), empty cells as ''."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return frame.apply(lambda column: column.map(clean))


def parent_level(level: str, has_districts: bool) -> str:
    """Communes hang from districts until the district level was abolished (2025-07)."""
    return {"district": "province", "commune": "district" if has_districts else "province"}[level]


def load_units(source_dir: Path, vintage: str, problems: list[str]) -> pd.DataFrame:
    """One vintage in output shape (validity filled in later), with its problems noted."""
    units = read_source(source_dir / f"units-{vintage}.csv")
    if set(units["vintage"]) - {vintage}:
        problems.append(f"units-{vintage}: vintage column holds {sorted(set(units['vintage']))}")
    units["rank"] = units["level"].map({level: i for i, level in enumerate(LEVELS)})
    for row in units[units["rank"].isna()].itertuples():
        problems.append(f"units-{vintage}: unknown level {row.level!r} for code {row.code}")
    units = units.sort_values(["rank", "code"], kind="mergesort").reset_index(drop=True)
    for row in units[units.duplicated(["level", "code"], keep=False)].itertuples():
        problems.append(f"units-{vintage}: duplicate {row.level} code {row.code} ({row.full_name})")
    for row in units[~units["full_name"].str[:1].str.isupper()].itertuples():
        problems.append(f"units-{vintage}: {row.level} {row.code} full_name {row.full_name!r} "
                        "starts in lower case (kept as in the source)")
    has_districts = bool((units["level"] == "district").any())
    units["province_code"] = units["code"].where(units["level"] == "province", "")
    for level in LEVELS[1:]:
        upper = units[units["level"] == parent_level(level, has_districts)]
        province_of = dict(zip(upper["code"], upper["province_code"]))
        rows = units["level"] == level
        units.loc[rows, "province_code"] = units.loc[rows, "parent_code"].map(province_of).fillna("")
    for row in units[(units["level"] != "province") & (units["province_code"] == "")].itertuples():
        problems.append(f"units-{vintage}: {row.level} {row.code} has unknown parent {row.parent_code!r}")
    return units


def identity(units: pd.DataFrame, continuing: set[tuple[str, str]]) -> pd.Series:
    """Key of a unit across the 2024-11/2025-03 lists, empty when its parent did not continue."""
    key = units["level"] + "|" + units["code"] + "|" + units["name"].str.casefold() + "|" \
        + units["full_name"].str.casefold() + "|" + units["parent_code"]
    parent_ok = [lvl == "province" or (parent_level(lvl, True), p) in continuing
                 for lvl, p in zip(units["level"], units["parent_code"])]
    return key.where(parent_ok, "")


def assign_validity(units: dict[str, pd.DataFrame]) -> None:
    """Fill valid_from/valid_to per the rule in NOTICE.md (parents before children)."""
    early, late = units["2024-11"], units["2025-03"]
    continuing: set[tuple[str, str]] = set()
    same_early = pd.Series(False, index=early.index)
    same_late = pd.Series(False, index=late.index)
    for level in LEVELS:
        e, l_ = early["level"] == level, late["level"] == level
        key_e, key_l = identity(early[e], continuing), identity(late[l_], continuing)
        shared = (set(key_e) & set(key_l)) - {""}
        same_early[e], same_late[l_] = key_e.isin(shared), key_l.isin(shared)
        continuing |= {(level, code) for code in early.loc[e & same_early, "code"]}
    early["valid_from"] = ""
    early["valid_to"] = same_early.map({True: TWO_LEVEL_EVE, False: PILOT_LIST_END})
    late["valid_from"] = same_late.map({True: "", False: MERGED_LIST_START})
    late["valid_to"] = TWO_LEVEL_EVE
    units["2025-07"]["valid_from"], units["2025-07"]["valid_to"] = TWO_LEVEL_START, ""


def loose(name: str) -> str:
    """Compare names ignoring case and old/new tone placement (Hòa = Hoà, Thủy = Thuỷ)."""
    name = name.casefold()
    for old, new in zip(("òa", "óa", "ỏa", "õa", "ọa", "òe", "óe", "ọe", "ùy", "úy", "ủy", "ũy", "ụy"),
                        ("oà", "oá", "oả", "oã", "oạ", "oè", "oé", "oẹ", "uỳ", "uý", "uỷ", "uỹ", "uỵ")):
        name = name.replace(old, new)
    return name


def load_merges(source_dir: Path, units: dict[str, pd.DataFrame],
                problems: list[str], notes: list[str]) -> pd.DataFrame:
    """Merge map with old_level from the 2025-03 list; every source row is kept."""
    merges = read_source(source_dir / "merges-2025-07.csv").rename(columns={"type": "link"})
    new, old = units["2025-07"], units["2025-03"]
    new_names = {(r.level, r.code): r.full_name for r in new.itertuples()}
    old_units = {r.code: (r.level, r.full_name) for r in old.itertuples()}
    merges["old_level"] = [old_units.get(code, ("", ""))[0] for code in merges["old_code"]]
    for r in merges.itertuples():
        link = f"{r.new_level} {r.new_code} {r.new_name} <- {r.old_code} {r.old_name} ({r.link})"
        if (r.new_level, r.new_code) not in new_names:
            problems.append(f"merge map: new {r.new_level} code {r.new_code} not in 2025-07: {link}")
        elif loose(new_names[r.new_level, r.new_code]) != loose(r.new_name):
            notes.append(f"new name differs from 2025-07 ({new_names[r.new_level, r.new_code]}): {link}")
        if r.old_code not in old_units:
            problems.append(f"merge map: old code {r.old_code} not in 2025-03: {link}")
        elif r.old_level != r.new_level:
            notes.append(f"old unit is a 2025-03 {r.old_level}: {link}")
        elif loose(old_units[r.old_code][1]) != loose(r.old_name):
            notes.append(f"old name differs from 2025-03 ({old_units[r.old_code][1]}): {link}")
        if r.link not in ("full", "partial"):
            problems.append(f"merge map: link {r.link!r} is neither full nor partial: {link}")
    linked = set(zip(merges["new_level"], merges["new_code"]))
    for r in new[new["level"] == "commune"].itertuples():
        if ("commune", r.code) not in linked:
            problems.append(f"merge map: 2025-07 commune {r.code} {r.full_name} has no link")
    merges["rank"] = merges["new_level"].map({level: i for i, level in enumerate(LEVELS)})
    return merges.sort_values(["rank", "new_code", "old_code", "link", "old_name"], kind="mergesort")


def write_gz(frame: pd.DataFrame, path: Path) -> None:
    """gzip CSV with a fixed header (mtime 0, no file name), so rebuilds are byte-identical."""
    data = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                 mtime=0, compresslevel=9) as gz:
        gz.write(data)


def counts_line(units: pd.DataFrame) -> str:
    """'63 provinces, 704 districts, ...' for the printout and NOTICE.md."""
    return ", ".join(f"{(units['level'] == level).sum()} {level}s" for level in LEVELS
                     if (units["level"] == level).any())


def notice(source_dir: Path, units: dict[str, pd.DataFrame], merges: pd.DataFrame,
           problems: list[str], notes: list[str]) -> str:
    """NOTICE.md: provenance, validity rule, the merge map's caveat, anomalies, licences."""
    lines = ["# National administrative units: provenance, rules and licences", "",
             "Derived by `tools/build_national_units.py` from plain-CSV copies of two MIT-licensed",
             "compilations (official lists and codes: General Statistics Office; resolutions of the",
             "National Assembly Standing Committee). Text is NFC with whitespace runs collapsed;",
             "nothing else is corrected. Codes are text; never match a code without its vintage.", "",
             "| file | rows | derived from | project | tag | file there |", "|---|---|---|---|---|---|"]
    for vintage in VINTAGES:
        lines.append(f"| units-{vintage}.csv.gz | {counts_line(units[vintage])} | units-{vintage}.csv | "
                     + " | ".join(ORIGINS[f"units-{vintage}.csv"]) + " |")
    lines += [f"| merges-2025-07.csv.gz | {len(merges)} links ({(merges['new_level'] == 'commune').sum()} "
              "commune) | merges-2025-07.csv | " + " | ".join(ORIGINS["merges-2025-07.csv"]) + " |", "",
              "units-*: one row per unit, provinces then districts then communes, by code. parent_code:",
              "province of a district; district of a commune before 2025-07, its province from 2025-07;",
              "empty for a province. province_code: the unit's province (its own code for a province).", "",
              "## Validity dates (valid_from, valid_to; empty = unknown start or open end)", "",
              "- The sources carry no per-unit resolution dates, so dates come from the vintages.",
              "- 2024-11 list: in force until the district mergers of December 2024 - January 2025.",
              "  A row is *the same unit* in 2025-03 when level, code, name and full_name (so also",
              "  the unit type: a huyện that became a thị xã is a new unit; compared ignoring case)",
              "  and parent_code are equal **and** its parent is itself the same unit (so a row is",
              "  never valid on a day its parent row is not: the communes of district 682 Đạ Tẻh,",
              "  and every district and commune of Thừa Thiên Huế, renamed Thành phố Huế, end too).",
              f"  Same-unit rows get valid_to {TWO_LEVEL_EVE} in both lists. Other 2024-11 rows end",
              f"  {PILOT_LIST_END}: an approximation, since most of those changes took effect on",
              f"  {MERGED_LIST_START} but some on 2025-01-01.",
              f"- 2025-03 list: rows that are not the same unit as a 2024-11 row start {MERGED_LIST_START}",
              f"  (same approximation); all 2025-03 rows end {TWO_LEVEL_EVE} (district level abolished",
              f"  and communes merged on {TWO_LEVEL_START}). Starts before 2024-11 are unknown (empty).",
              f"- 2025-07 list: valid_from {TWO_LEVEL_START}, open-ended. Provinces that kept their",
              "  code and name still get a new row: the dates belong to the list entry. The list",
              "  (tag v4.2.0) may already carry later changes: it names Thành phố Đồng Nai and some",
              "  of its communes Phường where the merge map has Tỉnh and Xã (see Notes).",
              "- Example: district 682 is Huyện Đạ Tẻh in 2024-11 (to 2024-11-30) and the merged",
              "  Huyện Đạ Huoai in 2025-03 (2024-12-01 to 2025-06-30); commune 00004 is Phường Trúc",
              "  Bạch before 2025-07 and Phường Ba Đình from 2025-07-01.", "",
              "## Merge map (merges-2025-07.csv.gz)", "",
              "new_code/new_name refer to the 2025-07 list, old_code/old_name to the 2025-03 list;",
              "old_level is the old code's level in the 2025-03 list (empty when it is not there).",
              "The map was extracted by machine (a language model) from resolutions 1654-1687/NQ-UBTVQH15",
              "and corrected by hand by its authors: a cited source, not law. `partial` means the old",
              "unit was split between new units and no share is known; `full` means it went whole.",
              "Every source row is kept, including those listed below.", "",
              f"### Problems ({len(problems)}): codes missing from their vintage and the like", ""]
    lines += [f"- {p}" for p in problems] or ["- none"]
    lines += ["", f"### Notes ({len(notes)}): links whose names or levels differ from the unit lists",
              "", "Names are compared ignoring case and tone placement (Hòa = Hoà).", ""]
    lines += [f"- {n}" for n in notes] or ["- none"]
    for who, file in LICENSES.items():
        text = (source_dir / file).read_text(encoding="utf-8").replace("\r\n", "\n").strip()
        lines += ["", f"## Licence: {who}", "", "```", text, "```"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source_dir", type=Path, help="folder with units-*.csv, merges-2025-07.csv")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"default: {DEFAULT_OUT}")
    args = parser.parse_args(argv)
    problems: list[str] = []
    notes: list[str] = []
    units = {vintage: load_units(args.source_dir, vintage, problems) for vintage in VINTAGES}
    assign_validity(units)
    merges = load_merges(args.source_dir, units, problems, notes)
    args.out.mkdir(parents=True, exist_ok=True)
    for vintage, frame in units.items():
        write_gz(frame[UNIT_COLUMNS], args.out / f"units-{vintage}.csv.gz")
        dates = {"2024-11": f"; {(frame['valid_to'] == PILOT_LIST_END).sum()} end {PILOT_LIST_END}, "
                            f"{(frame['valid_to'] == TWO_LEVEL_EVE).sum()} continue to {TWO_LEVEL_EVE}",
                 "2025-03": f"; {(frame['valid_from'] == MERGED_LIST_START).sum()} start {MERGED_LIST_START}"}
        print(f"units-{vintage}: {counts_line(frame)}{dates.get(vintage, '')}")
    write_gz(merges[MERGE_COLUMNS], args.out / "merges-2025-07.csv.gz")
    by_level = merges.groupby(["new_level", "link"]).size()
    print(f"merges-2025-07: {len(merges)} links; "
          + ", ".join(f"{level} {link} {n}" for (level, link), n in by_level.items()))
    text = notice(args.source_dir, units, merges, problems, notes)
    (args.out / "NOTICE.md").write_bytes(text.encode("utf-8"))
    print(f"notes (names/levels differing, in NOTICE.md): {len(notes)}")
    print(f"problems: {len(problems)}")
    for problem in problems:
        print(f"  {problem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
