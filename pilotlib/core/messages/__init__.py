"""Every word pilotlib shows a person, in Vietnamese and English, as data tables.

One table per namespace; ``pilotlib.core.i18n`` looks keys up as ``namespace.key``
(e.g. ``reason.unknown_unit``). A test checks that every key has both languages with the
same placeholders, so the two cannot drift apart.
"""
from __future__ import annotations

from pilotlib.core.messages.document import DOCUMENT
from pilotlib.core.messages.errors import ERRORS
from pilotlib.core.messages.inputs import CLI, FLAGS, WARNINGS
from pilotlib.core.messages.labels import LABELS, NOTES, TITLES
from pilotlib.core.messages.outputs import OUTPUT
from pilotlib.core.messages.reasons import HINTS, REASONS
from pilotlib.core.messages.review import REVIEW_LABELS, REVIEW_NOTES

CATALOG: dict[str, dict[str, dict[str, str]]] = {
    "label": LABELS | REVIEW_LABELS,
    "title": TITLES,
    "note": NOTES | REVIEW_NOTES,
    "reason": REASONS,
    "hint": HINTS,
    "warning": WARNINGS,
    "cli": CLI,
    "flag": FLAGS,
    "error": ERRORS,
    "output": OUTPUT,
    "doc": DOCUMENT,
}
