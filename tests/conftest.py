"""Shared fixtures. Tests never depend on the network, ../shared or the current directory."""
from __future__ import annotations

import os
import sys
import tempfile
from collections import OrderedDict
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import Phase, settings

from pilotlib.reference.schema import STAFFING_COLUMNS

TESTS_DIR = Path(__file__).resolve().parent

# Hypothesis profiles. "ci" (the default: `make test`, CI) derives every example from the
# test itself (derandomize), so each run tries the same examples: a property that catches a
# bug catches it every time, and a green run stays green. No example database (nothing read
# from or written to .hypothesis/), no deadline (a shared 2-core machine times noisily).
# "dev" (HYPOTHESIS_PROFILE=dev) is for looking for new bugs: fresh random examples each run,
# ten times as many, failures remembered in .hypothesis/ and replayed first next time.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, max_examples=200,
                          print_blob=True)
settings.register_profile("dev", deadline=None, max_examples=2000)
# Under mutmut (`make mutation`): the "ci" examples without shrinking. A mutant is killed by
# the first failing example; shrinking it would only cost time (and time out the mutant).
settings.register_profile("mutation", parent=settings.get_profile("ci"),
                          phases=[Phase.explicit, Phase.reuse, Phase.generate])
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE",
                                    "mutation" if "MUTANT_UNDER_TEST" in os.environ else "ci")
settings.load_profile(HYPOTHESIS_PROFILE)


def examples(n: int) -> int:
    """A test's own example budget (for the expensive ones), ten times larger under "dev"."""
    return n * (10 if HYPOTHESIS_PROFILE == "dev" else 1)


# Session report sets: made once per test process. `make test` runs the suite in two
# processes (pytest-xdist): each file's tests stay in one process, so its module fixtures are
# computed once, and the files below — those that read a session report set — share one
# process, so each set is made once. The list is checked at collection: a test that reads a
# set from a file not listed here is an error, not a silent second copy of the set.
REPORT_SETS = frozenset({"bundled_report", "example_report"})
FILES_READING_REPORT_SETS = frozenset({
    "tests/batch/test_example_report.py", "tests/batch/test_formats.py", "tests/batch/test_report_command.py",
    "tests/report/test_browser.py", "tests/report/test_notebooks.py", "tests/report/test_word_processor.py",
})


def _test_file(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def pytest_collection_modifyitems(config, items):
    unlisted = sorted({_test_file(item.nodeid) for item in items
                       if REPORT_SETS & set(item.fixturenames)} - FILES_READING_REPORT_SETS)
    if unlisted:
        raise pytest.UsageError(f"add to FILES_READING_REPORT_SETS in tests/conftest.py: {unlisted}")
    listed = sorted({item.nodeid.split("[")[0] for item in items for mark in item.iter_markers("parametrize")
                     if isinstance(mark.kwargs.get("ids"), (list, tuple))
                     and not all(str(i).isascii() for i in mark.kwargs["ids"] if i is not None)})
    if listed:  # pytest 9.2 escapes such a list in place: a second session in one process
        # (mutmut's workers) cannot find those tests by name, and mutmut scores the mutant detected
        raise pytest.UsageError(f"name non-ASCII cases with pytest.param(..., id=...), not ids=[...]: {listed}")
    if "__mutmut_" in os.environ.get("MUTANT_UNDER_TEST", ""):
        _quickest_first(items)


# mutmut's record of each test's time, next to the copied tests in mutants/ (`make mutation`).
_MUTMUT_STATS = TESTS_DIR.parent / "mutmut-stats.json"


def _quickest_first(items: list) -> None:
    """Under mutmut, a mutant's tests in the order of their recorded time, quickest first.

    mutmut stops at the first failing test and most mutants fail some test: found among the
    quick ones, it is found in seconds. Measured on unit matching: a mutant that a pointed
    0.2 s test kills took 42 s with the files in their total time's order (many property
    tests first), 22 s by their mean time, 5 s test by test. A module fixture may be made
    again when its file's tests are apart: only a surviving mutant pays for that."""
    if not _MUTMUT_STATS.exists():
        return
    import json

    durations = json.loads(_MUTMUT_STATS.read_text(encoding="utf-8")).get("duration_by_test", {})
    items.sort(key=lambda item: durations.get(item.nodeid, 0.0))


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist (the test extra); unknown without it
def pytest_xdist_make_scheduler(config, log):
    """Whole files to each process, and the files reading a session report set together.

    (pytest-xdist's own ``--dist loadgroup`` marks do not reach its scheduler under pytest 9.2:
    they are appended to a node id attribute pytest no longer reads.)"""
    from xdist.scheduler import LoadScopeScheduling

    class FilesAndReportSets(LoadScopeScheduling):
        def __init__(self, config, log=None):
            super().__init__(config, log)
            self.workqueue = _HeaviestFirst(lambda scope: _scope_weight(config.rootpath, scope, self.workqueue[scope]))

        def _split_scope(self, nodeid: str) -> str:
            file = _test_file(nodeid)
            return "report-sets" if file in FILES_READING_REPORT_SETS else file

    return FilesAndReportSets(config, log)


class _HeaviestFirst(OrderedDict):
    """The scheduler's queue of files, handed out heaviest first (xdist's own order is by
    number of tests, which sent the few long notebook tests last: one process idled while
    the other finished them)."""

    def __init__(self, weight):
        super().__init__()
        self.weigh, self.weights = weight, {}

    def weight(self, scope: str) -> int:
        if scope not in self.weights:
            self.weights[scope] = self.weigh(scope)
        return self.weights[scope]

    def popitem(self, last: bool = True):
        for scope in sorted(self, key=self.weight, reverse=not last):  # heaviest where it is taken
            self.move_to_end(scope)
        return super().popitem(last)


SLOW_WEIGHT = 30  # a slow test (kernels, child processes) against a fast one, roughly


def _scope_weight(root: Path, scope: str, tests: dict) -> int:
    """Tests of the scope, a slow one (its file marks it) counted as SLOW_WEIGHT."""
    files = sorted(FILES_READING_REPORT_SETS) if scope == "report-sets" else [scope]
    text = "".join((root / f).read_text(encoding="utf-8") for f in files if (root / f).is_file())
    if "pytestmark = pytest.mark.slow" in text:
        return len(tests) * SLOW_WEIGHT
    return len(tests) + text.count("mark.slow") * (SLOW_WEIGHT - 1)  # also pytest.param(…, marks=…)


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


_caches_emptied_in: int | None = None  # the process that last emptied them


def pytest_collection_finish(session):
    """In mutmut's fork server (it only collects the tests, MUTANT_UNDER_TEST empty), fill the
    costly caches once with the unmutated code: every mutant process forked from it that
    keeps the caches (``MUTANTS_KEEP_CACHES``) starts with them."""
    if os.environ.get("MUTANT_UNDER_TEST") != "" or not session.config.option.collectonly:
        return
    from pilotlib.reference import header_words, vocab
    from pilotlib.reference.unit_reference import unit_reference

    saved = os.environ.get("PILOTLIB_CACHE")
    with tempfile.TemporaryDirectory() as folder:  # the reference's disk cache: not the package's
        os.environ["PILOTLIB_CACHE"] = folder
        try:
            unit_reference(None)
            vocab.vocabularies()
            header_words.words()
        finally:
            if saved is None:
                os.environ.pop("PILOTLIB_CACHE", None)
            else:
                os.environ["PILOTLIB_CACHE"] = saved
# Mutated modules (pyproject [tool.mutmut]) that no cached builder reaches: a mutant there
# leaves every cache as the unmutated code fills it, so its process keeps what it inherits
# from mutmut's fork server (the national unit reference alone is ~5 s to rebuild with
# mutmut's trampolines). tests/test_package.py checks that no caching module imports them.
MUTANTS_KEEP_CACHES = ("pilotlib.ingest.counts.", "pilotlib.ingest.row_kinds.", "pilotlib.ingest.unit_matching.",
                       "pilotlib.analysis.metrics.", "pilotlib.core.rounding.", "pilotlib.batch.cache.",
                       "pilotlib.batch.runner.", "pilotlib.core.legacy_text.")


@pytest.fixture(autouse=True)
def _empty_caches_under_mutmut():
    """Under mutmut (`make mutation`) pilotlib's caches start empty.

    mutmut learns which tests reach a function by running them once ("stats"): there every
    test starts empty, or a vocabulary built once per process (lru_cache) would be credited
    to the first test only, and a mutant in the builder tested by that test alone. A mutant
    is tested in a process of its own: emptied once there, every test sees what the mutant
    built (rebuilding it per test made the runs about 1.6 times slower) — unless no cached
    builder reaches the mutant (``MUTANTS_KEEP_CACHES``).
    """
    global _caches_emptied_in
    mutant = os.environ.get("MUTANT_UNDER_TEST")
    if mutant is not None and mutant.startswith(MUTANTS_KEEP_CACHES):
        return
    if mutant is not None and (mutant == "stats" or _caches_emptied_in != os.getpid()):
        _caches_emptied_in = os.getpid()
        for name, module in list(sys.modules.items()):
            if name.startswith("pilotlib"):
                for value in list(vars(module).values()):
                    if callable(getattr(value, "cache_clear", None)):
                        value.cache_clear()


@pytest.fixture(scope="session")
def bundled_report(tmp_path_factory) -> tuple[int, Path]:
    """`pilotlib report --out OUT --jobs 2` on the bundled data, run once per session.

    (exit status, OUT). The report-command, notebook and browser tests read this one
    report set instead of executing the same notebooks again. PILOTLIB_* settings are
    isolated as in ``_isolate_environment``; MPLBACKEND is left as it is, so kernels use
    the inline backend and the pages carry their charts (the browser test looks at them).
    """
    return _report_once(tmp_path_factory, "bundled-report", [])


def _report_once(tmp_path_factory, name: str, arguments: list[str]) -> tuple[int, Path]:
    """`pilotlib report ARGUMENTS --out OUT --jobs 2` in a session folder of its own, with
    the PILOTLIB_* settings isolated; (exit status, OUT)."""
    from pilotlib.cli import main

    out = tmp_path_factory.mktemp(name) / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("PILOTLIB_DATA", raising=False)
        patch.delenv("PILOTLIB_NOTEBOOKS", raising=False)
        patch.setenv("PILOTLIB_OUTPUTS", str(out.parent / "outputs"))
        patch.setenv("PILOTLIB_CACHE", str(tmp_path_factory.getbasetemp() / "reference-cache-report"))
        status = main(["report", *arguments, "--out", str(out), "--jobs", "2"])
    return status, out


@pytest.fixture(scope="session")
def example_report(tmp_path_factory) -> tuple[int, Path]:
    """`pilotlib report --data data/example --lang vi en --jobs 2`, once per session: the
    illustrative breakdown (organisation review, ranking, tasks) in both languages.
    (exit status, OUT); settings isolated as in ``bundled_report``."""
    from pilotlib.core import paths

    return _report_once(tmp_path_factory, "example-report",
                        ["--data", str(paths.bundled_data_dir() / "example"), "--lang", "vi", "en"])


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

