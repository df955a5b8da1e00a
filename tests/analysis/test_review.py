"""The organisation review's figures, from hand-made tables with the odd cases an analyst
meets: a unit broken down in one structure only, a row without a body or a title, an
organisation that stays outside the joint agency, a body listed with 0 posts."""
from __future__ import annotations

import pandas as pd
from conftest import staffing_rows

from pilotlib.analysis import review, review_summary
from pilotlib.data.load import load_dataset
from pilotlib.data.model import Dataset
from pilotlib.reference import vocab

L, S, P = "leadership", "support", "specialist"


def _row(unit, structure, body, position, group, posts):
    return {"unit": unit, "structure": structure, "body": body, "position": position, "position_group": group,
            "posts": posts}


def _table():
    return staffing_rows([
        _row("X", "old", "Ủy ban MTTQ", "Chủ tịch", L, 1),
        _row("X", "old", "Ủy ban MTTQ", "Phó Chủ tịch", L, 2),
        _row("X", "old", "Ủy ban MTTQ", "Lái xe", S, 1),
        _row("X", "old", "Hội Nông dân", "Chủ tịch", L, 1),
        _row("X", "old", "Liên đoàn Lao động", "Chủ tịch", L, 1),
        _row("X", "old", "Hội Cựu chiến binh", "Chuyên viên", P, 0),  # listed with 0 posts: no office
        _row("X", "pilot", "Lãnh đạo khối", "Trưởng khối", L, 1),
        _row("X", "pilot", "Lãnh đạo khối", "Phó trưởng khối", L, 1),
        _row("X", "pilot", "Ban Tổng hợp", "Phó trưởng ban", L, 1),  # a deputy by its title
        _row("X", "pilot", "Ban Tổng hợp", "Kế toán", S, 1),
        _row("X", "pilot", "Liên đoàn Lao động", "Chủ tịch", L, 1),  # stays outside the agency
        # Y: broken down before the pilot only; its pilot total has no body, no title
        _row("Y", "old", "Ủy ban MTTQ", "Chủ tịch", L, 1),
        _row("Y", "old", "Ủy ban MTTQ", "Lái xe", S, 2),
        _row("Y", "pilot", "", "", "", 3),
    ])


def test_deputies_are_the_titles_starting_with_pho():
    titles = pd.Series(["Phó Chủ tịch", "Chủ tịch", "Phó trưởng khối", "PHÓ BÍ THƯ", "Trưởng ban", "", "Phòng viên"])
    assert vocab.leadership_role(titles).tolist() == ["deputy", "head", "deputy", "deputy", "head", "", "head"]
    leaders = vocab.positions().table.query("position_group == 'leadership'")["position"]
    deputies = [p for p, r in zip(leaders, vocab.leadership_role(leaders)) if r == "deputy"]
    assert deputies == ["Phó Chủ tịch", "Phó Bí thư", "Phó trưởng khối", "Phó trưởng ban"]


def test_posts_per_body_only_where_every_post_has_a_body():
    long = review.body_posts(_table())
    assert set(zip(long["unit"], long["structure"])) == {("X", "old"), ("X", "pilot"), ("Y", "old")}
    wide = review.body_posts_wide(long, ["X", "Y"], review.comparable_units(_table()))
    old = wide[wide["structure"] == "old"].set_index("body")
    assert old.loc["Ủy ban MTTQ", ["X", "Y", "total"]].tolist() == [4, 3, 4]  # total: X only (Y has no pilot detail)
    assert old.loc["Hội Nông dân", "Y"] == 0  # Y is broken down before: no such body there is a known 0
    pilot = wide[wide["structure"] == "pilot"].set_index("body")
    assert pd.isna(pilot.loc["Ban Tổng hợp", "Y"])  # Y's pilot posts are not broken down: unknown, not 0
    assert wide.loc[wide["structure"] == "old", "body"].tolist()[:2] == ["Ủy ban MTTQ", "Hội Nông dân"]  # vocabulary order


def test_the_joint_agency_counts_once_and_an_organisation_outside_it_counts_on_its_own():
    sides = dict(zip(vocab.bodies().table["body"], vocab.bodies().table["side"]))
    frame = review.separate_bodies(_table(), sides).set_index("unit")
    # before: MTTQ, Nông dân, LĐLĐ (CCB has 0 posts); pilot: the agency + LĐLĐ outside it
    assert frame.loc["X", ["bodies_old", "bodies_pilot", "change", "parts_pilot"]].tolist() == [3, 2, -1, 2]
    assert frame.loc["Y", "bodies_old"] == 1 and pd.isna(frame.loc["Y", "bodies_pilot"])
    assert frame["complete"].tolist() == [True, False]


def test_heads_and_deputies_and_unknown_leadership():
    table = pd.concat([_table(), staffing_rows([_row("Z", "old", "Hội Nông dân", "", L, 2),  # leader without title
                                                _row("Z", "pilot", "Ban Tổng hợp", "Trưởng ban", L, 1)])])
    frame = review.leaders(table).set_index("unit")
    assert frame.loc["X", ["heads_old", "heads_pilot", "deputies_old", "deputies_pilot"]].tolist() == [3, 2, 2, 2]
    assert pd.isna(frame.loc["Z", "heads_old"]) and frame.loc["Z", "heads_pilot"] == 1
    assert frame["complete"].tolist() == [True, False, False]


def test_support_positions_named_by_the_difficulties():
    issues = pd.DataFrame({"unit": ["", "", "X"], "kind": ["difficulty", "recommendation", "difficulty"],
                           "text": ["Thiếu TÀI XẾ, thủ quỹ kiêm nhiệm.", "Bổ sung kế toán.", "Quỹ hỗ trợ chưa có."]})
    shown, named = review.support_positions(_table(), issues, vocab.positions().table)
    # "Tài xế" is an alias of Lái xe; a recommendation names nothing; "Quỹ" alone is not "Thủ quỹ"
    assert named == ["Thủ quỹ", "Lái xe"]
    assert shown == ["Kế toán", "Thủ quỹ", "Lái xe"]  # named, and those the staffing has; vocabulary order
    frame = review.support_posts(_table(), shown).set_index(["unit", "position"])
    assert frame.loc[("X", "Lái xe"), ["posts_old", "posts_pilot", "change"]].tolist() == [1, 0, -1]
    assert frame.loc[("X", "Thủ quỹ"), "posts_old"] == 0
    assert pd.isna(frame.loc[("Y", "Lái xe"), "posts_pilot"])


def test_the_summary_sums_the_units_broken_down_in_both_structures():
    data = Dataset(root=None, tables={"staffing": _table(), "issues": load_dataset().issues})
    summary = review_summary.summary(data, _table(), data.issues, "vi")
    assert summary["bodies"] | {"posts_old": None, "posts_pilot": None} == {
        "old": 3, "pilot": 2, "parts": 2, "units": 1, "of": 2, "posts_old": None, "posts_pilot": None}
    # vocabulary order (bodies.csv): the organisations, then the agency's parts
    assert summary["bodies"]["posts_pilot"] == [("Liên đoàn Lao động", 1), ("Lãnh đạo khối", 2), ("Ban Tổng hợp", 2)]
    assert summary["leaders"] == {"heads_old": 3, "heads_pilot": 2, "deputies_old": 2, "deputies_pilot": 2,
                                  "units": 1, "of": 2}
    support = {p["name"]: (p["old"], p["pilot"], p["named"]) for p in summary["support"]["positions"]}
    assert support == {"Kế toán": (0, 1, True), "Thủ quỹ": (0, 0, True), "Lái xe": (1, 0, True)}
    assert summary["ranking"]["ranked"] == 2 and summary["ranking"]["cuts"][0]["unit"] == "X"
    one = review_summary.summary(data, _table()[_table()["unit"] == "X"], data.issues, "en")
    assert one["ranking"] is None and one["support"]["named"] == ["Accountant", "Treasurer (cashier)", "Driver"]


def test_totals_only_gives_nothing_to_sum():
    bundled = load_dataset()
    summary = review_summary.summary(bundled, bundled.staffing, bundled.issues, "vi")
    assert (summary["bodies"], summary["leaders"], summary["support"]) == (None, None, None)
    assert summary["ranking"] == {"cuts": [], "increases": [], "ranked": 3, "unchanged": 3}
