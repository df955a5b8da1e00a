"""Read a report's sentences in order for figures and board statements, carrying what a
reader carries from one sentence to the next.

What carries over: the unit being talked about (``context.UnitContext``), the structure
the paragraph last spoke of ("Sau hợp nhất, … 305 biên chế. Lãnh đạo … gồm 1 Chủ tịch"
is after the merger too), a statement that the posts did not change ("giữ nguyên"), and
a board list that continues in the paragraphs after "…gồm 4 ban:".
"""
from __future__ import annotations

from pilotlib.ingest.narrative.boards import Boards, boards_in, is_board_item
from pilotlib.ingest.narrative.context import BLOCKERS, UnitContext, bare_levels, captions, outside
from pilotlib.ingest.narrative.figures import MARKED_CUES, OLD_CUES, PILOT_CUES, Figure, figures_in, unchanged
from pilotlib.ingest.narrative.mentions import UnitScanner, scan_key
from pilotlib.ingest.narrative.report_text import Report, Sentence
from pilotlib.ingest.narrative.statements import MARKER
from pilotlib.ingest.narrative.structure import find_cues


def read_figures(report: Report, found: list[Sentence], scanner: UnitScanner) -> tuple[list[Figure], list[Boards]]:
    """Figures and board statements of every sentence, in reading order."""
    context = UnitContext.of(scanner)
    figures: list[Figure] = []
    boards: list[Boards] = []
    by_paragraph: dict[int, list[Figure]] = {}
    general: set[int] = set()  # paragraphs with "không thay đổi" said of no figure in particular
    paragraph, cue = None, None
    for n, sentence in enumerate(found):
        if sentence.paragraph != paragraph:
            paragraph, cue = sentence.paragraph, None
        key = scan_key(sentence.text)
        in_table = report.paragraphs[sentence.paragraph - 1].table >= 0  # read by ``word_tables``
        here = [] if in_table else figures_in(sentence, scanner, context, cue)
        if unchanged(sentence.text):
            if here:
                for figure in here:  # "không thay đổi": the pilot row only, no invented old row
                    figure.structure = "pilot"
                    figure.flags.append(("unchanged", {"where": sentence.paragraph}))
            else:
                general.add(sentence.paragraph)
        by_paragraph.setdefault(sentence.paragraph, []).extend(here)
        figures += here
        last = n + 1 == len(found) or found[n + 1].paragraph != sentence.paragraph
        stated = boards_in(sentence, _items_after(report, sentence.paragraph) if last else None)
        if stated:
            _board_unit(stated, scanner, context, key)
            boards.append(stated)
        mentions = outside(scanner.find(sentence.text, key), captions(sentence.text))
        context.update(key, mentions)
        cues, _ = find_cues(sentence.text, key, OLD_CUES, PILOT_CUES, MARKED_CUES)
        strong = [c for c in cues if c.strong and c.structure in ("old", "pilot")]
        cue = strong[-1].structure if strong else cue
    for number in general:
        for figure in by_paragraph.get(number, []):
            if not any(k == "unchanged" for k, _ in figure.flags):
                figure.flags.append(("unchanged", {"where": number}))
    return figures, boards


def _items_after(report: Report, number: int) -> list[str]:
    """The list-item paragraphs right after paragraph ``number`` that name boards."""
    items = []
    for paragraph in report.paragraphs[number:]:  # paragraphs are numbered from 1
        text = paragraph.text.strip()
        if not text:
            if items:
                break
            continue
        if not ((paragraph.list_item or MARKER.match(text) or not items) and is_board_item(text)):
            break
        items.append(text)
    return items


def _board_unit(stated: Boards, scanner: UnitScanner, context: UnitContext, key: str) -> None:
    """The unit of a board statement: the one its sentence names, else the one talked about."""
    text = stated.sentence.text
    mentions = [m for m in outside(scanner.find(text, key), captions(text)) if not m.weak]
    units = list(dict.fromkeys(m.unit for m in mentions))
    stated.units = units
    if len(units) == 1:
        stated.unit = units[0]
    elif units:
        stated.flags.append(("several_units", {"value": ", ".join(units)}))
    elif not BLOCKERS.search(key):  # "mỗi huyện thành lập 4 ban": every unit, not the last one named
        levels = bare_levels(key, 0, len(text), mentions)
        stated.unit = context.unit(levels[-1] if levels else None) or ""
