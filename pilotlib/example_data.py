"""Deterministic illustrative breakdown of the pilot's staffing (``data/example/``).

The source gives only each unit's total posts. Breakdown analyses (by body, position
group, board; the staff × task matrix of "one person, many jobs") need more, so this
generator makes a plausible breakdown whose totals equal the real totals read from the
bundled staffing table. Every row is ``provenance=illustrative``; reports built on it
say so. Same seed → byte-identical files (a test regenerates and compares).

Run: ``python -m pilotlib.example_data [OUT_DIR]`` (default: data/example/).
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pandas as pd

from pilotlib import paths, vocab
from pilotlib.dataset import load_dataset
from pilotlib.schema import STAFFING_COLUMNS

SEED = 20181112  # the date of the pilot decision
TASKS = (
    "Tổng hợp, báo cáo", "Tuyên truyền, vận động", "Kiểm tra, giám sát", "Phong trào thi đua",
    "Tài chính, kế toán", "Văn thư, lưu trữ", "Tiếp dân, hòa giải", "Đối ngoại, dân vận",
)
BOARDS = ("Ban Tổng hợp", "Ban Tuyên truyền", "Ban Kiểm tra", "Ban Phong trào")
# Each person's main task follows the position (support staff) or the body (boards);
# extra tasks come from the shared ones. Specialised tasks (finance) stay with few people,
# as in real offices — which is what the single-person risk flag is for.
MAIN_TASK_BY_POSITION = {"Kế toán": "Tài chính, kế toán", "Văn thư": "Văn thư, lưu trữ"}
MAIN_TASK_BY_BODY = {
    "Lãnh đạo khối": "Tổng hợp, báo cáo", "Ban Tổng hợp": "Tổng hợp, báo cáo",
    "Ban Tuyên truyền": "Tuyên truyền, vận động", "Ban Kiểm tra": "Kiểm tra, giám sát",
    "Ban Phong trào": "Phong trào thi đua",
}
SHARED_TASKS = tuple(t for t in TASKS if t != "Tài chính, kế toán")
GENERATOR_NAME = "pilotlib.example_data"


def _row(unit: pd.Series, structure: str, body: str, position: str, posts: int) -> dict:
    group = vocab.positions().lookup(pd.Series([position]), "position_group").iloc[0]
    return {
        "unit": unit["unit"], "unit_code": unit["unit_code"], "code_vintage": unit["code_vintage"],
        "structure": structure, "body": body, "position": position, "position_group": group,
        "posts": posts, "provenance": "illustrative", "source_file": GENERATOR_NAME, "source_row": "",
    }


def _spread(rng: random.Random, total: int, slots: int) -> list[int]:
    """Split ``total`` into ``slots`` non-negative parts, as even as chance allows."""
    parts = [total // slots] * slots
    for index in rng.sample(range(slots), total % slots):
        parts[index] += 1
    return parts


def old_structure(unit: pd.Series, total: int, rng: random.Random) -> list[dict]:
    """Separate offices: each member organisation has a head, a deputy, and staff."""
    bodies = vocab.bodies().table
    members = bodies.loc[(bodies["side"] == "old") & (bodies["default_member"] == "yes"), "body"].tolist()
    rows = []
    for body in members:
        head = "Bí thư" if body == "Đoàn Thanh niên" else "Chủ tịch"
        rows += [_row(unit, "old", body, head, 1), _row(unit, "old", body, f"Phó {head}", 1)]
    support = [("Ủy ban MTTQ", "Kế toán"), ("Ủy ban MTTQ", "Lái xe"), ("Hội Nông dân", "Văn thư")]
    rows += [_row(unit, "old", body, position, 1) for body, position in support]
    remaining = total - sum(r["posts"] for r in rows)
    if remaining < 0:
        raise ValueError(f"{unit['unit']}: total {total} is too small for the illustrative layout")
    for body, count in zip(members, _spread(rng, remaining, len(members))):
        if count:
            rows.append(_row(unit, "old", body, "Chuyên viên", count))
    return rows


def pilot_structure(unit: pd.Series, total: int, rng: random.Random) -> list[dict]:
    """One agency: leadership, four boards each with a head, support posts in Ban Tổng hợp."""
    rows = [_row(unit, "pilot", "Lãnh đạo khối", "Trưởng khối", 1),
            _row(unit, "pilot", "Lãnh đạo khối", "Phó trưởng khối", 2)]
    rows += [_row(unit, "pilot", board, "Trưởng ban", 1) for board in BOARDS]
    rows += [_row(unit, "pilot", "Ban Tổng hợp", position, 1) for position in ("Kế toán", "Văn thư")]
    remaining = total - sum(r["posts"] for r in rows)
    if remaining < 0:
        raise ValueError(f"{unit['unit']}: total {total} is too small for the illustrative layout")
    for board, count in zip(BOARDS, _spread(rng, remaining, len(BOARDS))):
        if count:
            rows.append(_row(unit, "pilot", board, "Chuyên viên", count))
    return rows


def staff_tasks(pilot_rows: list[dict], rng: random.Random) -> list[dict]:
    """Who does what in the pilot: every post is a person with 1–4 tasks."""
    rows = []
    number = 0
    for post in pilot_rows:
        for _ in range(post["posts"]):
            number += 1
            main = MAIN_TASK_BY_POSITION.get(post["position"]) or MAIN_TASK_BY_BODY[post["body"]]
            extra = rng.sample([t for t in SHARED_TASKS if t != main], rng.choice((0, 1, 1, 2, 3)))
            for task in sorted({main, *extra}, key=TASKS.index):
                rows.append({
                    "unit": post["unit"], "staff_id": f"NV{number:02d}", "body": post["body"],
                    "position": post["position"], "task": task, "provenance": "illustrative",
                    "source_file": GENERATOR_NAME, "source_row": "",
                })
    return rows


def generate(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """The example tables, from the real per-unit totals of the bundled data."""
    rng = random.Random(seed)
    totals = load_dataset(paths.bundled_data_dir()).staffing
    staffing, tasks = [], []
    for (unit_name, structure), group in totals.groupby(["unit", "structure"], sort=False):
        unit = group.iloc[0]
        total = int(group["posts"].sum())
        if structure == "old":
            staffing += old_structure(unit, total, rng)
        else:
            pilot = pilot_structure(unit, total, rng)
            staffing += pilot
            tasks += staff_tasks(pilot, rng)
    return {
        "staffing": pd.DataFrame(staffing)[STAFFING_COLUMNS],
        "staff_tasks": pd.DataFrame(tasks),
    }


def write(folder: Path, seed: int = SEED) -> list[Path]:
    """Write the example set; the issue list is the seed one (real, cited)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in generate(seed).items():
        path = folder / f"{name}.csv"
        frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        written.append(path)
    issues = paths.bundled_data_dir() / "issues.csv"
    (folder / "issues.csv").write_bytes(issues.read_bytes())
    return [*written, folder / "issues.csv"]


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else paths.bundled_data_dir() / "example"
    for path in write(target):
        print(path)
