"""Run a planned batch of report notebooks and write the manifest and index.

Runs go to a ``concurrent.futures`` executor (separate processes by default); one
failing run never stops the others. The manifest records, RAP-style, what produced
every output: parameters, input hashes, code version, package versions, timings.
"""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from pilotlib import paths
from pilotlib.dataset import Dataset
from pilotlib.execution import _atomic_write, execute_run
from pilotlib.index_page import render_index
from pilotlib.planning import Run

PACKAGES = ("pilotlib", "pandas", "matplotlib", "seaborn", "papermill", "nbconvert", "ipykernel")


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


def run_batch(
    runs: list[Run], out_dir: Path, jobs: int | None = None,
    executor: Executor | None = None, timeout: int = 1800,
) -> list[dict]:
    """Execute every run; results come back in plan order whatever the finishing order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    own = executor is None
    pool = executor or ProcessPoolExecutor(max_workers=min(jobs or default_jobs(), len(runs) or 1))
    try:
        futures = {pool.submit(execute_run, run, out_dir, timeout): i for i, run in enumerate(runs)}
        results: list[dict | None] = [None] * len(runs)
        for future in as_completed(futures):
            index = futures[future]
            try:
                results[index] = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker crash fails that run only
                results[index] = runs[index].as_dict() | {
                    "status": "failed", "error": f"{type(exc).__name__}: {exc}",
                    "outputs": {}, "figures": {}, "seconds": None,
                }
    finally:
        if own:
            pool.shutdown()
    return [r for r in results if r is not None]


def build_manifest(dataset: Dataset, results: list[dict], options: dict) -> dict:
    return {
        "created": datetime.now(timezone.utc).isoformat(),
        "pilotlib_commit": git_commit(),
        "python": platform.python_version(),
        "packages": package_versions(),
        "options": options,
        "data_root": str(dataset.root),
        "inputs": dataset.input_hashes(),
        "provenance": sorted(dataset.provenances()),
        "runs": results,
    }


def write_outputs(out_dir: Path, manifest: dict, lang: str) -> tuple[Path, Path]:
    """manifest.json and index.html, each written atomically."""
    manifest_path = out_dir / "manifest.json"
    index_path = out_dir / "index.html"
    _atomic_write(manifest_path, json.dumps(manifest, ensure_ascii=False, indent=2, default=str))
    _atomic_write(index_path, render_index(manifest, lang))
    return manifest_path, index_path
