"""The parts of the reuse decision that the end-to-end tests reach only through a whole
batch (mutation testing found them unchecked): the package's code fingerprint, the
reference hashes and when a previous run's outputs count as present."""
from __future__ import annotations

from pathlib import Path

import pytest

from pilotlib.batch import cache
from pilotlib.core import paths


@pytest.fixture
def package(tmp_path, monkeypatch) -> Path:
    """A small stand-in for the installed package: two modules, a template, a compiled
    file and a data file that is neither code nor template."""
    root = tmp_path / "pilotlib"
    (root / "core").mkdir(parents=True)
    (root / "templates").mkdir()
    (root / "__pycache__").mkdir()
    (root / "a.py").write_text("A = 1\n")
    (root / "core" / "b.py").write_text("B = 2\n")
    (root / "templates" / "page.html.j2").write_text("<p>{{ x }}</p>\n")
    (root / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\x00compiled")
    (root / "notes.txt").write_text("not code\n")
    monkeypatch.setattr(paths, "PACKAGE_DIR", root)
    return root


def test_code_fingerprint_is_a_sha256_of_names_and_contents(package):
    first = cache.code_fingerprint()
    assert len(first) == 64 and int(first, 16) >= 0
    assert cache.code_fingerprint() == first  # same tree, same fingerprint


@pytest.mark.parametrize("change", [
    lambda root: (root / "a.py").write_text("A = 2\n"),  # a module's content
    lambda root: (root / "core" / "b.py").rename(root / "core" / "c.py"),  # a module's name
    lambda root: (root / "new.py").write_text(""),  # a new (empty) module
    lambda root: (root / "templates" / "page.html.j2").write_text("<p>{{ y }}</p>\n"),  # a template
    lambda root: (root / "templates" / "extra.css").write_text("p {}"),  # any file among templates
])
def test_every_code_change_changes_the_fingerprint(package, change):
    before = cache.code_fingerprint()
    change(package)
    assert cache.code_fingerprint() != before


@pytest.mark.parametrize("change", [
    lambda root: (root / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\x00other"),  # compiled
    lambda root: (root / "__pycache__" / "x.py").write_text("X = 1"),  # even a .py under __pycache__
    lambda root: (root / "notes.txt").write_text("edited"),  # not code, not a template
    lambda root: (root / "core" / "empty").mkdir(),  # a folder is not a file
])
def test_what_is_not_code_leaves_the_fingerprint(package, change):
    before = cache.code_fingerprint()
    change(package)
    assert cache.code_fingerprint() == before


def test_fingerprint_does_not_depend_on_the_order_files_were_made(tmp_path, monkeypatch):
    prints = []
    for order in (("x.py", "y.py"), ("y.py", "x.py")):
        root = tmp_path / "-".join(order) / "pilotlib"
        root.mkdir(parents=True)
        for name in order:
            (root / name).write_text(name)
        monkeypatch.setattr(paths, "PACKAGE_DIR", root)
        prints.append(cache.code_fingerprint())
    assert prints[0] == prints[1]


def test_reference_hashes_are_the_csv_files_of_the_reference_folder(tmp_path, monkeypatch):
    folder = tmp_path / "reference"
    folder.mkdir()
    (folder / "units.csv").write_text("unit\nLâm Hà\n", encoding="utf-8")
    (folder / "README.md").write_text("not a vocabulary")
    monkeypatch.setattr(paths, "reference_dir", lambda: folder)
    hashes = cache.reference_hashes()
    assert list(hashes) == ["units.csv"]
    assert hashes["units.csv"] == paths_sha256(folder / "units.csv")
    monkeypatch.setattr(paths, "reference_dir", lambda: tmp_path / "missing")
    assert cache.reference_hashes() == {}


def paths_sha256(path: Path) -> str:
    import hashlib
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _entry(**changes) -> dict:
    entry = {"status": "ok", "key": "K",
             "outputs": {"ipynb": "r.ipynb", "html": "r.html", "artifacts": "artifacts/r"},
             "files": ["r.ipynb", "r.html", "artifacts/r/posts.png"]}
    return entry | changes


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "artifacts" / "r").mkdir(parents=True)
    for name in ("r.ipynb", "r.html", "artifacts/r/posts.png"):
        (tmp_path / name).write_text("x")
    return tmp_path


def test_a_good_run_with_every_file_is_reused(folder):
    assert cache.reusable(_entry(), "K", folder)
    assert cache.reusable(_entry(status="skipped"), "K", folder)  # reused before: still good


@pytest.mark.parametrize("previous, key, why", [
    (None, "K", "no previous run"),
    (_entry(), None, "no key now"),
    (_entry(), "other", "another key"),
    (_entry(status="failed"), "K", "the previous run failed"),
    (_entry(outputs={"html": "r.html"}), "K", "no notebook recorded"),
    (_entry(files=["r.ipynb", "r.html", "artifacts/r/missing.svg"]), "K", "a recorded file is gone"),
    (_entry(outputs={"ipynb": "r.ipynb", "docx": "r.docx"}), "K", "a named output is gone"),
])
def test_anything_missing_or_different_means_run_again(folder, previous, key, why):
    assert not cache.reusable(previous, key, folder), why


def test_output_files_are_the_recorded_list_else_the_outputs_without_artifacts():
    assert cache.output_files(_entry()) == ["r.ipynb", "r.html", "artifacts/r/posts.png"]
    older = _entry()
    del older["files"]
    assert cache.output_files(older) == ["r.ipynb", "r.html"]  # the artifacts folder is not a file
    assert cache.output_files({}) == []


def test_a_reused_entry_keeps_everything_but_its_status_and_check_time():
    previous = _entry(error="old", finished="2026-01-01T00:00:00+00:00")
    reused = cache.reused_entry(previous)
    assert reused["status"] == "skipped" and reused["error"] is None
    assert reused["finished"] == previous["finished"] and reused["files"] == previous["files"]
    assert reused["checked"].endswith("+00:00")
    assert previous["status"] == "ok"  # the caller's entry is left as it was


def test_a_run_without_its_own_notebook_file_is_keyed_by_the_notebook_it_falls_back_to(tmp_path, monkeypatch):
    # the executor runs report_notebooks_dir()/<name>.ipynb when a run names no file:
    # editing that notebook must change the key too
    from pilotlib.batch.plan import Run

    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / "unit_report.ipynb").write_text('{"cells": []}', encoding="utf-8")
    monkeypatch.setattr(paths, "report_notebooks_dir", lambda: folder)
    run = Run("unit_report", "vi", "A", "a", {"unit": "A"})
    facts = {"code": "c" * 64}
    before = cache.run_key(run, facts)
    assert cache.run_key(run, facts) == before
    (folder / "unit_report.ipynb").write_text('{"cells": [1]}', encoding="utf-8")
    assert cache.run_key(run, facts) != before
    gone = Run("no_such_report", "vi", "A", "a", {"unit": "A"})
    assert cache.run_key(gone, facts) == cache.run_key(gone, facts)  # no file: keyed by its name


@pytest.mark.parametrize("fact, empty", [
    ("dataset", {}), ("inputs", {}), ("reference", {}), ("packages", {}),
    ("formats", []), ("document", {}), ("context", {}),
])
def test_a_fact_left_out_keys_the_run_like_the_fact_empty(fact, empty):
    # a caller that builds its own facts (a notebook driving batches) may leave a component
    # out: that is "none", the same run as an empty one, not another run
    from pilotlib.batch.plan import Run

    run = Run("fragile_report", "vi", "A", "a", {"unit": "A"}, "")
    full = {"code": "c" * 64, "python": "3.11", "dataset": {"source": "d", "sha256": "0" * 64},
            "inputs": {"a.csv": "a" * 64}, "reference": {"units.csv": "b" * 64},
            "packages": {"pilotlib": "0.1.0"}, "formats": ["html"], "document": {"issuer": "X"},
            "context": {"as_of": "2024-06-01"}}
    without = {k: v for k, v in full.items() if k != fact}
    assert cache.run_key(run, without) == cache.run_key(run, full | {fact: empty})
    assert cache.run_key(run, without) != cache.run_key(run, full)
