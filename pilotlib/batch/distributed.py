"""Runs on a dask.distributed cluster (``pilotlib report --scheduler ADDRESS``) whose
workers may be other machines that see none of this machine's files.

Each run travels with what it needs: its notebook, its parameters and its input data
(the files of the data folder the kernels read — sent once to each worker, not once per
run), unless the user says the workers see the data at the same paths (``--shared-data``,
shared storage). On the worker a run executes exactly as at home (``execute_run``: one
fresh kernel, warm where it can be) in a folder of the worker's own temporary directory,
and comes back as its manifest entry and the bytes of every file it wrote — notebook,
HTML, Word, Excel, figures, tables. This machine writes them into the set being made
(each file written whole, then renamed into place), and the batch goes on as with local
workers: a failed run fails alone, its last good report is kept beside it, the manifest
records every file. A run whose worker dies is given to another worker by dask (up to
the scheduler's ``distributed.scheduler.allowed-failures``, 3 by default); after that it
fails alone (``WorkersDied``: how many workers died, the last one's address). Runs dask
cancels because every worker holding their notebook or data died are sent again with
new copies.

A worker runs a report only with the same pilotlib code, reference files, Python and
package versions as this machine (the manifest records this machine's): otherwise the
run fails, saying what differs. When the batch ends, every worker removes its copies and
ends its warm-kernel template.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import os
import secrets
import shutil
import tempfile
import threading
from dataclasses import replace
from pathlib import Path

from pilotlib.batch.plan import WORK, Run
from pilotlib.core import paths
from pilotlib.core.errors import DataError
from pilotlib.core.i18n import both
from pilotlib.core.io import atomic_write

DATA_SUFFIXES = (".csv", ".xlsx", ".xlsm")  # what load_dataset reads in a folder (data.model.INPUT_SUFFIXES)
PREFIX = "pilotlib-dask-"
RESENDS = 2  # a run cancelled because the cluster lost its notebook or data is sent again this many times


def _client_class():
    try:
        from distributed import Client
    except ImportError:  # the optional extra
        raise DataError(both("output.dask_missing")) from None
    return Client


def connect(address: str, shared_data: bool = False) -> RemoteRuns:
    """A connection to the scheduler at ``address`` (DataError, exit 2, when unreachable
    within dask's ``distributed.comm.timeouts.connect``, 30 s by default)."""
    client_class = _client_class()
    try:
        client = client_class(address, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise DataError(f"{address}: {both('output.scheduler_unreachable', reason=str(exc) or type(exc).__name__)}") \
            from None
    return RemoteRuns(client, shared_data)


def _data_files(data_dir: str) -> dict:
    """The files a kernel reads from ``data_dir`` (a folder's data files, or the file itself):
    ``{"folder": bool, "files": {name: bytes}}``."""
    source = Path(data_dir) if data_dir else paths.data_dir()
    if source.is_dir():
        return {"folder": True, "files": {p.name: p.read_bytes() for p in sorted(source.iterdir())
                                          if p.is_file() and p.suffix.lower() in DATA_SUFFIXES}}
    return {"folder": False, "files": {source.name: source.read_bytes()}}


def _digest(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name, content in sorted(files.items()):
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()[:16]


class RemoteRuns(concurrent.futures.Executor):
    """An executor for ``batch.workers``: ``submit(execute_run, run, out_dir, timeout, facts)``
    sends the run to the cluster and returns a future that is done once the run's files
    are written into ``out_dir`` (its result: the run's manifest entry)."""

    def __init__(self, client, shared_data: bool = False) -> None:
        self.client = client
        self.shared_data = shared_data
        self.batch = secrets.token_hex(4)
        self._sent: dict[str, object] = {}  # what was scattered, by content: data and notebooks
        self._lock = threading.Lock()
        self._running: set = set()  # the cluster's futures, held until received (a dropped one is released)
        self._closing = False
        self._writers = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="pilotlib-receive")

    def _scattered(self, key: str, make) -> object:
        with self._lock:
            if key not in self._sent:
                [self._sent[key]] = self.client.scatter([make()], broadcast=True, hash=False)
            return self._sent[key]

    def submit(self, fn, run: Run, out_dir: Path, timeout: int, facts: dict):  # noqa: D401 - Executor API
        done: concurrent.futures.Future = concurrent.futures.Future()
        self._send(run, out_dir, timeout, facts, done, 1)
        return done

    def _send(self, run: Run, out_dir: Path, timeout: int, facts: dict, done: concurrent.futures.Future,
              attempt: int) -> None:
        try:
            notebook = Path(run.notebook_file)
            sent_notebook = self._scattered(f"notebook:{notebook}", lambda: {notebook.name: notebook.read_bytes()})
            data = None
            if not self.shared_data:
                data_dir = run.parameters.get("data_dir", "")
                data = self._scattered(f"data:{data_dir}", lambda: _data_files(data_dir))
            remote = self.client.submit(run_remote, run, sent_notebook, data, timeout, facts, self.batch,
                                        pure=False, key=f"pilotlib-{run.run_id}-{secrets.token_hex(4)}")
        except Exception as exc:  # noqa: BLE001 - this run fails alone (e.g. its data unreadable)
            done.set_exception(exc)
            return
        with self._lock:
            self._running.add(remote)
        remote.add_done_callback(lambda finished: self._writers.submit(
            self._receive, finished, (run, out_dir, timeout, facts, done, attempt)))

    def _receive(self, finished, sent: tuple) -> None:
        """Write what a run sent back into the set being made (each file whole, then renamed).

        A run dask cancelled because the copies of its notebook or data were lost (every
        worker holding them died) is sent again with new copies, up to ``RESENDS`` times."""
        run, out_dir, timeout, facts, done, attempt = sent
        try:
            entry, files = finished.result()
            for relative, content in files.items():
                atomic_write(out_dir / relative, content)
        except BaseException as exc:  # noqa: BLE001 - delivered as this run's failure
            if _lost_inputs(exc) and attempt <= RESENDS and not self._closing:
                self._forget_sent()
                self._send(run, out_dir, timeout, facts, done, attempt + 1)
            else:
                done.set_exception(_readable(exc))
            return
        finally:
            with self._lock:
                self._running.discard(finished)
        done.set_result(entry)

    def _forget_sent(self) -> None:
        """The next run scatters its notebook and data again (the cluster lost them)."""
        with self._lock:
            self._sent.clear()

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.close()

    def close(self) -> None:
        """Every worker removes this batch's copies and ends its template; the connection closes."""
        self._closing = True
        try:
            self.client.run(finish_batch, self.batch)
        except Exception:  # noqa: BLE001 - a worker that is gone has nothing left to remove
            pass
        self._writers.shutdown(wait=True)
        self.client.close()


class WorkersDied(RuntimeError):
    """The dask workers given this run died while it was theirs: every worker that ran it
    (dask's KilledWorker), or, each time it was sent, every worker holding its notebook
    and data (dask cancelled it)."""


def _lost_inputs(exc: BaseException) -> bool:
    """dask cancelled the run: what it needed is gone from the cluster (not a failure of
    the run itself, which comes back as its entry, nor a worker death, KilledWorker)."""
    return isinstance(exc, (concurrent.futures.CancelledError, asyncio.CancelledError))


def _readable(exc: BaseException) -> BaseException:
    """dask's KilledWorker said as pilotlib says a worker that died: how many were tried,
    and which was the last (its log says why)."""
    if type(exc).__name__ == "KilledWorker":
        attempts = getattr(exc, "allowed_failures", 0) + 1
        last = getattr(getattr(exc, "last_worker", None), "address", "?")
        return WorkersDied(both("output.workers_died", attempts=attempts, last=last))
    if _lost_inputs(exc):
        return WorkersDied(both("output.inputs_lost", times=RESENDS + 1, reason=str(exc)[:200]))
    return exc


# --- on the worker -------------------------------------------------------------------

_MATERIALISE = threading.Lock()


def _batch_folder(batch: str) -> Path:
    return Path(tempfile.gettempdir()) / f"{PREFIX}{batch}"


def _materialise(base: Path, kind: str, files: dict[str, bytes]) -> Path:
    """The files in a folder of this batch (written once per machine, whole, then renamed;
    worker processes of one machine share its temporary directory)."""
    folder = base / f"{kind}-{_digest(files)}"
    with _MATERIALISE:
        if not folder.is_dir():
            partial = Path(tempfile.mkdtemp(prefix=f".{kind}-", dir=base))
            for name, content in files.items():
                (partial / name).write_bytes(content)
            try:
                os.rename(partial, folder)
            except OSError:  # another worker process of this machine made it first
                shutil.rmtree(partial, ignore_errors=True)
                if not folder.is_dir():
                    raise
    return folder


def _differences(facts: dict) -> list[str]:
    """What this worker would produce differently: code, reference files, Python, packages."""
    import platform

    from pilotlib.batch.cache import code_fingerprint, reference_hashes
    from pilotlib.batch.runner import package_versions

    found = {"code": code_fingerprint(), "reference": reference_hashes(), "python": platform.python_version(),
             "packages": package_versions()}
    return [name for name, value in found.items() if facts.get(name) is not None and facts.get(name) != value]


def run_remote(run: Run, notebook: dict[str, bytes], data: dict | None, timeout: int, facts: dict,
               batch: str) -> tuple[dict, dict[str, bytes]]:
    """On a worker: execute ``run`` with local copies of its notebook and data; (its entry,
    the bytes of every file it wrote, by path relative to the set)."""
    from pilotlib.batch.execute import execute_run

    differs = _differences(facts)
    if differs:
        return run.as_dict() | {"status": "failed", "error": both("output.worker_differs", what=", ".join(differs)),
                                "outputs": {}, "files": [], "figures": {}, "started": None, "ended": None,
                                "seconds": None}, {}
    base = _batch_folder(batch)
    base.mkdir(exist_ok=True)
    [(name, _)] = notebook.items()
    local_notebook = _materialise(base, "notebook", notebook) / name
    parameters = dict(run.parameters)
    if data is not None:  # the kernel reads this worker's copy
        folder = _materialise(base, "data", data["files"])
        parameters["data_dir"] = str(folder if data["folder"] else folder / next(iter(data["files"])))
    out = Path(tempfile.mkdtemp(prefix="run-", dir=base))
    try:
        if parameters.get("output_dir"):
            parameters["output_dir"] = str(out / WORK / "artifacts" / run.run_id)
        local = replace(run, parameters=parameters, notebook_file=str(local_notebook))
        entry = execute_run(local, out, timeout, facts)
        files = {relative: (out / relative).read_bytes() for relative in entry.get("files", [])}
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return entry | run.as_dict(), files  # the run as this batch planned it (its parameters, its notebook)


def finish_batch(batch: str) -> None:
    """On every worker, once the batch ends: its copies removed, its template ended."""
    from pilotlib.batch.kernels import close_template

    shutil.rmtree(_batch_folder(batch), ignore_errors=True)
    close_template()
