"""Run a planned batch of report notebooks and write the manifest and index.

Runs go to a ``concurrent.futures`` executor — separate processes by default, one
kernel and working directory per run; one failing run never stops the others. Runs
whose notebook, parameters, data and code are unchanged are reused (see
``batch.cache``). The manifest records, RAP-style, what produced every output:
parameters, input hashes, commit, package versions, timings.

Past one machine: any executor with ``submit`` works, e.g. dask.distributed
(``pip install 'pilotlib[dask]'``)::

    from distributed import Client
    with Client("tcp://scheduler:8786") as client:   # or Client(LocalCluster(...))
        results = run_batch(runs, out_dir, executor=client.get_executor())

Every worker must see ``out_dir`` and the data at the same paths (a shared file
system), and have pilotlib and a ``python3`` kernel installed. One batch writes to an
output folder at a time.
"""
from __future__ import annotations

import io
import json
import os
import platform
import shutil
import subprocess
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Executor, ProcessPoolExecutor, wait
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from pilotlib.batch.cache import code_fingerprint, previous_runs, reference_hashes, reusable, reused_entry, run_key
from pilotlib.batch.execute import execute_run
from pilotlib.batch.index_page import render_index
from pilotlib.batch.plan import DEFAULT_TIMEOUT, Run
from pilotlib.batch.progress import Progress
from pilotlib.core import paths
from pilotlib.core.io import atomic_write
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


def batch_facts(dataset: Dataset | None = None) -> dict:
    """What every run of this batch shares: inputs, code and environment (footer, key)."""
    return {
        "inputs": dataset.input_hashes() if dataset is not None else {},
        "reference": reference_hashes(),
        "commit": git_commit(),
        "python": platform.python_version(),
        "packages": package_versions(),
        "code": code_fingerprint(),
    }


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: leave when the runner is gone (``kill -9`` stops no worker).

    The worker's kernel then sees its own parent gone and exits too (ipykernel's
    parent poller), so a killed runner leaves no process behind.
    """
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="pilotlib-parent-watch", daemon=True).start()


def _crashed(run: Run, exc: BaseException) -> dict:
    """Entry for a run whose worker itself failed (the executor raised, not the notebook)."""
    return run.as_dict() | {
        "status": "failed", "error": f"{type(exc).__name__}: {exc}"[:4000],
        "outputs": {}, "figures": {}, "started": None, "ended": None, "seconds": None,
    }


def run_batch(
    runs: list[Run], out_dir: Path, jobs: int | None = None,
    executor: Executor | None = None, timeout: int = DEFAULT_TIMEOUT,
    facts: dict | None = None, force: bool = False, progress: Progress | None = None,
) -> list[dict]:
    """Execute every run that changed; results come back in plan order.

    ``executor`` is any ``concurrent.futures.Executor`` (left open); without one, a
    process pool of ``jobs`` workers is made and shut down here.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out_dir / ".staging", ignore_errors=True)  # what a killed runner left
    facts = facts if facts is not None else batch_facts()
    progress = progress or Progress(len(runs), stream=io.StringIO())
    previous = {} if force else previous_runs(out_dir)
    results: list[dict | None] = [None] * len(runs)
    todo: list[tuple[int, Run, str]] = []
    for index, run in enumerate(runs):
        key = run_key(run, facts)
        if reusable(previous.get(run.run_id), key, out_dir):
            results[index] = reused_entry(previous[run.run_id])
        else:
            todo.append((index, run, key))
    progress.skip(len(runs) - len(todo))
    environment = {k: facts.get(k) for k in ("commit", "python", "packages", "code")}
    if todo:
        own = executor is None
        pool = executor or ProcessPoolExecutor(
            max_workers=min(jobs or default_jobs(), len(todo)),
            initializer=_exit_with_parent, initargs=(os.getpid(),))
        try:
            futures = {pool.submit(execute_run, run, out_dir, timeout, facts): (index, run, key)
                       for index, run, key in todo}
            pending = set(futures)
            while pending:
                done, pending = wait(pending, timeout=1.0, return_when=FIRST_COMPLETED)
                for future in done:
                    index, run, key = futures[future]
                    try:
                        entry = future.result()
                    except Exception as exc:  # noqa: BLE001 - a worker crash fails that run only
                        entry = _crashed(run, exc)
                    results[index] = entry | {"key": key, "inputs": facts.get("inputs", {}),
                                              "environment": environment}
                    progress.advance(results[index])
                progress.tick()
        finally:
            if own:  # on an interrupt, runs not yet started are dropped, not waited for
                pool.shutdown(cancel_futures=True)
    progress.close()
    shutil.rmtree(out_dir / ".staging", ignore_errors=True)
    return [r for r in results if r is not None]


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


def write_outputs(out_dir: Path, manifest: dict, lang: str) -> tuple[Path, Path]:
    """manifest.json and index.html, each written atomically."""
    manifest_path = out_dir / "manifest.json"
    index_path = out_dir / "index.html"
    atomic_write(manifest_path, json.dumps(manifest, ensure_ascii=False, indent=2, default=str))
    atomic_write(index_path, render_index(manifest, lang))
    return manifest_path, index_path
