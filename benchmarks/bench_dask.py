"""Benchmark — `pilotlib report --scheduler` on a 4-worker local dask cluster against
`--jobs 4` on the same machine, same data (``ratio dask-4``, reported, no goal).

The cluster is started as the distributed test starts it — ``dask scheduler`` and
``dask worker --nworkers 4 --nthreads 1`` as separate processes on the loopback, with
their own working and temporary directories — once, before the timed runs (its start
is printed, not counted). Then, alternating, each in a fresh process:

* jobs-4: ``pilotlib report --force --data DATA12 --out A --jobs 4``;
* dask-4: ``pilotlib report --force --data DATA12 --out B --scheduler ADDRESS``.

Both make the same 14 runs (12 unit reports, comparison, issues; all formats) of the
12-district example set (``gen_units.write_example``). The difference is what a
distributed run must do on top: connect, check each worker's code and versions, send
the notebook and data files to every worker, start a warm-kernel template per worker
per batch, and bring every output file back as bytes through the scheduler's
connection, which this process then writes into the set. The bytes that travel are
measured from the files themselves and printed.

Run: ``python benchmarks/bench_dask.py [--repeat 3]`` (needs the ``dask`` extra).
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_units  # noqa: E402
from _measure import VENV_BIN, alternate, machine, median, remove_work_folder  # noqa: E402
from bench_batch import _checker, load, written  # noqa: E402

from pilotlib.batch.distributed import DATA_SUFFIXES  # noqa: E402
from pilotlib.batch.plan import notebook_path  # noqa: E402
from pilotlib.batch.sets import current  # noqa: E402

WORKERS = 4
NOTEBOOKS = ("unit_report", "comparison", "issues")


def _start(command: list[str], cwd: Path, env: dict, log: Path) -> subprocess.Popen:
    with open(log, "wb") as stream:
        return subprocess.Popen(command, cwd=cwd, env=env, stdout=stream, stderr=subprocess.STDOUT,
                                start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    """The process group this benchmark started (scheduler or workers), politely first."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=20)
            return
        except subprocess.TimeoutExpired:
            continue


def start_cluster(root: Path) -> tuple[str, list[subprocess.Popen], float]:
    """(scheduler address, the processes, seconds until every worker was up)."""
    import distributed

    dask = str(VENV_BIN / "dask")
    cwd, temp = root / "workers-cwd", root / "workers-tmp"
    cwd.mkdir(parents=True)
    temp.mkdir()
    env = os.environ | {"TMPDIR": str(temp), "PILOTLIB_CACHE": str(root / "workers-cache")}
    address_file = root / "scheduler.json"
    local = ["--host", "127.0.0.1", "--no-dashboard"]
    began = time.perf_counter()
    processes = [_start([dask, "scheduler", "--scheduler-file", str(address_file), "--port", "0", *local],
                        cwd, env, root / "scheduler.log")]
    processes.append(_start([dask, "worker", "--scheduler-file", str(address_file), "--nworkers", str(WORKERS),
                             "--nthreads", "1", "--local-directory", str(root / "dask"), *local],
                            cwd, env, root / "workers.log"))
    try:
        deadline = time.monotonic() + 180
        while not address_file.exists():
            if time.monotonic() > deadline or processes[0].poll() is not None:
                raise SystemExit((root / "scheduler.log").read_text())
            time.sleep(0.2)
        address = json.loads(address_file.read_text())["address"]
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(WORKERS, timeout=180)
    except BaseException:
        for process in reversed(processes):
            _stop(process)
        raise
    return address, processes, time.perf_counter() - began


def travelling_bytes(data: Path, out: Path) -> dict[str, int]:
    """What crosses the wire for one batch: notebooks and data to every worker, files back."""
    notebooks = sum(notebook_path(name).stat().st_size for name in NOTEBOOKS)
    inputs = sum(p.stat().st_size for p in data.iterdir() if p.suffix.lower() in DATA_SUFFIXES)
    folder = current(out)[0].folder
    back = sum((folder / name).stat().st_size for name in written(folder))
    return {"notebooks": notebooks, "data": inputs, "back": back}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per side (median kept)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    print(machine(), flush=True)
    work = Path(tempfile.mkdtemp(prefix="pilotlib-bench-dask-"))
    processes: list[subprocess.Popen] = []
    try:
        data = work / "example12"
        units = gen_units.write_example(data, 12)
        address, processes, started = start_cluster(work / "cluster")
        print(f"cluster: scheduler + {WORKERS} worker processes (1 thread each) up in {started:.1f} s "
              f"(not timed below)", flush=True)
        pilotlib = str(VENV_BIN / "pilotlib")
        outs = {"jobs-4": work / "jobs4", "dask-4": work / "dask4"}
        common = [pilotlib, "report", "--force", "--data", str(data)]
        commands = {"jobs-4": [*common, "--out", str(outs["jobs-4"]), "--jobs", str(WORKERS)],
                    "dask-4": [*common, "--out", str(outs["dask-4"]), "--scheduler", address]}
        print(f"before: {load()}", flush=True)
        runs = alternate(commands, args.repeat, check=_checker(outs, {name: len(units) for name in outs}))
        print(f"after: {load()}", flush=True)
        local, remote = median(runs["jobs-4"]), median(runs["dask-4"])
        if written(current(outs["jobs-4"])[0].folder) != written(current(outs["dask-4"])[0].folder):
            raise SystemExit("--jobs 4 and --scheduler wrote different files")
        sent = travelling_bytes(data, outs["dask-4"])
        runs_count = len(units) + 2
        print(f"{runs_count} notebook runs  |  --jobs 4 {local:6.1f} s  |  dask, {WORKERS} workers {remote:6.1f} s  |  "
              f"×{remote / local:.2f}   (runs: {', '.join(f'{r.seconds:.1f}' for r in runs['jobs-4'])} / "
              f"{', '.join(f'{r.seconds:.1f}' for r in runs['dask-4'])} s)")
        print(f"travels per batch: notebooks {sent['notebooks'] / 1e3:.0f} kB and data {sent['data'] / 1e3:.0f} kB "
              f"to each of {WORKERS} workers ({WORKERS * (sent['notebooks'] + sent['data']) / 1e6:.2f} MB), "
              f"parameters in each task; back: {sent['back'] / 1e6:.1f} MB of outputs "
              f"({sent['back'] / runs_count / 1e6:.2f} MB per run: ipynb, HTML, Word, Excel, figures, tables), "
              f"received, then written here")
        print(f"ratio dask-4 {remote / local:.2f} (reported, no goal)")
    finally:
        for process in reversed(processes):
            _stop(process)
        remove_work_folder(work, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
