"""The hostile-string corpus (tests/fixtures/hostile/strings.json) and how a page is read back.

Shared by the text-is-text tests: ``CORPUS`` (every string, long ones expanded),
``UNIT_NAMES`` (the ones also used as unit names) and ``read_html``, which parses a page
the way a browser builds it and lists what the page would create from data.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile" / "strings.json"


@dataclass(frozen=True)
class Hostile:
    id: str
    text: str
    unit: bool


def _load() -> list[Hostile]:
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))["strings"]
    return [Hostile(r["id"], r["text"] * r.get("repeat", 1), r["unit"]) for r in rows]


CORPUS = _load()
UNIT_NAMES = [h.text for h in CORPUS if h.unit]
# Marks pilotlib may add around a text (invisible): direction isolates (core.text.isolate_bidi).
ISOLATES = re.compile("[\u2068\u2069]")


def shown(text: str) -> str:
    """A text as a page shows it: CR LF is a line break (HTML parsing turns it into LF),
    and the invisible isolates pilotlib adds around a text with direction controls are
    not part of what was typed."""
    return ISOLATES.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


# Where a page would load something or run something.
_URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "data", "poster", "xlink:href")
_FORBIDDEN_TAGS = ("iframe", "object", "embed", "form", "base", "frame", "frameset", "link", "meta")


@dataclass
class Page:
    """What a page holds: text per block element, and everything created that could act."""

    blocks: list[str] = field(default_factory=list)  # text of each p, h1–h6, td, th, li, title
    text: str = ""  # all visible text
    created: list[str] = field(default_factory=list)  # elements/links/requests that must not exist


class _Reader(HTMLParser):
    BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "li", "title")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[tuple[str, list[str]]] = []
        self.skip = 0
        self.parts: list[str] = []
        self.script = ""

    def handle_starttag(self, tag, attrs):
        found = self.page.created
        values = dict(attrs)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                found.append(f"<{tag} {name}=…>")
            if "javascript:" in value.lower().replace(" ", ""):
                found.append(f"<{tag} {name}={value[:40]}>")
            if name in _URL_ATTRIBUTES and re.match(r"^\s*[a-z][a-z0-9+.-]*:", value, re.I) \
                    and not value.lower().startswith("data:"):
                found.append(f"<{tag} {name}={value[:60]}>")  # anything fetched or opened elsewhere
        if tag == "img" and not (values.get("src") or "").startswith("data:"):
            found.append(f"<img src={values.get('src')}>")
        if tag in _FORBIDDEN_TAGS and not (tag == "meta" and "http-equiv" not in values):
            found.append(f"<{tag}>")
        if tag in ("script", "style"):
            self.skip += 1
            self.script = ""
        if tag in self.BLOCKS:
            self.stack.append((tag, []))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(self.skip - 1, 0)
            if tag == "script" and re.search(r"alert|cmd\||127\.0\.0\.1", self.script):
                self.page.created.append(f"<script>{self.script[:40]}")
        if tag in self.BLOCKS and self.stack and self.stack[-1][0] == tag:
            _, parts = self.stack.pop()
            self.page.blocks.append("".join(parts))

    def handle_data(self, data):
        if self.skip:
            self.script += data
            return
        self.parts.append(data)
        for _, parts in self.stack:
            parts.append(data)


def read_html(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader.page.text = "".join(reader.parts)
    return reader.page
