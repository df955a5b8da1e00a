"""One consistent report set, made visible at once; sets of other data or languages kept.

Layout of an output folder (every name here is pilotlib's; see ``batch.outdir``)::

    index.html            every set of the folder, newest first (the only file rewritten)
    sets/<name>/          one complete set: index.html, manifest.json, rejects.csv,
                          reports/, failed/, artifacts/<run>/ — never changed once there
    tidy/<hash>/          checked copies of --data that kernels read (shared by sets)
    .staging/<name>/      a set being made; renamed into sets/ when complete

A run stages everything in ``.staging/<name>``, then renames it into ``sets/`` (one
atomic step), then rewrites the top ``index.html`` (one atomic replace), and only then
removes the set it replaced. At every instant each listed set's index, manifest and
files describe the same inputs; a killed run leaves the previous sets as they were, and
its staging folder is removed by the next run.

A set's identity (``Identity.slot``) is its data (source and sha256 of every input), its
languages and its selection (units, notebooks, units file): a new set replaces the set
of the same identity; sets of other data or languages stay, each listed with its data
source. Reused runs are hard links to the earlier set's files (a copy where links are
impossible), so replacing a set never rewrites a report that did not change.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from pilotlib.batch.index_page import render_folder_index, render_index
from pilotlib.batch.outdir import prune_empty, remove_recorded
from pilotlib.batch.plan import WORK
from pilotlib.core.errors import DataError
from pilotlib.core.i18n import both
from pilotlib.core.io import atomic_write
from pilotlib.core.text import slugify

SETS, STAGING, TIDY = "sets", ".staging", "tidy"
MANIFEST, INDEX, REJECTS = "manifest.json", "index.html", "rejects.csv"
REMOVING = "manifest.removing.json"  # a replaced set being removed (resumed if interrupted)
STAGE_STAMP = ".pilotlib-stage.json"  # which runs a staging folder was made for
TIDY_STAMP = ".pilotlib-files.json"  # the files of a tidy copy
RUN_FOLDERS = ("reports", "failed")  # files named after their run: <run_id>.<format>


@dataclass(frozen=True)
class Identity:
    """What makes two sets the same set (one replaces the other) or different ones."""

    source: str
    bundled: bool
    data_sha256: str
    langs: tuple[str, ...]
    units: tuple[str, ...] | None
    notebooks: tuple[str, ...] | None
    units_file: str | None
    categories_file: str | None = None
    as_of: str | None = None  # how raw files' unit names were read (--as-of, --province)
    province: str | None = None

    @property
    def slot(self) -> str:
        canonical = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]

    def as_dict(self) -> dict:
        return asdict(self) | {"slot": self.slot}


def data_sha256(inputs: dict[str, str]) -> str:
    """One hash for a data set: over the sorted (file, sha256) pairs of its inputs."""
    canonical = json.dumps(sorted(inputs.items()), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass
class SetFolder:
    """A complete set in ``sets/``: its folder and its manifest."""

    folder: Path
    manifest: dict

    @property
    def slot(self) -> str:
        return self.manifest["set"]["slot"]


def new_name(source: str, bundled: bool, langs: tuple[str, ...]) -> str:
    """A set's folder: sortable and readable (UTC time, data name, languages), and unique."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    data = "bundled" if bundled else slugify(Path(source).stem)[:30]
    return f"{stamp}-{data}-{'+'.join(langs)}-{secrets.token_hex(3)}"


def open_stage(out_dir: Path, name: str, run_ids: list[str]) -> Path:
    """Create the staging folder (exclusively) with the stamp naming its runs."""
    stage = out_dir / STAGING / name
    stage.parent.mkdir(parents=True, exist_ok=True)
    stage.mkdir()  # exclusive: a staging folder is this run's alone
    (stage / STAGE_STAMP).write_text(json.dumps({"runs": run_ids}), encoding="utf-8")
    return stage


def finish(stage: Path, manifest: dict, lang: str) -> None:
    """Write the set's own index and its manifest, which lists every file of the set."""
    shutil.rmtree(stage / WORK, ignore_errors=True)  # the runner's scratch, made in this stage
    atomic_write(stage / INDEX, render_index(manifest, lang))
    files = []
    for folder, _, names in os.walk(stage):
        relative = os.path.relpath(folder, stage).replace(os.sep, "/")
        files += [name if relative == "." else f"{relative}/{name}" for name in names
                  if name not in (MANIFEST, STAGE_STAMP) and os.path.isfile(os.path.join(folder, name))]
    manifest["files"] = sorted(files)
    atomic_write(stage / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2, default=str))
    (stage / STAGE_STAMP).unlink()


def rewrite(folder: Path, manifest: dict, lang: str) -> None:
    """A complete set's manifest and own index written again (an unchanged re-run): the
    manifest first, then the index, each replaced in one step; its files stay as listed."""
    atomic_write(folder / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2, default=str))
    atomic_write(folder / INDEX, render_index(manifest, lang))


def publish(stage: Path, out_dir: Path) -> Path:
    """Rename the complete stage into ``sets/``: the set exists whole, or not at all."""
    target = out_dir / SETS / stage.name
    target.parent.mkdir(parents=True, exist_ok=True)
    os.rename(stage, target)
    _remove_if_empty(out_dir / STAGING)
    return target


def discard(stage: Path) -> None:
    """Remove a staging folder's own files (after an error; killed runs: ``collect_garbage``)."""
    _remove_stage(stage)
    _remove_if_empty(stage.parent)


def scan(out_dir: Path) -> list[SetFolder]:
    """Every complete set of the folder, newest first."""
    found = []
    folder = out_dir / SETS
    for child in sorted(folder.iterdir()) if folder.is_dir() else []:
        try:
            manifest = json.loads((child / MANIFEST).read_text(encoding="utf-8"))
            manifest["set"]["slot"], manifest["files"]  # noqa: B018 - a set's manifest has both
        except (OSError, ValueError, KeyError, TypeError):
            continue
        found.append(SetFolder(child, manifest))
    return sorted(found, key=lambda s: (s.manifest.get("created", ""), s.folder.name), reverse=True)


def current(out_dir: Path) -> list[SetFolder]:
    """The newest set of each identity, newest first: the sets the index lists."""
    seen: set[str] = set()
    chosen = []
    for found in scan(out_dir):
        if found.slot not in seen:
            seen.add(found.slot)
            chosen.append(found)
    return chosen


def refresh(out_dir: Path, lang: str) -> Path:
    """Rewrite the folder's index from its sets, then remove what no set needs any more
    (replaced sets, a killed run's staging, unused tidy copies) — in that order, so the
    index never links a removed file."""
    listed = current(out_dir)
    index = atomic_write(out_dir / INDEX, render_folder_index(
        [(s.folder.relative_to(out_dir).as_posix(), s.manifest) for s in listed], lang))
    collect_garbage(out_dir, listed)
    return index


def collect_garbage(out_dir: Path, keep: list[SetFolder]) -> None:
    kept = {s.folder.name for s in keep}
    for child in _children(out_dir / SETS):
        if child.name not in kept:
            _remove_set(child)
    for child in _children(out_dir / STAGING):
        if (child / STAGE_STAMP).is_file():
            _remove_stage(child)
    _remove_if_empty(out_dir / STAGING)
    used = {s.manifest["set"].get("tidy") for s in keep}
    for child in _children(out_dir / TIDY):
        if f"{TIDY}/{child.name}" not in used and (child / TIDY_STAMP).is_file():
            _remove_tidy(child)


def previous_entries(sets: list[SetFolder]) -> list[tuple[Path, dict]]:
    """Every run of the listed sets with the folder its files are in (reuse, last good)."""
    return [(s.folder, entry) for s in sets for entry in s.manifest.get("runs", []) if isinstance(entry, dict)]


def tidy_name(inputs: dict[str, str], code: str, context: dict | None = None) -> str:
    """A tidy copy's folder: named by its inputs, the code that checked them and the
    context their unit names were read in (``--as-of``, ``--province``)."""
    canonical = json.dumps([sorted(inputs.items()), code, sorted((context or {}).items())])
    return f"{TIDY}/{hashlib.sha256(canonical.encode('utf-8')).hexdigest()[:16]}"


def write_tidy_copy(dataset, out_dir: Path, relative: str, stage: Path) -> dict:
    """The checked tables for kernels in ``out_dir/relative`` (made once per inputs and
    code, then shared), the rejects in the set; returns the data problems summary."""
    staged = stage / WORK / "tidy"
    problems = dataset.write_tidy(staged, stage / REJECTS)
    problems["rejects_file"] = REJECTS
    target = out_dir / relative
    if _tidy_complete(target):
        return problems
    if target.exists():
        _remove_tidy(target)
        if target.exists():  # someone's files in pilotlib's tidy copy: not read as data
            raise DataError(f"{target}: {both('output.copy_not_empty', examples=', '.join(sorted(os.listdir(target))[:4]))}")
    files = sorted(p.relative_to(staged).as_posix() for p in staged.rglob("*") if p.is_file())
    (staged / TIDY_STAMP).write_text(json.dumps({"files": files}), encoding="utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    os.rename(staged, target)
    return problems


def link_files(source: Path, target: Path, files: list[str]) -> None:
    """Hard links of ``files`` from one set folder into another (copies across devices)."""
    made: set[str] = set()
    for relative in files:
        destination = os.path.join(target, relative)
        folder = os.path.dirname(destination)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        origin = os.path.join(source, relative)
        try:
            os.link(origin, destination)
        except FileExistsError:  # a file of this stage (an earlier attempt)
            os.unlink(destination)
            _link_or_copy(origin, destination)
        except OSError:
            shutil.copy2(origin, destination)


def _link_or_copy(origin: str, destination: str) -> None:
    try:
        os.link(origin, destination)
    except OSError:
        shutil.copy2(origin, destination)


def tidy_complete(folder: Path) -> bool:
    """A tidy copy with every file its stamp lists."""
    return _tidy_complete(folder)


def _tidy_complete(folder: Path) -> bool:
    try:
        files = json.loads((folder / TIDY_STAMP).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return all((folder / f).is_file() for f in files)


def _remove_tidy(folder: Path) -> None:
    try:
        files = json.loads((folder / TIDY_STAMP).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        files = []
    remove_recorded(folder, [*files, TIDY_STAMP])


def _remove_set(folder: Path) -> None:
    """Remove a set by its manifest's list of files; resumable (the manifest is renamed
    first, so a half-removed set is never listed again)."""
    if (folder / MANIFEST).is_file() and not (folder / REMOVING).exists():
        os.replace(folder / MANIFEST, folder / REMOVING)
    try:
        files = json.loads((folder / REMOVING).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        files = None
    if files is not None:
        remove_recorded(folder, files)
        remove_recorded(folder, [REMOVING])
    prune_empty(folder)


def stage_owns(relative: str, run_ids: set[str]) -> bool:
    """Whether a file of a staging folder is one pilotlib writes there."""
    parts = relative.split("/")
    if parts[0] == WORK:
        return True
    if len(parts) == 1:
        name = parts[0]
        return name in (MANIFEST, INDEX, REJECTS, STAGE_STAMP) or (name.startswith(".") and name.endswith(".tmp"))
    if parts[0] == "artifacts" and parts[1] in run_ids:
        return True
    if parts[0] in RUN_FOLDERS and len(parts) == 2:
        name = parts[1].lstrip(".")
        return any(name.startswith(f"{run_id}.") for run_id in run_ids)
    return False


def _remove_stage(stage: Path) -> None:
    try:
        run_ids = set(json.loads((stage / STAGE_STAMP).read_text(encoding="utf-8"))["runs"])
    except (OSError, ValueError, KeyError, TypeError):
        run_ids = set()
    files = [p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file() or p.is_symlink()]
    owned = [f for f in files if f != STAGE_STAMP and stage_owns(f, run_ids)]
    remove_recorded(stage, owned)
    remove_recorded(stage, [STAGE_STAMP])
    prune_empty(stage)


def _children(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass
