"""Written assessment generated from computed values through per-language templates.

The wording lives in Jinja2 files under ``pilotlib/templates/narrative/<lang>/`` so an
editor can change sentences without touching code; every number in them comes from
the metrics passed in. Illustrative data is announced in the first sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache

import jinja2

from pilotlib.analysis.provenance import is_illustrative
from pilotlib.core import paths
from pilotlib.core.i18n import check_lang
from pilotlib.core.rounding import round_half_up


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
    )
    return env


def render(template: str, lang: str, **values: object) -> str:
    """Render ``<lang>/<template>.j2`` with the given computed values."""
    check_lang(lang)
    env = _environment()
    env.filters["num"] = lambda v, d=0: format_number(v, lang, d)
    text = env.get_template(f"{lang}/{template}.j2").render(**values)
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def unit_summary(row: dict[str, object], lang: str = "vi", citation: str = "") -> str:
    """Two or three sentences on one unit: posts before and during the pilot, the change."""
    return render("unit", lang, r=row, citation=citation,
                  illustrative=is_illustrative(row.get("provenance", "")))


def overall_summary(overall: dict[str, object], lang: str = "vi", citation: str = "") -> str:
    """The all-units summary: how many units, total posts before and during, the change."""
    return render("overview", lang, o=overall, citation=citation,
                  illustrative=is_illustrative(overall.get("provenance", "")))


def assessment(ctx: dict[str, object], lang: str = "vi") -> str:
    """The written assessment (Markdown paragraphs) from ``assessment.context``."""
    return render("assessment", lang, c=ctx, r=ctx["posts"], o=ctx["posts"],
                  citation=ctx["citation"], illustrative=ctx["illustrative"])
