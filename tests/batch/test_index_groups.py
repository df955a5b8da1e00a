"""The index of a large set: runs grouped by province, failures first, counts per status,
filters, Viet Nam time. (The 3 000-run page in a real browser: tests/report/test_browser.py.)"""
from __future__ import annotations

import re

from conftest import staffing_rows

from pilotlib.batch.index_page import OPEN_UP_TO, group_runs, render_folder_index, render_index, when
from pilotlib.batch.selection import provinces
from pilotlib.data.model import Dataset


def _run(unit: str, status: str = "ok", lang: str = "vi", notebook: str = "unit_report") -> dict:
    return {"notebook": notebook, "lang": lang, "unit": unit, "run_id": f"{notebook}--{unit or 'all'}--{lang}",
            "title": f"{notebook}: {unit}", "status": status, "error": "RuntimeError: boom" if status == "failed" else None,
            "ended": "2026-11-30T10:05:00+00:00", "figures": {}, "outputs": {"html": f"reports/{unit}.html"}}


PROVINCES = {"Lâm Hà": "Lâm Đồng", "Đạ Huoai": "Lâm Đồng", "Ba Vì": "Hà Nội", "Ấp Lạ": ""}


def test_groups_by_province_failures_first_then_all_units_then_names_then_unplaced():
    runs = [_run("", notebook="comparison"), _run("Lâm Hà"), _run("Ấp Lạ"), _run("Ba Vì"),
            _run("Đạ Huoai", "failed"), _run("Lâm Hà", "skipped", "en")]
    groups = group_runs(runs, PROVINCES, "vi")
    assert [g["name"] for g in groups] == [
        "Lâm Đồng",  # the one with a failure, although "L" sorts after "H"
        "Báo cáo chung cho mọi đơn vị",  # reports on all units before the provinces
        "Hà Nội",
        "Đơn vị chưa xác định được tỉnh",  # a unit the reference does not place: last
    ]
    lam_dong = groups[0]
    # the failed run first, then the units in plan order (Lâm Hà's two languages together)
    assert [(r["unit"], r["lang"]) for r in lam_dong["runs"]] == [("Đạ Huoai", "vi"), ("Lâm Hà", "vi"), ("Lâm Hà", "en")]
    assert lam_dong["count"] == {"ok": 1, "skipped": 1, "failed": 1} and lam_dong["total"] == 3
    assert sum(g["total"] for g in groups) == len(runs)  # every run in exactly one group
    assert all(g["open"] for g in groups)  # a small set: everything open


def test_a_large_set_opens_only_the_groups_with_failures():
    runs = [_run(f"X{i}") for i in range(OPEN_UP_TO)] + [_run("Ba Vì", "failed")]
    groups = group_runs(runs, {f"X{i}": f"Tỉnh {i % 3}" for i in range(OPEN_UP_TO)} | PROVINCES, "en")
    assert [(g["name"], g["open"]) for g in groups] == [
        ("Hà Nội", True), ("Tỉnh 0", False), ("Tỉnh 1", False), ("Tỉnh 2", False)]


def test_a_set_made_before_provinces_were_recorded_has_its_unit_reports_in_one_group():
    groups = group_runs([_run("Lâm Hà"), _run("", notebook="comparison"), _run("Ba Vì")], None, "vi")
    assert [(g["name"], g["total"]) for g in groups] == [("Báo cáo chung cho mọi đơn vị", 1), ("Báo cáo theo đơn vị", 2)]


def test_provinces_folded_alphabetically_not_by_code_point():
    runs = [_run(u) for u in ("a", "b", "c")]
    groups = group_runs(runs, {"a": "Đồng Nai", "b": "Bình Dương", "c": "Điện Biên"}, "vi")
    assert [g["name"] for g in groups] == ["Bình Dương", "Điện Biên", "Đồng Nai"]  # Đ as D, not after Z


def test_times_are_viet_nam_time_day_first():
    assert when("2026-11-30T17:05:00+00:00") == "01/12/2026 00:05"  # UTC+7: the next day
    assert when(None) == "—" and when("") == "—"  # a run that never ended: no time, not "now"


def test_pages_show_groups_counts_filters_and_local_time():
    runs = [_run("Lâm Hà"), _run("Đạ Huoai", "failed"), _run("Lâm Hà", "skipped", "en")]
    manifest = {"created": "2026-11-30T10:00:00+00:00", "pilotlib_commit": "abc", "python": "3.11",
                "packages": {"pilotlib": "0.1.0"}, "inputs": {}, "provenance": ["analyst"], "runs": runs,
                "provinces": PROVINCES}
    page = render_index(manifest, "vi")
    assert "Lâm Đồng</span> · 3 báo cáo: 1 vừa chạy, 1 không đổi, 1 lỗi" in page
    assert "Chạy lúc (giờ Việt Nam)" in page and "30/11/2026 17:05" in page and "UTC" not in page
    assert '<option value="failed">LỖI (1)</option>' in page  # the status filter says how many
    assert '<option value="en">en</option>' in page  # two languages: a language filter
    assert 'data-status="failed" data-lang="vi"' in page
    assert "http" not in page.replace("http-equiv", "")  # nothing fetched: works from disk
    assert "<form" not in page and not re.search(r"<[^>]*\son[a-z]+=", page)  # nothing submits, no handlers
    english = render_folder_index([("sets/a", manifest)], "en")
    assert "Lâm Đồng</span> · 3 reports: 1 produced, 1 unchanged, 1 failed" in english
    assert 'data-scope="set-a--runs"' in english and 'id="set-a--runs"' in english  # one filter per set


def test_provinces_of_the_runs_units_from_the_reference():
    dataset = Dataset.from_tables(staffing_rows([
        {"unit": "Lâm Hà", "unit_code": "676", "code_vintage": "2023", "structure": "old", "posts": 5},
        {"unit": "Ấp Lạ", "structure": "old", "posts": 1},  # a unit of no list
    ]))
    assert provinces(dataset, ["Lâm Hà", "Ấp Lạ"], ["Lâm Đồng"]) == {
        "Lâm Hà": "Lâm Đồng", "Ấp Lạ": "", "Lâm Đồng": "Lâm Đồng"}  # an overview is its own province
