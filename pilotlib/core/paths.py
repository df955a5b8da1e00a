"""Every location the library uses, resolved in one place.

Paths come from the package location or from a setting (an explicit argument, else an
environment variable, else the default next to the package), never from the current
working directory, so the same code works from a notebook, the command line, a test's
temporary folder or a batch worker.
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent

DATA_ENV = "PILOTLIB_DATA"
OUTPUT_ENV = "PILOTLIB_OUTPUTS"
NOTEBOOKS_ENV = "PILOTLIB_NOTEBOOKS"
CACHE_ENV = "PILOTLIB_CACHE"


def setting(override: str | os.PathLike[str] | None, env: str, default: Path) -> Path:
    """The rule for every configurable folder: argument, else $env, else ``default``."""
    if override not in (None, ""):
        return Path(override).expanduser().resolve()
    chosen = os.environ.get(env)
    return Path(chosen).expanduser().resolve() if chosen else default


def bundled_data_dir() -> Path:
    """The data/ folder shipped with the project (read-only input)."""
    return PROJECT_DIR / "data"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder to read: an explicit argument, else $PILOTLIB_DATA, else bundled."""
    return setting(override, DATA_ENV, bundled_data_dir())


def reference_dir() -> Path:
    """Reference vocabularies (units, bodies, positions, categories) — always bundled."""
    return bundled_data_dir() / "reference"


def national_dir() -> Path:
    """The national unit lists of every vintage and the 2025-07 merge map (read-only)."""
    return reference_dir() / "national"


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where parsed forms of bundled reference data are kept between processes: argument,
    else $PILOTLIB_CACHE, else ``.cache`` inside the package (never the working directory).
    Only a speed-up: anything there can be deleted, and a folder that cannot be written is
    simply not used."""
    return setting(override, CACHE_ENV, PACKAGE_DIR / ".cache")


def notebooks_dir() -> Path:
    """The parameterised report notebooks shipped with the project."""
    return PROJECT_DIR / "notebooks"


def report_notebooks_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where report notebooks are read: argument, else $PILOTLIB_NOTEBOOKS, else notebooks/.

    The setting lets tests (and users with their own reports) batch another folder
    without touching the bundled notebooks.
    """
    return setting(override, NOTEBOOKS_ENV, notebooks_dir())


def templates_dir() -> Path:
    """Jinja2 templates for narrative text and HTML pages."""
    return PACKAGE_DIR / "templates"


def output_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where generated reports go: argument, else $PILOTLIB_OUTPUTS, else <project>/outputs."""
    return setting(override, OUTPUT_ENV, PROJECT_DIR / "outputs")


_SCRATCH: list[Path] = []


def scratch_dir(prefix: str = "pilotlib-") -> Path:
    """A new temporary folder for trial runs (the explore notebook's demo workbook and
    report). It is removed when the Python process ends — a notebook's kernel shuts down —
    so trying things out leaves nothing in the temporary directory; write to a folder of
    your own to keep the files."""
    import atexit
    import tempfile

    if not _SCRATCH:
        atexit.register(remove_scratch_dirs)
    path = Path(tempfile.mkdtemp(prefix=prefix))
    _SCRATCH.append(path)
    return path


def remove_scratch_dirs() -> None:
    """Remove every folder ``scratch_dir`` made in this process (and only those)."""
    import shutil

    while _SCRATCH:
        shutil.rmtree(_SCRATCH.pop(), ignore_errors=True)
