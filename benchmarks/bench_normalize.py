"""Benchmark 1 — `pilotlib normalize staffing` at national scale against its floor.

For 10⁴, 10⁵ and 10⁶ input rows (``gen_staffing``, fixed seed, in a temporary folder),
each side runs ``--repeat`` times in a fresh process, alternating:

* floor: one Python process doing ``pandas.read_csv`` + ``to_csv`` of the same file;
* pilotlib: ``pilotlib normalize staffing big.csv -o out.csv --units national_units.csv``,
  end to end as a user runs it (start-up, reading, repair, matching, validation, writing
  the table and the rejects).

Medians of wall time and peak memory (RSS of the child) are compared. The output is
checked against what the generator put in (rows kept, rejected, total posts), so a
fast failure cannot pass for a fast run. Then the naive per-row ``DataFrame.apply``
version (``naive_normalize``) runs once on the ``--naive-rows`` file — after checking it
writes the very same table — and the speed-up is printed.

Then the same table with a province column, once with the Lâm Đồng units and the 700
made-up ones (``--units``), once with ~700 real districts of the whole country
(``gen_staffing --national``), both ``--as-of 2024-06``: matching against the national
reference should cost about what matching against the Lâm Đồng table costs.

Last lines, for tools: ``ratio normalise-1e6 …``, ``ratio memory-1e6 …``,
``ratio growth-1e6 …`` (10⁶ time over 10⁵ time) and ``ratio national-units …``
(national run over Lâm Đồng run, ``--national-rows`` rows).
Run: ``make bench`` or ``python benchmarks/bench_normalize.py [--sizes 10000,100000] [--repeat 3]``.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_staffing  # noqa: E402
from _measure import VENV_BIN, alternate, machine, median, ratio_line, remove_work_folder, run  # noqa: E402

FLOOR = "import sys, pandas as pd; pd.read_csv(sys.argv[1]).to_csv(sys.argv[2])"
GOALS = {"normalise": 2.0, "memory": 3.0, "growth": 12.0, "national": 1.3}


def _label(rows: int) -> str:
    return f"1e{len(str(rows)) - 1}" if str(rows).strip("0") == "1" else str(rows)


def _check_output(out: Path, expected: gen_staffing.Expected) -> None:
    table = pd.read_csv(out, dtype={"posts": "int64"}, keep_default_na=False, encoding="utf-8-sig")
    rejects = pd.read_csv(out.with_name(f"{out.stem}.rejects.csv"), keep_default_na=False, encoding="utf-8-sig")
    found = (len(table), len(rejects), int(table["posts"].sum()))
    wanted = (expected.kept, expected.rejected, expected.posts)
    if found != wanted:
        raise SystemExit(f"{out}: kept/rejected/posts {found}, expected {wanted}")


def _national_ratio(work: Path, rows: int, repeat: int, pilotlib: str) -> float:
    """The same table against the national reference and against the Lâm Đồng table."""
    commands, expected = {}, {}
    for name, national in (("lam-dong", False), ("national", True)):
        source, units = work / f"{name}_{rows}.csv", work / f"{name}_units.csv"
        expected[name] = gen_staffing.write(rows, source, units, place=True, national=national)
        commands[name] = [pilotlib, "normalize", "staffing", str(source), "-o", str(work / f"{name}_out.csv"),
                          "--as-of", gen_staffing.AS_OF, *(["--units", str(units)] if not national else [])]
        run(commands[name])  # parsed reference cached before timing (a one-off per units file)

    def check(name, result):
        if result.status not in (0, 1):
            raise SystemExit(f"{name} failed ({result.status}):\n{result.output[-2000:]}")
        _check_output(work / f"{name}_out.csv", expected[name])

    runs = alternate(commands, repeat, check=check)
    local, national = median(runs["lam-dong"]), median(runs["national"])
    print(f"{rows:>9,} rows with a province column: Lâm Đồng table {local:6.2f} s  |  national reference "
          f"{national:6.2f} s  |  ×{national / local:.2f}", flush=True)
    return national / local


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="input rows, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs per side and size (median kept)")
    parser.add_argument("--naive-rows", type=int, default=100_000, help="size for the naive version (0: skip)")
    parser.add_argument("--national-rows", type=int, default=1_000_000,
                        help="size for the national-units comparison (0: skip)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    python, pilotlib = str(VENV_BIN / "python"), str(VENV_BIN / "pilotlib")
    print(machine(), flush=True)
    work = Path(tempfile.mkdtemp(prefix="pilotlib-bench-normalize-"))
    results: dict[int, dict] = {}
    try:
        units = work / "national_units.csv"
        warmed = None  # the units file whose parsed reference is cached
        for rows in sorted(set(sizes) | ({args.naive_rows} if args.naive_rows else set())):
            source = work / f"staffing_{rows}.csv"
            expected = gen_staffing.write(rows, source, units)
            if rows not in sizes:
                results[rows] = {"source": source, "expected": expected}
                continue
            out = work / f"out_{rows}.csv"

            def check(name, result, out=out, expected=expected):
                if result.status not in (0, 1):
                    raise SystemExit(f"{name} failed ({result.status}):\n{result.output[-2000:]}")
                if name == "pilotlib":
                    _check_output(out, expected)

            command = [pilotlib, "normalize", "staffing", str(source), "-o", str(out), "--units", str(units)]
            # The parsed unit reference is cached per units file, untimed. The file grows with the
            # table (every row needs its own unit), so each size may bring a new one.
            if warmed != units.read_bytes():
                run(command)
                warmed = units.read_bytes()
            runs = alternate({"floor": [python, "-c", FLOOR, str(source), str(work / "floor.csv")],
                              "pilotlib": command}, args.repeat, check=check)
            floor_s, ours_s = median(runs["floor"]), median(runs["pilotlib"])
            floor_mb, ours_mb = median(runs["floor"], "peak_mb"), median(runs["pilotlib"], "peak_mb")
            results[rows] = {"source": source, "expected": expected, "seconds": ours_s, "floor": floor_s}
            print(f"{rows:>9,} rows  {source.stat().st_size / 1e6:6.1f} MB  "
                  f"floor {floor_s:6.2f} s {floor_mb:6.0f} MB  |  pilotlib {ours_s:6.2f} s {ours_mb:6.0f} MB  |  "
                  f"time ×{ours_s / floor_s:.2f}  memory ×{ours_mb / floor_mb:.2f}  "
                  f"({expected.kept:,} kept, {expected.rejected:,} rejected, {expected.skipped:,} skipped)",
                  flush=True)
            results[rows] |= {"time_ratio": ours_s / floor_s, "memory_ratio": ours_mb / floor_mb}

        if args.naive_rows:
            rows = args.naive_rows
            source = results[rows]["source"]
            ours = run([pilotlib, "normalize", "staffing", str(source), "-o", str(work / "lib.csv"),
                        "--units", str(units)])
            naive = run([python, str(HERE / "naive_normalize.py"), str(source), str(work / "naive.csv"), str(units)])
            if naive.status != 0 or (work / "naive.csv").read_bytes() != (work / "lib.csv").read_bytes():
                raise SystemExit(f"the naive version does not write the same table:\n{naive.output[-2000:]}")
            print(f"naive per-row apply, {rows:,} rows: {naive.seconds:.1f} s vs pilotlib {ours.seconds:.1f} s "
                  f"(same output) → speed-up ×{naive.seconds / ours.seconds:.1f}")
            print(f"speed-up naive-apply-{_label(rows)} {naive.seconds / ours.seconds:.1f}")

        if args.national_rows:
            national = _national_ratio(work, args.national_rows, args.repeat, pilotlib)

        largest = max(sizes)
        if largest in results and "time_ratio" in results[largest]:
            name = _label(largest)
            print(ratio_line(f"normalise-{name}", results[largest]["time_ratio"], GOALS["normalise"]))
            print(ratio_line(f"memory-{name}", results[largest]["memory_ratio"], GOALS["memory"]))
            previous = [r for r in sizes if r < largest and "seconds" in results.get(r, {})]
            if previous:
                base = max(previous)
                print(ratio_line(f"growth-{name}", results[largest]["seconds"] / results[base]["seconds"],
                                 GOALS["growth"] * (largest // base) / 10))
        if args.national_rows:
            print(ratio_line("national-units", national, GOALS["national"]))
    finally:
        remove_work_folder(work, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
