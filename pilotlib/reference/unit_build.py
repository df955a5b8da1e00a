"""Build the unit reference: the national lists, the study's units files laid over them,
canonical names, and the indexes matching reads (``reference.unit_reference`` caches it).

A study row whose code, level and list are those of a national entry with the same name
*is* that unit: it gives it its canonical name, aliases and the code list as the study
writes it. Any other study row is a unit of its own (tier 0 too).
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from types import SimpleNamespace

import pandas as pd

from pilotlib.core.errors import VocabularyError
from pilotlib.core.text import fold, fold_unit, marked_unit_key
from pilotlib.reference import national, unit_labels, vocab
from pilotlib.reference.national import ListPeriod
from pilotlib.reference.periods import BEGINNING, FOREVER, day_number
from pilotlib.reference.unit_reference import ENTRY_COLUMNS, NATIONAL, STUDY, UnitReference

_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
# Name → key, kept for the process: the ~36 000 national names are folded once, not
# once per units file (a batch, a test session or a notebook builds several references).
_FOLDED: dict[str, str] = {}
_MARKED: dict[str, str] = {}
_WHOLE: dict[str, str] = {}


def _memo(table: dict[str, str], rule):
    def key(text: str) -> str:
        found = table.get(text)
        if found is None:
            found = table[text] = rule(text)
        return found
    key.cache_clear = table.clear  # emptied like the lru_caches (tests under mutmut do)
    return key


_key, _mark, _whole = _memo(_FOLDED, fold_unit), _memo(_MARKED, marked_unit_key), _memo(_WHOLE, fold)


@lru_cache(maxsize=2)
def _read_national(files: tuple[tuple[str, int, int], ...]) -> tuple[pd.DataFrame, list[ListPeriod]]:
    """The national lists and their periods, read once per process while the files are
    unchanged (``files``: path, size, mtime of each). Shared: read it, never change it."""
    lists = national.read_lists()
    return lists, national.list_periods(lists)


def _national_lists() -> tuple[pd.DataFrame, list[ListPeriod]]:
    stats = ((str(path), path.stat()) for path in national.list_files().values())
    return _read_national(tuple((name, st.st_size, st.st_mtime_ns) for name, st in stats))


def _raw_names(row: dict) -> list[str]:
    """Names a study row answers to (its name and full name also without a "(…)" tail)."""
    return [row["unit"], _PAREN.sub("", row["unit"]), row.get("full_name_vi", ""),
            _PAREN.sub("", row.get("full_name_vi", "")), row.get("name_en", ""),
            *str(row.get("aliases", "")).split("|")]


def _names(row: dict) -> set[str]:
    return {key for key in map(fold_unit, _raw_names(row)) if key}


def _study_rows(lists: pd.DataFrame, periods: list[ListPeriod], study: pd.DataFrame,
                list_for) -> tuple[dict[str, dict], list[dict]]:
    """Study rows that name a national entry (group → row) and the others (own units)."""
    at = {(lst, lvl, code.lstrip("0")): i for i, (lst, lvl, code)
          in enumerate(zip(*(lists[c].tolist() for c in ("list", "level", "code"))))}
    pinned: dict[str, dict] = {}
    own: list[dict] = []
    for row in study.to_dict("records"):
        row["list"] = list_for(row["code_vintage"])
        position = at.get((row["list"], row["level"], row["unit_code"].lstrip("0")))
        names = _names(row)
        if position is not None and {fold_unit(lists.at[position, "base"]),
                                     fold_unit(lists.at[position, "name"])} & names:
            group = lists.at[position, "group"]
            if group in pinned:
                raise VocabularyError(f"units: '{pinned[group]['unit']}' và/and '{row['unit']}' là một đơn vị / "
                                      f"are one unit ({row['unit_code']}, {row['list']})")
            pinned[group] = row
        else:
            own.append(row)
    return pinned, own


def _own_entries(own: list[dict], lists: pd.DataFrame) -> pd.DataFrame:
    """Study units that are not in the national lists, as entries (tier 0)."""
    province_of = {(lst, lvl, code): (pc, prov) for lst, lvl, code, pc, prov
                   in zip(*(lists[c].tolist() for c in ("list", "level", "code", "province_code", "province")))}
    rows = []
    for row in own:
        level, parent = row["level"], row["parent_code"]
        if level == "province":
            province_code, province = row["unit_code"], row["unit"]
        elif level == "district":
            province_code, province = parent, province_of.get((row["list"], "province", parent), ("", ""))[1]
        else:
            province_code, province = province_of.get((row["list"], "district", parent), ("", ""))
        rows.append({
            "list": row["list"], "code": row["unit_code"], "level": level, "name": row["unit"],
            "full_name": row.get("full_name_vi", ""), "name_en": row.get("name_en", ""),
            "type": national.unit_type(row.get("full_name_vi", ""), row["unit"]), "base": row["unit"],
            "parent_code": parent, "province_code": province_code, "province": province,
            "district": "", "valid_from": row["valid_from"], "valid_to": row["valid_to"],
            "group": f"study:{row['unit']}", "unit": row["unit"], "tier": STUDY,
            "code_vintage": row["code_vintage"]})
    return pd.DataFrame(rows, columns=[*lists.columns, "unit", "tier", "code_vintage"])


def _labelled(lists: pd.DataFrame, pinned: dict[str, dict], own: pd.DataFrame) -> pd.DataFrame:
    """National entries (tier 1, or 0 when a study row names them) and the study's own
    units, each with its canonical name and the code list written for it."""
    entries = lists.copy()
    entries["tier"] = [STUDY if g in pinned else NATIONAL for g in entries["group"]]
    first_list = entries.groupby("group", sort=False)["list"].transform("first")
    entries["code_vintage"] = [pinned[g]["code_vintage"] if g in pinned else lst
                               for g, lst in zip(entries["group"].tolist(), first_list.tolist())]
    entries = pd.concat([entries, own.drop(columns="unit")], ignore_index=True)
    heads = entries.drop_duplicates("group")
    place = [", ".join(p for p in (d, prov) if p) if lvl != "province" else ""
             for lvl, d, prov in zip(heads["level"], heads["district"], heads["province"])]
    pinned_names = {g: row["unit"] for g, row in pinned.items()} | dict(zip(own["group"], own["unit"]))
    groups = pd.DataFrame({"pinned": [pinned_names.get(g, "") for g in heads["group"]],
                           "base": heads["base"].to_numpy(), "place": place,
                           "year": heads["valid_from"].str[:4].to_numpy(), "type": heads["type"].to_numpy(),
                           "code": heads["code"].to_numpy()})
    label_of = dict(zip(heads["group"], unit_labels.assign(groups)))
    number_of = {g: i for i, g in enumerate(heads["group"])}
    entries["unit"] = entries["group"].map(label_of)
    entries["study_names"] = entries["group"].map(lambda g: pinned.get(g))
    entries["group"] = entries["group"].map(number_of)
    return entries


def build_reference(extra: str | os.PathLike[str] | None = None) -> UnitReference:
    """The reference from the bundled lists, ``units.csv`` and ``extra`` (no cache)."""
    lists, periods = _national_lists()
    local = vocab.units(extra)  # validated; a name pointing to two study units is an error

    def list_for(vintage: str) -> str:
        return UnitReference.list_for(probe, vintage)

    probe = SimpleNamespace(periods=periods)
    pinned, own_rows = _study_rows(lists, periods, local.table, list_for)
    entries = _labelled(lists, pinned, _own_entries(own_rows, lists))
    key, mark = _key, _mark
    by_key: dict[str, list[int]] = {}
    by_mark: dict[str, list[int]] = {}
    by_code: dict[str, list[int]] = {}
    study_names = {row["unit"]: [n for n in _raw_names(row) if n] for row in local.table.to_dict("records")}
    column = {c: entries[c].tolist() for c in ENTRY_COLUMNS}
    for position, (name, full_name, name_en, base, unit, code) in enumerate(zip(*(column[c] for c in (
            "name", "full_name", "name_en", "base", "unit", "code")))):
        names = [name, full_name, name_en, base, unit, *study_names.get(unit, ())]
        # the full name folded as a whole too: typed without marks, "Phuong Phuc Xa" keeps
        # its "Phuong" (fold_unit drops unmarked prefixes only when no syllable of a name
        # could look the same), yet it is this unit's full name
        for k in ({key(n) for n in names} | {_whole(full_name)}) - {""}:
            by_key.setdefault(k, []).append(position)
        for k in {mark(n) for n in names} - {""}:
            by_mark.setdefault(k, []).append(position)
        by_code.setdefault(code.lstrip("0") or "0", []).append(position)
    at = {(lst, lvl, code): i for i, (lst, lvl, code) in enumerate(zip(column["list"], column["level"],
                                                                       column["code"]))}
    province_of = [at.get((lst, "province", pc), -1) if lvl != "province" else -1
                   for lst, lvl, pc in zip(column["list"], column["level"], column["province_code"])]
    district_of = [at.get((lst, "district", parent), -1) if dist else -1
                   for lst, parent, dist in zip(column["list"], column["parent_code"], column["district"])]
    place_ids: dict[tuple[str, str, str, str], int] = {}
    place_of = [place_ids.setdefault((lvl, key(base), code, pc), len(place_ids)) for lvl, base, code, pc
                in zip(column["level"], column["base"], column["code"], column["province_code"])]
    places: dict[int, list[int]] = {}
    for position, (place, level) in enumerate(zip(place_of, column["level"])):
        if level != "commune":
            places.setdefault(place, []).append(position)
    shared = {}  # one object per repeated short value: the pickle stores it once
    return UnitReference(
        periods, {k: tuple(v) for k, v in by_key.items()}, {k: tuple(v) for k, v in by_code.items()},
        {key(label): group for label, group in zip(column["unit"], column["group"])},
        {k: tuple(v) for k, v in by_mark.items()},
        column["unit"], column["code"], [shared.setdefault(v, v) for v in column["code_vintage"]],
        [shared.setdefault(v, v) for v in column["list"]], [shared.setdefault(v, v) for v in column["level"]],
        column["tier"], column["group"], [shared.setdefault(_whole(t), _whole(t)) for t in column["type"]],
        [day_number(d, BEGINNING) for d in column["valid_from"]], [day_number(d, FOREVER) for d in column["valid_to"]],
        province_of, district_of, place_of, {k: tuple(v) for k, v in places.items()}, local,
        details=entries[ENTRY_COLUMNS].reset_index(drop=True))
