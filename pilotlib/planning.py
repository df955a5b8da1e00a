"""Plan a batch before any kernel starts: expand notebooks × units × languages into runs.

Every run's parameters are checked against the parameters the notebook declares
(papermill's inspection), units against the data, and file names for collisions, so a
misspelt parameter or unknown unit stops the batch with a clear message (exit 2).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import papermill

from pilotlib import paths
from pilotlib.dataset import Dataset
from pilotlib.labels import LANGS
from pilotlib.slugs import check_unique
from pilotlib.textkey import fold

# Report notebooks and whether they run once per unit or once for all units.
REPORTS: dict[str, str] = {"unit_report": "per_unit", "overview": "all_units"}


class PlanError(ValueError):
    """The batch cannot be planned (usage or data problem; nothing was run)."""


@dataclass(frozen=True)
class Run:
    """One notebook execution: which notebook, with which parameters, under which name."""

    notebook: str
    lang: str
    unit: str
    slug: str
    parameters: dict = field(hash=False)

    @property
    def run_id(self) -> str:
        return f"{self.notebook}--{self.slug}--{self.lang}"

    def as_dict(self) -> dict:
        return asdict(self) | {"run_id": self.run_id}


@lru_cache(maxsize=None)
def declared_parameters(notebook: Path) -> frozenset[str]:
    """Parameter names of the notebook's `parameters` cell."""
    return frozenset(papermill.inspect_notebook(str(notebook)))


def notebook_path(name: str) -> Path:
    return paths.notebooks_dir() / f"{name}.ipynb"


def resolve_units(dataset: Dataset, requested: list[str] | None) -> list[str]:
    """Requested units matched (case/diacritic-insensitively) to the data's own names."""
    known = dataset.units()
    if not requested:
        return known
    by_key = {fold(u): u for u in known}
    resolved, unknown = [], []
    for name in requested:
        match = by_key.get(fold(name))
        (resolved.append(match) if match else unknown.append(name))
    if unknown:
        raise PlanError(
            f"Không có đơn vị trong số liệu / unit not in the data: {', '.join(unknown)} "
            f"(có / available: {', '.join(known)})"
        )
    return list(dict.fromkeys(resolved))


def check_parameters(notebook: Path, parameters: dict) -> None:
    """Every parameter must be declared by the notebook and be a JSON-like value."""
    declared = declared_parameters(notebook)
    unknown = sorted(set(parameters) - declared)
    if unknown:
        raise PlanError(
            f"{notebook.name}: tham số không khai báo / undeclared parameter(s): "
            f"{', '.join(unknown)} (declared: {', '.join(sorted(declared))})"
        )
    for key, value in parameters.items():
        if not isinstance(value, (str, int, float, bool, type(None), list, dict)):
            raise PlanError(f"{notebook.name}: parameter {key} is not JSON-like: {value!r}")


def plan(
    dataset: Dataset,
    data_arg: str,
    out_dir: Path,
    units: list[str] | None = None,
    langs: tuple[str, ...] = ("vi",),
    notebooks: tuple[str, ...] = tuple(REPORTS),
) -> list[Run]:
    """All runs of the batch, checked; raises PlanError before anything runs."""
    for lang in langs:
        if lang not in LANGS:
            raise PlanError(f"--lang must be one of {', '.join(LANGS)}, not {lang!r}")
    chosen = resolve_units(dataset, units)
    try:
        slugs = check_unique(chosen)
    except ValueError as exc:
        raise PlanError(str(exc)) from None
    runs: list[Run] = []
    for name in notebooks:
        if name not in REPORTS:
            raise PlanError(f"unknown report notebook {name!r}")
        path = notebook_path(name)
        if not path.exists():
            raise PlanError(f"{path}: notebook missing")
        targets = [(u, slugs[u]) for u in chosen] if REPORTS[name] == "per_unit" else [("", "all")]
        for lang in langs:
            for unit, slug in targets:
                parameters = {"data_dir": data_arg, "lang": lang}
                if REPORTS[name] == "per_unit":
                    parameters["unit"] = unit
                else:
                    parameters["units"] = chosen
                run = Run(name, lang, unit, slug, parameters)
                parameters["output_dir"] = str(out_dir / ".staging" / "artifacts" / run.run_id)
                check_parameters(path, parameters)
                runs.append(run)
    return runs
