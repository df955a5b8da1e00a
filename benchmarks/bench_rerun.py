"""Benchmark 4 — an unchanged re-run: `pilotlib report` when nothing changed.

* ``rerun-bundled``: the bundled data set (5 runs, all formats), made once, then timed
  re-running as a user would (a fresh process each time);
* ``rerun-1000``: 998 illustrative units (``gen_units``) — 998 unit reports, the
  comparison and the issue list, 1 000 runs of ~12 files each. The set is first made
  with a stand-in for papermill (it writes the executed notebook and eleven figure and
  table files per run, without a kernel: making 1 000 real reports would take an hour);
  the re-run that is timed is the real command. ``--formats xlsx`` keeps the stand-in
  set free of HTML pages (nbconvert would be most of the set-up time); the formats do
  not change what a re-run does.
* ``reuse-1000`` (for information): the same 1 000 runs when the set cannot be made again
  at once — a setting read while loading ($PILOTLIB_MAX_POSTS, set to 100 000, 100 001 …:
  above every count, so the same rows pass) is part of the set's key but not of the
  runs' — so the data is loaded, the batch planned, each run found unchanged by its own
  key, and a new set linked together.

Each timing is the median of ``--repeat`` runs. Last lines, for tools:
``time rerun-bundled …``, ``time rerun-1000 …`` (goals ≤ 1 s and ≤ 5 s), ``time reuse-1000 …``.
Run: ``make bench`` or ``python benchmarks/bench_rerun.py [--repeat 3] [--units 998]``.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _measure import VENV_BIN, machine, median, remove_work_folder, run  # noqa: E402

GOALS = {"rerun-bundled": 1.0, "rerun-1000": 5.0}
ARTIFACTS = ("posts.png", "posts.svg", "posts.csv", "organisation.png", "organisation.svg", "composition.png",
             "composition.svg", "composition.csv", "issues.png", "issues.svg", "issues.csv")


def stand_in(input_path, output_path, parameters=None, **_):
    """papermill without a kernel: the notebook as given, its parameters and figures recorded."""
    import nbformat

    parameters = parameters or {}
    notebook = nbformat.read(input_path, as_version=4)
    cell = nbformat.v4.new_code_cell("pl.record(...)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "application/vnd.pilotlib.figures+json": {"unit": parameters.get("unit", ""), "stand_in": True},
        "text/plain": ""})]
    notebook.cells.append(cell)
    if parameters.get("output_dir"):
        folder = Path(parameters["output_dir"])
        folder.mkdir(parents=True, exist_ok=True)
        for name in ARTIFACTS:
            (folder / name).write_text(f"{parameters.get('unit', '')} {name}\n", encoding="utf-8")
    nbformat.write(notebook, output_path)
    return notebook


def make_with_stand_in(argv: list[str]) -> int:
    """`pilotlib report ARGV` with the stand-in installed (worker processes fork with it)."""
    from pilotlib.batch import execute
    from pilotlib.cli import main

    execute.papermill.execute_notebook = stand_in
    os.environ["PILOTLIB_WARM_KERNELS"] = "0"
    return main(["report", *argv])


def _check(out: Path, runs: int) -> None:
    from pilotlib.batch.sets import current

    manifest = json.loads((current(out)[0].folder / "manifest.json").read_text(encoding="utf-8"))
    statuses = {r["status"] for r in manifest["runs"]}
    if len(manifest["runs"]) != runs or statuses != {"skipped"}:
        raise SystemExit(f"{out}: {len(manifest['runs'])} runs, statuses {statuses}: not an unchanged re-run")


def _timed(name: str, command: list[str], repeat: int, out: Path, runs: int, env: dict | None = None,
           vary: str = "") -> float:
    """Median seconds of ``repeat`` runs; ``vary``: an environment variable given a new value
    each time (so that no run can take the last one's shortcut)."""
    results = []
    for attempt in range(repeat):
        result = run(command, env=env | {vary: str(100_000 + attempt)} if vary else env)
        if result.status != 0:
            raise SystemExit(f"{name} failed ({result.status}):\n{result.output[-3000:]}")
        _check(out, runs)
        results.append(result)
    seconds = median(results)
    print(f"{name}: {runs} runs  |  {', '.join(f'{r.seconds:.2f}' for r in results)} s  |  median {seconds:.2f} s  "
          f"|  peak {median(results, 'peak_mb'):.0f} MB", flush=True)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed re-runs per case (median kept)")
    parser.add_argument("--units", type=int, default=998, help="units of the large set (+2 runs for all units)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    import gen_units

    print(machine(), flush=True)
    pilotlib = str(VENV_BIN / "pilotlib")
    work = Path(tempfile.mkdtemp(prefix="pilotlib-bench-rerun-"))
    env = os.environ | {"PILOTLIB_CACHE": str(work / "cache")}
    try:
        bundled = work / "bundled"
        made = run([pilotlib, "report", "--out", str(bundled)], env=env)
        if made.status != 0:
            raise SystemExit(f"bundled set failed:\n{made.output[-3000:]}")
        small = _timed("rerun-bundled", [pilotlib, "report", "--out", str(bundled)], args.repeat, bundled, 5, env)

        data, out = work / "units", work / "out"
        gen_units.write_example(data, args.units)
        common = ["--data", str(data), "--out", str(out), "--formats", "xlsx", "--jobs", "2"]
        made = run([sys.executable, __file__, "--make", *common], env=env)
        if made.status != 0:
            raise SystemExit(f"stand-in set failed:\n{made.output[-3000:]}")
        runs = args.units + 2
        large = _timed("rerun-1000", [pilotlib, "report", *common], args.repeat, out, runs, env)
        reuse = _timed("reuse-1000", [pilotlib, "report", *common], args.repeat, out, runs, env,
                       vary="PILOTLIB_MAX_POSTS")
        print(f"time rerun-bundled {small:.2f} (goal <= {GOALS['rerun-bundled']:g})")
        print(f"time rerun-1000 {large:.2f} (goal <= {GOALS['rerun-1000']:g})")
        print(f"time reuse-1000 {reuse:.2f}")
    finally:
        remove_work_folder(work, args.keep)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--make":
        sys.exit(make_with_stand_in(sys.argv[2:]))
    sys.exit(main())
