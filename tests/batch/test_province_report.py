"""`pilotlib report --data data/example-2025 --province "Lâm Đồng"` end to end: the
overview's recorded figures are checked against the merge map and the staffing file read
here directly (not through pilotlib's comparison): a new commune's before is the sum of
its whole old communes, the split ones are flagged, the old ones without data listed."""
from __future__ import annotations

import gzip

import pandas as pd
import pytest

from pilotlib.batch.sets import current
from pilotlib.cli import main
from pilotlib.core import paths
from pilotlib.report.model import load_report

pytestmark = pytest.mark.slow

DATA = paths.bundled_data_dir()
EXAMPLE_2025 = DATA / "example-2025"
NATIONAL = DATA / "reference" / "national"


def _csv_gz(name: str) -> pd.DataFrame:
    with gzip.open(NATIONAL / name, "rt", encoding="utf-8") as stream:
        return pd.read_csv(stream, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def province_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("province-report") / "out"
    status = main(["report", "--data", str(EXAMPLE_2025), "--province", "Lâm Đồng", "--unit", "Tuy Phong (Lâm Đồng)",
                   "Quảng Tín (Lâm Đồng)",
                   "--lang", "vi", "en", "--out", str(out), "--jobs", "2"])
    [found] = current(out)
    # the index groups the overview and the new communes under one name, as --province says it
    assert found.manifest["provinces"] == dict.fromkeys(["Tuy Phong (Lâm Đồng)", "Quảng Tín (Lâm Đồng)", "Lâm Đồng"],
                                                        "Lâm Đồng")
    return status, found.folder, {run["run_id"]: run for run in found.manifest["runs"]}


@pytest.fixture(scope="module")
def expected():
    """Per new commune of the new Lâm Đồng (by code): the sum of its whole old communes with
    data, whether every old commune of the 2025-03 list has data, and its split ones."""
    staffing = pd.read_csv(EXAMPLE_2025 / "staffing.csv", dtype={"unit_code": str, "posts": int},
                           keep_default_na=False)
    old = staffing[staffing["structure"] == "old"].set_index("unit_code")["posts"]
    in_list = set(_csv_gz("units-2025-03.csv.gz").query("level == 'commune'")["code"])
    merges = _csv_gz("merges-2025-07.csv.gz").query("new_level == 'commune'")
    names = staffing[staffing["structure"] == "pilot"].set_index("unit_code")["unit"]
    merges = merges[merges["new_code"].isin(names.index)]
    whole = merges[(merges["link"] == "full") & merges["old_code"].isin(old.index)]
    before = whole.groupby("new_code")["old_code"].agg(lambda codes: int(old[codes].sum()))
    listed = merges[merges["old_code"].isin(in_list)]
    missing = listed[~listed["old_code"].isin(old.index)].groupby("new_code").size()
    partial = merges[merges["link"] == "partial"].groupby("new_code").size()
    complete = [c for c in names.index if c in before.index and c not in missing.index and c not in partial.index]
    return {"before": {names[c]: before[c] for c in complete}, "partial": {names[c] for c in partial.index},
            "missing": {names[c] for c in missing.index}, "old_missing": len(set(listed["old_code"]) - set(old.index))}


def test_the_overview_and_the_unit_asked_for_run(province_report):
    status, _, runs = province_report
    assert status == 0
    assert sorted(runs) == ["province--lam-dong--en", "province--lam-dong--vi",
                            "unit_report--quang-tin-lam-dong--en", "unit_report--quang-tin-lam-dong--vi",
                            "unit_report--tuy-phong-lam-dong--en", "unit_report--tuy-phong-lam-dong--vi"]
    assert all(run["status"] == "ok" for run in runs.values())


def test_before_is_the_sum_of_the_whole_old_communes(province_report, expected):
    figures = province_report[2]["province--lam-dong--vi"]["figures"]
    complete = {u: b for u, b in figures["before"].items() if u not in figures["units_incomplete"]}
    assert complete == expected["before"]  # every complete new commune, checked by hand
    assert figures["posts_old"] == sum(expected["before"].values())
    assert figures["change"] == figures["posts_pilot"] - figures["posts_old"]
    assert figures["provenance"] == "illustrative"


def test_split_old_communes_are_flagged_and_missing_ones_listed(province_report, expected):
    figures = province_report[2]["province--lam-dong--en"]["figures"]
    assert set(figures["partial"]) == expected["partial"] == {
        "Phan Rí Cửa (Lâm Đồng)", "Tuy Phong (Lâm Đồng)", "Hồng Thái (Lâm Đồng)", "Hoà Thắng (Lâm Đồng)"}
    assert figures["partial"]["Tuy Phong (Lâm Đồng)"] == ["Phong Phú (Tuy Phong, Bình Thuận)"]
    assert set(figures["missing"]) == expected["missing"]
    assert sum(len(v) for v in figures["missing"].values()) == expected["old_missing"] == 12
    assert set(figures["units_incomplete"]) >= expected["partial"] | expected["missing"]
    assert figures["mapping"] == {"file": "merges-2025-07.csv.gz", "new_list": "2025-07", "old_list": "2025-03",
                                  "links": 335, "partial_links": 4}


def test_every_format_says_illustrative_and_names_the_mapping(province_report):
    _, folder, runs = province_report
    run = runs["province--lam-dong--en"]
    html = (folder / run["outputs"]["html"]).read_text(encoding="utf-8")
    assert "Illustrative data, not real figures" in html and "merges-2025-07.csv.gz" in html
    assert "a cited source, not the law" in html
    assert (folder / run["outputs"]["docx"]).is_file() and (folder / run["outputs"]["xlsx"]).is_file()
    report = load_report(folder / run["outputs"]["artifacts"] / "report.json")
    assert report.is_illustrative() and {t.name for t in report.tables()} >= {"area", "rollup", "constituents"}
    assert (folder / run["outputs"]["artifacts"] / "changes.png").is_file()


def test_a_new_communes_unit_report_compares_it_with_its_old_communes(province_report, expected):
    _, folder, runs = province_report
    whole = runs["unit_report--quang-tin-lam-dong--en"]
    assert whole["figures"]["posts_old"] == expected["before"]["Quảng Tín (Lâm Đồng)"]
    assert whole["figures"]["change"] == whole["figures"]["posts_pilot"] - whole["figures"]["posts_old"]
    split = runs["unit_report--tuy-phong-lam-dong--en"]
    assert split["figures"]["posts_old"] is None  # a split old commune: no "before", and the report says why
    report = load_report(folder / split["outputs"]["artifacts"] / "report.json")
    table = next(t for t in report.tables() if t.name == "constituents")
    assert [row[1] for row in table.rows] == ["Phan Dũng", "Phong Phú (Tuy Phong, Bình Thuận)"]
    said = " ".join(b.text for b in report.blocks if hasattr(b, "text"))
    assert "Tuy Phong (Lâm Đồng) has no complete before figure: 1 of its 2 old units went into it whole" in said
