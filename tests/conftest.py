"""Shared fixtures. Tests never depend on the network, ../shared or the current directory."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pilotlib.schema import STAFFING_COLUMNS

TESTS_DIR = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _isolate_environment(monkeypatch, tmp_path):
    """No test sees a developer's PILOTLIB_* settings or writes into the project."""
    monkeypatch.delenv("PILOTLIB_DATA", raising=False)
    monkeypatch.setenv("PILOTLIB_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("MPLBACKEND", "Agg")


def staffing_rows(rows: list[dict]) -> pd.DataFrame:
    """A staffing table from a few hand-written rows; unspecified columns are empty."""
    defaults = {column: "" for column in STAFFING_COLUMNS} | {"provenance": "analyst", "posts": 0}
    return pd.DataFrame([defaults | row for row in rows])[STAFFING_COLUMNS]


def write_csv(folder: Path, name: str, frame: pd.DataFrame) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    frame.to_csv(path, index=False, encoding="utf-8")
    return path
