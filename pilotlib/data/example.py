"""Deterministic illustrative breakdown of the pilot's staffing (``data/example/``).

The source gives only each unit's total posts. Breakdown analyses (by body, position
group, board; the staff × task matrix of "one person, many jobs") need more, so this
generator makes a plausible breakdown whose totals equal the real totals read from the
bundled staffing table. Every row is ``provenance=illustrative``; reports built on it
say so. Same seed → byte-identical files (a test regenerates and compares).

Run: ``python -m pilotlib.data.example [OUT_DIR]`` (default: data/example/).
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pandas as pd

from pilotlib.core import paths
from pilotlib.core.io import write_csv
from pilotlib.data.load import load_dataset
from pilotlib.ingest.workbook_template import DATA_SHEET, write_filled
from pilotlib.reference import vocab
from pilotlib.reference.schema import STAFFING_COLUMNS

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
GENERATOR_NAME = "pilotlib.example_data"  # the name the files were generated under (kept: the files cite it)
DEMO_MISTAKES = (
    ("Lâm Haa", None, "Sau thí điểm", "Ban Kiểm tra", "Chuyên viên", 2),      # misspelt unit
    ("Đạ Tẻh", None, "Trước thí điểm", "Hội Nông dân", "Chuyên viên", -1),  # negative count
)


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


def _specialists(unit: pd.Series, structure: str, bodies: list[str], remaining: int,
                 rng: random.Random) -> list[dict]:
    """The posts left after leaders and support, spread over ``bodies`` as specialists."""
    if remaining < 0:
        raise ValueError(f"{unit['unit']}: total is too small for the illustrative layout")
    return [_row(unit, structure, body, "Chuyên viên", count)
            for body, count in zip(bodies, _spread(rng, remaining, len(bodies))) if count]


def old_structure(unit: pd.Series, total: int, rng: random.Random) -> list[dict]:
    """Separate offices: each member organisation has a head, a deputy, and staff."""
    members = vocab.default_members()
    rows = []
    for body in members:
        head = "Bí thư" if body == "Đoàn Thanh niên" else "Chủ tịch"
        rows += [_row(unit, "old", body, head, 1), _row(unit, "old", body, f"Phó {head}", 1)]
    support = [("Ủy ban MTTQ", "Kế toán"), ("Ủy ban MTTQ", "Lái xe"), ("Hội Nông dân", "Văn thư")]
    rows += [_row(unit, "old", body, position, 1) for body, position in support]
    return rows + _specialists(unit, "old", members, total - sum(r["posts"] for r in rows), rng)


def pilot_structure(unit: pd.Series, total: int, rng: random.Random) -> list[dict]:
    """One agency: leadership, four boards each with a head, support posts in Ban Tổng hợp."""
    rows = [_row(unit, "pilot", "Lãnh đạo khối", "Trưởng khối", 1),
            _row(unit, "pilot", "Lãnh đạo khối", "Phó trưởng khối", 2)]
    rows += [_row(unit, "pilot", board, "Trưởng ban", 1) for board in BOARDS]
    rows += [_row(unit, "pilot", "Ban Tổng hợp", position, 1) for position in ("Kế toán", "Văn thư")]
    return rows + _specialists(unit, "pilot", list(BOARDS), total - sum(r["posts"] for r in rows), rng)


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
    for (_unit, structure), group in totals.groupby(["unit", "structure"], sort=False):
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
        write_csv(frame, path, for_excel=False)
        written.append(path)
    issues = paths.bundled_data_dir() / "issues.csv"
    (folder / "issues.csv").write_bytes(issues.read_bytes())
    return [*written, folder / "issues.csv"]


def demo_workbook(folder: str | Path | None = None) -> Path:
    """The template filled with the ILLUSTRATIVE example staffing (for trying things out)."""
    from openpyxl import load_workbook

    target = Path(folder) if folder else paths.scratch_dir()
    staffing = load_dataset(paths.bundled_data_dir() / "example").staffing
    path = write_filled(target / "vi_du_minh_hoa.xlsx", staffing)
    book = load_workbook(path)
    sheet = book[DATA_SHEET]
    # Two rows typed wrong on purpose, so the demo shows what rejects look like.
    for values in DEMO_MISTAKES:
        sheet.append(list(values))
    book.save(path)
    return path


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else paths.bundled_data_dir() / "example"
    for path in write(target):
        print(path)
