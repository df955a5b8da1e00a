"""Shared by the benchmarks: run a command in a fresh child, report wall time and peak memory.

Both sides of every comparison are measured the same way: a new process per run, wall
time around it, its peak resident set and CPU seconds from ``os.wait4`` (the child's own
rusage — with its descendants that were waited for, for CPU — so nothing the benchmark
itself did counts). Runs alternate between the sides
(A B A B …) so a noisy neighbour slows both alike, and the median of the runs is kept.
"""
from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

VENV_BIN = Path(sys.executable).parent


@dataclass
class Run:
    seconds: float
    peak_mb: float
    status: int
    output: str
    cpu: float = 0.0  # user + system seconds of the child and every descendant it waited for


def run(command: list[str], env: dict | None = None, cwd: Path | None = None) -> Run:
    """One command in a fresh child: wall seconds, peak RSS (MB), exit status, stdout+stderr."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", errors="replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, usage.ru_maxrss / 1024, child.returncode, output, cpu)  # ru_maxrss is in KiB on Linux


def alternate(commands: dict[str, list[str]], repeat: int, env: dict | None = None,
              check=None) -> dict[str, list[Run]]:
    """Run each command ``repeat`` times, interleaved; ``check(name, run)`` may raise on a bad run."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            result = run(command, env=env)
            if check:
                check(name, result)
            runs[name].append(result)
    return runs


def median(runs: list[Run], field: str = "seconds") -> float:
    return statistics.median(getattr(r, field) for r in runs)


def remove_work_folder(work: Path, keep: bool) -> None:
    """The benchmark's temporary folder removed, or kept and named (``--keep``)."""
    if keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


def ratio_line(name: str, value: float, goal: float) -> str:
    """The line other tools read: ``ratio <name> <value> (goal <= <target>)``."""
    return f"ratio {name} {value:.2f} (goal <= {goal:g})"


def machine() -> str:
    """CPU, cores, memory, load, Python and key package versions: where the figures came from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
    except OSError:
        pass
    load = "load %.1f/%.1f/%.1f" % os.getloadavg() if hasattr(os, "getloadavg") else ""
    versions = []
    for package in ("pandas", "numpy", "matplotlib", "papermill", "nbconvert"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            pass
    parts = [cpu, f"{os.cpu_count()} cores", memory, load, f"{platform.system()} {platform.release()}",
             f"Python {platform.python_version()}", *versions]
    return "machine: " + ", ".join(p for p in parts if p)
