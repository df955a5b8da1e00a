"""Produce a report set from Python — the same as `pilotlib report`, for notebooks and
scripts: load the data, plan (raising before anything runs), run, write manifest + index.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pilotlib import paths
from pilotlib.dataset import load_dataset
from pilotlib.planning import plan

DEFAULT_TIMEOUT = 1800


@dataclass
class ReportSet:
    """What a batch produced: the manifest, where the index is, and run counts."""

    manifest: dict
    index: Path
    tally: dict[str, int]
    data_problems: dict | None = None  # raw inputs normalised on the way: rejects, warnings

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
) -> ReportSet:
    """Run the report notebooks (default: all) for ``units`` (default: all) and ``langs``.

    Raises DataError / PlanError / TableValidationError before any kernel starts.
    ``announce`` (optional callable) receives one line once the plan is known.
    """
    from pilotlib.batch import (batch_facts, build_manifest, counts, default_jobs, run_batch,
                                write_outputs)
    from pilotlib.progress import Progress

    langs = tuple(dict.fromkeys(langs or ("vi",)))
    out_dir = paths.output_dir(out)
    data_arg = str(Path(data).expanduser().resolve()) if data else ""
    dataset = load_dataset(data_arg or None)
    problems = None
    if dataset.normalised:  # raw tables were normalised: kernels read a tidy copy
        data_arg = str(out_dir / "data")
    runs = plan(dataset, data_arg, out_dir, units=units, langs=langs, notebooks=notebooks)
    if dataset.normalised:  # only once the plan holds: nothing is written on exit 2
        problems = dataset.write_tidy(out_dir / "data", out_dir / "rejects.csv")
        problems["rejects_file"] = "rejects.csv"
    jobs = jobs or default_jobs()
    if announce:
        announce(f"pilotlib report: {len(runs)} run(s), {jobs} job(s) → {out_dir}")
    facts = batch_facts(dataset)
    results = run_batch(runs, out_dir, jobs=jobs, timeout=timeout, facts=facts,
                        force=force, progress=Progress(len(runs)))
    options = {"data": data_arg or "(bundled)", "units": units, "langs": list(langs),
               "jobs": jobs, "force": force, "timeout": timeout}
    manifest = build_manifest(dataset, results, options, facts)
    manifest["data_problems"] = problems
    _, index = write_outputs(out_dir, manifest, langs[0])
    return ReportSet(manifest=manifest, index=index, tally=counts(results), data_problems=problems)
