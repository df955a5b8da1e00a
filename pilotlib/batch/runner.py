"""Run a planned batch of report notebooks and build the set's manifest.

Runs go to worker processes (``batch.workers``) — one kernel and working directory per
run; one failing run never stops the others. Runs whose notebook, parameters, data and
code are unchanged are reused from an earlier set (see ``batch.cache``): their files are
linked into this set. The manifest records, RAP-style, what produced every output:
parameters, input hashes, commit, package versions, timings.

``run_batch`` writes into a fresh folder (a set's staging folder, see ``batch.sets``);
``pilotlib.make_reports`` is the door that owns, locks and publishes an output folder.
Past one machine, ``make_reports(scheduler="tcp://host:8786")`` (``pilotlib report
--scheduler``) runs on a dask.distributed cluster whose workers see none of this
machine's files (``batch.distributed``). Any other executor with ``submit`` works too
(``make_reports(executor=...)``), when every worker sees the output folder and the data
at the same paths and has pilotlib and a ``python3`` kernel installed.
"""
from __future__ import annotations

import io
import os
import platform
import shutil
import subprocess
from concurrent.futures import Executor
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from pilotlib.batch.cache import GOOD, code_fingerprint, output_files, reference_hashes, reusable, reused_entry, run_key
from pilotlib.batch.plan import DEFAULT_TIMEOUT, WORK, Run
from pilotlib.batch.progress import Progress
from pilotlib.batch.sets import link_files
from pilotlib.core import paths

if TYPE_CHECKING:  # pragma: no cover - a type only: `pilotlib report` imports the data layer when it loads
    from pilotlib.data.model import Dataset

PACKAGES = ("pilotlib", "pandas", "matplotlib", "seaborn", "pandera", "papermill",
            "nbconvert", "nbclient", "ipykernel", "jinja2")


def package_versions() -> dict[str, str]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def git_commit() -> str | None:
    """The project's commit, with '+dirty' when the work tree has changes; None outside git."""
    try:
        head = subprocess.run(
            ["git", "-C", str(paths.PROJECT_DIR), "rev-parse", "HEAD"],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(paths.PROJECT_DIR), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return head + ("+dirty" if dirty else "")


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def batch_facts(dataset: Dataset | None = None, source: str = "") -> dict:
    """What every run of this batch shares: inputs, code and environment (footer, key).

    ``dataset`` (the data's source and the sha256 over its inputs) is part of every run's
    identity, so a report of one data set is never taken for another's."""
    from pilotlib.batch import hashes
    from pilotlib.batch.sets import data_sha256

    inputs = dataset.input_hashes(hashes.sha256) if dataset is not None else {}
    return {
        "inputs": inputs,
        "dataset": {"source": source, "sha256": data_sha256(inputs)},
        "reference": reference_hashes(),
        "commit": git_commit(),
        "python": platform.python_version(),
        "packages": package_versions(),
        "code": code_fingerprint(),
    }


def _crashed(run: Run, exc: BaseException) -> dict:
    """Entry for a run whose worker itself failed (the executor raised, not the notebook)."""
    return run.as_dict() | {
        "status": "failed", "error": f"{type(exc).__name__}: {exc}"[:4000],
        "outputs": {}, "files": [], "figures": {}, "started": None, "ended": None, "seconds": None,
    }


def run_batch(
    runs: list[Run], out_dir: Path, jobs: int | None = None,
    executor: Executor | None = None, timeout: int = DEFAULT_TIMEOUT,
    facts: dict | None = None, force: bool = False, progress: Progress | None = None,
    previous: list[tuple[Path, dict]] = (),
) -> list[dict]:
    """Execute into ``out_dir`` every run that changed; results come back in plan order.

    ``previous``: runs of earlier sets with their folders; a run whose key matches a good
    one with all its files present is reused (its files linked here), and a failed run
    gets the last good report made from the same inputs beside it. ``executor`` is any
    ``concurrent.futures.Executor`` (left open); without one, pilotlib's own worker
    processes run ``jobs`` at a time.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    facts = facts if facts is not None else batch_facts()
    progress = progress or Progress(len(runs), stream=io.StringIO())
    earlier = {} if force else _by_key(previous)
    results: list[dict | None] = [None] * len(runs)
    todo: list[tuple[int, Run]] = []
    keys: dict[int, str] = {}
    for index, run in enumerate(runs):
        keys[index] = run_key(run, facts)
        found = earlier.get(keys[index])
        if found is not None:
            folder, entry = found
            if folder.resolve() != out_dir.resolve():
                link_files(folder, out_dir, output_files(entry))
            results[index] = reused_entry(entry)
        else:
            todo.append((index, run))
    progress.skip(len(runs) - len(todo))
    environment = {k: facts.get(k) for k in ("commit", "python", "packages", "code")}

    def deliver(index: int, run: Run, outcome) -> None:
        entry = outcome if isinstance(outcome, dict) else _crashed(run, outcome)
        if entry.get("status") == "failed":
            entry = _with_last_good(entry, out_dir, previous, facts.get("inputs", {}))
        results[index] = entry | {"key": keys[index], "inputs": facts.get("inputs", {}),
                                  "dataset": facts.get("dataset"), "environment": environment}
        progress.advance(results[index])

    if todo:  # only now the notebook machinery (papermill, nbformat, nbconvert: seconds to import)
        from pilotlib.batch.workers import execute_all

        execute_all(todo, out_dir, timeout, facts, jobs or default_jobs(), deliver, progress.tick, executor)
    progress.close()
    shutil.rmtree(out_dir / WORK, ignore_errors=True)  # this batch's own scratch
    return [r for r in results if r is not None]


def _by_key(previous: list[tuple[Path, dict]]) -> dict[str, tuple[Path, dict]]:
    """Earlier good runs by key (the first, i.e. newest, of each) whose files are all there."""
    found: dict[str, tuple[Path, dict]] = {}
    for folder, entry in previous:
        key = entry.get("key")
        if key and key not in found and reusable(entry, key, folder):
            found[key] = (folder, entry)
    return found


def _with_last_good(entry: dict, out_dir: Path, previous: list[tuple[Path, dict]], inputs: dict) -> dict:
    """A failed run with the last good report of the same run and the same inputs linked
    beside it (reports/), so the set still shows it; an earlier set made from other data
    stays listed on its own instead."""
    for folder, earlier in previous:
        if (earlier.get("run_id") == entry.get("run_id") and earlier.get("status") in GOOD
                and earlier.get("inputs") == inputs and reusable(earlier, earlier.get("key"), folder)):
            files = output_files(earlier)
            link_files(folder, out_dir, files)
            outputs = earlier["outputs"]
            return entry | {"last_good": {"html": outputs["html"], "ipynb": outputs["ipynb"]},
                            "files": [*entry.get("files", []), *files]}
    return entry


def build_manifest(dataset: Dataset, results: list[dict], options: dict,
                   facts: dict | None = None) -> dict:
    facts = facts if facts is not None else batch_facts(dataset)
    return {
        "created": datetime.now(timezone.utc).isoformat(),
        "pilotlib_commit": facts.get("commit"),
        "python": facts.get("python"),
        "packages": facts.get("packages"),
        "code_sha256": facts.get("code"),
        "options": options,
        "data_root": str(dataset.root),
        "inputs": facts.get("inputs"),
        "reference": facts.get("reference"),
        "provenance": sorted(dataset.provenances()),
        "runs": results,
    }


def counts(results: list[dict]) -> dict[str, int]:
    """How many runs are ok, skipped (reused) and failed."""
    tally = {"ok": 0, "skipped": 0, "failed": 0}
    for entry in results:
        status = entry.get("status")
        tally[status if status in tally else "failed"] += 1
    return tally
