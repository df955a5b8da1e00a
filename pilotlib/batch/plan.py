"""Plan a batch before any kernel starts: expand notebooks × units × languages into runs.

Every run's parameters are checked against the parameters the notebook declares
(papermill's inspection), units against the data, and file names for collisions, so a
misspelt parameter or unknown unit stops the batch with a clear message (exit 2).
"""
from __future__ import annotations

import hashlib
import math
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pilotlib.core import paths
from pilotlib.core.errors import PlanError
from pilotlib.core.i18n import both, check_lang
from pilotlib.core.text import check_unique, slugify

if TYPE_CHECKING:  # pragma: no cover - types only: `pilotlib report` imports the data layer when it loads
    from pilotlib.batch.selection import Selection
    from pilotlib.data.model import Dataset

# Report notebooks and whether they run once per unit or once for all units. Add a
# notebook here (or give it `"pilotlib": {"scope": ...}` in its metadata) to batch it.
# per_province notebooks run only with --province (one run for the province), and the
# all_units ones only without it (a province overview holds the province's comparison).
REPORTS: dict[str, str] = {"unit_report": "per_unit", "comparison": "all_units", "issues": "all_units",
                           "province": "per_province"}
SCOPES = ("per_unit", "all_units", "per_province")
DEFAULT_TIMEOUT = 1800  # seconds per cell: generous, a report cell takes seconds
# Parameters that name where the runner stages files, not what the notebook computes:
# left out of the reuse key and of the footer a reader sees.
STAGING_PARAMETERS = ("output_dir",)
WORK = ".work"  # the runner's scratch inside a set's staging folder (notebooks being run)
# File names stay far below the 255-byte limit of file systems: <notebook>--<slug>--<lang>
# plus a suffix and a temporary-file tail. Longer unit slugs are cut and given a hash.
MAX_SLUG = 80
MAX_RUN_ID = 180
NOT_A_REPORT = "none"  # metadata scope of notebooks for exploring (explore.ipynb): never batched


@dataclass(frozen=True)
class Run:
    """One notebook execution: which notebook, with which parameters, under which name."""

    notebook: str
    lang: str
    unit: str
    slug: str
    parameters: dict = field(hash=False)
    notebook_file: str = ""

    @property
    def run_id(self) -> str:
        return f"{self.notebook}--{self.slug}--{self.lang}"

    def as_dict(self) -> dict:
        return asdict(self) | {"run_id": self.run_id}


def notebook_path(name: str, directory: Path | None = None) -> Path:
    return (directory or paths.report_notebooks_dir()) / f"{name}.ipynb"


def report_scope(path: Path) -> str | None:
    """per_unit | all_units: from the REPORTS registry, else the notebook's own metadata."""
    if path.stem in REPORTS:
        return REPORTS[path.stem]
    from pilotlib.batch.hashes import remembered

    return remembered("scope", path, _metadata_scope)


def _metadata_scope(path: Path) -> str | None:
    """``metadata.pilotlib.scope`` of a notebook, read as JSON (nbformat takes ~2 s to import
    and is not needed to read one key)."""
    import json

    try:
        metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata") or {}
    except (OSError, ValueError, AttributeError) as exc:
        raise PlanError(f"{path}: không đọc được notebook / unreadable notebook ({exc})") from None
    scope = (metadata.get("pilotlib") or {}).get("scope") if isinstance(metadata, dict) else None
    return scope if isinstance(scope, str) else None


def discover_reports(directory: Path) -> dict[str, str]:
    """Every notebook of the folder with its scope, registered ones first.

    A notebook with no known scope is an error naming it, so a report added to the
    folder but not registered is never silently left out of the batch.
    """
    order = {name: i for i, name in enumerate(REPORTS)}
    found = sorted(directory.glob("*.ipynb"), key=lambda p: (order.get(p.stem, len(order)), p.stem))
    reports = {}
    for path in found:
        scope = report_scope(path)
        if scope == NOT_A_REPORT:
            continue
        if scope not in SCOPES:
            raise PlanError(
                f"{path}: không rõ chạy theo đơn vị hay tổng hợp / unknown scope {scope!r}; "
                f"register it in pilotlib.batch.plan.REPORTS or set metadata pilotlib.scope "
                f"to one of {', '.join(SCOPES)}"
            )
        reports[path.stem] = scope
    return reports


def declared_parameters(notebook: Path) -> frozenset[str]:
    """Parameter names of the notebook's `parameters` cell, remembered by the file's status
    (``batch.hashes``): papermill is imported only for a notebook it has not read yet."""
    from pilotlib.batch.hashes import remembered

    return frozenset(remembered("parameters", notebook, _inspect))


def _inspect(notebook: Path) -> list[str]:
    import papermill  # here, not at the top (see report_scope)

    try:
        return sorted(papermill.inspect_notebook(str(notebook)))
    except Exception as exc:  # noqa: BLE001 - papermill raises plain ValueError and others
        raise PlanError(
            f"{notebook}: không đọc được tham số / cannot inspect parameters ({exc})"
        ) from None


def resolve_units(dataset: Dataset, requested: list[str] | None) -> list[str]:
    """Requested units matched (any spelling, "Huyện"/"H." prefixes ignored) to the data's
    own names (all of them for none or ``all``); an unknown one is a PlanError naming it."""
    from pilotlib.batch import selection  # here: it imports the analysis layer (pandas)

    return selection.resolve(dataset, requested)


def is_json_like(value: object) -> bool:
    """str, bool, int, finite float, None, and lists/dicts (str keys) of those."""
    if value is None or isinstance(value, (str, bool, int)):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(is_json_like(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and is_json_like(v) for k, v in value.items())
    return False


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
        if not is_json_like(value):
            raise PlanError(
                f"{notebook.name}: tham số {key} không phải giá trị JSON / "
                f"parameter {key} is not JSON-like: {value!r}"
            )


def short_slug(name: str, slug: str) -> str:
    """``slug`` when short enough; else its start and a hash of the full name (stable: the
    same name always gives the same file name, and two long names differ by their hash)."""
    if len(slug) <= MAX_SLUG:
        return slug
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return f"{slug[:MAX_SLUG - 9].rstrip('-')}-{digest}"


def file_slugs(units: list[str]) -> dict[str, str]:
    """Each unit's file-name slug: unique (PlanError naming both units otherwise), short."""
    try:
        slugs = {unit: short_slug(unit, slug) for unit, slug in check_unique(units).items()}
    except ValueError as exc:
        raise PlanError(str(exc)) from None
    seen: dict[str, str] = {}
    for unit, slug in slugs.items():
        if slug in seen:
            raise PlanError(f"'{seen[slug]}' và '{unit}' trùng tên tệp '{slug}' / "
                            f"'{seen[slug]}' and '{unit}' both give the file name '{slug}'")
        seen[slug] = unit
    return slugs


def plan(
    dataset: Dataset,
    data_arg: str,
    out_dir: Path,
    units: list[str] | None = None,
    langs: tuple[str, ...] = ("vi",),
    notebooks: tuple[str, ...] | None = None,
    notebooks_dir: str | os.PathLike[str] | None = None,
    province: str | None = None,
) -> list[Run]:
    """All runs of the batch, checked; raises PlanError before anything runs.

    ``notebooks`` defaults to every report notebook of the folder (``notebooks_dir``,
    else $PILOTLIB_NOTEBOOKS, else the bundled notebooks/). ``province``: a province
    overview and unit reports only for ``units`` (``batch.selection``).
    """
    for lang in langs:
        try:
            check_lang(lang)
        except ValueError as exc:
            raise PlanError(f"--lang: {exc}") from None
    from pilotlib.batch import selection  # here: it imports the analysis layer (pandas)

    chosen = selection.select(dataset, units, province)
    slugs = file_slugs(chosen.units)
    folder = paths.report_notebooks_dir(notebooks_dir)
    reports = discover_reports(folder) if folder.is_dir() else {}
    if notebooks is None:
        notebooks = tuple(reports)
        if not notebooks:
            raise PlanError(f"{folder}: không có notebook báo cáo / no report notebook found")
    runs: list[Run] = []
    for name in notebooks:
        path = notebook_path(name, folder)
        if not path.exists():
            raise PlanError(f"{path}: thiếu notebook / notebook missing")
        scope = reports.get(name) or report_scope(path)
        if scope not in SCOPES:
            raise PlanError(f"{path}: không rõ phạm vi / unknown scope {scope!r} (one of {', '.join(SCOPES)})")
        for lang in langs:
            for unit, slug in _targets(scope, chosen, slugs):
                parameters: dict = {"data_dir": data_arg, "lang": lang}
                if scope == "per_unit":
                    parameters["unit"] = unit
                elif scope == "per_province":
                    parameters["province"] = chosen.province
                else:
                    parameters["units"] = chosen.everyone
                run = Run(name, lang, unit, slug, parameters, str(path))
                if len(run.run_id.encode("utf-8")) > MAX_RUN_ID:
                    raise PlanError(f"{path}: tên notebook quá dài cho tên tệp / notebook name too long "
                                    f"for a file name ({len(run.run_id)} characters in {run.run_id[:60]}…)")
                parameters["output_dir"] = str(out_dir / WORK / "artifacts" / run.run_id)
                check_parameters(path, parameters)
                runs.append(run)
    if not runs and province:
        raise PlanError(both("error.nothing_to_run"))
    return runs


def _targets(scope: str, chosen: Selection, slugs: dict[str, str]) -> list[tuple[str, str]]:
    """(unit, file-name slug) of each run of a notebook of ``scope``: per unit, once for
    all units (not with --province), once for the province (only with --province)."""
    if scope == "per_unit":
        return [(u, slugs[u]) for u in chosen.units]
    if scope == "per_province":
        return [(chosen.area, short_slug(chosen.area, slugify(chosen.area)))] if chosen.province else []
    return [("", "all")] if chosen.everyone is not None else []
