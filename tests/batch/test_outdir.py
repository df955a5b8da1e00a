"""Whose folder it is: the marker, refusals that touch nothing, removal of recorded files
only, the folder lock (a second run waits or is refused; a dead holder never blocks),
and folders created by many writers at once."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

from pilotlib.batch import outdir
from pilotlib.batch.outdir import LOCK, MARKER, FolderLock, check_target, claim, remove_recorded
from pilotlib.core.errors import DataError
from pilotlib.core.io import atomic_write


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under ``folder`` with its bytes (None for a folder): "untouched" = equal."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def test_new_empty_and_marked_folders_are_pilotlibs(tmp_path):
    check_target(tmp_path / "new" / "deeper")  # does not exist yet: fine, and nothing is made
    assert not (tmp_path / "new").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    check_target(empty)
    claim(empty)
    marker = json.loads((empty / MARKER).read_text(encoding="utf-8"))
    assert marker["pilotlib_outputs"] == 1 and "pilotlib" in marker["en"]
    (empty / "notes.txt").write_text("mine", encoding="utf-8")  # a file added later: still pilotlib's folder
    check_target(empty)
    claim(empty)


def test_a_folder_with_someone_elses_files_is_refused_untouched(tmp_path):
    documents = tmp_path / "Documents"
    (documents / "data").mkdir(parents=True)
    (documents / "data" / "staffing.csv").write_text("unit,posts\n", encoding="utf-8")
    (documents / "index.html").write_text("<p>my page</p>", encoding="utf-8")
    before = snapshot(documents)
    for call in (check_target, claim):
        with pytest.raises(DataError) as error:
            call(documents)
        assert str(error.value).startswith(f"{documents}: ")
        assert "data, index.html" in str(error.value) and "choose another --out" in str(error.value)
    assert snapshot(documents) == before


def test_an_output_folder_of_an_earlier_pilotlib_is_named_as_such(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps({"runs": [], "pilotlib_commit": "abc"}), encoding="utf-8")
    with pytest.raises(DataError, match="earlier pilotlib"):
        check_target(tmp_path)


def test_only_recorded_files_are_removed(tmp_path):
    for name in ("reports/a.html", "reports/mine.html", "artifacts/a/x.svg", "artifacts/a/y.svg"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("keep", encoding="utf-8")
    kept = remove_recorded(tmp_path, ["reports/a.html", "artifacts/a/x.svg", "artifacts/a/y.svg",
                                      f"../{outside.name}", str(outside), "reports/gone.html"])
    assert kept == []
    assert sorted(snapshot(tmp_path)) == ["reports", "reports/mine.html"]  # someone's file and its folder
    assert outside.read_text(encoding="utf-8") == "keep"  # a recorded path never leaves the folder
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.html").write_text("someone's", encoding="utf-8")
    (tmp_path / "linked").symlink_to(elsewhere, target_is_directory=True)  # a folder swapped for a link
    assert remove_recorded(tmp_path, ["linked/a.html"]) == ["linked/a.html"]
    assert (elsewhere / "a.html").read_text(encoding="utf-8") == "someone's"


def _hold_lock(folder: str, ready: str) -> None:
    """In a child process: take the lock, say so, and hold it until killed."""
    with FolderLock(Path(folder), wait=0):
        Path(ready).touch()
        time.sleep(60)


def _child(folder: Path, ready: Path) -> subprocess.Popen:
    code = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
            f"from test_outdir import _hold_lock; _hold_lock({str(folder)!r}, {str(ready)!r})")
    process = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 30
    while not ready.exists():
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    return process


def test_a_second_run_is_refused_with_the_holder_named_and_a_killed_holder_frees_the_folder(tmp_path):
    claim(tmp_path)
    holder = _child(tmp_path, tmp_path.parent / f"{tmp_path.name}.ready")
    try:
        waited = []
        clock = time.monotonic()
        with pytest.raises(DataError) as error:
            with FolderLock(tmp_path, wait=0.5, notice=waited.append):
                pass
        assert 0.5 <= time.monotonic() - clock < 10  # waited, a bounded time
        message = str(error.value)
        assert message.startswith(f"{tmp_path}: một lần chạy pilotlib khác đang ghi")
        assert f"process {holder.pid} on " in message and "choose another --out" in message
        assert waited == [f"{tmp_path}: đang chờ lần chạy khác ghi xong (tối đa 0.5 giây) / "
                          "waiting up to 0.5 s for another run to finish"]
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with FolderLock(tmp_path, wait=0):  # the system released a killed holder's lock
        assert json.loads((tmp_path / LOCK).read_text(encoding="utf-8"))["pid"] == os.getpid()


def test_a_waiting_run_gets_the_lock_when_the_first_finishes(tmp_path):
    order = []
    first = FolderLock(tmp_path, wait=0).__enter__()

    def second() -> None:
        with FolderLock(tmp_path, wait=20):
            order.append("second")

    thread = threading.Thread(target=second)
    thread.start()
    time.sleep(0.3)
    order.append("first done")
    first.__exit__(None, None, None)
    thread.join(20)
    assert order == ["first done", "second"]


def test_without_flock_a_lock_folder_is_used_and_a_dead_holder_is_stale(tmp_path, monkeypatch):
    monkeypatch.setattr(outdir, "fcntl", None)
    with FolderLock(tmp_path, wait=0):
        assert (tmp_path / f"{LOCK}.d" / "holder.json").exists()
        with pytest.raises(DataError, match=f"process {os.getpid()}"):
            with FolderLock(tmp_path, wait=0.2):
                pass
    assert not (tmp_path / f"{LOCK}.d").exists()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    stale = tmp_path / f"{LOCK}.d"
    stale.mkdir()
    (stale / "holder.json").write_text(json.dumps({"pid": int(dead.stdout), "host": os.uname().nodename,
                                                   "since": "2026-01-01T00:00:00"}), encoding="utf-8")
    with FolderLock(tmp_path, wait=2):  # the holder is gone: its lock is stale and taken over
        assert json.loads((stale / "holder.json").read_text(encoding="utf-8"))["pid"] == os.getpid()


def _write_many(folder: str, worker: int) -> int:
    for index in range(20):
        atomic_write(Path(folder) / "a" / "b" / f"{worker}-{index}.txt", str(index))
    claim(Path(folder) / "out")
    return worker


@pytest.mark.parametrize("pool", [ThreadPoolExecutor, ProcessPoolExecutor])
def test_concurrent_writers_into_a_new_folder_never_fail(tmp_path, pool):
    for trial in range(10):
        folder = tmp_path / str(trial)
        with pool(max_workers=8) as workers:
            done = list(workers.map(_write_many, [str(folder)] * 8, range(8)))
        assert done == list(range(8))
        assert len(list((folder / "a" / "b").iterdir())) == 160
        assert (folder / "out" / MARKER).is_file()


def test_no_exists_then_mkdir_without_exist_ok_in_pilotlib():
    """The race creating folders, by reading the code: every mkdir either tolerates a
    folder made meanwhile or is meant to be exclusive (and says so)."""
    package = Path(__file__).resolve().parents[2] / "pilotlib"
    offenders = []
    for path in package.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ".mkdir(" in line and "exist_ok=True" not in line and "exclusive" not in line:
                offenders.append(f"{path.relative_to(package)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_projects_outputs_folder_is_pilotlibs_from_a_fresh_clone(tmp_path):
    """`make report` writes into outputs/, which the repository does not ship (outputs are
    never committed): in a fresh clone it does not exist, so pilotlib may create and mark
    it; `make clean` keeps the mark, so an emptied folder is still pilotlib's."""
    import subprocess

    from pilotlib.core import paths

    project = paths.PROJECT_DIR
    assert "outputs/" in (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    tracked = subprocess.run(["git", "ls-files", "outputs"], cwd=project, capture_output=True, text=True)
    assert tracked.returncode != 0 or tracked.stdout == ""  # nothing under outputs/ is committed
    fresh = tmp_path / "clone" / "outputs"
    outdir.check_target(fresh)  # absent: allowed
    outdir.claim(fresh)
    assert outdir.is_owned(fresh)
    assert "! -name .pilotlib-outputs" in (project / "Makefile").read_text(encoding="utf-8")
