"""Skip runs whose result cannot have changed: same notebook, parameters, data and code.

A run's key is the sha256 of everything that decides its outputs: the notebook file,
its parameters (canonical JSON, without the runner's staging path), the sha256 of every
input file and reference vocabulary, the Python and package versions, and a hash of
pilotlib's own source (an editable install keeps version 0.1.0 while the code changes).
A run is reused only when the previous manifest recorded the same key for a good run
and all its outputs still exist; ``--force`` ignores all of this.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

from pilotlib.batch.plan import STAGING_PARAMETERS, Run
from pilotlib.core import paths
from pilotlib.core.io import sha256_file

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
        digest.update(sha256_file(path).encode())
    return digest.hexdigest()


def reference_hashes() -> dict[str, str]:
    """sha256 of the bundled reference vocabularies, which notebooks may read too."""
    folder = paths.reference_dir()
    if not folder.is_dir():
        return {}
    return {p.name: sha256_file(p) for p in sorted(folder.glob("*.csv"))}


def run_key(run: Run, facts: dict) -> str:
    """The run's fingerprint; ``facts`` holds the batch's inputs, python and packages."""
    parameters = {k: v for k, v in run.parameters.items() if k not in STAGING_PARAMETERS}
    material = {
        "notebook": sha256_file(Path(run.notebook_file)) if run.notebook_file else run.notebook,
        "run_id": run.run_id,
        "parameters": parameters,
        "inputs": facts.get("inputs", {}),
        "reference": facts.get("reference", {}),
        "python": facts.get("python"),
        "packages": facts.get("packages", {}),
        "code": facts.get("code") or code_fingerprint(),
        # other formats or other document settings: other files (batch.render)
        "formats": list(facts.get("formats") or ()), "document": facts.get("document") or {},
    }
    canonical = json.dumps(material, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def previous_runs(out_dir: Path) -> dict[str, dict]:
    """Entries of the last manifest by run id ({} when absent or unreadable)."""
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
        return {entry["run_id"]: entry for entry in manifest.get("runs", [])
                if isinstance(entry, dict) and "run_id" in entry}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def outputs_exist(entry: dict, out_dir: Path) -> bool:
    outputs = entry.get("outputs") or {}
    return bool(outputs.get("ipynb")) and all(
        (out_dir / relative).exists() for relative in outputs.values()
    )


def reusable(previous: dict | None, key: str, out_dir: Path) -> bool:
    """True when the previous entry was good, had this key and its outputs are there."""
    return bool(
        previous
        and previous.get("status") in GOOD
        and previous.get("key") == key
        and outputs_exist(previous, out_dir)
    )


def reused_entry(previous: dict) -> dict:
    """The previous entry kept as it was (figures, outputs, times), marked skipped."""
    return previous | {
        "status": "skipped",
        "checked": datetime.now(timezone.utc).isoformat(),
        "error": None,
    }
