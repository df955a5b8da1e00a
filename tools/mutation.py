"""`make mutation`: mutation testing of the modules where a wrong answer is costly.

Runs mutmut (configured in pyproject.toml, [tool.mutmut]) and writes a report of every
mutant the tests did not kill: its module, its name, its diff, and — when
docs/mutation.md lists it as equivalent — the reason. Prints the score per module.

    python tools/mutation.py [--report PATH] [--jobs N] [--no-run]

``--no-run`` rebuilds the report from the last run (mutants/ keeps mutmut's results;
a new run re-tests only the functions that changed since). Not part of `make test`.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
EQUIVALENTS = PROJECT / "docs" / "mutation.md"
GOAL = 0.90
_INTERRUPTED = "check was interrupted by user"  # mutmut's word for a mutant whose run was stopped
# mutmut files exit status 255 under "timeout", but its worker exits 255 when running the
# tests raised (pytest could not even start them: a test not found by its name), not when
# they hung. Such a mutant was never tested: it is no detection.
_RUNNER_ERROR = "runner error (exit 255: the tests did not run)"
# A listed equivalent: a table row "| `mutant name` | ... | reason |" in docs/mutation.md.
_LISTED = re.compile(r"^\|\s*`(?P<name>pilotlib\.[^`]+__mutmut_\d+)`\s*\|(?P<rest>.*)\|\s*$", re.M)


def listed_equivalents() -> dict[str, str]:
    """{mutant name: reason} from docs/mutation.md."""
    if not EQUIVALENTS.exists():
        return {}
    found = {}
    for match in _LISTED.finditer(EQUIVALENTS.read_text(encoding="utf-8")):
        found[match["name"]] = match["rest"].split("|")[-1].strip()
    return found


def refresh_copies() -> None:
    """Bring mutants/ up to date with what mutmut copies only once.

    mutmut regenerates the mutated modules when their source changes, but the tests, the
    package's other files (templates, other modules) and ``also_copy`` folders stay as
    they were at the first run: a later run would test today's code with last week's
    tests, or fail to collect them.
    """
    mutants = PROJECT / "mutants"
    if not mutants.is_dir():
        return  # the first run copies everything itself
    import shutil
    import tomllib

    config = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    mutated = {str(Path(m)) for m in config.get("only_mutate", [])}
    for source in (PROJECT / "pilotlib").rglob("*"):
        relative = source.relative_to(PROJECT)
        if source.is_file() and "__pycache__" not in relative.parts and str(relative) not in mutated:
            (mutants / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, mutants / relative)
    for name in ["tests", *config.get("also_copy", [])]:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, mutants / name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, mutants / name)


def run_mutmut(jobs: int, log: Path) -> float:
    """`mutmut run` in the project folder, its spinner output kept in ``log``; seconds taken."""
    start = time.monotonic()
    with open(log, "w", encoding="utf-8") as out:
        subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs)],
                       cwd=PROJECT, stdout=out, stderr=subprocess.STDOUT, check=False)
    return time.monotonic() - start


def results() -> dict[str, dict[str, str]]:
    """{source file: {mutant name: status}} from mutmut's state in mutants/."""
    os.chdir(PROJECT)  # mutmut's helpers read pyproject.toml and mutants/ from the cwd
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.stats import status_by_exit_code
    from mutmut.utils.file_utils import walk_mutatable_files

    found: dict[str, dict[str, str]] = {}
    for path in walk_mutatable_files():
        data = SourceFileMutationData(path=path)
        data.load()
        found[str(path)] = {name: _RUNNER_ERROR if code == 255 else status_by_exit_code[code]
                            for name, code in sorted(data.exit_code_by_key.items())}
    return found


def diff(name: str, path: str) -> str:
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    try:
        return get_diff_for_mutant(name, path=path)
    except Exception as error:  # noqa: BLE001 - a report line is better than no report
        return f"(no diff: {error})"


def report(found: dict[str, dict[str, str]], equivalents: dict[str, str], seconds: float | None) -> tuple[str, str]:
    """(summary table printed and written, the full report in Markdown).

    Detected = killed or timed out (a mutant that makes the tests hang is caught too).
    """
    lines = ["| module | mutants | killed | timed out | survived | listed equivalent | no tests | not run | other "
             "| detected | detected of the non-equivalent |",
             "| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |"]
    details: dict[str, list[str]] = defaultdict(list)
    totals: Counter = Counter()
    for path, statuses in found.items():
        counts = Counter(statuses.values())
        row = Counter(total=len(statuses), killed=counts["killed"], timeout=counts["timeout"],
                      equivalent=sum(1 for n, st in statuses.items() if st == "survived" and n in equivalents),
                      no_tests=counts["no tests"], not_run=counts["not checked"] + counts[_INTERRUPTED])
        row["survived"] = counts["survived"] - row["equivalent"]
        row["other"] = (row["total"] - row["killed"] - row["timeout"] - counts["survived"] - row["no_tests"]
                        - row["not_run"])
        totals.update(row)
        lines.append(_row(path, row))
        for name, status in statuses.items():
            if status in ("killed", "timeout", "not checked", _INTERRUPTED):
                continue  # detected, or not run yet (counted in the table, no diff)
            why = equivalents.get(name)
            heading = f"### `{name}` — {status}" + (f" (listed equivalent: {why})" if why else "")
            details[path].append(heading + "\n\n```diff\n" + diff(name, path) + "\n```\n")
    if totals["total"]:
        lines.append(_row("**all**", totals))
    if totals["not_run"]:
        lines.append(f"\n{totals['not_run']} mutants not run yet (an interrupted run): the scores count the "
                     "run ones; the next `make mutation` runs the rest.")
    status = {name: st for statuses in found.values() for name, st in statuses.items()}
    detected = sorted(n for n in equivalents if status.get(n) in ("killed", "timeout"))
    unknown = sorted(n for n in equivalents if n not in status)
    if detected:  # a listed "equivalent" a test now kills: renumbered, or the reason was wrong
        lines.append(f"\nListed in docs/mutation.md but detected — re-read their rows: {', '.join(detected)}")
    if unknown:
        lines.append(f"\nListed in docs/mutation.md but no such mutant (the function changed?): {', '.join(unknown)}")
    summary = "\n".join(lines)
    took = f"Run time: {seconds / 60:.1f} min.\n\n" if seconds is not None else ""
    body = [f"# Mutation testing report\n\n{took}Goal: at least {GOAL:.0%} of mutants detected per module; every "
            "survivor killed by a new test or listed in docs/mutation.md with a reason.\n", summary, ""]
    for path, entries in details.items():
        body.append(f"## {path}\n")
        body.extend(entries)
    return summary, "\n".join(body)


def _row(name: str, row: Counter) -> str:
    detected = row["killed"] + row["timeout"]
    run = row["total"] - row["not_run"]
    score = detected / run if run else 1.0
    relevant = run - row["equivalent"]
    adjusted = detected / relevant if relevant else 1.0
    mark = "" if adjusted >= GOAL else " ✗"
    return (f"| {name} | {row['total']} | {row['killed']} | {row['timeout']} | {row['survived']} | "
            f"{row['equivalent']} | {row['no_tests']} | {row['not_run']} | {row['other']} | {score:.1%} | "
            f"{adjusted:.1%}{mark} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, default=PROJECT / "outputs" / "mutation" / "report.md",
                        help="where to write the report (default: outputs/mutation/report.md)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="mutants tested at once")
    parser.add_argument("--no-run", action="store_true", help="only rebuild the report from the last run")
    args = parser.parse_args(argv)
    target = args.report.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not args.no_run:
        refresh_copies()
    seconds = None if args.no_run else run_mutmut(args.jobs, target.with_suffix(".log"))
    found = results()
    if not any(found.values()):
        print(f"mutmut produced no results; see {target.with_suffix('.log')}", file=sys.stderr)
        return 2
    summary, text = report(found, listed_equivalents(), seconds)
    target.write_text(text, encoding="utf-8")
    print(summary)
    if seconds is not None:
        print(f"\n{seconds / 60:.1f} min; survivors and their diffs: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
