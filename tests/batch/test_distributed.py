"""`pilotlib report --scheduler ADDRESS` on a dask cluster whose workers see none of this
process's files.

The test starts a scheduler and two worker processes (`dask scheduler`, `dask worker`)
in a working directory and a temporary directory of their own, with their own reference
cache, and this process reaches them only through the address. The runs take their
notebook and data with them and send every file back; the set is written here. Slow:
kernels start on the workers.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from conftest import staffing_rows, units_file, write_csv

from pilotlib.batch.sets import current
from pilotlib.cli import main

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
pytestmark = pytest.mark.slow

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
DASK = Path(sys.executable).with_name("dask")


def _start(command: list[str], cwd: Path, env: dict, log: Path) -> subprocess.Popen:
    with open(log, "wb") as stream:
        return subprocess.Popen(command, cwd=cwd, env=env, stdout=stream, stderr=subprocess.STDOUT,
                                start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=15)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """(scheduler address, the workers' temporary directory, their working directory)."""
    if not DASK.exists():
        pytest.skip("the dask command is not installed")
    root = tmp_path_factory.mktemp("cluster")
    cwd, temp = root / "workers-cwd", root / "workers-tmp"
    cwd.mkdir()
    temp.mkdir()
    env = os.environ | {"TMPDIR": str(temp), "PILOTLIB_CACHE": str(root / "workers-cache"),
                        # a run whose worker dies is given to one more worker (dask's default: 3 more)
                        "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1",
                        # one run at a time per worker: a worker's death counts against that run only
                        "DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION": "1.0"}
    env.pop("PILOTLIB_NOTEBOOKS", None)
    address_file = root / "scheduler.json"
    local = ["--host", "127.0.0.1", "--no-dashboard"]  # loopback: no network needed (CI)
    scheduler = _start([str(DASK), "scheduler", "--scheduler-file", str(address_file), "--port", "0", *local],
                       cwd, env, root / "scheduler.log")
    workers = _start([str(DASK), "worker", "--scheduler-file", str(address_file), "--nworkers", "2",
                      "--nthreads", "1", "--local-directory", str(root / "dask"), *local],
                     cwd, env, root / "workers.log")
    (root / "nanny.pid").write_text(str(workers.pid))  # the `dask worker` command (its own session)
    try:
        deadline = time.monotonic() + 120
        while not address_file.exists():
            assert time.monotonic() < deadline and scheduler.poll() is None, (root / "scheduler.log").read_text()
            time.sleep(0.2)
        address = json.loads(address_file.read_text())["address"]
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            assert {Path(d) for d in client.run(os.getcwd).values()} == {cwd}  # not this process's
        yield address, temp, cwd
    finally:
        _stop(workers)
        _stop(scheduler)


def _data(folder: Path, units: dict[str, int]) -> Path:
    write_csv(folder, "staffing.csv", staffing_rows(
        [{"unit": unit, "structure": "old", "posts": posts} for unit, posts in units.items()]))
    units_file(folder, list(units))
    return folder


def _report(*args: str) -> int:
    return main(["report", *args])


def _set(out: Path) -> tuple[Path, dict]:
    found = current(out)[0]
    return found.folder, found.manifest


def test_runs_take_their_notebook_and_data_and_send_every_file_back(cluster, tmp_path, monkeypatch, capsys):
    address, worker_temp, worker_cwd = cluster
    monkeypatch.setenv("PILOTLIB_NOTEBOOKS", str(NOTEBOOKS))  # here only: the workers are sent the notebook
    data, out = _data(tmp_path / "data", {"An Phú": 5, "Bình": 3, "Hỏng": 2}), tmp_path / "out"
    assert _report("--data", str(data), "--out", str(out), "--scheduler", address) == 1  # Hỏng fails alone
    assert f"3 run(s), dask {address} → {out}" in capsys.readouterr().out
    folder, manifest = _set(out)
    runs = {run["unit"]: run for run in manifest["runs"]}
    assert {u: r["status"] for u, r in runs.items()} == {"An Phú": "ok", "Bình": "ok", "Hỏng": "failed"}
    assert runs["Hỏng"]["error"].startswith("PapermillExecutionError: RuntimeError: deliberate failure")
    assert (folder / runs["Hỏng"]["outputs"]["html"]).exists()  # its failed page, written here
    for unit, posts in (("An Phú", 5), ("Bình", 3)):
        run = runs[unit]
        assert run["figures"]["posts_old"] == posts  # computed on a worker from the data it was sent
        workdir = Path(run["figures"]["workdir"])  # the kernel's working directory: the worker's
        assert worker_temp in workdir.parents and not workdir.exists()
        assert run["parameters"]["data_dir"] == str(data)  # the manifest says what this batch planned
        for relative in run["files"]:
            assert (folder / relative).is_file()  # every file sent back and written into the set
        assert (folder / run["outputs"]["artifacts"] / "posts.txt").read_text(encoding="utf-8") == str(posts)
        notebook = nbformat.read(folder / run["outputs"]["ipynb"], as_version=4)
        injected = next(c.source for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", []))
        assert str(worker_temp) in injected and str(tmp_path) not in injected  # it read the worker's copy
    assert set(manifest["files"]) >= {f for run in manifest["runs"] for f in run["files"]}
    assert not list(worker_temp.glob("pilotlib-*"))  # the workers removed their copies
    assert not list(worker_cwd.iterdir())  # and wrote nothing where they were started
    # unchanged: made again here, nothing sent
    assert _report("--data", str(data), "--out", str(out), "--scheduler", address) == 1
    assert {r["status"] for r in _set(out)[1]["runs"]} == {"skipped", "failed"}


def test_shared_data_is_read_where_it_is(cluster, tmp_path, monkeypatch):
    address, worker_temp, _ = cluster
    monkeypatch.setenv("PILOTLIB_NOTEBOOKS", str(NOTEBOOKS))
    data, out = _data(tmp_path / "shared", {"An Phú": 7}), tmp_path / "out"
    assert _report("--data", str(data), "--out", str(out), "--scheduler", address, "--shared-data") == 0
    folder, manifest = _set(out)
    [run] = manifest["runs"]
    notebook = nbformat.read(folder / run["outputs"]["ipynb"], as_version=4)
    injected = next(c.source for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert f'data_dir = "{data}"' in injected and run["figures"]["posts_old"] == 7


def test_word_and_excel_reports_come_back_from_the_workers(cluster, tmp_path):
    from pilotlib.batch.api import make_reports

    address, _, _ = cluster
    out = tmp_path / "out"
    # the shipped unit report only (the command's path is the first test's): its charts,
    # tables, Word and Excel files travel back like every run's
    done = make_reports(out=out, scheduler=address, units=["Lâm Hà"], notebooks=("unit_report",))
    assert [r["status"] for r in done.manifest["runs"]] == ["ok"]
    folder, manifest = _set(out)
    [unit] = manifest["runs"]
    assert set(unit["outputs"]) >= {"ipynb", "html", "docx", "xlsx", "artifacts", "report"}
    for key in ("docx", "xlsx"):
        assert (folder / unit["outputs"][key]).read_bytes()[:2] == b"PK"
    assert any(name.endswith(".png") for name in unit["files"]) and any(name.endswith(".csv") for name in unit["files"])
    assert unit["figures"]["posts_old"] == 20


def test_an_unreachable_scheduler_is_said_and_nothing_is_written(tmp_path, capsys):
    import dask

    out = tmp_path / "out"
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):  # 30 s by default
        assert _report("--out", str(out), "--scheduler", "tcp://127.0.0.1:9", "--unit", "Lâm Hà") == 2
    assert "không kết nối được bộ điều phối dask" in capsys.readouterr().err
    assert not out.exists()


def test_shared_data_needs_a_scheduler_and_jobs_are_not_for_one(tmp_path, capsys):
    assert _report("--out", str(tmp_path / "out"), "--shared-data") == 2
    assert "--shared-data" in capsys.readouterr().err
    assert _report("--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9", "--jobs", "2") == 2
    assert "not both" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


# A cell that kills the dask worker process running the report — the kernel's ancestor
# whose parent is the `dask worker` command the test started (NANNY, its pid; not found by
# command line: with setproctitle installed the worker processes are named "dask worker"
# too) — on the first attempt only when the unit's name says "một lần" (once), on every
# attempt otherwise. An ancestor that cannot be found fails the cell (never kills another).
KILL_WORKER = """
import signal, tempfile
if "Sập" in unit:
    mark = Path(tempfile.gettempdir()) / f"killed-{unit}"
    if not ("một lần" in unit and mark.exists()):
        mark.touch()
        pid = os.getpid()
        while True:
            parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
            if parent == NANNY:
                break
            assert parent > 1, "no dask worker among the kernel's ancestors"
            pid = parent
        os.kill(pid, signal.SIGKILL)
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the worker process through /proc")
def test_a_run_whose_worker_dies_is_retried_elsewhere_or_fails_alone(cluster, tmp_path, monkeypatch):
    address, worker_temp, _ = cluster
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    notebook = nbformat.read(NOTEBOOKS / "fragile_report.ipynb", as_version=4)
    nanny = (worker_temp.parent / "nanny.pid").read_text()
    notebook.cells.insert(3, nbformat.v4.new_code_cell(KILL_WORKER.replace("NANNY", nanny)))  # after the imports
    nbformat.write(notebook, notebooks / "fragile_report.ipynb")
    monkeypatch.setenv("PILOTLIB_NOTEBOOKS", str(notebooks))
    data = _data(tmp_path / "data", {"An Phú": 5, "Sập một lần": 4, "Sập mãi": 3})
    out = tmp_path / "out"
    try:
        status = _report("--data", str(data), "--out", str(out), "--scheduler", address)
        runs = {run["unit"]: run for run in _set(out)[1]["runs"]}
        # the statuses and errors in the message when it fails (a run that survived its kill?)
        found = {u: (r["status"], r.get("error")) for u, r in runs.items()}
        assert (status, {u: s for u, (s, _) in found.items()}) == (
            1, {"An Phú": "ok", "Sập một lần": "ok", "Sập mãi": "failed"}), found
        assert runs["Sập một lần"]["figures"]["posts_old"] == 4  # its second worker made the report
        # killed by dask after two workers died running it, or, when both workers died at
        # once with the copies of its notebook and data, after being sent three times
        error = runs["Sập mãi"]["error"]
        assert error.startswith("WorkersDied: ") and "các báo cáo khác không bị ảnh hưởng" in error, error
    finally:  # the next tests find both workers back
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
