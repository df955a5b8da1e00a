"""Turn a narrative report into staffing, issues and boards tables for review.

Why "for review": figures written in prose are read by position and cue words, which is
reliable for the usual forms ("huyện Đạ Huoai 23 biên chế", "biên chế của huyện X là N",
"có 24 biên chế, nay còn 21", "Riêng Hội Nông dân … có 4", "khó khăn …; …; …",
"thành lập 4 ban, gồm …", a Word table) and unreliable for the rest. So every row
says where it came from (provenance="source", the file, the paragraph in ``source_row``,
the sentence and its character offset in ``offset``) and every doubt is written in its
``flag`` column in plain words — never resolved by a silent guess. Rows without a flag
are valid tidy rows; flagged rows need a person (a flagged staffing row may lack a unit
or a whole number, so only unflagged rows are checked against the staffing schema).
Loading these files as data (``load_dataset``) puts flagged rows into the rejects.

A number inside a recommendation ("Kiến nghị … bổ sung cho Lâm Hà 2 biên chế") is a
requested change, not a count of posts: it is flagged so, wherever it stands in the
sentence.

``offset`` is the offset of the sentence in the report as read (NFC, paragraphs joined
by "\\n"; see ``report_text``): ``read_report(f).text[offset:].startswith(sentence)``.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pilotlib.core.i18n import check_lang, hint, say
from pilotlib.ingest.narrative.boards import Boards
from pilotlib.ingest.narrative.figures import Figure
from pilotlib.ingest.narrative.mentions import UnitScanner
from pilotlib.ingest.narrative.reading import read_figures
from pilotlib.ingest.narrative.report_text import Report, read_report, sentences
from pilotlib.ingest.narrative.statements import Statement, statements
from pilotlib.ingest.narrative.word_tables import table_figures
from pilotlib.reference import vocab
from pilotlib.reference.categories import rules_with
from pilotlib.reference.schema import BOARDS_COLUMNS, ISSUES_COLUMNS, REVIEW_COLUMNS, STAFFING_COLUMNS
from pilotlib.reference.topics import FALLBACK, CategoryRules, classify_texts
from pilotlib.reference.validate import validate

PROVENANCE = "source"
STAFFING_REVIEW_COLUMNS = STAFFING_COLUMNS + REVIEW_COLUMNS
ISSUES_REVIEW_COLUMNS = ISSUES_COLUMNS + REVIEW_COLUMNS


@dataclass
class ExtractResult:
    """The three review tables of one report, plus what was read and any warnings."""

    report: Report
    staffing: pd.DataFrame
    issues: pd.DataFrame
    boards: pd.DataFrame
    sentences: int
    warnings: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> int:
        """Paragraphs that hold text (an empty line is no paragraph, though it is numbered)."""
        return sum(1 for p in self.report.paragraphs if p.text.strip())

    @property
    def flagged(self) -> int:
        """Rows (in all three tables) that carry a flag."""
        return sum(int((t["flag"] != "").sum()) for t in (self.staffing, self.issues, self.boards))


def flag_text(flags: list[tuple[str, dict]], lang: str) -> str:
    """Flags in plain words, joined with "; " (in ``lang``)."""
    out = []
    for key, values in flags:
        values = dict(values)
        if key in ("unknown_unit", "unknown_body"):
            suggestion = values.pop("suggestion", None)
            fallback = "add_with_units" if key == "unknown_unit" else None
            values["hint"] = hint("did_you_mean", lang, suggestion) if suggestion \
                else hint(fallback, lang)
        namespace = "reason" if key in ("unknown_unit", "unknown_body") else "flag"
        out.append(say(f"{namespace}.{key}", lang, **values))
    return "; ".join(dict.fromkeys(out))


def _common(sentence, file: str) -> dict:
    return {"provenance": PROVENANCE, "source_file": file, "source_row": str(sentence.paragraph),
            "sentence": sentence.text, "offset": sentence.start}


def _staffing(figures: list[Figure], units: vocab.Vocabulary, file: str, lang: str) -> pd.DataFrame:
    rows = [{"unit": f.unit, "structure": f.structure, "body": f.body, "position": f.position,
             "position_group": f.position_group,
             "posts": f.posts, **_common(f.sentence, file), "flag": flag_text(f.flags, lang)} for f in figures]
    frame = pd.DataFrame(rows, columns=[c for c in STAFFING_REVIEW_COLUMNS if c not in ("unit_code", "code_vintage")])
    known = frame["unit"].where(frame["unit"].isin(units.table["unit"]))
    frame["unit_code"] = units.lookup(known, "unit_code").fillna("").astype(object)
    frame["code_vintage"] = units.lookup(known, "code_vintage").fillna("").astype(object)
    frame["posts"] = frame["posts"].astype("Int64")
    frame = frame[STAFFING_REVIEW_COLUMNS]
    validate(frame[frame["flag"] == ""], "staffing", origin=f"extract {file}")
    return frame.reset_index(drop=True)


def _issues(found: list[Statement], file: str, lang: str, rules: CategoryRules | None = None) -> pd.DataFrame:
    rows = [{"unit": s.unit, "kind": s.kind, "text": s.text, **_common(s.sentence, file),
             "flag": flag_text(s.flags, lang)} for s in found]
    frame = pd.DataFrame(rows, columns=[c for c in ISSUES_REVIEW_COLUMNS if c != "category"])
    frame["category"] = classify_texts(frame["text"], rules).astype(object) if len(frame) \
        else pd.Series(dtype=object)
    # A difficulty or recommendation whose topic no keyword names may be no issue at all (a
    # chair's closing instruction, "các kiến nghị sẽ được tổng hợp"): a person decides.
    topicless = (frame["category"] == FALLBACK) & frame["kind"].isin(["difficulty", "recommendation"])
    frame.loc[topicless, "flag"] = [f"{f}; {say('flag.no_topic', lang)}" if f else say("flag.no_topic", lang)
                                    for f in frame.loc[topicless, "flag"]]
    frame = frame[ISSUES_REVIEW_COLUMNS]
    validate(frame, "issues", origin=f"extract {file}")
    return frame.reset_index(drop=True)


def _boards(found: list[Boards], file: str, lang: str) -> pd.DataFrame:
    rows = [{"unit": b.unit, "count": b.count, "names": "; ".join(b.names),
             **_common(b.sentence, file), "flag": flag_text(b.flags, lang)} for b in found]
    return pd.DataFrame(rows, columns=BOARDS_COLUMNS).astype({"count": "Int64"})


def _requests(figures: list[Figure], found: list[Statement]) -> None:
    """A figure inside a recommendation is a requested change, not a count: flag it (once)."""
    asked = [s for s in found if s.kind == "recommendation" and s.start >= 0]
    for fig in figures:
        at = fig.sentence.start + fig.start
        within = next((s for s in asked if s.start <= at < s.end), None)
        if within is None or any(key == "change" for key, _ in fig.flags):
            continue
        begin = max(within.start - fig.sentence.start, 0)
        shown = fig.sentence.text[begin:fig.end].strip()
        if len(shown) > 60:  # the words just before the number, from a word boundary
            shown = "…" + shown[-60:].split(" ", 1)[-1]
        fig.flags.append(("change", {"value": shown}))


def _conflicts(figures: list[Figure]) -> None:
    """Unflagged figures that give one (unit, structure, body) different numbers: flag them
    all; the same number again (a summary repeating a paragraph): flag the repeats, so
    loading the table never counts one figure twice."""
    clean = [f for f in figures if not f.flags and f.unit]
    for index, fig in enumerate(clean):
        same_key = [g for g in clean if (g.unit, g.structure, g.body, g.position)
                    == (fig.unit, fig.structure, fig.body, fig.position)]
        others = [g for g in same_key if g.posts != fig.posts]
        if others:
            shown = ", ".join(f"{g.posts} (¶{g.sentence.paragraph})" for g in others)
            fig.flags.append(("conflict", {"value": shown}))
            continue
        earlier = [g for g in clean[:index] if g in same_key]
        if earlier:
            fig.flags.append(("repeated", {"value": earlier[0].sentence.paragraph}))


def extract_report(path: str | os.PathLike[str], units_file: str | os.PathLike[str] | None = None,
                   lang: str = "vi", categories: str | os.PathLike[str] | None = None) -> ExtractResult:
    """Read a .txt/.docx report and extract staffing figures, statements and board counts.

    ``categories``: an analyst's categories file (``reference.categories``) for the
    statements' topics. Raises ``DataError`` for a file that cannot be read (exit status 2
    in the CLI).
    """
    check_lang(lang)
    report = read_report(Path(path))
    units = vocab.units(units_file)
    rules = rules_with(categories)
    scanner = UnitScanner(units, case_reliable=report.repaired != "tcvn3")
    found = sentences(report)
    said = statements(report, scanner)
    figures, boards = read_figures(report, found, scanner)
    figures += table_figures(report, scanner)
    _requests(figures, said)
    _conflicts(figures)
    file = report.file.name
    warnings = []
    if report.repaired != "unicode" or report.encoding in ("cp1258", "cp1252"):
        shown = report.repaired.upper() if report.repaired != "unicode" else "Windows-1258"
        warnings.append(say("warning.decoded", lang, encoding=shown))
    result = ExtractResult(report, _staffing(figures, units, file, lang), _issues(said, file, lang, rules),
                           _boards(boards, file, lang), len(found), warnings)
    if not (len(result.staffing) or len(result.issues) or len(result.boards)):
        result.warnings.append(say("cli.extract_nothing", lang))
    return result
