"""`pilotlib report` end to end with a fake engine (no kernel, see fake_engine.py): who
owns the output folder, sets of other data and languages side by side, reuse and
--force, failed runs and dead workers, long unit names, and messages that say what
happened. Fast: a run costs a fraction of a second."""
from __future__ import annotations

import errno
import json
import re
from dataclasses import replace
from pathlib import Path

import fake_engine
import nbformat
import pytest
from conftest import staffing_rows, units_file, write_csv
from test_outdir import snapshot

from pilotlib.batch import sets
from pilotlib.batch.execute import execute_run
from pilotlib.batch.plan import MAX_SLUG, Run, plan
from pilotlib.cli import main
from pilotlib.core import paths
from pilotlib.data.load import load_dataset


@pytest.fixture(autouse=True)
def engine(monkeypatch):
    fake_engine.install(monkeypatch)


def make_data(folder: Path, posts: dict[str, int], provenance: str = "analyst") -> Path:
    """A data folder: staffing (one old-structure row per unit) and the units vocabulary."""
    write_csv(folder, "staffing.csv", staffing_rows(
        [{"unit": unit, "structure": "old", "posts": count, "provenance": provenance}
         for unit, count in posts.items()]))
    units_file(folder, list(posts))
    return folder


def latest(out: Path) -> tuple[Path, dict]:
    """The newest set of the folder: (its folder, its manifest)."""
    newest = sets.current(out)[0]
    return newest.folder, newest.manifest


def report(*args: str) -> int:
    return main(["report", "--jobs", "2", *args])


def by_unit(manifest: dict) -> dict[str, dict]:
    return {run["unit"]: run for run in manifest["runs"]}


# --- whose folder --------------------------------------------------------------------

def test_a_folder_of_someone_elses_files_is_refused_byte_for_byte(tmp_path, capsys):
    """`report --data FILE --out Documents` once deleted Documents/data/*.csv (the checked
    copy's folder) and overwrote index.html, manifest.json, rejects.csv."""
    from pilotlib.data.example import demo_workbook

    data = make_data(tmp_path / "input", {"An Phú": 5})
    workbook = demo_workbook(tmp_path / "raw")  # a raw workbook: normalised into a checked copy
    documents = tmp_path / "Documents"
    for name in ("index.html", "manifest.json", "rejects.csv", ".staging/x.ipynb", "artifacts/a/b.csv",
                 "data/budget.csv", "data/plan.xlsx", "reports/mine.html", "failed/x.html"):
        (documents / name).parent.mkdir(parents=True, exist_ok=True)
        (documents / name).write_text(f"the user's {name}", encoding="utf-8")
    before = snapshot(documents)
    for data_arg in (str(data), str(workbook)):
        assert report("--data", data_arg, "--out", str(documents)) == 2
        err = capsys.readouterr().err
        assert f"pilotlib report: {documents}: " in err and "choose another --out" in err
        assert snapshot(documents) == before


def test_a_clone_with_its_data_as_out_is_refused_untouched(tmp_path, capsys):
    clone = tmp_path / "clone"
    data = make_data(clone / "data", {"An Phú": 5})
    (clone / "README.md").write_text("# project", encoding="utf-8")
    before = snapshot(clone)
    assert report("--data", str(data), "--out", str(clone)) == 2  # `--out .` in a clone
    assert "choose another --out" in capsys.readouterr().err
    assert snapshot(clone) == before


def test_in_its_own_folder_pilotlib_removes_only_what_it_recorded(tmp_path):
    data, out = make_data(tmp_path / "data", {"An Phú": 5, "Bình": 3}), tmp_path / "out"
    assert report("--data", str(data), "--out", str(out)) == 0
    first, manifest = latest(out)
    run = by_unit(manifest)["An Phú"]
    mine = {out / "notes.txt": "my notes", first / "reports" / "mine.html": "<p>mine</p>",
            first / run["outputs"]["artifacts"] / "extra.csv": "a,b",
            out / "sets" / "keep" / "x.txt": "x"}
    for path, text in mine.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert report("--data", str(data), "--out", str(out), "--force") == 0  # replaces the same set
    second, _ = latest(out)
    assert second != first and all(path.read_text(encoding="utf-8") == text for path, text in mine.items())
    left = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert left == [f"artifacts/{run['run_id']}/extra.csv", "reports/mine.html"]  # nothing else of the old set
    index = (out / "index.html").read_text(encoding="utf-8")
    assert first.name not in index and second.name in index


def test_checked_copies_go_under_pilotlibs_own_folder_and_never_delete(tmp_path):
    data = make_data(tmp_path / "data", {"An Phú": 5})
    extra = units_file(tmp_path / "vocab", ["An Phú"])  # --units: kernels read a checked copy
    (data / "units.csv").unlink()
    before = snapshot(tmp_path / "data")
    out = tmp_path / "out"
    assert report("--data", str(data), "--out", str(out), "--units", str(extra)) == 0
    folder, manifest = latest(out)
    tidy = manifest["set"]["tidy"]
    assert tidy.startswith("tidy/") and manifest["runs"][0]["parameters"]["data_dir"] == str(out / tidy)
    assert sorted(p.name for p in (out / tidy).iterdir()) == [
        ".pilotlib-files.json", "issues.csv", "staffing.csv", "units.csv"]
    assert snapshot(tmp_path / "data") == before and not (out / "data").exists()
    dataset = load_dataset(data, units_file=extra)
    target = tmp_path / "someone"
    target.mkdir()
    (target / "old.csv").write_text("keep", encoding="utf-8")
    with pytest.raises(ValueError, match="old.csv"):
        dataset.write_tidy(target, tmp_path / "rejects.csv")
    assert (target / "old.csv").read_text(encoding="utf-8") == "keep"


# --- sets side by side ---------------------------------------------------------------

def _index_sets(out: Path) -> list[str]:
    """The set folders the folder's index lists, in its order."""
    index = (out / "index.html").read_text(encoding="utf-8")
    return list(dict.fromkeys(re.findall(r'href="sets/([^/"]+)/index.html"', index)))


def test_sets_of_other_data_and_languages_coexist_newest_first(tmp_path):
    real = make_data(tmp_path / "real", {"An Phú": 5})
    made_up = make_data(tmp_path / "made_up", {"An Phú": 9}, provenance="illustrative")
    out = tmp_path / "out"
    assert report("--data", str(real), "--out", str(out)) == 0
    assert report("--data", str(made_up), "--out", str(out)) == 0  # same unit, same report name
    assert report("--data", str(real), "--out", str(out), "--lang", "en") == 0
    listed = sets.current(out)
    assert [(s.manifest["set"]["source"], s.manifest["set"]["langs"]) for s in listed] == [
        (str(real), ["en"]), (str(made_up), ["vi"]), (str(real), ["vi"])]  # newest first
    assert _index_sets(out) == [s.folder.name for s in listed]
    for found, posts in zip(listed, (5, 9, 5)):
        run = found.manifest["runs"][0]
        assert run["figures"]["posts_old"] == posts
        notebook = nbformat.read(found.folder / run["outputs"]["ipynb"], as_version=4)
        assert json.dumps(notebook.cells[-1].outputs[0]["data"]).count(f'"posts_old": {posts}') == 1
    index = (out / "index.html").read_text(encoding="utf-8")
    items = re.findall(r"<li>.*?</li>", index, re.S)
    assert ["ILLUSTRATIVE" in item for item in items] == [False, True, False]  # marked in the list
    assert f"<code>{made_up}</code>" in items[1] and f"<code>{real}</code>" in items[0]


def test_a_deleted_artifact_is_made_again_on_rerun(tmp_path):
    data, out = make_data(tmp_path / "data", {"An Phú": 5, "Bình": 3}), tmp_path / "out"
    assert report("--data", str(data), "--out", str(out)) == 0
    folder, manifest = latest(out)
    lost = by_unit(manifest)["Bình"]
    (folder / lost["outputs"]["artifacts"] / "posts.txt").unlink()
    assert report("--data", str(data), "--out", str(out)) == 0
    folder, manifest = latest(out)
    assert {u: r["status"] for u, r in by_unit(manifest).items()} == {"An Phú": "skipped", "Bình": "ok"}
    assert (folder / lost["outputs"]["artifacts"] / "posts.txt").read_text(encoding="utf-8") == "3"


def test_force_reruns_everything_end_to_end(tmp_path, capsys):
    data, out = make_data(tmp_path / "data", {"An Phú": 5, "Bình": 3}), tmp_path / "out"
    assert report("--data", str(data), "--out", str(out)) == 0
    _, first = latest(out)
    assert report("--data", str(data), "--out", str(out)) == 0
    _, reused = latest(out)
    assert [r["status"] for r in reused["runs"]] == ["skipped", "skipped"]
    assert report("--data", str(data), "--out", str(out), "--force") == 0
    assert "2 ok, 0 không đổi / unchanged, 0 lỗi / failed" in capsys.readouterr().out
    _, forced = latest(out)
    assert [r["status"] for r in forced["runs"]] == ["ok", "ok"]
    assert all(f["ended"] > r["ended"] for f, r in zip(forced["runs"], first["runs"]))
    assert len(sets.scan(out)) == 1  # each run replaced the set of the same data and language


def test_a_selection_spelt_otherwise_is_the_same_set_and_another_selection_a_new_one(tmp_path):
    data, out = make_data(tmp_path / "data", {"An Phú": 5, "Bình": 3}), tmp_path / "out"
    assert report("--data", str(data), "--out", str(out), "--unit", "an phu") == 0
    assert report("--data", str(data), "--out", str(out), "--unit", "AN PHÚ") == 0
    [only] = sets.scan(out)
    assert [(r["unit"], r["status"]) for r in only.manifest["runs"]] == [("An Phú", "skipped")]
    assert report("--data", str(data), "--out", str(out), "--unit", "Bình") == 0
    assert [s.manifest["set"]["units"] for s in sets.current(out)] == [["Bình"], ["An Phú"]]


def test_report_writes_to_the_default_output_folder(tmp_path, monkeypatch):
    data = make_data(tmp_path / "data", {"An Phú": 5})
    monkeypatch.setenv("PILOTLIB_OUTPUTS", str(tmp_path / "from-env"))
    assert report("--data", str(data)) == 0
    assert latest(tmp_path / "from-env")[1]["runs"][0]["status"] == "ok"
    monkeypatch.delenv("PILOTLIB_OUTPUTS")
    assert paths.output_dir() == paths.PACKAGE_DIR.parent / "outputs"


# --- failures ------------------------------------------------------------------------

def test_failed_runs_exit_1_and_the_others_complete(tmp_path, capsys):
    data, out = make_data(tmp_path / "data", {"An Phú": 5, "Hỏng": 2, "Chết": 1}), tmp_path / "out"
    assert report("--data", str(data), "--out", str(out)) == 1
    captured = capsys.readouterr()
    assert "1 ok, 0 không đổi / unchanged, 2 lỗi / failed" in captured.out
    assert "fragile_report--hong--vi" in captured.err and "fragile_report--chet--vi" in captured.err
    folder, manifest = latest(out)
    runs = by_unit(manifest)
    assert {u: r["status"] for u, r in runs.items()} == {"An Phú": "ok", "Hỏng": "failed", "Chết": "failed"}
    assert (folder / runs["Hỏng"]["outputs"]["html"]).exists()


def test_a_dead_worker_is_resubmitted_once_and_a_repeat_killer_fails_alone(tmp_path, monkeypatch, capsys,
                                                                           killed_temp):
    monkeypatch.setenv("FAKE_ENGINE_STATE", str(tmp_path / "state"))
    units = {"An Phú": 5, "Once": 4, "Worker": 3, "Bình": 2, "Cầu": 1}
    data, out = make_data(tmp_path / "data", units), tmp_path / "out"
    assert report("--data", str(data), "--out", str(out)) == 1
    folder, manifest = latest(out)
    runs = by_unit(manifest)
    assert {u: r["status"] for u, r in runs.items()} == {
        "An Phú": "ok", "Once": "ok", "Worker": "failed", "Bình": "ok", "Cầu": "ok"}
    assert runs["Once"]["figures"]["posts_old"] == 4  # its worker died once: run again, complete
    assert "died twice" in runs["Worker"]["error"] and "dừng đột ngột hai lần" in runs["Worker"]["error"]
    assert all((folder / r["outputs"]["html"]).exists() for u, r in runs.items() if u != "Worker")


def test_over_long_unit_names_are_shortened_at_planning(tmp_path):
    stem = ("Đơn vị" + " rất dài" * 40)[:293]
    long_a, long_b = stem + " A", stem + " B"  # as long as the unit name that failed at run time
    assert len(long_a) == 295
    data = make_data(tmp_path / "data", {long_a: 5, long_b: 3, "An Phú": 1})
    runs = plan(load_dataset(data), str(data), tmp_path / "stage", notebooks_dir=fake_engine.NOTEBOOKS)
    slugs = [run.slug for run in runs]
    assert slugs[2] == "an-phu" and all(len(s) <= MAX_SLUG for s in slugs) and len(set(slugs)) == 3
    assert slugs[0].startswith("don-vi-rat-dai-rat-dai") and re.fullmatch(r".*-[0-9a-f]{8}", slugs[0])
    again = plan(load_dataset(data), str(data), tmp_path / "other", notebooks_dir=fake_engine.NOTEBOOKS)
    assert [run.slug for run in again] == slugs  # stable: the same name gives the same file name
    out = tmp_path / "out"
    assert report("--data", str(data), "--out", str(out)) == 0
    _, manifest = latest(out)
    assert [r["figures"]["posts_old"] for r in manifest["runs"]] == [5, 3, 1]


# --- messages that say what happened -------------------------------------------------

def test_a_full_disk_is_said_as_such_not_as_a_json_error(tmp_path, monkeypatch):
    from pilotlib.batch import execute

    def full_disk(input_path, output_path, **_):
        Path(output_path).write_text('{"cells": [', encoding="utf-8")  # what a full disk leaves
        raise OSError(errno.ENOSPC, "No space left on device", str(output_path))

    monkeypatch.setattr(execute.papermill, "execute_notebook", full_disk)
    notebook = fake_engine.NOTEBOOKS / "fragile_report.ipynb"
    run = Run("fragile_report", "vi", "An Phú", "an-phu", {"data_dir": "", "lang": "vi", "unit": "An Phú"},
              str(notebook))
    entry = execute_run(run, tmp_path)
    assert entry["status"] == "failed"
    assert "no space left on device" in entry["error"] and "hết chỗ trống trên đĩa" in entry["error"]
    assert "NotJSON" not in entry["error"] and "fragile_report--an-phu--vi.ipynb" in entry["error"]

    def no_room(path, content):  # the notebook ran; the disk fills up while its HTML is written
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    fake_engine.install(monkeypatch)
    monkeypatch.setattr(execute, "atomic_write", no_room)
    data = make_data(tmp_path / "data", {"An Phú": 5})
    entry = execute_run(replace(run, parameters=run.parameters | {"data_dir": str(data)}), tmp_path / "stage")
    assert entry["status"] == "failed" and entry["outputs"] == {} and entry["files"] == []
    assert entry["error"] == (f"OSError: {tmp_path / 'stage' / 'reports' / 'fragile_report--an-phu--vi.html'}: "
                              "không ghi được: hết chỗ trống trên đĩa / cannot write: no space left on device")
    assert not (tmp_path / "stage" / "reports").exists() or not any((tmp_path / "stage" / "reports").iterdir())


def test_cannot_read_is_not_said_as_cannot_write(tmp_path, capsys):
    data = make_data(tmp_path / "data", {"An Phú": 5})
    (data / "units.csv").unlink()
    folder_as_units = tmp_path / "units.csv"
    folder_as_units.mkdir()
    assert report("--data", str(data), "--out", str(tmp_path / "out"), "--units", str(folder_as_units)) == 2
    err = capsys.readouterr().err
    # The reader refuses a folder given as a file before opening it (ingest's refusal wording).
    assert f"{folder_as_units}: là thư mục, không phải tệp / is a folder, not a file" in err
    assert "cannot write" not in err and not (tmp_path / "out").exists()


def test_a_disk_that_fills_up_while_publishing_leaves_the_previous_set_as_it_was(tmp_path, monkeypatch, capsys):
    data, out = make_data(tmp_path / "data", {"An Phú": 5}), tmp_path / "out"
    assert report("--data", str(data), "--out", str(out)) == 0
    before = snapshot(out)

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(out / "sets" / "x" / "manifest.json"))

    monkeypatch.setattr(sets, "finish", full)
    assert report("--data", str(data), "--out", str(out), "--force") == 2
    err = capsys.readouterr().err
    assert "manifest.json: không ghi được: hết chỗ trống trên đĩa / cannot write: no space left on device" in err
    after = snapshot(out)
    after.pop(".pilotlib-lock"), before.pop(".pilotlib-lock")  # holds the last holder's pid
    assert after == before  # no staging left, the set and the index as they were
