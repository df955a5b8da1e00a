"""Benchmark 3 — what the national unit reference adds to a kernel or command start.

Each run is a fresh process that imports pandas and the study's units vocabulary (what
every start did before the national lists), then times importing the unit modules and
loading the reference (from its cache, as every start after the first does): wall and
CPU milliseconds, median of ``--repeat`` runs. The cache is filled once, untimed, in a
temporary ``PILOTLIB_CACHE``.

Last line, for tools: ``time reference-load-ms <x> (goal <= 150)``.
Run: ``python benchmarks/bench_reference.py [--repeat 9]``.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

from _measure import VENV_BIN, machine

CHILD = """
import time
import pandas
from pilotlib.reference import vocab
vocab.units()
wall, cpu = time.perf_counter(), time.process_time()
from pilotlib.ingest import unit_matching
from pilotlib.reference.unit_reference import unit_reference
unit_reference()
print((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)
"""
GOAL_MS = 150


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args(argv)
    print(machine(), flush=True)
    python = str(VENV_BIN / "python")
    with tempfile.TemporaryDirectory(prefix="pilotlib-bench-reference-") as cache:
        env = dict(os.environ, PILOTLIB_CACHE=cache)
        subprocess.run([python, "-c", CHILD], env=env, check=True, capture_output=True, cwd=cache)  # fill it
        runs = [subprocess.run([python, "-c", CHILD], env=env, check=True, capture_output=True, text=True,
                               cwd=cache).stdout.split() for _ in range(args.repeat)]
    wall = statistics.median(float(w) for w, _ in runs)
    cpu = statistics.median(float(c) for _, c in runs)
    print(f"unit reference at start: wall {wall:.0f} ms, CPU {cpu:.0f} ms (median of {args.repeat})")
    print(f"time reference-load-ms {wall:.0f} (goal <= {GOAL_MS})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
