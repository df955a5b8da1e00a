"""Trial folders (``scratch_dir``, ``demo_workbook()`` without a folder) vanish when the
process that made them ends — as a notebook kernel does when it shuts down."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import pilotlib as pl
from pilotlib.core import paths
print(paths.scratch_dir())
print(pl.demo_workbook().parent)
"""


def test_scratch_folders_are_removed_at_exit(tmp_path):
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True,
                          env={**os.environ, "TMPDIR": str(tmp_path)})
    made = [Path(line) for line in done.stdout.split()]
    assert len(made) == 2 and all(p.parent == tmp_path and p.name.startswith("pilotlib-") for p in made)
    assert not any(p.exists() for p in made) and not list(tmp_path.glob("pilotlib-*"))


def test_scratch_folder_is_usable_until_then(tmp_path, monkeypatch):
    from pilotlib.core import paths

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    folder = paths.scratch_dir()
    (folder / "x.txt").write_text("kept while the process runs", encoding="utf-8")
    assert folder.is_dir() and folder.parent == tmp_path
    paths.remove_scratch_dirs()  # what the process does at exit
    assert not folder.exists()
