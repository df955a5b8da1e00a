"""Written assessment generated from computed values through per-language templates.

The wording lives in Jinja2 files under ``pilotlib/templates/narrative/<lang>/`` so an
editor can change sentences without touching code; every number in them comes from
the metrics passed in. Illustrative data is announced in the first sentence.

The output is plain text (no Markdown, no HTML: autoescape is off because nothing here
is markup; ``report.display`` escapes it when it is shown). Values inserted by
``{{ … }}`` — unit names, recommendations, board names — are kept exactly: the
template's own line breaks and indentation are tidied, the values' are not (a value
never starts a new paragraph), a value is never read as a template, and a value
holding direction controls is isolated (``core.text.isolate_bidi``).
"""
from __future__ import annotations

import re
from contextvars import ContextVar
from functools import lru_cache

import jinja2

from pilotlib.analysis.provenance import is_illustrative
from pilotlib.core import paths
from pilotlib.core.i18n import check_lang
from pilotlib.core.rounding import round_half_up
from pilotlib.core.text import isolate_bidi

# Values of the render in progress; the template text holds "\x02<n>\x03" in their place
# while its own whitespace is tidied.
_VALUES: ContextVar[list[str]] = ContextVar("narrative_values")
_TOKEN = re.compile("\x02(\\d+)\x03")


def _hold(value: object) -> str:
    """Jinja ``finalize``: every ``{{ … }}`` output is set aside and replaced by a token."""
    held = _VALUES.get()
    held.append("" if value is None else str(value))
    return f"\x02{len(held) - 1}\x03"


def format_number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """Numbers the way readers of each language write them (vi: 1.234,5; en: 1,234.5)."""
    value = round_half_up(value, decimals)
    if value is None:
        return "—"
    text = f"{abs(value):,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return ("-" if value < 0 else "") + text


@lru_cache(maxsize=None)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths.templates_dir() / "narrative"),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=_hold,
    )
    return env


def render(template: str, lang: str, **values: object) -> str:
    """Render ``<lang>/<template>.j2`` with the given computed values: paragraphs
    separated by a blank line (a value may hold blank lines too: use ``paragraphs``
    to tell them apart)."""
    return "\n\n".join(paragraphs(template, lang, **values))


def paragraphs(template: str, lang: str, **values: object) -> list[str]:
    """The paragraphs of ``<lang>/<template>.j2`` rendered with the given values."""
    check_lang(lang)
    env = _environment()
    env.filters["num"] = lambda v, d=0: format_number(v, lang, d)
    held: list[str] = []
    reset = _VALUES.set(held)
    try:
        text = env.get_template(f"{lang}/{template}.j2").render(**values)
    finally:
        _VALUES.reset(reset)
    tidied = (" ".join(part.split()) for part in re.split(r"\n\s*\n", text))
    return [_TOKEN.sub(lambda m: isolate_bidi(held[int(m.group(1))]), p) for p in tidied if p]


def unit_summary(row: dict[str, object], lang: str = "vi", citation: str = "") -> str:
    """Two or three sentences on one unit: posts before and during the pilot, the change."""
    return render("unit", lang, r=row, citation=citation,
                  illustrative=is_illustrative(row.get("provenance", "")))


def overall_summary(overall: dict[str, object], lang: str = "vi", citation: str = "") -> str:
    """The all-units summary: how many units, total posts before and during, the change."""
    return render("overview", lang, o=overall, citation=citation,
                  illustrative=is_illustrative(overall.get("provenance", "")))


def assessment(ctx: dict[str, object], lang: str = "vi") -> str:
    """The written assessment (plain-text paragraphs, separated by a blank line) from
    ``assessment.context``."""
    return "\n\n".join(assessment_paragraphs(ctx, lang))


def assessment_paragraphs(ctx: dict[str, object], lang: str = "vi") -> list[str]:
    """The written assessment as a list of plain-text paragraphs."""
    return paragraphs("assessment", lang, c=ctx, r=ctx["posts"], o=ctx["posts"],
                      citation=ctx["citation"], illustrative=ctx["illustrative"])
