"""An unchanged re-run made in a moment: the set is made again from the last one, without
loading the data, planning or importing any notebook machinery.

A set records ``rerun_key``: the sha256 of everything its runs were made from, worked
out before the data is loaded — the sha256 of every data file (and of a units,
categories or document file given), of every report notebook and every reference file
(remembered by file status, ``batch.hashes``), the listing of the data and notebook
folders, the options that decide the runs (units and notebooks as asked, languages,
formats, document settings, --as-of, --province), pilotlib's code, the Python and
package versions, and the settings read while loading ($PILOTLIB_MAX_POSTS). When the
newest set of a folder has the key of this run, every run of it was good and every file
it lists is still there, the new set is that set again: its files linked (not
rewritten), every run marked reused, a new manifest and index. Anything else — one
changed byte, a failed run, a missing file, ``--force`` — takes the usual way, which
hashes, plans and reuses run by run.

The set is made again in place (same folder; its manifest and index rewritten, each in
one step): with 1 000 runs, linking 12 000 files into a new folder and removing the old
one's 1 000 folders took seconds of file-system time for nothing.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
from datetime import datetime, timezone
from pathlib import Path

from pilotlib.batch import hashes, sets
from pilotlib.batch.cache import GOOD, code_fingerprint, reused_entry
from pilotlib.core import paths

DATA_SUFFIXES = (".csv", ".xlsx", ".xlsm")  # what load_dataset reads in a folder (data.model.INPUT_SUFFIXES)
LOAD_SETTINGS = ("PILOTLIB_MAX_POSTS",)  # environment read while the data is loaded


def _files(folder: Path, suffixes: tuple[str, ...] | None = None, recursive: bool = False) -> dict[str, str]:
    """sha256 of the files of a folder (top level, or every level), by relative name."""
    if not folder.is_dir():
        return {}
    found = folder.rglob("*") if recursive else folder.iterdir()
    return {p.relative_to(folder).as_posix(): hashes.sha256(p) for p in sorted(found)
            if p.is_file() and (suffixes is None or p.suffix.lower() in suffixes)}


def _file(path: str | os.PathLike[str] | None) -> list[str] | None:
    if path is None:
        return None
    resolved = Path(path).expanduser().resolve()
    return [str(resolved), hashes.sha256(resolved) if resolved.is_file() else "missing"]


def fingerprint(source: Path, options: dict, units_file=None, categories_file=None, document=None) -> str:
    """The ``rerun_key`` of a run of ``make_reports`` (see the module's docstring)."""
    from pilotlib.batch.runner import package_versions

    notebooks_dir = paths.report_notebooks_dir()
    material = {
        "source": str(source),
        "data": _files(source, DATA_SUFFIXES) if source.is_dir() else {source.name: hashes.sha256(source)},
        "notebooks_dir": str(notebooks_dir), "notebooks": _files(notebooks_dir, (".ipynb",)),
        "reference": _files(paths.reference_dir(), recursive=True),
        "units_file": _file(units_file), "categories_file": _file(categories_file),
        "document": _file(document) if document is not None and not isinstance(document, dict) else document,
        "options": options,
        "code": code_fingerprint(), "python": platform.python_version(), "packages": package_versions(),
        "settings": {name: os.environ.get(name) for name in LOAD_SETTINGS},
    }
    canonical = json.dumps(material, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def reusable_set(out_dir: Path, key: str) -> sets.SetFolder | None:
    """The newest set made with ``key`` whose runs were all good and whose files are all
    there (and its tidy copy, when it has one); else None."""
    for found in sets.current(out_dir):
        manifest = found.manifest
        if manifest.get("rerun_key") != key:
            continue
        runs = manifest.get("runs") or []
        if not runs or any(not isinstance(r, dict) or r.get("status") not in GOOD for r in runs):
            return None
        folder = str(found.folder)
        if not all(os.path.isfile(os.path.join(folder, f)) for f in manifest.get("files") or []):
            return None
        tidy = (manifest.get("set") or {}).get("tidy")
        if tidy and not sets.tidy_complete(out_dir / tidy):
            return None
        return found
    return None


def republish(earlier: sets.SetFolder, options: dict, lang: str, progress) -> dict:
    """The set made again in place: every run marked reused (the reports were made when
    the set was), its manifest and its own index rewritten (each replaced in one step, and
    both describe the same reports throughout); its manifest. Called holding the
    folder's lock."""
    runs = earlier.manifest["runs"]
    progress.skip(len(runs))
    progress.close()
    manifest = earlier.manifest | {
        "created": datetime.now(timezone.utc).isoformat(),
        "options": options,
        "runs": [reused_entry(run) for run in runs],
    }
    sets.rewrite(earlier.folder, manifest, lang)
    return manifest
