"""tools/mutation.py's score table: the figures `make mutation` prints and the README quotes.

The statuses are written by hand (mutmut's words); the scores are worked out below each case.
"""
from __future__ import annotations

import contextlib
import importlib
import importlib.util
import inspect
import pkgutil
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "mutation.py"


@pytest.fixture(scope="module")
def mutation():
    spec = importlib.util.spec_from_file_location("mutation_tool", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rows(summary: str) -> dict[str, list[str]]:
    table = [line for line in summary.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    header = [cell.strip() for cell in table[0].strip("|").split("|")]
    return {cells[0]: dict(zip(header, cells)) for cells in
            ([cell.strip() for cell in line.strip("|").split("|")] for line in table[1:])}


def test_scores_count_detected_mutants_and_leave_out_listed_equivalents(mutation, monkeypatch):
    monkeypatch.setattr(mutation, "diff", lambda name, path: f"diff of {name}")
    found = {"pilotlib/a.py": {"a.x_f__mutmut_1": "killed", "a.x_f__mutmut_2": "killed", "a.x_f__mutmut_3": "timeout",
                               "a.x_f__mutmut_4": "survived", "a.x_f__mutmut_5": "survived"}}
    summary, text = mutation.report(found, {"a.x_f__mutmut_5": "a default spelled out"}, seconds=90)
    row = rows(summary)["pilotlib/a.py"]
    # 3 detected (2 killed + 1 timed out) of 5 = 60.0 %; of the 4 not listed equivalent: 75.0 %
    assert (row["mutants"], row["killed"], row["timed out"], row["survived"], row["listed equivalent"]) == \
        ("5", "2", "1", "1", "1")
    assert (row["detected"], row["detected of the non-equivalent"]) == ("60.0%", "75.0% ✗")
    # every mutant not detected is in the report with its diff, the listed one with its reason
    assert "### `a.x_f__mutmut_4` — survived\n" in text and "diff of a.x_f__mutmut_4" in text
    assert "`a.x_f__mutmut_5` — survived (listed equivalent: a default spelled out)" in text
    assert "mutmut_1`" not in text and "Run time: 1.5 min." in text


def test_mutants_not_run_yet_are_counted_apart_not_as_survivors(mutation, monkeypatch):
    monkeypatch.setattr(mutation, "diff", lambda name, path: pytest.fail("no diff for a mutant not run"))
    found = {"pilotlib/b.py": {**{f"b.x_g__mutmut_{i}": "killed" for i in range(1, 10)},
                               "b.x_g__mutmut_10": "not checked",
                               "b.x_g__mutmut_11": "check was interrupted by user"},
             "pilotlib/c.py": {"c.x_h__mutmut_1": "killed"}}
    summary, _ = mutation.report(found, {}, seconds=None)
    table = rows(summary)
    # b: 9 killed of the 9 run (2 not run): 100 %, not 9/11 = 81.8 %
    assert (table["pilotlib/b.py"]["not run"], table["pilotlib/b.py"]["detected"]) == ("2", "100.0%")
    assert (table["**all**"]["mutants"], table["**all**"]["not run"], table["**all**"]["detected"]) == \
        ("12", "2", "100.0%")
    assert "2 mutants not run yet" in summary


def test_listed_equivalents_are_read_from_the_table_rows(mutation, tmp_path, monkeypatch):
    listing = tmp_path / "mutation.md"
    listing.write_text("| mutant | change | why |\n| --- | --- | --- |\n"
                       "| `pilotlib.core.rounding.x_round_half_up__mutmut_8` | quantum 2 | only the exponent counts |\n"
                       "Prose naming `pilotlib.core.text.x_fold__mutmut_1` is no row.\n", encoding="utf-8")
    monkeypatch.setattr(mutation, "EQUIVALENTS", listing)
    assert mutation.listed_equivalents() == {
        "pilotlib.core.rounding.x_round_half_up__mutmut_8": "only the exponent counts"}



def _cached_code(modules) -> set:
    """The code of every cached function in pilotlib (lru_caches and the memos with a cache_clear)."""
    codes = set()
    for module in modules:
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                code = getattr(inspect.unwrap(value), "__code__", None)
                if code is not None:
                    codes.add(code)
    return codes


def test_no_cached_builder_reaches_a_mutant_that_keeps_the_caches(tmp_path, monkeypatch):
    """tests/conftest.py lets a mutant of MUTANTS_KEEP_CACHES keep the caches mutmut's fork
    server filled with unmutated code: right only while no cached function runs code of those
    modules. Traced here while the caches fill from empty on a staffing table, an issue list
    with units to match, a narrative report and the narrative templates."""
    import conftest

    import pilotlib
    from pilotlib.ingest.issues import normalize_issues
    from pilotlib.ingest.narrative.extract import extract_report
    from pilotlib.ingest.staffing import normalize_staffing
    from pilotlib.report import narrative

    modules = [importlib.import_module(info.name) for info in pkgutil.walk_packages(pilotlib.__path__, "pilotlib.")
               if not info.name.endswith("__main__")]  # that one runs the command line
    cached = _cached_code(modules)
    for module in modules:
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
    monkeypatch.setenv("PILOTLIB_CACHE", str(tmp_path))  # the unit reference built, not read from disk
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    reached: set[str] = set()
    inside: list = []

    def profile(frame, event, arg):
        if event == "call":
            if inside:
                reached.add(frame.f_globals.get("__name__", ""))
            if frame.f_code in cached:
                inside.append(frame)
        elif event == "return" and inside and inside[-1] is frame:
            inside.pop()

    sys.setprofile(profile)
    try:
        staffing = normalize_staffing(fixtures / "staffing" / "codes.csv", lang="en")
        issues = normalize_issues(fixtures / "issues" / "no_marks.csv", lang="en")
        facts = extract_report(fixtures / "reports" / "own_two_districts.txt")
        with contextlib.suppress(Exception):  # the template wants more values: its environment is built by then
            narrative.unit_summary({}, "vi")
    finally:
        sys.setprofile(None)
    assert len(staffing.table) and len(issues.table) and facts is not None  # the work was done
    kept = {prefix.rstrip(".") for prefix in conftest.MUTANTS_KEEP_CACHES}
    assert {"pilotlib.reference.unit_build", "pilotlib.core.text", "pilotlib.reference.vocab"} <= reached
    assert not kept & reached, sorted(kept & reached)


def test_listed_equivalents_that_are_detected_or_gone_are_named(mutation, monkeypatch):
    monkeypatch.setattr(mutation, "diff", lambda name, path: "")
    found = {"pilotlib/d.py": {"d.x_k__mutmut_1": "killed", "d.x_k__mutmut_2": "survived"}}
    listed = {"d.x_k__mutmut_1": "thought equivalent", "d.x_k__mutmut_2": "equivalent", "d.x_k__mutmut_9": "gone"}
    summary, _ = mutation.report(found, listed, seconds=None)
    # _1 is killed although listed (renumbered, or its reason was wrong); _9 no longer exists
    assert "but detected — re-read their rows: d.x_k__mutmut_1\n" in summary + "\n"
    assert "but no such mutant (the function changed?): d.x_k__mutmut_9" in summary
    assert rows(summary)["pilotlib/d.py"]["listed equivalent"] == "1"


def test_a_runner_error_is_no_detection(mutation, monkeypatch):
    monkeypatch.setattr(mutation, "diff", lambda name, path: "")
    found = {"pilotlib/e.py": {"e.x_m__mutmut_1": "killed", "e.x_m__mutmut_2": mutation._RUNNER_ERROR}}
    summary, text = mutation.report(found, {}, seconds=None)
    row = rows(summary)["pilotlib/e.py"]
    # 1 killed of 2; the mutant whose tests never ran counts under "other", not "timed out"
    assert (row["timed out"], row["other"], row["detected"]) == ("0", "1", "50.0%")
    assert f"### `e.x_m__mutmut_2` — {mutation._RUNNER_ERROR}" in text
