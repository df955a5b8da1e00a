"""Produce a report set from Python — the same as `pilotlib report`, for notebooks and
scripts: load the data, plan (raising before anything runs), run, write manifest + index.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pilotlib.batch.plan import DEFAULT_TIMEOUT, plan
from pilotlib.core import paths
from pilotlib.core.errors import DataError
from pilotlib.data.load import load_dataset


@dataclass
class ReportSet:
    """What a batch produced: the manifest, where the index is, and run counts."""

    manifest: dict
    index: Path
    tally: dict[str, int]
    data_problems: dict | None = None  # rejected input rows and warnings met while loading

    @property
    def failed(self) -> list[dict]:
        return [run for run in self.manifest["runs"] if run["status"] == "failed"]


def make_reports(
    data: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    units: list[str] | None = None,
    langs: tuple[str, ...] = ("vi",),
    jobs: int | None = None,
    force: bool = False,
    timeout: int = DEFAULT_TIMEOUT,
    notebooks: tuple[str, ...] | None = None,
    announce=None,
    units_file: str | os.PathLike[str] | None = None,
    as_of: str | None = None,
    province: str | None = None,
) -> ReportSet:
    """Run the report notebooks (default: all) for ``units`` (default: all) and ``langs``.

    ``units_file``: extra units vocabulary (as ``--units`` of `normalize`); ``as_of``,
    ``province``: context for unit names of raw input files (as in `normalize`; the
    province selection of the reports themselves is not done here); reject reasons
    and warnings are in the first of ``langs``. Raises DataError / PlanError /
    TableValidationError before any kernel starts and before anything is written (an
    output folder that is a file, or lies under one, is a DataError too).
    ``announce`` (optional callable) receives one line once the plan is known.
    """
    from pilotlib.batch.progress import Progress
    from pilotlib.batch.runner import batch_facts, build_manifest, counts, default_jobs, run_batch, write_outputs

    langs = tuple(dict.fromkeys(langs or ("vi",)))
    out_dir = paths.output_dir(out)
    check_output_dir(out_dir)
    data_arg = str(Path(data).expanduser().resolve()) if data else ""
    dataset = load_dataset(data_arg or None, units_file=units_file, lang=langs[0], province=province, as_of=as_of)
    problems = None
    # Raw tables normalised, rows rejected or an extra units file: kernels read a checked
    # tidy copy (with the units file), never the inputs themselves.
    tidy_copy = bool(dataset.normalised or dataset.rejected or units_file)
    if tidy_copy:
        if (out_dir / "data").resolve() in (dataset.root.resolve(), *dataset.root.resolve().parents):
            raise DataError(f"{dataset.root}: số liệu nằm trong {out_dir / 'data'}, nơi sẽ ghi bản đã kiểm tra; "
                            f"chọn --out khác / the data is inside {out_dir / 'data'}, where the checked copy "
                            "is written; choose another --out")
        data_arg = str(out_dir / "data")
    runs = plan(dataset, data_arg, out_dir, units=units, langs=langs, notebooks=notebooks)
    if tidy_copy:  # only once the plan holds: nothing is written on exit 2
        problems = dataset.write_tidy(out_dir / "data", out_dir / "rejects.csv")
        problems["rejects_file"] = "rejects.csv"
    elif dataset.warnings:
        problems = {"normalised": [], "rejects": 0, "rejects_file": "", "warnings": list(dataset.warnings)}
    jobs = jobs or default_jobs()
    if announce:
        announce(f"pilotlib report: {len(runs)} run(s), {jobs} job(s) → {out_dir}")
    facts = batch_facts(dataset)
    results = run_batch(runs, out_dir, jobs=jobs, timeout=timeout, facts=facts,
                        force=force, progress=Progress(len(runs)))
    options = {"data": data_arg or "(bundled)", "units": units, "langs": list(langs),
               "jobs": jobs, "force": force, "timeout": timeout,
               "units_file": str(units_file) if units_file else None, "as_of": as_of}
    manifest = build_manifest(dataset, results, options, facts)
    manifest["data_problems"] = problems
    _, index = write_outputs(out_dir, manifest, langs[0])
    return ReportSet(manifest=manifest, index=index, tally=counts(results), data_problems=problems)


def check_output_dir(out_dir: Path) -> None:
    """DataError naming the path when ``out_dir`` cannot be a folder (it, or a parent, is a file)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise DataError(f"{out_dir}: là tệp, cần thư mục / is a file; give a folder")
    blocker = next((p for p in out_dir.parents if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise DataError(f"{out_dir}: {blocker} là tệp, không phải thư mục / is a file, not a folder")
