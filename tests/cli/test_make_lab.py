"""`make lab` starts JupyterLab also as root (containers) and passes LAB_ARGS on (dry run only)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _lab_command(*variables: str) -> str:
    done = subprocess.run(["make", "-n", "lab", *variables], cwd=ROOT, capture_output=True, text=True, check=True)
    return next(line for line in done.stdout.splitlines() if "jupyter lab" in line)


def test_root_gets_allow_root():
    assert "--allow-root" in _lab_command("USER_ID=0").split()


def test_other_users_do_not():
    assert "--allow-root" not in _lab_command("USER_ID=1000").split()


def test_lab_args_are_passed_on():
    line = _lab_command("USER_ID=1000", "LAB_ARGS=--ServerApp.ip=0.0.0.0 --ServerApp.token=abc")
    assert line.split()[-2:] == ["--ServerApp.ip=0.0.0.0", "--ServerApp.token=abc"]
