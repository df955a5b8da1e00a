"""Every unit of every list, as one reference: canonical names and the indexes matching needs.

Built from the national lists (``reference.national``) and the *study* units files — the
bundled ``units.csv`` (Lâm Đồng) and an analyst's ``--units`` file. A study row whose
code, level and list are those of a national entry with the same name *is* that unit:
it gives it its canonical name ("Đạ Huoai (2024)"), aliases ("Dalat") and the code list
as the study writes it ("2023"). Any other study row is a unit of its own (made-up or
local units keep working as before). Study units form tier 0: when a name is otherwise
undecided, the study's unit is meant — that is what keeps Lâm Đồng data reading exactly
as before, while "Châu Thành" with no context is rejected, never guessed.

Building it (``reference.unit_build``: ~25 000 entries, their names folded) takes a few
seconds, so the built reference is kept as a pickle in ``paths.cache_dir()``, named by
the hash of every file it comes from (lists, units files, and this code): a changed
input is a new file, never a stale answer.
"""
from __future__ import annotations

import difflib
import hashlib
import os
import pickle
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from pilotlib.core import paths
from pilotlib.core.i18n import say
from pilotlib.core.io import atomic_write, check_regular_file
from pilotlib.core.text import fold_unit
from pilotlib.reference import national, vocab
from pilotlib.reference.national import ListPeriod
from pilotlib.reference.periods import BEGINNING, day_number

STUDY, NATIONAL = 0, 1  # tiers
_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
ENTRY_COLUMNS = ["unit", "group", "tier", "list", "code", "code_vintage", "level", "name", "full_name",
                 "name_en", "type", "base", "parent_code", "province_code", "province", "district",
                 "valid_from", "valid_to"]


@dataclass
class UnitReference:
    """Every entry (one unit of one list) by position, and the lookups matching needs.

    ``by_key``: folded name → entry positions (every name, full name, English name,
    canonical name and alias); ``marked``: the same names keyed with their marks
    (``marked_unit_key``), to prefer "Lâm Hà" over "Lãm Hà"; ``by_code``: code without
    leading zeros → positions; ``label_group``: folded canonical name → group.

    Per entry, plain lists (quick to load and to index one by one): its canonical name
    (``unit_of``), code, code list as written (``vintage_of``: "2023" for the study's
    units), list, level, tier, group, folded type, first and last day of validity, the
    province and district entries it lies in (``province_of``/``district_of``, -1: none)
    and its place (``place_of``: one number for one province or district across lists).
    Everything else (full names, parents, dates as text) is in ``entries``, a table read
    on first use — messages need it, matching does not.
    """

    periods: list[ListPeriod]
    by_key: dict[str, tuple[int, ...]]
    by_code: dict[str, tuple[int, ...]]
    label_group: dict[str, int]
    marked: dict[str, tuple[int, ...]]
    unit_of: list[str]
    code_of: list[str]
    vintage_of: list[str]
    list_of: list[str]
    level_of: list[str]
    tier_of: list[int]
    group_of: list[int]
    type_of: list[str]
    first: list[int]
    last: list[int]
    province_of: list[int]
    district_of: list[int]
    place_of: list[int]
    places: dict[int, tuple[int, ...]]  # place → its entries
    study: vocab.Vocabulary | None = None  # the study's units, as ``vocab.units`` reads them
    details: pd.DataFrame | None = None  # ``ENTRY_COLUMNS``; see ``entries``
    details_file: Path | None = None
    near: dict[str, str | None] = field(default_factory=dict)  # suggestions made so far

    def __getstate__(self) -> dict:
        """Pickled without the details table (kept in a file of its own), suggestions and
        indexes made on use."""
        return {k: v for k, v in self.__dict__.items()
                if k not in ("details", "details_file", "near") and not k.startswith("_")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, details=None, details_file=None, near={})

    @property
    def entries(self) -> pd.DataFrame:
        """Every entry with all its columns (``ENTRY_COLUMNS``), read on first use."""
        if self.details is None:
            with open(self.details_file, "rb") as stream:
                self.details = pickle.load(stream)
        return self.details

    @property
    def labels(self) -> set[str]:
        """Every canonical name."""
        return set(self.unit_of)

    def areas(self, position: int) -> tuple[int, ...]:
        """The entry itself and the province and district entries it lies in."""
        return tuple(a for a in (position, self.province_of[position], self.district_of[position]) if a >= 0)

    def of(self, unit: str) -> list[int]:
        """The entries of a unit given by its canonical name (one per list it is in; [] if none)."""
        group = self.label_group.get(fold_unit(unit))
        if group is None or self.unit_of[self.group_entries(group)[0]] != unit:
            return []
        return self.group_entries(group)

    def group_entries(self, group: int) -> list[int]:
        if "_by_group" not in self.__dict__:
            by_group: dict[int, list[int]] = {}
            for position, number in enumerate(self.group_of):
                by_group.setdefault(number, []).append(position)
            self.__dict__["_by_group"] = by_group
        return self.__dict__["_by_group"][group]

    def merge_links(self) -> pd.DataFrame:
        """The bundled merge map (newest list ← the one before), each side as an entry of
        this reference: ``new_entry``/``old_entry`` (-1 where the map names a code its list
        does not have: see NOTICE.md), ``new_unit``/``old_unit`` (canonical names), ``link``
        ("full" or "partial": never apportioned)."""
        links = national.read_merges()
        new_list, old_list = self.periods[-1].list_id, self.periods[-2].list_id
        out = links.copy()
        for side, list_id in (("new", new_list), ("old", old_list)):
            found = [self.find(list_id, level, code) for level, code in
                     zip(links[f"{side}_level"].tolist(), links[f"{side}_code"].tolist())]
            out[f"{side}_entry"] = [-1 if f is None else f for f in found]
            out[f"{side}_unit"] = ["" if f is None else self.unit_of[f] for f in found]
        return out

    def list_for(self, vintage: str) -> str:
        """The list a written code vintage means: a list id as it is; a year or a month
        ("2023", "2025-01") the list in force on its first day; "" when unknown."""
        ids = [p.list_id for p in self.periods]
        if vintage in ids:
            return vintage
        if _YEAR.match(vintage):
            day = day_number(f"{vintage}-01-01", BEGINNING)
        elif (month := _MONTH.match(vintage)) and 1 <= int(month.group(2)) <= 12:
            day = day_number(f"{vintage}-01", BEGINNING)
        else:
            return ""
        return next(p.list_id for p in self.periods if p.first <= day <= p.last)

    def describe(self, position: int, lang: str) -> str:
        """"Xã Phước Hưng (Huyện Tuy Phước, Tỉnh Bình Định), đến 2025-06-30" — the unit, what
        it lies in and when it existed (as far as known), in ``lang``."""
        row = self.entries.iloc[position]
        place = []
        for level, code in (("district", row["parent_code"] if row["district"] else ""),
                            ("province", row["province_code"] if row["level"] != "province" else "")):
            parent = self.find(row["list"], level, code)
            if parent is not None:
                place.append(self.entries.at[parent, "full_name"] or self.entries.at[parent, "unit"])
        shown = row["full_name"] or row["unit"]
        if place:
            shown = say("hint.unit_in", lang, unit=shown, place=", ".join(place))
        if row["valid_from"]:
            shown = say("hint.unit_since", lang, unit=shown, date=row["valid_from"])
        if row["valid_to"]:
            shown = say("hint.unit_until", lang, unit=shown, date=row["valid_to"])
        return shown

    def suggest(self, text: str) -> str | None:
        """The canonical name closest to ``text``, for "did you mean": among the study's
        units as before (``study.suggest``), else among all units, where so many names
        exist that only a near miss (difflib ratio ≥ 0.85) helps."""
        if self.study is not None:
            found = self.study.suggest(text)
            if found:
                return found
        key = fold_unit(text)
        if key not in self.near:
            self.near[key] = _close(key, self.by_key, 0.85)
        close = self.near[key]
        return self.unit_of[self.by_key[close][0]] if close else None

    def find(self, list_id: str, level: str, code: str) -> int | None:
        """The entry (list, level, code), compared without leading zeros; None if absent."""
        for position in self.by_code.get(code.lstrip("0") or "0", ()) if code else ():
            if self.list_of[position] == list_id and self.level_of[position] == level:
                return position
        return None


def _close(key: str, pool, cutoff: float) -> str | None:
    near = [k for k in pool if abs(len(k) - len(key)) <= max(2, len(key) // 3)]
    found = difflib.get_close_matches(key, near, n=1, cutoff=cutoff)
    return found[0] if found else None


def build(extra: str | os.PathLike[str] | None = None) -> UnitReference:
    """The reference from the bundled lists, ``units.csv`` and ``extra`` (no cache)."""
    from pilotlib.reference.unit_build import build_reference

    return build_reference(extra)


def _sources(extra: Path | None) -> list[Path]:
    here = Path(__file__).resolve().parent
    code = [here / f"{name}.py" for name in ("national", "unit_build", "unit_labels", "unit_reference", "vocab",
                                             "periods")]
    return [*national.list_files().values(), paths.reference_dir() / "units.csv", *code,
            Path(paths.PACKAGE_DIR / "core" / "text.py"), *([extra] if extra else [])]


def _fingerprint(extra: Path | None) -> str:
    digest = hashlib.sha256()
    for source in _sources(extra):
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def load(extra: str | os.PathLike[str] | None = None) -> UnitReference:
    """The reference, from the cache when its inputs are unchanged (built and cached otherwise)."""
    extra_path = Path(extra) if extra else None
    if extra_path is not None and not extra_path.exists():
        return build(extra)  # raises the usual "does not exist" error
    if extra_path is not None:
        check_regular_file(extra_path)  # a folder or FIFO given as the units file: refused unopened
    target = paths.cache_dir() / f"units-{_fingerprint(extra_path)}.pickle"
    details = target.with_suffix(".details.pickle")
    try:
        with open(target, "rb") as stream:
            reference = pickle.load(stream)
        if details.exists():
            reference.details_file = details
            return reference
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, KeyError):
        pass
    reference = build(extra)
    try:  # the details first: a core file is only ever found with its details beside it
        atomic_write(details, pickle.dumps(reference.details, protocol=pickle.HIGHEST_PROTOCOL))
        atomic_write(target, pickle.dumps(reference, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only place: the next process builds it again
    return reference


@lru_cache(maxsize=4)
def _cached(extra: str | None) -> UnitReference:
    return load(extra)


def unit_reference(extra: str | os.PathLike[str] | None = None) -> UnitReference:
    """The unit reference for ``extra`` (a ``--units`` file, or None), once per process."""
    return _cached(str(Path(extra).resolve()) if extra else None)
