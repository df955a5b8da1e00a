"""Unchanged re-runs (batch.rerun, batch.hashes): made again from the last set without
loading the data; anything that changed — one byte of data, a notebook, a failed or
missing report, --force — takes the usual way. With the fake engine (fake_engine.py)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import fake_engine
import pytest
from test_report_sets import by_unit, latest, make_data, report

from pilotlib.batch import hashes, rerun, sets
from pilotlib.data import load


@pytest.fixture(autouse=True)
def engine(monkeypatch):
    fake_engine.install(monkeypatch)


@pytest.fixture
def loads(monkeypatch):
    """How many times the data was loaded."""
    count = {"n": 0}
    real = load.load_dataset

    def counting(*args, **kwargs):
        count["n"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(load, "load_dataset", counting)
    return count


def test_an_unchanged_rerun_makes_the_set_again_without_loading_anything(tmp_path, loads, capsys):
    data, out = make_data(tmp_path / "data", {"An Phú": 5, "Bình": 3}), tmp_path / "out"
    assert report("--data", str(data), "--out", str(out)) == 0
    folder, first = latest(out)
    reports = [f for f in first["files"] if f != sets.INDEX]
    inodes = {f: (folder / f).stat().st_ino for f in reports}
    assert loads["n"] == 1 and first["rerun_key"]
    capsys.readouterr()
    assert report("--data", str(data), "--out", str(out)) == 0
    assert loads["n"] == 1  # not loaded again
    assert "0 ok, 2 không đổi / unchanged, 0 lỗi / failed" in capsys.readouterr().out
    again, manifest = latest(out)
    assert again == folder and len(sets.scan(out)) == 1  # the same set, made again in place
    assert [r["status"] for r in manifest["runs"]] == ["skipped", "skipped"]
    assert [r["key"] for r in manifest["runs"]] == [r["key"] for r in first["runs"]]
    assert manifest["created"] > first["created"] and manifest["files"] == first["files"]
    assert {f: (folder / f).stat().st_ino for f in reports} == inodes  # no report rewritten
    assert "không đổi" in (folder / "index.html").read_text(encoding="utf-8")  # the set's page says so


@pytest.mark.parametrize("change", ["data", "notebook", "missing file", "force", "other formats"])
def test_anything_changed_takes_the_usual_way(tmp_path, loads, change):
    data, out = make_data(tmp_path / "data", {"An Phú": 5, "Bình": 3}), tmp_path / "out"
    assert report("--data", str(data), "--out", str(out)) == 0
    folder, first = latest(out)
    args = ["--data", str(data), "--out", str(out)]
    if change == "data":  # one byte
        path = data / "staffing.csv"
        path.write_bytes(path.read_bytes().replace(b",5,", b",6,"))
    elif change == "notebook":
        notebooks = tmp_path / "notebooks"
        notebooks.mkdir()
        source = fake_engine.NOTEBOOKS / "fragile_report.ipynb"
        (notebooks / source.name).write_bytes(source.read_bytes() + b"\n")
        os.environ["PILOTLIB_NOTEBOOKS"] = str(notebooks)  # restored by the fixture's monkeypatch
    elif change == "missing file":
        (folder / by_unit(first)["Bình"]["outputs"]["artifacts"] / "posts.txt").unlink()
    elif change == "force":
        args.append("--force")
    else:
        args += ["--formats", "html"]
    assert report(*args) == 0
    assert loads["n"] == 2  # loaded and planned again


def test_a_set_with_a_failed_run_is_never_made_again_as_it_was(tmp_path, loads):
    data, out = make_data(tmp_path / "data", {"An Phú": 5, "Hỏng": 2}), tmp_path / "out"
    assert report("--data", str(data), "--out", str(out)) == 1
    assert report("--data", str(data), "--out", str(out)) == 1
    assert loads["n"] == 2
    assert {u: r["status"] for u, r in by_unit(latest(out)[1]).items()} == {"An Phú": "skipped", "Hỏng": "failed"}


def test_touching_a_file_without_changing_it_keeps_the_shortcut(tmp_path, loads):
    data, out = make_data(tmp_path / "data", {"An Phú": 5}), tmp_path / "out"
    assert report("--data", str(data), "--out", str(out)) == 0
    os.utime(data / "staffing.csv", ns=(1, 1))  # another time stamp, same bytes: hashed again, same key
    assert report("--data", str(data), "--out", str(out)) == 0
    assert loads["n"] == 1


def test_file_hashes_are_remembered_in_the_output_folder_by_file_status(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    data = tmp_path / "a.csv"
    data.write_text("unit,posts\nA,1\n", encoding="utf-8")
    computed = []

    def digest(path):
        computed.append(path)
        return "digest-of-" + path.read_text(encoding="utf-8")[:9]

    remembered = hashes.Remembered(folder)
    assert remembered.get("sha256", data, digest) == "digest-of-unit,post"
    assert remembered.get("sha256", data, digest) == "digest-of-unit,post" and len(computed) == 1
    remembered.save()
    saved = json.loads((folder / hashes.FILE).read_text(encoding="utf-8"))
    assert list(saved["entries"]) == [f"sha256:{data.absolute()}"]
    again = hashes.Remembered(folder)  # another process: read from the folder
    assert again.get("sha256", data, digest) == "digest-of-unit,post" and len(computed) == 1
    data.write_text("UNIT,posts\nA,2\n", encoding="utf-8")  # changed: worked out again
    assert again.get("sha256", data, digest) == "digest-of-UNIT,post" and len(computed) == 2
    (folder / hashes.FILE).write_text("{not json", encoding="utf-8")  # a damaged file is only a cache
    assert hashes.Remembered(folder).get("sha256", data, digest) == "digest-of-UNIT,post"


def test_the_key_covers_what_the_runs_depend_on(tmp_path, monkeypatch):
    data = make_data(tmp_path / "data", {"An Phú": 5})
    options = {"units": None, "langs": ["vi"], "formats": ["html"]}
    key = rerun.fingerprint(data, options)
    assert rerun.fingerprint(data, options) == key
    assert rerun.fingerprint(data, options | {"langs": ["en"]}) != key
    monkeypatch.setenv("PILOTLIB_MAX_POSTS", "50")
    assert rerun.fingerprint(data, options) != key  # read while the data is loaded
    monkeypatch.delenv("PILOTLIB_MAX_POSTS")
    (data / "notes.csv").write_text("x\n", encoding="utf-8")  # a new file the loader would read
    assert rerun.fingerprint(data, options) != key


def test_an_unchanged_rerun_imports_no_notebook_machinery(tmp_path):
    data, out = make_data(tmp_path / "data", {"An Phú": 5}), tmp_path / "out"
    assert report("--data", str(data), "--out", str(out)) == 0
    code = ("import sys; from pilotlib.cli import main; "
            "status = main(['report', '--data', sys.argv[1], '--out', sys.argv[2]]); "
            "heavy = sorted(m for m in ('nbformat', 'papermill', 'nbconvert', 'zmq', 'matplotlib', 'jupyter_client') "
            "if m in sys.modules); print(status, heavy)")
    env = os.environ | {"PILOTLIB_NOTEBOOKS": str(fake_engine.NOTEBOOKS), "PILOTLIB_WARM_KERNELS": "0"}
    done = subprocess.run([sys.executable, "-c", code, str(data), str(out)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stderr[-2000:]
