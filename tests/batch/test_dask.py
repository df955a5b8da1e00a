"""Scale out: the same batch on a dask.distributed cluster (here a small LocalCluster).

Needs the optional extra: pip install 'pilotlib[dask]'. Two runs, one of which fails
on purpose, so failure isolation is shown to hold on dask workers too.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import staffing_rows, units_file, write_csv

from pilotlib.batch.api import make_reports

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def test_batch_runs_on_a_dask_cluster(tmp_path, monkeypatch):
    data = write_csv(tmp_path / "data", "staffing.csv", staffing_rows([
        {"unit": "An Phú", "structure": "old", "posts": 5},
        {"unit": "Hỏng", "structure": "old", "posts": 2},
    ])).parent
    units_file(data, ["An Phú", "Hỏng"])
    monkeypatch.setenv("PILOTLIB_NOTEBOOKS", str(NOTEBOOKS))
    out = tmp_path / "out"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        report = make_reports(data=data, out=out, executor=client.get_executor(pure=False))
    by_unit = {r["unit"]: r for r in report.manifest["runs"]}
    assert by_unit["An Phú"]["status"] == "ok" and by_unit["An Phú"]["figures"]["posts_old"] == 5
    assert (report.folder / by_unit["An Phú"]["outputs"]["html"]).exists()
    assert by_unit["Hỏng"]["status"] == "failed"
    assert (report.folder / "failed" / "fragile_report--hong--vi.ipynb").exists()
    assert report.folder.parent == out / "sets" and report.index == out / "index.html"
