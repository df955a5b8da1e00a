"""Benchmark 2 — `pilotlib report --force` for 3, 12 and 100 units against its floor.

Data: the illustrative example set extended to the twelve Lâm Đồng districts of
``data/reference/units.csv`` and, past twelve, to made-up districts (made-up totals,
written with ``pilotlib.data.example``'s own generators by ``gen_units.write_example``
into a temporary folder; ``data/example`` is not touched).

* batch: ``pilotlib report --force --data DATA --out OUT --jobs 2`` with the notebooks
  as shipped (unit_report per unit, comparison and issues for all), all formats (HTML,
  Word, Excel), for the three pilot districts (``--unit`` × 3), all twelve and 100 units;
* floor: ``batch_floor.py`` — one process, no kernels, that imports once, loads the data
  once and writes the same files for the same runs with the library's own functions
  (notebook with its outputs, HTML page, report.json, Word, Excel, figures, tables).
  The benchmark checks that both wrote the same file names and prints the kinds per run.

Each side runs ``--repeat`` times, alternating, in a fresh process; medians compared.
The batch is checked (every run ok, one artifact folder per run). Last lines, for tools:
``ratio batch-3 …``, ``ratio batch-12 …``, ``ratio batch-100 …``, after the marginal
cost of one more unit (between the two largest sizes) and the floor's time per stage.
Run: ``make bench`` or ``python benchmarks/bench_batch.py [--repeat 3] [--jobs 2]
[--sizes 3,12,100]``.
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

import gen_units  # noqa: E402
from _measure import VENV_BIN, alternate, machine, median, ratio_line, remove_work_folder  # noqa: E402

from pilotlib.batch.sets import current  # noqa: E402

PILOT = ["Lâm Hà", "Đạ Huoai", "Đạ Tẻh"]
GOALS = {3: 2.0}  # batch-12 and batch-100: issue 16's goal
GOAL = 1.3


def _checker(out_dirs: dict[str, Path], units: dict[str, int]):
    def check(name: str, result) -> None:
        if name.startswith("floor"):
            if result.status != 0:
                raise SystemExit(f"{name} failed:\n{result.output[-3000:]}")
            return
        try:
            newest = current(out_dirs[name])[0].folder  # the set this run published
            runs = json.loads((newest / "manifest.json").read_text(encoding="utf-8"))["runs"]
        except (OSError, ValueError, KeyError, IndexError):
            raise SystemExit(f"{name}: no manifest (status {result.status})\n{result.output[-3000:]}") from None
        bad = [r["run_id"] for r in runs if r["status"] != "ok" or "artifacts" not in r.get("outputs", {})]
        if result.status != 0 or bad or len(runs) != units[name] + 2:
            raise SystemExit(f"{name}: status {result.status}, {len(runs)} runs, not ok: {bad}\n"
                             f"{result.output[-3000:]}")
    return check


def written(folder: Path) -> set[str]:
    """Every file a run wrote (reports/ and artifacts/), relative to the set's folder."""
    return {p.relative_to(folder).as_posix() for sub in ("reports", "artifacts") for p in (folder / sub).rglob("*")
            if p.is_file()}


def kinds(files: set[str]) -> dict[str, set[str]]:
    """Per notebook, the kinds of file one of its runs writes: ``reports/.docx``, ``artifacts/.png`` …"""
    found: dict[str, set[str]] = {}
    for name in files:
        folder, rest = name.split("/", 1)
        run = rest.split("/", 1)[0].rsplit(".", 1)[0]
        found.setdefault(run.split("--", 1)[0], set()).add(f"{folder}/{Path(name).suffix}")
    return found


def compare_files(batch: Path, floor: Path) -> str:
    """One line per notebook: the file kinds a batch run and a floor run write; stops when
    the two sets of files differ (the ratio would compare different work)."""
    ours, theirs = written(current(batch)[0].folder), written(floor)
    lines = [f"  {notebook}: {' '.join(sorted(found))}" for notebook, found in sorted(kinds(ours).items())]
    if ours != theirs:
        raise SystemExit(f"floor and batch write different files: only batch {sorted(ours - theirs)[:10]}, "
                         f"only floor {sorted(theirs - ours)[:10]}")
    return f"files: batch {len(ours)}, floor {len(theirs)}, the same names; per run:\n" + "\n".join(lines)


def load() -> str:
    return "load %.1f/%.1f/%.1f" % os.getloadavg()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per side and size (median kept)")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs for pilotlib report")
    parser.add_argument("--sizes", default="3,12,100",
                        help="units per batch, comma-separated (3 = the pilot districts; up to 12: real districts)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    sizes = sorted({int(n) for n in args.sizes.split(",") if n.strip()})
    print(machine(), flush=True)
    work = Path(tempfile.mkdtemp(prefix="pilotlib-bench-batch-"))
    try:
        python, pilotlib = str(VENV_BIN / "python"), str(VENV_BIN / "pilotlib")
        commands, outs, counted, floors, data = {}, {}, {}, {}, {}
        for n in sizes:
            count = max(n, 12)
            if count not in data:
                data[count] = (work / f"example{count}", gen_units.write_example(work / f"example{count}", count))
            folder, everyone = data[count]
            units = PILOT if n == 3 else everyone[:n]
            out = work / f"out{n}"
            selected = [a for u in units for a in ("--unit", u)] if n < len(everyone) else []
            commands[f"batch-{n}"] = [pilotlib, "report", "--force", "--data", str(folder), "--out", str(out),
                                      "--jobs", str(args.jobs), *selected]
            floors[n] = work / f"floor{n}"
            commands[f"floor-{n}"] = [python, str(HERE / "batch_floor.py"), "--timings", str(folder),
                                      str(floors[n]), *(units if selected else [])]
            outs[f"batch-{n}"], counted[f"batch-{n}"] = out, len(units)
        print(f"before: {load()}", flush=True)
        runs = alternate(commands, args.repeat, check=_checker(outs, counted))
        print(f"after: {load()}", flush=True)
        seconds = {name: median(r) for name, r in runs.items()}
        for n in sizes:
            print(f"N = {n}: {compare_files(outs[f'batch-{n}'], floors[n])}")
            print("\n".join(f"  {line}" for line in runs[f"floor-{n}"][-1].output.splitlines()
                             if line.startswith("floor stage")))
        for n in sizes:
            batch, floor = seconds[f"batch-{n}"], seconds[f"floor-{n}"]
            print(f"N = {n:3d}: {n + 2:3d} notebook runs, --jobs {args.jobs}  |  batch {batch:6.1f} s  "
                  f"|  floor {floor:6.1f} s  |  ×{batch / floor:.2f}   "
                  f"(runs: {', '.join(f'{r.seconds:.1f}' for r in runs[f'batch-{n}'])} / "
                  f"{', '.join(f'{r.seconds:.1f}' for r in runs[f'floor-{n}'])} s)", flush=True)
        for n in sizes:  # CPU: the work itself, whatever the parallelism and the neighbours' load
            batch, floor = median(runs[f"batch-{n}"], "cpu"), median(runs[f"floor-{n}"], "cpu")
            print(f"N = {n:3d}: CPU (user + system, every process)  |  batch {batch:6.1f} s  |  floor {floor:6.1f} s  "
                  f"|  ×{batch / floor:.2f}")
        if len(sizes) > 1:
            small, big = sizes[-2], sizes[-1]
            per_unit = (seconds[f"batch-{big}"] - seconds[f"batch-{small}"]) / (big - small)
            floor_unit = (seconds[f"floor-{big}"] - seconds[f"floor-{small}"]) / (big - small)
            times = f" (×{per_unit / floor_unit:.2f})" if floor_unit > 0 else ""
            print(f"marginal cost of one more unit (N = {small} → {big}): batch {per_unit:.2f} s, "
                  f"floor {floor_unit:.2f} s{times}")
            print(f"marginal batch-unit {per_unit:.2f} s")
        for n in sizes:
            print(ratio_line(f"batch-{n}", seconds[f"batch-{n}"] / seconds[f"floor-{n}"], GOALS.get(n, GOAL)))
    finally:
        remove_work_folder(work, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
