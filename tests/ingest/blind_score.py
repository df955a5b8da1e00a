"""Score `extract` against the blind reports' expected rows (fixtures/reports/BLIND.md).

Each expected row is matched to at most one extracted row of the same table and
paragraph (staffing: same number of posts, then the closest unit/body/structure; boards:
the paragraph; issues: the same span, trailing punctuation ignored) and counted as

- right: every scored field as expected and flagged exactly when a careful tool should;
- flagged: extracted and flagged, but not right — it is in front of a reviewer (safe);
- wrong: extracted without a flag, but a field differs or the row should be flagged;
- missed: not extracted at all.

Extracted rows no expected row claims are ``extra``; unflagged ones are ``spurious``
(counted as wrong in the bar), flagged ones only noise. Fields scored: staffing unit,
body, structure, posts; boards unit, count, names; issues kind, unit (the category is
the keyword classifier's and reported apart).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

PUNCTUATION = " .;…,"


@dataclass
class Score:
    right: list = field(default_factory=list)
    flagged: list = field(default_factory=list)
    wrong: list = field(default_factory=list)
    missed: list = field(default_factory=list)
    spurious: list = field(default_factory=list)
    noise: list = field(default_factory=list)
    categories: tuple[int, int] = (0, 0)  # (right, of) for matched issues

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in ("right", "flagged", "wrong", "missed", "spurious", "noise")}

    def __str__(self) -> str:
        c = self.counts()
        return (f"right {c['right']} / flagged {c['flagged']} / missed {c['missed']} / wrong {c['wrong']}"
                f" (+{c['spurious']} spurious unflagged, {c['noise']} flagged extra;"
                f" categories {self.categories[0]}/{self.categories[1]})")


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) or str(value) == "<NA>" \
        else str(value)


def _produced(result) -> list[dict]:
    rows = []
    for row in result.staffing.to_dict("records"):
        rows.append({"table": "staffing", "paragraph": _text(row["source_row"]), "unit": row["unit"],
                     "body": row["body"], "structure": row["structure"], "posts": _text(row["posts"]),
                     "flag": row["flag"], "text": row["sentence"], "kind": "", "position": row["position"]})
    for row in result.boards.to_dict("records"):
        rows.append({"table": "boards", "paragraph": _text(row["source_row"]), "unit": row["unit"], "body": "",
                     "structure": "", "posts": _text(row["count"]), "flag": row["flag"],
                     "text": " | ".join(n for n in row["names"].split("; ") if n), "kind": ""})
    for row in result.issues.to_dict("records"):
        rows.append({"table": "issues", "paragraph": _text(row["source_row"]), "unit": row["unit"], "body": "",
                     "structure": "", "posts": "", "flag": row["flag"], "text": row["text"],
                     "kind": row["kind"], "category": row["category"]})
    return rows


FIELDS = {"staffing": ("unit", "body", "structure", "posts"), "boards": ("unit", "posts", "text"),
          "issues": ("kind", "unit")}


def _same_span(a: str, b: str) -> bool:
    return a.strip(PUNCTUATION) == b.strip(PUNCTUATION)


def _candidates(expected: dict, produced: list[dict], taken: set[int]) -> list[int]:
    out = []
    for i, row in enumerate(produced):
        if i in taken or row["table"] != expected["table"] or row["paragraph"] != expected["paragraph"]:
            continue
        if expected["table"] == "staffing" and row["posts"] != expected["posts"]:
            continue
        if expected["table"] == "issues" and not _same_span(row["text"], expected["text"]):
            continue
        out.append(i)
    return out


def score(result, expected: pd.DataFrame, table: str | None = None) -> Score:
    """Score one extraction against its expected rows (``*.expected.csv`` as text cells);
    ``table``: only that table ("staffing", "boards", "issues")."""
    produced = [row for row in _produced(result) if table in (None, row["table"])]
    if table:
        expected = expected[expected["table"] == table]
    found = Score()
    taken: set[int] = set()
    good_categories = matched_issues = 0
    for exp in expected.fillna("").astype(str).to_dict("records"):
        fields = FIELDS[exp["table"]]
        options = _candidates(exp, produced, taken)
        if not options:
            found.missed.append(exp)
            continue
        best = max(options, key=lambda i: sum(produced[i][f] == exp[f] for f in fields))
        taken.add(best)
        got = produced[best]
        same = all(got[f] == exp[f] for f in fields)
        flagged, should = bool(got["flag"]), exp["flag"] == "yes"
        pair = (exp, got)
        if same and flagged == should:
            found.right.append(pair)
        elif flagged:
            found.flagged.append(pair)
        else:
            found.wrong.append(pair)
        if exp["table"] == "issues":
            matched_issues += 1
            good_categories += got.get("category") == exp["category"]
    found.categories = (good_categories, matched_issues)
    for i, row in enumerate(produced):
        if i not in taken:
            (found.noise if row["flag"] else found.spurious).append(row)
    return found


def explain(found: Score, table: str | None = None) -> str:
    """The rows that are not right, one per line (for a failing assertion)."""
    lines = []
    for name in ("wrong", "missed", "spurious", "flagged"):
        for item in getattr(found, name):
            exp, got = item if isinstance(item, tuple) else (item, None)
            if table and exp.get("table") != table:
                continue
            shown = {k: exp.get(k) for k in ("paragraph", "table", "unit", "body", "structure", "posts", "kind", "text")}
            extra = {k: got.get(k) for k in ("unit", "body", "structure", "posts", "kind", "flag")} if got else ""
            lines.append(f"{name}: {shown} → {extra}")
    return "\n".join(lines)
