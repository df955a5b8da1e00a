"""Produce a report set from Python — the same as `pilotlib report`, for notebooks and
scripts: check the output folder and load the data, plan (raising before anything is
written), then, holding the folder's lock, run into a staging folder and publish the set
in one step (``batch.sets``); the folder's index lists every set.
"""
from __future__ import annotations

import os
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from pilotlib.batch import hashes, kernels, outdir, rerun, sets
from pilotlib.batch.plan import DEFAULT_TIMEOUT, plan, resolve_units
from pilotlib.batch.render import parse_formats
from pilotlib.core import paths
from pilotlib.core.errors import DataError
from pilotlib.report.docx.settings import load_settings, settings_from


@dataclass
class ReportSet:
    """What a batch produced: the set's manifest, the folder's index, the set's folder
    and run counts."""

    manifest: dict
    index: Path
    tally: dict[str, int]
    data_problems: dict | None = None  # rejected input rows and warnings met while loading
    folder: Path | None = None  # sets/<name>/ in the output folder

    @property
    def failed(self) -> list[dict]:
        return [run for run in self.manifest["runs"] if run["status"] == "failed"]


@kernels.closing_template
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
    executor: Executor | None = None,
    categories_file: str | os.PathLike[str] | None = None,
    formats: str | tuple[str, ...] | None = None,
    document: str | os.PathLike[str] | dict | None = None,
    as_of: str | None = None,
    province: str | None = None,
    scheduler: str | None = None,
    shared_data: bool = False,
) -> ReportSet:
    """Run the report notebooks (default: all) for ``units`` (default: all) and ``langs``.

    ``out`` (else $PILOTLIB_OUTPUTS, else outputs/ beside the package) must be new, empty
    or a pilotlib output folder. ``units_file``: extra units vocabulary (as ``--units`` of
    `normalize`); ``categories_file``: the data set's own issue categories
    (``--categories``); reject reasons and warnings are in the first of ``langs``. Raises
    DataError / PlanError / TableValidationError before any kernel starts and before
    anything is written (an output folder that is a file, lies under one, or holds
    someone else's files is a DataError too). ``announce`` (optional callable) receives
    one line once the plan is known, and one while waiting for another run's lock.
    ``executor``: any ``concurrent.futures`` executor to run on (e.g. dask.distributed).
    ``formats``: "html,docx,xlsx" or a tuple of them (default: all three). ``document``:
    the Word report's settings — a TOML file or a dict of the same keys (issuer, number,
    place, recipients, signer, style; README "Word report settings"); without it, the
    Word report shows "…" where they go. ``as_of``, ``province``: context for unit names
    of raw input files (as in `normalize`). ``province`` also selects the reports: one
    province overview (``notebooks/province.ipynb``) and unit reports only for ``units``
    (``["all"]``: every compared unit of the province); the all-units reports do not run.
    ``units=["all"]`` without a province is every unit. ``scheduler``: the address of a
    dask.distributed scheduler to run on (``batch.distributed``: the runs take their
    notebook and data with them, unless ``shared_data`` says the workers see the data at
    the same paths).
    """
    from pilotlib.batch.progress import Progress
    from pilotlib.batch.runner import batch_facts, build_manifest, counts, default_jobs, run_batch

    langs = tuple(dict.fromkeys(langs or ("vi",)))
    chosen_formats = parse_formats(formats, langs[0])
    settings = (settings_from(document, "document", langs[0]) if isinstance(document, dict)
                else load_settings(document, langs[0]))
    out_dir = paths.output_dir(out)
    outdir.check_target(out_dir)
    source = Path(data).expanduser().resolve() if data else paths.data_dir()
    remembered = hashes.use(out_dir)  # file hashes remembered in the folder (saved once it is ours)
    rerun_key = rerun.fingerprint(source, {
        "units": units, "langs": list(langs), "notebooks": notebooks, "formats": list(chosen_formats),
        "document": settings.as_dict(), "as_of": as_of, "province": province}, units_file, categories_file, document)
    if not force and outdir.is_owned(out_dir):  # nothing changed since the last set: made again at once
        quick = _unchanged(out_dir, rerun_key, langs, jobs, timeout, announce, remembered)
        if quick is not None:
            return quick
    if not scheduler:
        kernels.start_template()  # warm kernels' imports overlap the loading and planning (batch.kernels)
    from pilotlib.data.load import load_dataset  # here: an unchanged re-run does without it

    dataset = _read(lambda: load_dataset(str(source) if data else None, units_file=units_file, lang=langs[0],
                                             categories_file=categories_file, province=province, as_of=as_of))
    context = {"as_of": as_of, "province": province}  # how raw files were read: another tidy copy
    facts = batch_facts(dataset, str(source)) | {"formats": list(chosen_formats), "document": settings.as_dict(),
                                                 "context": context}
    bundled = source == paths.bundled_data_dir()
    # Raw tables normalised, rows rejected or an extra units file: kernels read a checked
    # tidy copy (with the units file) in the output folder, never the inputs themselves.
    tidy = sets.tidy_name(facts["inputs"], facts["code"], context) \
        if dataset.normalised or dataset.rejected or units_file or categories_file or as_of or province else None
    data_arg = str(out_dir / tidy) if tidy else (str(source) if data else "")
    name = sets.new_name(str(source), bundled, langs)
    stage = out_dir / sets.STAGING / name
    runs = plan(dataset, data_arg, stage, units=units, langs=langs, notebooks=notebooks, province=province)
    identity = sets.Identity(
        source=str(source), bundled=bundled, data_sha256=facts["dataset"]["sha256"], langs=langs,
        units=_selected(dataset, units),  # any spelling: the same set
        notebooks=tuple(notebooks) if notebooks else None,
        units_file=str(Path(units_file).resolve()) if units_file else None,
        categories_file=str(Path(categories_file).resolve()) if categories_file else None,
        as_of=as_of, province=province)
    jobs = jobs or default_jobs()
    if scheduler:  # before anything is written: an unreachable scheduler is exit 2
        from pilotlib.batch.distributed import connect

        executor = connect(scheduler, shared_data)
    with _writing(out_dir):
        outdir.claim(out_dir)  # only once the plan holds: nothing is written on exit 2
        with outdir.FolderLock(out_dir, notice=announce):
            current = sets.current(out_dir)
            sets.refresh(out_dir, langs[0])  # what a killed run left is removed first
            sets.open_stage(out_dir, name, [run.run_id for run in runs])
            try:
                problems = _problems(dataset, out_dir, tidy, stage)
                if announce:
                    where = f"dask {scheduler}" if scheduler else f"{jobs} job(s)"
                    announce(f"pilotlib report: {len(runs)} run(s), {where} → {out_dir}")
                results = run_batch(runs, stage, jobs=jobs, timeout=timeout, facts=facts, force=force,
                                    progress=Progress(len(runs)), executor=executor,
                                    previous=sets.previous_entries(current))
                options = {"data": data_arg or "(bundled)", "units": units, "langs": list(langs),
                           "jobs": jobs, "force": force, "timeout": timeout,
                           "units_file": str(units_file) if units_file else None,
                           "categories_file": str(categories_file) if categories_file else None,
                           "formats": list(chosen_formats), "as_of": as_of, "province": province,
                           "scheduler": scheduler, "shared_data": shared_data,
                           "document": str(document) if document and not isinstance(document, dict) else document}
                if scheduler:
                    executor.close()
                manifest = build_manifest(dataset, results, options, facts)
                manifest["data_problems"] = problems
                manifest["rerun_key"] = rerun_key
                manifest["provinces"] = _provinces(dataset, runs)
                manifest["set"] = identity.as_dict() | {"name": name, "tidy": tidy}
                sets.finish(stage, manifest, langs[0])
                folder = sets.publish(stage, out_dir)
            except BaseException:
                if scheduler:
                    executor.close()
                sets.discard(stage)
                raise
            index = sets.refresh(out_dir, langs[0])
            remembered.save()
    return ReportSet(manifest=manifest, index=index, tally=counts(results), data_problems=problems, folder=folder)


def _unchanged(out_dir: Path, key: str, langs: tuple[str, ...], jobs: int | None, timeout: int, announce,
               remembered) -> ReportSet | None:
    """The newest set made from exactly these inputs, made again without loading anything
    (``batch.rerun``), or None when something changed."""
    from pilotlib.batch.progress import Progress
    from pilotlib.batch.runner import counts, default_jobs

    with _writing(out_dir), outdir.FolderLock(out_dir, notice=announce):
        earlier = rerun.reusable_set(out_dir, key)
        if earlier is None:
            return None
        runs = earlier.manifest["runs"]
        jobs = jobs or default_jobs()
        if announce:
            announce(f"pilotlib report: {len(runs)} run(s), {jobs} job(s) → {out_dir}")
        options = (earlier.manifest.get("options") or {}) | {"jobs": jobs, "force": False, "timeout": timeout}
        manifest = rerun.republish(earlier, options, langs[0], Progress(len(runs)))
        index = sets.refresh(out_dir, langs[0])  # also removes what a killed run left
        remembered.save()
        folder = earlier.folder
    return ReportSet(manifest=manifest, index=index, tally=counts(manifest["runs"]),
                     data_problems=manifest.get("data_problems"), folder=folder)


def _selected(dataset, units: list[str] | None) -> tuple[str, ...] | None:
    """The units asked for, as the set's identity holds them (any spelling: one set)."""
    if not units:
        return None
    from pilotlib.batch.selection import ALL, wants_all  # here: it imports the analysis layer

    return (ALL,) if wants_all(units) else tuple(resolve_units(dataset, units))


def _provinces(dataset, runs) -> dict[str, str]:
    """Each run's unit with its province, for the index's groups (``batch.selection``)."""
    from pilotlib.batch.selection import provinces

    units = list(dict.fromkeys(run.unit for run in runs if run.unit and "province" not in run.parameters))
    overviews = [run.unit for run in runs if run.unit and "province" in run.parameters]
    return provinces(dataset, units, overviews)


def _problems(dataset, out_dir: Path, tidy: str | None, stage: Path) -> dict | None:
    """Write the tidy copy and the rejects when needed; the data problems of the set."""
    if tidy:
        return sets.write_tidy_copy(dataset, out_dir, tidy, stage)
    if dataset.warnings:
        return {"normalised": [], "rejects": 0, "rejects_file": "", "warnings": list(dataset.warnings)}
    return None


def _read(load):
    """Loading the data: an OSError says "cannot read" and names the file (exit 2)."""
    try:
        return load()
    except OSError as exc:
        raise DataError(outdir.os_message(exc, "read")) from None


class _writing:
    """Writing the output folder: an OSError says "cannot write" and what happened (e.g.
    no space left on device), naming the file (exit 2)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, _trace) -> None:
        if isinstance(exc, OSError) and not isinstance(exc, DataError):
            if exc.filename is None:
                exc.filename = str(self.folder)
            raise DataError(outdir.os_message(exc, "write")) from None
