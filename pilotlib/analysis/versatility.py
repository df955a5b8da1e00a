""""One person can do many jobs; every job can be done by several people" — measured.

From a staff × task table (one row per person and task): tasks per person
(versatility), people per task (cover), and the tasks only one person can do, which
are a continuity risk when that person is away.
"""
from __future__ import annotations

import pandas as pd

from pilotlib.core.rounding import round_series


def _distinct(staff_tasks: pd.DataFrame) -> pd.DataFrame:
    return staff_tasks[["unit", "staff_id", "task"]].drop_duplicates()


def tasks_per_person(staff_tasks: pd.DataFrame) -> pd.DataFrame:
    """unit, staff_id, tasks — each person's number of distinct tasks."""
    counts = _distinct(staff_tasks).groupby(["unit", "staff_id"], sort=False)["task"].nunique()
    return counts.rename("tasks").reset_index()


def people_per_task(staff_tasks: pd.DataFrame) -> pd.DataFrame:
    """unit, task, people, single_person — how many people can do each task."""
    counts = _distinct(staff_tasks).groupby(["unit", "task"], sort=False)["staff_id"].nunique()
    result = counts.rename("people").reset_index()
    result["single_person"] = result["people"] == 1
    return result


def summary(staff_tasks: pd.DataFrame) -> pd.DataFrame:
    """Per unit: people, tasks, mean tasks per person, mean people per task, and the
    tasks covered by a single person (the risk list)."""
    if staff_tasks.empty:
        return pd.DataFrame(columns=["unit", "people", "tasks", "tasks_per_person",
                                     "people_per_task", "single_person_tasks"])
    per_person = tasks_per_person(staff_tasks).groupby("unit", sort=False)
    per_task = people_per_task(staff_tasks)
    by_task = per_task.groupby("unit", sort=False)
    single = per_task[per_task["single_person"]].groupby("unit", sort=False)["task"].agg(list)
    result = pd.DataFrame({
        "people": per_person["staff_id"].nunique(),
        "tasks": by_task["task"].nunique(),
        "tasks_per_person": round_series(per_person["tasks"].mean(), 2),
        "people_per_task": round_series(by_task["people"].mean(), 2),
    })
    result["single_person_tasks"] = single.reindex(result.index).apply(
        lambda tasks: tasks if isinstance(tasks, list) else [])
    return result.rename_axis("unit").reset_index()


def matrix(staff_tasks: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Person × task 0/1 matrix for one unit (rows: staff_id, columns: tasks)."""
    rows = _distinct(staff_tasks[staff_tasks["unit"] == unit])
    return pd.crosstab(rows["staff_id"], rows["task"]).clip(upper=1)
