"""A runner killed with SIGKILL at random points, and two runners on one folder: the
folder's index, each set's manifest and the reports they link always describe the same
inputs, and a normal run afterwards completes.

`pilotlib report` runs in a child process with the fake engine (fake_engine.py: no
kernel, it records the sha256 of the staffing file each run read). Slow only because
each child imports pilotlib; marked slow to keep the fast suite fast.
"""
from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from conftest import staffing_rows, units_file, write_csv
from test_outdir import snapshot

from pilotlib.batch import sets
from pilotlib.core.i18n import label
from pilotlib.report.recording import read_recorded

pytestmark = pytest.mark.slow

DRIVER = Path(__file__).resolve().parent / "fake_engine.py"
UNITS = ("An Phú", "Bình Lợi", "Thử Một", "Thử Hai")  # made up: the test carries their vocabulary
SEEDS = (1, 2, 3, 4, 5, 6)


def write_data(folder: Path, rng: random.Random) -> dict[str, int]:
    posts = {unit: rng.randint(1, 99) for unit in UNITS}
    write_csv(folder, "staffing.csv", staffing_rows(
        [{"unit": unit, "structure": "old", "posts": count} for unit, count in posts.items()]))
    units_file(folder, list(UNITS))
    return posts


def start(*args: str, wait: float = 60, delay: float = 0.4, hold: Path | None = None) -> subprocess.Popen:
    env = os.environ | {"FAKE_ENGINE_DELAY": str(delay), "PILOTLIB_LOCK_WAIT": str(wait)}
    if hold is not None:
        env["FAKE_ENGINE_HOLD"] = str(hold)  # its runs wait until the test creates that file
    return subprocess.Popen([sys.executable, str(DRIVER), "report", "--jobs", "2", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def until_running(process: subprocess.Popen) -> float:
    """Read the child's output until it holds the lock and has planned (its announce line)."""
    for line in process.stdout:
        if " run(s), " in line:
            return time.monotonic()
    raise AssertionError(f"the runner ended early: {process.wait()} {process.stderr.read()}")


def kill_somewhere(runner: subprocess.Popen, rng: random.Random, span: float) -> None:
    """SIGKILL the runner and its workers: at a random time while it holds the folder, or
    just after its k-th run finished (mid-batch, where a partial set could show)."""
    until_running(runner)
    if rng.random() < 0.5:
        time.sleep(rng.uniform(0, span * 1.2))
    else:
        wanted, seen = rng.randint(1, len(UNITS)), 0
        for line in runner.stderr:  # progress: one line per finished run
            seen += line.startswith("[")
            if seen >= wanted:
                break
        time.sleep(rng.uniform(0, 0.3))
    os.killpg(runner.pid, signal.SIGKILL)
    runner.wait()
    runner.stdout.close()
    runner.stderr.close()


def check_consistent(out: Path) -> list[str]:
    """Every link of the folder's index resolves; each listed set's index rows, manifest
    and linked reports agree on every figure and on the data they were made from.
    Returns the listed set folders (newest first)."""
    index = (out / "index.html").read_text(encoding="utf-8")
    lang = re.search(r'<html lang="(\w+)">', index).group(1)
    for link in re.findall(r'href="([^"#]+)"', index):
        assert (out / link).exists(), link
    listed = list(dict.fromkeys(re.findall(r'href="sets/([^/"]+)/index.html"', index)))
    for name in listed:
        folder = out / "sets" / name
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        assert all((folder / f).is_file() for f in manifest["files"])
        own = (folder / "index.html").read_text(encoding="utf-8")
        for link in re.findall(r'href="([^"#]+)"', own):
            assert (folder / link).exists(), link
        for run in manifest["runs"]:
            assert run["status"] in ("ok", "skipped"), run.get("error")
            row = re.search(rf'<tr id="set-{re.escape(name)}--{re.escape(run["run_id"])}".*?</tr>', index, re.S)
            shown = f"{label('posts_old', lang)}: {run['figures']['posts_old']}"
            assert shown in row.group(0)
            notebook = nbformat.read(folder / run["outputs"]["ipynb"], as_version=4)
            recorded = read_recorded(notebook)
            assert recorded["posts_old"] == run["figures"]["posts_old"]
            assert recorded["staffing_sha256"] == manifest["inputs"]["staffing.csv"] == run["inputs"]["staffing.csv"]
            artifact = folder / run["outputs"]["artifacts"] / "posts.txt"
            assert artifact.read_text(encoding="utf-8") == str(run["figures"]["posts_old"])
    return listed


def test_a_runner_killed_at_random_points_leaves_a_consistent_folder(tmp_path, killed_temp):
    data, out = tmp_path / "data", tmp_path / "out"
    write_data(data, random.Random(0))
    first = start("--data", str(data), "--out", str(out))
    began = until_running(first)
    assert first.wait() == 0
    span = time.monotonic() - began  # from holding the lock to the end: where kills matter
    for seed in SEEDS:
        rng = random.Random(seed)
        before = {name: snapshot(out / "sets" / name) for name in check_consistent(out)}
        args = ["--data", str(data), "--out", str(out)]
        if seed % 3:
            write_data(data, rng)  # new data: a new set beside the others
        else:
            args.append("--force")  # same data: the set replaces its predecessor
        runner = start(*args)
        kill_somewhere(runner, rng, span)
        listed = check_consistent(out)
        for name, files in before.items():  # a set is as it was, or replaced by a complete one
            if name in listed:
                assert snapshot(out / "sets" / name) == files
    final = start("--data", str(data), "--out", str(out), delay=0)
    assert final.wait() == 0, final.stderr.read()
    listed = check_consistent(out)
    assert sorted(p.name for p in (out / "sets").iterdir()) == sorted(listed)  # nothing unlisted left
    assert not (out / ".staging").exists()


def test_two_runners_on_one_folder_both_complete_in_turn(tmp_path, killed_temp):
    data, out = tmp_path / "data", tmp_path / "out"
    write_data(data, random.Random(1))
    runners = [start("--data", str(data), "--out", str(out), "--lang", lang) for lang in ("vi", "en")]
    results = [(runner.wait(), runner.stderr.read()) for runner in runners]
    assert [status for status, _ in results] == [0, 0], results
    listed = check_consistent(out)
    langs = sorted(sets.current(out)[i].manifest["set"]["langs"][0] for i in range(2))
    assert len(listed) == 2 and langs == ["en", "vi"]
    assert sorted(p.name for p in (out / "sets").iterdir()) == sorted(listed)
    assert not (out / ".staging").exists()


def test_a_second_runner_that_may_not_wait_is_refused_clearly(tmp_path, killed_temp):
    data, out = tmp_path / "data", tmp_path / "out"
    write_data(data, random.Random(2))
    release = tmp_path / "release"
    first = start("--data", str(data), "--out", str(out), "--unit", "An Phú", hold=release)  # holds the folder
    until_running(first)
    second = start("--data", str(data), "--out", str(out), "--lang", "en", wait=0)
    status, err = second.wait(), second.stderr.read()
    release.touch()  # the first runner may finish now
    assert status == 2
    assert f"pilotlib report: {out}: một lần chạy pilotlib khác đang ghi vào thư mục này (tiến trình {first.pid}" in err
    assert "another pilotlib run is writing into this folder" in err and "choose another --out" in err
    assert first.wait() == 0
    listed = check_consistent(out)
    assert len(listed) == 1 and sorted(p.name for p in (out / "sets").iterdir()) == listed
    assert not (out / ".staging").exists()
