"""Which units and which area a batch reports on (``--unit``, ``--province``), decided
before any kernel starts.

Without ``--province``: every unit, or the units named (``--unit all`` is every unit).
With ``--province NAME``: one province overview, and unit reports only for the units
asked for — the named ones, which must lie in the province (or be old units its new
units were formed from), or ``--unit all``: every compared unit of the overview that
the data hold — so a province of 100+ communes never silently makes 100+ notebooks.
An unknown province or a unit outside it is a plan error (exit 2), nothing written.
"""
from __future__ import annotations

from dataclasses import dataclass

from pilotlib.analysis.area import area_units, province_area, unit_provinces
from pilotlib.analysis.area_comparison import compare_area
from pilotlib.core.errors import PlanError
from pilotlib.core.i18n import both
from pilotlib.data.model import Dataset
from pilotlib.reference.unit_reference import unit_reference

ALL = "all"  # --unit all
SHOWN_KNOWN = 12  # units of the province named in an error


@dataclass(frozen=True)
class Selection:
    """``units``: the units of per-unit reports; ``everyone``: the units of all-units
    reports (None: they do not run); ``province``: the province as asked (None: none),
    ``area``: its name as reports show it."""

    units: list[str]
    everyone: list[str] | None
    province: str | None = None
    area: str = ""


def wants_all(requested: list[str] | None) -> bool:
    return bool(requested) and [r.strip().casefold() for r in requested] == [ALL]


def resolve(dataset: Dataset, requested: list[str] | None) -> list[str]:
    """Requested units matched (any spelling) to the data's own names; all when empty or
    ``all``; an unknown one is a PlanError naming it."""
    try:
        return dataset.resolve_units(None if wants_all(requested) else requested)
    except KeyError as exc:
        raise PlanError(exc.args[0]) from None


def select(dataset: Dataset, requested: list[str] | None, province: str | None = None) -> Selection:
    """The batch's units, and its province when one is asked for."""
    if not province:
        chosen = resolve(dataset, requested)
        return Selection(chosen, chosen)
    reference = unit_reference(dataset.units_file)
    area = province_area(reference, province)
    comparison = compare_area(dataset.staffing, area, reference)
    present = set(dataset.units())
    allowed = set(area_units(dataset.staffing, area, reference, below_province=False))
    allowed |= set(comparison.units.constituents["old_unit"]) & present
    if not allowed:
        raise PlanError(both("error.no_units_in_province", province=area.name))
    if wants_all(requested):
        return Selection([u for u in comparison.compared if u in present], None, province, area.name)
    if not requested:
        return Selection([], None, province, area.name)
    chosen = resolve(dataset, requested)
    outside = [u for u in chosen if u not in allowed]
    if outside:
        known = [u for u in dataset.units() if u in allowed]
        shown = ", ".join(known[:SHOWN_KNOWN]) + (", …" if len(known) > SHOWN_KNOWN else "")
        raise PlanError(both("error.unit_outside_province", province=area.name, units=", ".join(outside),
                             known=shown or "—"))
    return Selection(chosen, None, province, area.name)


def provinces(dataset: Dataset, units: list[str], overviews: list[str] = ()) -> dict[str, str]:
    """The province of each of ``units`` (the index groups reports by it; "" where the
    reference does not place the unit); a province overview (``overviews``) is its own."""
    staffing = dataset.staffing
    found = unit_provinces(staffing[staffing["unit"].isin(set(units))], unit_reference(dataset.units_file))
    return {unit: found.get(unit, "") for unit in units} | {name: name for name in overviews}
