"""Every word pilotlib shows a person, in Vietnamese and English, as data tables.

One table per namespace; ``pilotlib.core.i18n`` looks keys up as ``namespace.key``
(e.g. ``reason.unknown_unit``). A test checks that every key has both languages with the
same placeholders, so the two cannot drift apart.
"""
from __future__ import annotations

from pilotlib.core.messages.area import AREA_ERRORS, AREA_LABELS, AREA_NOTES, AREA_TITLES
from pilotlib.core.messages.document import DOCUMENT
from pilotlib.core.messages.errors import ERRORS
from pilotlib.core.messages.inputs import CLI, FLAGS, WARNINGS
from pilotlib.core.messages.labels import LABELS, NOTES, TITLES
from pilotlib.core.messages.outputs import OUTPUT
from pilotlib.core.messages.reasons import HINTS, REASONS
from pilotlib.core.messages.review import REVIEW_LABELS, REVIEW_NOTES


def _joined(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """One namespace from several modules' tables; a key defined twice is a bug."""
    joined: dict[str, dict[str, str]] = {}
    for table in tables:
        twice = set(joined) & set(table)
        if twice:
            raise ValueError(f"message keys defined twice: {sorted(twice)}")
        joined.update(table)
    return joined


CATALOG: dict[str, dict[str, dict[str, str]]] = {
    "label": _joined(LABELS, AREA_LABELS, REVIEW_LABELS),
    "title": _joined(TITLES, AREA_TITLES),
    "note": _joined(NOTES, AREA_NOTES, REVIEW_NOTES),
    "reason": REASONS,
    "hint": HINTS,
    "warning": WARNINGS,
    "cli": CLI,
    "flag": FLAGS,
    "error": _joined(ERRORS, AREA_ERRORS),
    "output": OUTPUT,
    "doc": DOCUMENT,
}
