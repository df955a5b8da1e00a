"""Skip runs whose result cannot have changed: same notebook, parameters, data and code.

A run's key is the sha256 of everything that decides its outputs: the notebook file,
its parameters (canonical JSON, without the runner's staging path), its language, the
data set (source and sha256 over its inputs), the sha256 of every input file and
reference vocabulary, the Python and package versions, and a hash of pilotlib's own
source (an editable install keeps version 0.1.0 while the code changes). A run is
reused only when an earlier set recorded the same key for a good run and every file of
it (report, notebook, each figure and table) still exists; ``--force`` ignores all of
this.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

from pilotlib.batch import hashes
from pilotlib.batch.plan import STAGING_PARAMETERS, Run, notebook_path
from pilotlib.core import paths

GOOD = ("ok", "skipped")



def code_fingerprint() -> str:
    """sha256 over pilotlib's .py and template files (names and contents).

    Not cached: a long-lived process (a notebook driving batches) may see the code change,
    and hashing the package takes milliseconds.
    """
    digest = hashlib.sha256()
    files = sorted(
        p for p in paths.PACKAGE_DIR.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
        and (p.suffix == ".py" or paths.templates_dir() in p.parents)
    )
    for path in files:
        digest.update(path.relative_to(paths.PACKAGE_DIR).as_posix().encode())
        digest.update(hashes.sha256(path).encode())
    return digest.hexdigest()


def reference_hashes() -> dict[str, str]:
    """sha256 of the bundled reference vocabularies, which notebooks may read too."""
    folder = paths.reference_dir()
    if not folder.is_dir():
        return {}
    return {p.name: hashes.sha256(p) for p in sorted(folder.glob("*.csv"))}


def run_key(run: Run, facts: dict) -> str:
    """The run's fingerprint; ``facts`` holds the batch's inputs, python and packages."""
    parameters = {k: v for k, v in run.parameters.items() if k not in STAGING_PARAMETERS}
    material = {
        "notebook": _notebook_hash(run),
        "run_id": run.run_id,
        "lang": run.lang,
        "parameters": parameters,
        "dataset": facts.get("dataset", {}),
        "inputs": facts.get("inputs", {}),
        "reference": facts.get("reference", {}),
        "python": facts.get("python"),
        "packages": facts.get("packages", {}),
        "code": facts.get("code") or code_fingerprint(),
        # other formats or other document settings: other files (batch.render)
        "formats": list(facts.get("formats") or ()), "document": facts.get("document") or {},
        "context": facts.get("context") or {},  # --as-of, --province: raw files read otherwise
    }
    canonical = json.dumps(material, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _notebook_hash(run: Run) -> str:
    """The bytes of the notebook the run will execute: its own file, else the one the
    executor falls back to by name (an edited report notebook must re-run either way)."""
    path = Path(run.notebook_file) if run.notebook_file else notebook_path(run.notebook)
    return hashes.sha256(path) if path.is_file() else run.notebook


def output_files(entry: dict) -> list[str]:
    """Every file of a run, relative to its set: the recorded list (report, notebook,
    figures, tables, and any other format), or its outputs for an entry without one."""
    files = entry.get("files")
    if isinstance(files, list):
        return [str(f) for f in files]
    outputs = entry.get("outputs") or {}
    return [str(v) for k, v in outputs.items() if k != "artifacts"]


def outputs_exist(entry: dict, folder: Path) -> bool:
    outputs = entry.get("outputs") or {}
    # the notebook always; every other output and file the run recorded (html, docx, xlsx,
    # figures, tables)
    named = {str(path) for key, path in outputs.items() if key != "artifacts"}
    return bool(outputs.get("ipynb")) and all(
        (folder / relative).is_file() for relative in {*output_files(entry), *named}
    )


def reusable(previous: dict | None, key: str | None, folder: Path) -> bool:
    """True when the previous entry was good, had this key and all its files are there."""
    return bool(
        previous
        and key
        and previous.get("status") in GOOD
        and previous.get("key") == key
        and outputs_exist(previous, folder)
    )


def reused_entry(previous: dict) -> dict:
    """The previous entry kept as it was (figures, outputs, times), marked skipped."""
    return previous | {
        "status": "skipped",
        "checked": datetime.now(timezone.utc).isoformat(),
        "error": None,
    }
