"""Composition metrics on hand-made tables, checked by hand; totals-only data says 'unknown'."""
from __future__ import annotations

import pandas as pd
from conftest import staffing_rows

from pilotlib.analysis import composition, versatility


def _breakdown():
    return staffing_rows([
        # Old structure of unit A: two organisations, each with a head; MTTQ also has an accountant.
        {"unit": "A", "structure": "old", "body": "Ủy ban MTTQ", "position": "Chủ tịch", "position_group": "leadership", "posts": 1},
        {"unit": "A", "structure": "old", "body": "Ủy ban MTTQ", "position": "Kế toán", "position_group": "support", "posts": 1},
        {"unit": "A", "structure": "old", "body": "Hội Nông dân", "position": "Chủ tịch", "position_group": "leadership", "posts": 1},
        {"unit": "A", "structure": "old", "body": "Hội Nông dân", "position": "Chuyên viên", "position_group": "specialist", "posts": 1},
        # Pilot of unit A: one board with 3 specialists and one leader; no support post.
        {"unit": "A", "structure": "pilot", "body": "Ban Tổng hợp", "position": "Trưởng ban", "position_group": "leadership", "posts": 1},
        {"unit": "A", "structure": "pilot", "body": "Ban Tổng hợp", "position": "Chuyên viên", "position_group": "specialist", "posts": 3},
        # Unit B: totals only (like the source article) → nothing here can be computed.
        {"unit": "B", "structure": "old", "posts": 9},
        {"unit": "B", "structure": "pilot", "posts": 9},
    ])


def test_posts_by_group_shares():
    result = composition.posts_by_group(_breakdown())
    a_old = result[(result["unit"] == "A") & (result["structure"] == "old")].set_index("position_group")
    assert a_old["posts"].to_dict() == {"leadership": 2, "specialist": 1, "support": 1}
    assert a_old["share"].to_dict() == {"leadership": 50.0, "specialist": 25.0, "support": 25.0}
    a_pilot = result[(result["unit"] == "A") & (result["structure"] == "pilot")].set_index("position_group")
    assert a_pilot["posts"].to_dict() == {"leadership": 1, "specialist": 3, "support": 0}  # zero, known
    b = result[result["unit"] == "B"]
    assert len(b) == 2 and not b["known"].any() and b["posts"].isna().all()  # unknown, not zero


def test_bodies_and_support_per_body():
    result = composition.bodies_summary(_breakdown()).set_index(["unit", "structure"])
    assert result.loc[("A", "old"), ["bodies", "support_posts"]].tolist() == [2, 1]
    assert result.loc[("A", "old"), "support_per_body"] == 0.5
    assert result.loc[("A", "pilot"), ["bodies", "support_posts"]].tolist() == [1, 0]
    assert pd.isna(result.loc[("B", "old"), "bodies"]) and not result.loc[("B", "old"), "known"]


def test_posts_per_board_zero_fills_known_units_only():
    result = composition.posts_per_board(_breakdown(), ["Ban Tổng hợp", "Ban Kiểm tra"])
    assert result.to_dict("records") == [
        {"unit": "A", "board": "Ban Tổng hợp", "posts": 4},
        {"unit": "A", "board": "Ban Kiểm tra", "posts": 0},  # board exists, nobody in it
    ]  # unit B absent: its pilot posts are not broken down by board


def test_partial_breakdown_is_not_known():
    table = staffing_rows([
        {"unit": "C", "structure": "old", "body": "Hội Nông dân", "position_group": "leadership", "posts": 2},
        {"unit": "C", "structure": "old", "posts": 5},  # the rest has no body or group
    ])
    cov = composition.coverage(table)
    assert not cov.loc[0, "body_known"] and not cov.loc[0, "group_known"]


def _tasks():
    rows = [("A", "p1", "Kế toán"), ("A", "p1", "Văn thư"), ("A", "p2", "Văn thư"),
            ("A", "p2", "Văn thư"),  # duplicate row: counted once
            ("A", "p3", "Tuyên truyền"), ("A", "p3", "Văn thư")]
    return pd.DataFrame(rows, columns=["unit", "staff_id", "task"]).assign(provenance="analyst")


def test_versatility_and_cover():
    per_person = versatility.tasks_per_person(_tasks()).set_index("staff_id")["tasks"].to_dict()
    assert per_person == {"p1": 2, "p2": 1, "p3": 2}
    per_task = versatility.people_per_task(_tasks()).set_index("task")
    assert per_task["people"].to_dict() == {"Kế toán": 1, "Văn thư": 3, "Tuyên truyền": 1}
    assert per_task["single_person"].to_dict() == {"Kế toán": True, "Văn thư": False, "Tuyên truyền": True}
    summary = versatility.summary(_tasks()).iloc[0]
    assert (summary["people"], summary["tasks"]) == (3, 3)
    assert summary["tasks_per_person"] == round(5 / 3, 2)
    assert summary["people_per_task"] == round(5 / 3, 2)
    assert summary["single_person_tasks"] == ["Kế toán", "Tuyên truyền"]
    grid = versatility.matrix(_tasks(), "A")
    assert grid.loc["p2"].to_dict() == {"Kế toán": 0, "Tuyên truyền": 0, "Văn thư": 1}


def test_versatility_empty():
    assert versatility.summary(_tasks().iloc[0:0]).empty
