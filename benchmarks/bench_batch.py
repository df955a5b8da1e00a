"""Benchmark 2 — `pilotlib report --force` for 3 and 12 units against its floor.

Data: the illustrative example set extended to all twelve Lâm Đồng districts of
``data/reference/units.csv`` (made-up totals, written with ``pilotlib.data.example``'s
own generators, by ``gen_units.write_example``, into a temporary folder; ``data/example``
is not touched).

* batch: ``pilotlib report --force --data DATA12 --out OUT --jobs 2`` with the notebooks
  as shipped (unit_report per unit, comparison and issues for all), for the three pilot
  districts (``--unit`` × 3) and for all twelve;
* floor: ``batch_floor.py`` — one process that imports once and produces the same figures
  and tables for the same units without notebooks (``benchmarks/batch_floor.py``).

Each side runs ``--repeat`` times, alternating, in a fresh process; medians compared.
The batch is checked (every run ok, figures recorded, one artifact folder per run).
Last lines, for tools: ``ratio batch-3 …`` and ``ratio batch-12 …``, after the marginal
cost of one more unit.
Run: ``make bench`` or ``python benchmarks/bench_batch.py [--repeat 3] [--jobs 2]``.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_units  # noqa: E402
from _measure import VENV_BIN, alternate, machine, median, ratio_line  # noqa: E402

from pilotlib.batch.sets import current  # noqa: E402

PILOT = ["Lâm Hà", "Đạ Huoai", "Đạ Tẻh"]
GOAL = 2.0


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per side and size (median kept)")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs for pilotlib report")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    print(machine(), flush=True)
    work = Path(tempfile.mkdtemp(prefix="pilotlib-bench-batch-"))
    try:
        data = work / "example12"
        everyone = gen_units.write_example(data, 12)
        python, pilotlib = str(VENV_BIN / "python"), str(VENV_BIN / "pilotlib")
        commands, outs, sizes = {}, {}, {}
        for n, units in ((3, PILOT), (12, everyone)):
            out = work / f"out{n}"
            selected = [a for u in units for a in ("--unit", u)] if n < len(everyone) else []
            commands[f"batch-{n}"] = [pilotlib, "report", "--force", "--data", str(data), "--out", str(out),
                                      "--jobs", str(args.jobs), *selected]
            commands[f"floor-{n}"] = [python, str(HERE / "batch_floor.py"), str(data), str(work / f"floor{n}"),
                                      *units]
            outs[f"batch-{n}"], sizes[f"batch-{n}"] = out, len(units)
        runs = alternate(commands, args.repeat, check=_checker(outs, sizes))
        seconds = {name: median(r) for name, r in runs.items()}
        for n in (3, 12):
            batch, floor = seconds[f"batch-{n}"], seconds[f"floor-{n}"]
            print(f"N = {n:2d}: {n + 2:2d} notebook runs, --jobs {args.jobs}  |  batch {batch:6.1f} s  "
                  f"|  floor {floor:5.1f} s  |  ×{batch / floor:.2f}   "
                  f"(runs: {', '.join(f'{r.seconds:.1f}' for r in runs[f'batch-{n}'])} / "
                  f"{', '.join(f'{r.seconds:.1f}' for r in runs[f'floor-{n}'])} s)", flush=True)
        per_unit = (seconds["batch-12"] - seconds["batch-3"]) / 9
        floor_unit = (seconds["floor-12"] - seconds["floor-3"]) / 9
        print(f"marginal cost of one more unit: batch {per_unit:.2f} s, floor {floor_unit:.2f} s "
              f"(×{per_unit / floor_unit:.2f})" if floor_unit > 0 else
              f"marginal cost of one more unit: batch {per_unit:.2f} s, floor {floor_unit:.2f} s")
        print(f"marginal batch-unit {per_unit:.2f} s")
        print(ratio_line("batch-3", seconds["batch-3"] / seconds["floor-3"], GOAL))
        print(ratio_line("batch-12", seconds["batch-12"] / seconds["floor-12"], GOAL))
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
