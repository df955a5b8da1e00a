"""Where runs execute: worker processes of pilotlib's own (one kernel per run), or any
``concurrent.futures`` executor given by the caller (e.g. dask.distributed).

A worker process that dies (killed, out of memory) breaks pilotlib's pool — every
unfinished run with it. The runs that had not started yet are submitted again to a new
pool as they were. The runs that were running are submitted again once, one at a time,
so that a run which kills its worker a second time is known for sure and fails alone,
while every other run completes. With a caller's executor, a future that raises fails
that run only.
"""
from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Executor, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from pilotlib.batch.execute import execute_run
from pilotlib.batch.plan import WORK, Run
from pilotlib.core.i18n import both

# deliver(index, run, entry or the exception its worker raised)
Deliver = Callable[[int, Run, "dict | BaseException"], None]


class WorkerDied(RuntimeError):
    """The worker process running this report died twice."""

    def __init__(self) -> None:
        super().__init__(both("output.worker_died"))


def _started(out_dir: Path) -> Path:
    return out_dir / WORK / "started"


def run_in_worker(run: Run, out_dir: Path, timeout: int, facts: dict) -> dict:
    """execute_run, after leaving a mark that this run began (so a dead worker's run is known)."""
    marker = _started(out_dir) / run.run_id
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()
    return execute_run(run, out_dir, timeout, facts)


def exit_with_parent(parent: int) -> None:
    """Worker initializer: leave when the runner is gone (``kill -9`` stops no worker).

    The worker's kernel then sees its own parent gone and exits too (ipykernel's
    parent poller), so a killed runner leaves no process behind.
    """
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="pilotlib-parent-watch", daemon=True).start()


def execute_all(todo: list[tuple[int, Run]], out_dir: Path, timeout: int, facts: dict, jobs: int,
                deliver: Deliver, tick: Callable[[], None], executor: Executor | None = None) -> None:
    """Execute every run of ``todo`` and deliver each outcome exactly once."""
    if executor is not None:
        _round(executor, todo, out_dir, timeout, facts, deliver, tick)
        return
    strikes = {index: 0 for index, _ in todo}
    waiting = dict(todo)

    def settle(index: int, run: Run, outcome) -> None:
        waiting.pop(index, None)
        deliver(index, run, outcome)

    while waiting:
        fresh = [(i, r) for i, r in waiting.items() if strikes[i] == 0]
        group, width = (fresh, jobs) if fresh else (list(waiting.items()), 1)
        pool = ProcessPoolExecutor(max_workers=max(1, min(width, len(group))),
                                   initializer=exit_with_parent, initargs=(os.getpid(),))
        try:
            broken = _round(pool, group, out_dir, timeout, facts, settle, tick)
        finally:  # on an interrupt, runs not yet started are dropped, not waited for
            pool.shutdown(cancel_futures=True)
        if not broken:
            continue
        began = {i for i in broken if (_started(out_dir) / waiting[i].run_id).exists()}
        for index in began or broken:  # nobody marked: all count, so this always ends
            strikes[index] += 1
            if strikes[index] >= 2:
                settle(index, waiting[index], WorkerDied())
        shutil.rmtree(_started(out_dir), ignore_errors=True)


def _round(pool: Executor, group: list[tuple[int, Run]], out_dir: Path, timeout: int, facts: dict,
           deliver: Deliver, tick: Callable[[], None]) -> list[int]:
    """Submit ``group``, deliver what finishes; the indexes lost to a broken pool."""
    worker = run_in_worker if isinstance(pool, ProcessPoolExecutor) else execute_run
    futures = {pool.submit(worker, run, out_dir, timeout, facts): (index, run) for index, run in group}
    pending = set(futures)
    broken: list[int] = []
    while pending:
        done, pending = wait(pending, timeout=1.0, return_when=FIRST_COMPLETED)
        for future in done:
            index, run = futures[future]
            try:
                outcome = future.result()
            except BrokenProcessPool:
                broken.append(index)
                continue
            except Exception as exc:  # noqa: BLE001 - a worker crash fails that run only
                outcome = exc
            deliver(index, run, outcome)
        tick()
    return broken
