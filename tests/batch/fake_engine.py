"""A stand-in for papermill, so that `pilotlib report` runs end to end in a fraction of a
second per run: it does what tests/notebooks/fragile_report.ipynb does, without a kernel.

It reads the data the run was given (``data_dir``) at run time, as a kernel would, and
records the unit's posts and the sha256 of the staffing file it read, so that a test can
check an index against the reports it links and the manifest's input hashes.

Outcomes by unit name (like the notebook): "Hỏng" raises in a cell, "Chết" loses its
kernel mid-run, "Worker" kills the worker process itself (the pool breaks), "Once"
kills its worker on the first attempt only (a marker file in $FAKE_ENGINE_STATE).
$FAKE_ENGINE_DELAY (seconds) slows every run down (to kill a runner mid-batch);
$FAKE_ENGINE_HOLD (a path) holds every run until that file exists (at most 120 s), so a
test decides when a runner lets go of its folder.

As a script: ``python fake_engine.py report ARGS…`` is `pilotlib report ARGS…` with
this engine installed (the worker processes, forked, inherit it).
"""
from __future__ import annotations

import csv
import hashlib
import os
import sys
import time
from pathlib import Path

from pilotlib.cli.main import skip_unused_imports

skip_unused_imports()  # as `pilotlib` does, before nbformat (its jsonschema) is imported

import nbformat  # noqa: E402

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"  # fragile_report.ipynb
MIME = "application/vnd.pilotlib.figures+json"


def _staffing(data_dir: str) -> Path:
    source = Path(data_dir)
    return source / "staffing.csv" if source.is_dir() else source


def fake_execute(input_path, output_path, parameters=None, on_notebook_start=None, **_):
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    parameters = parameters or {}
    unit = parameters.get("unit", "")
    if on_notebook_start:
        on_notebook_start(notebook=None)
    delay = float(os.environ.get("FAKE_ENGINE_DELAY", "0") or 0)
    if delay:
        time.sleep(delay)
    hold = os.environ.get("FAKE_ENGINE_HOLD")
    deadline = time.monotonic() + 120
    while hold and not Path(hold).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    if "Worker" in unit:
        os._exit(1)
    state = os.environ.get("FAKE_ENGINE_STATE")
    if "Once" in unit and state:
        marker = Path(state) / f"once-{hashlib.sha256(unit.encode()).hexdigest()[:8]}"
        if not marker.exists():
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
            os._exit(1)
    staffing = _staffing(parameters["data_dir"])
    raw = staffing.read_bytes()
    with open(staffing, encoding="utf-8-sig", newline="") as stream:
        posts = sum(int(row["posts"]) for row in csv.DictReader(stream) if row["unit"] == unit)
    notebook = nbformat.read(input_path, as_version=4)
    cell = nbformat.v4.new_code_cell("record()")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        MIME: {"unit": unit, "posts_old": posts, "staffing_sha256": hashlib.sha256(raw).hexdigest()},
        "text/plain": ""})]
    notebook.cells.append(cell)
    if "Hỏng" in unit:
        nbformat.write(notebook, output_path)
        raise PapermillExecutionError(3, 3, "", "RuntimeError", f"deliberate failure for {unit}", [])
    if parameters.get("output_dir"):
        Path(parameters["output_dir"]).mkdir(parents=True, exist_ok=True)
        (Path(parameters["output_dir"]) / "posts.txt").write_text(str(posts), encoding="utf-8")
    nbformat.write(notebook, output_path)
    if "Chết" in unit:
        raise DeadKernelError("Kernel died")


def install(patch) -> None:
    """Install the fake engine with a pytest MonkeyPatch (and the test notebooks)."""
    from pilotlib.batch import execute

    patch.setattr(execute.papermill, "execute_notebook", fake_execute)
    patch.setenv("PILOTLIB_NOTEBOOKS", str(NOTEBOOKS))
    patch.setenv("PILOTLIB_WARM_KERNELS", "0")  # no kernel starts: no warm template either


def main(argv: list[str]) -> int:
    from pilotlib.batch import execute
    from pilotlib.cli import main as cli

    execute.papermill.execute_notebook = fake_execute
    os.environ["PILOTLIB_NOTEBOOKS"] = str(NOTEBOOKS)
    os.environ["PILOTLIB_WARM_KERNELS"] = "0"
    return cli(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
