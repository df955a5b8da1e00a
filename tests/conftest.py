"""Shared fixtures. Tests never depend on the network, ../shared or the current directory."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from pilotlib.reference.schema import STAFFING_COLUMNS

TESTS_DIR = Path(__file__).resolve().parent


@pytest.fixture(scope="session", autouse=True)
def _no_temp_leftovers(tmp_path_factory):
    """Tests — and the notebooks and kernels they start — leave no ``pilotlib-*`` folder in
    the temporary directory. The session gets a temporary directory of its own (TMPDIR,
    inherited by kernels), so other programs' folders do not count, checked at the end."""
    folder = tmp_path_factory.mktemp("tempdir")
    saved = os.environ.get("TMPDIR"), tempfile.tempdir
    os.environ["TMPDIR"] = tempfile.tempdir = str(folder)
    yield folder
    if saved[0] is None:
        os.environ.pop("TMPDIR", None)
    else:
        os.environ["TMPDIR"] = saved[0]
    tempfile.tempdir = saved[1]
    left = sorted(p.name for p in folder.glob("pilotlib-*"))
    assert not left, f"pilotlib temporary folders left behind: {left}"


@pytest.fixture
def killed_temp(tmp_path, monkeypatch) -> Path:
    """A temporary directory of the test's own for processes it kills with SIGKILL or that
    kill themselves (os._exit): a killed process cannot remove its temporary folders, so
    they stay here, not where the session checks for leftovers."""
    folder = tmp_path / "killed-tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture(scope="session", autouse=True)
def _reference_cache(tmp_path_factory):
    """One cache folder of parsed reference data for the session (never the package's own),
    set before any fixture of a wider scope runs a command or a kernel."""
    folder = tmp_path_factory.mktemp("reference-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PILOTLIB_CACHE", str(folder))
        yield folder


@pytest.fixture(autouse=True)
def _isolate_environment(monkeypatch, tmp_path, _reference_cache):
    """No test sees a developer's PILOTLIB_* settings or writes into the project."""
    monkeypatch.delenv("PILOTLIB_DATA", raising=False)
    monkeypatch.setenv("PILOTLIB_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("PILOTLIB_CACHE", str(_reference_cache))
    monkeypatch.setenv("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def bundled_report(tmp_path_factory) -> tuple[int, Path]:
    """`pilotlib report --out OUT --jobs 2` on the bundled data, run once per session.

    (exit status, OUT). The report-command, notebook and browser tests read this one
    report set instead of executing the same notebooks again. PILOTLIB_* settings are
    isolated as in ``_isolate_environment``; MPLBACKEND is left as it is, so kernels use
    the inline backend and the pages carry their charts (the browser test looks at them).
    """
    from pilotlib.cli import main

    out = tmp_path_factory.mktemp("bundled-report") / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("PILOTLIB_DATA", raising=False)
        patch.delenv("PILOTLIB_NOTEBOOKS", raising=False)
        patch.setenv("PILOTLIB_OUTPUTS", str(out.parent / "outputs"))
        patch.setenv("PILOTLIB_CACHE", str(tmp_path_factory.getbasetemp() / "reference-cache-report"))
        status = main(["report", "--out", str(out), "--jobs", "2"])
    return status, out


@pytest.fixture(scope="session")
def example_report(tmp_path_factory) -> tuple[int, Path]:
    """`pilotlib report --data data/example --lang vi en --jobs 2`, once per session: the
    illustrative breakdown (organisation review, ranking, tasks) in both languages.
    (exit status, OUT); settings isolated as in ``bundled_report``."""
    from pilotlib.cli import main
    from pilotlib.core import paths

    out = tmp_path_factory.mktemp("example-report") / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("PILOTLIB_DATA", raising=False)
        patch.delenv("PILOTLIB_NOTEBOOKS", raising=False)
        patch.setenv("PILOTLIB_OUTPUTS", str(out.parent / "outputs"))
        patch.setenv("PILOTLIB_CACHE", str(tmp_path_factory.getbasetemp() / "reference-cache-report"))
        status = main(["report", "--data", str(paths.bundled_data_dir() / "example"), "--out", str(out),
                       "--lang", "vi", "en", "--jobs", "2"])
    return status, out


def staffing_rows(rows: list[dict]) -> pd.DataFrame:
    """A staffing table from a few hand-written rows; unspecified columns are empty."""
    defaults = {column: "" for column in STAFFING_COLUMNS} | {"provenance": "analyst", "posts": 0}
    return pd.DataFrame([defaults | row for row in rows])[STAFFING_COLUMNS]


def write_csv(folder: Path, name: str, frame: pd.DataFrame) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    frame.to_csv(path, index=False, encoding="utf-8")
    return path


def units_file(folder, names):
    """A units vocabulary (the columns of data/reference/units.csv) for made-up test units."""
    import pandas as pd
    folder.mkdir(parents=True, exist_ok=True)
    rows = [{"unit": n, "full_name_vi": "", "name_en": "", "unit_code": str(900 + i), "code_vintage": "2025",
             "level": "district", "parent_code": "", "valid_from": "", "valid_to": "", "aliases": ""}
            for i, n in enumerate(names)]
    pd.DataFrame(rows).to_csv(folder / "units.csv", index=False)
    return folder / "units.csv"
