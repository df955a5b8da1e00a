"""Benchmark 4 — roll-ups and the boundary comparison at national scale.

A tidy staffing table of ``--rows`` rows (default 10⁶, fixed seed) spread over every
commune of the 2025-03 list (before) and of the 2025-07 list (after), as a national data
set of the 2025 reform would be. Timed in the same process, median of ``--repeat``:
the floor (a plain pandas sum of posts per unit and structure), ``rollup.roll_up`` (every
figure up to the province, the missing lower units named) and ``boundary.compare_units``
(every new commune against its old communes by the merge map).

Last lines, for tools: ``ratio rollup <x>`` and ``ratio boundary <x>`` (time / floor).
Run: ``python benchmarks/bench_rollup.py [--rows 1000000] [--repeat 3]``.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np
import pandas as pd
from _measure import machine

from pilotlib.analysis.boundary import compare_units
from pilotlib.analysis.rollup import roll_up
from pilotlib.reference.unit_reference import unit_reference

SEED = 20250701


def table(rows: int) -> pd.DataFrame:
    reference = unit_reference(None)
    lists, levels = np.array(reference.list_of, dtype=object), np.array(reference.level_of, dtype=object)
    old = np.flatnonzero((lists == "2025-03") & (levels == "commune"))
    new = np.flatnonzero((lists == "2025-07") & (levels == "commune"))
    rng = np.random.default_rng(SEED)
    entries = np.concatenate([rng.choice(old, rows * 3 // 4), rng.choice(new, rows - rows * 3 // 4)])
    vintages = lists[entries]
    return pd.DataFrame({"unit": np.array(reference.unit_of, dtype=object)[entries], "code_vintage": vintages,
                         "structure": np.where(vintages == "2025-07", "pilot", "old"),
                         "posts": rng.integers(0, 6, len(entries)), "provenance": "analyst"})


def timed(work, repeat: int) -> float:
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(machine(), flush=True)
    staffing = table(args.rows)
    reference = unit_reference(None)
    roll_up(staffing.head(1000), reference)  # untimed: the reference's indexes built once
    floor = timed(lambda: staffing.groupby(["unit", "structure"], sort=False)["posts"].sum(), args.repeat)
    rolled = timed(lambda: roll_up(staffing, reference), args.repeat)
    across = timed(lambda: compare_units(staffing, reference), args.repeat)
    print(f"{len(staffing)} rows: floor {floor:.2f} s, roll_up {rolled:.2f} s, compare_units {across:.2f} s "
          f"(median of {args.repeat})")
    print(f"ratio rollup {rolled / floor:.2f}")
    print(f"ratio boundary {across / floor:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
