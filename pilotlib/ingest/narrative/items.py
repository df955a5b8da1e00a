"""One statement of a report (a difficulty, recommendation or advantage): its kind, its
exact text, and where it came from.

The text is always a substring of the report as read, so a reviewer finds it; list items
lose only their final sentence punctuation (``trim_end``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pilotlib.ingest.narrative.report_text import Sentence


@dataclass
class Statement:
    kind: str
    text: str
    sentence: Sentence  # the sentence (or list-item paragraph) it came from
    unit: str = ""
    flags: list[tuple[str, dict]] = field(default_factory=list)
    start: int = -1  # offset of ``text`` in the report as read

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def trim_end(text: str) -> str:
    """A list item without its trailing "." "!" "?" (an ellipsis or "v.v." stays), nor the
    "./." that closes an article."""
    stripped = re.sub(r"\s*\.?/\.$", "", text.rstrip())
    if stripped.endswith(("..", "…", "v.v.")):
        return stripped
    return stripped.rstrip(".!?").rstrip() or stripped
