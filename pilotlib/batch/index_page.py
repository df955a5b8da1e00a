"""The browsable entry page of a report set: one row per run, escaped, relative links.

Opened straight from disk (file://), so it has no scripts, no external assets and only
links relative to its own folder. A reused run says so and when it was produced; a
failed run links its failed notebook and, when there is one, its last good report.
"""
from __future__ import annotations

from functools import lru_cache

import jinja2

from pilotlib.core import paths
from pilotlib.core.i18n import label, provenance_label, title

STATUSES = ("ok", "skipped", "failed")

# Recorded figures that the index shows, in this order; the others stay in the manifest.
SHOWN_FIGURES = ("posts_old", "posts_pilot", "change", "provenance")


def shown_figures(figures: dict, lang: str) -> list[tuple[str, str]]:
    """(label, value) pairs of a run's key figures, in the index language."""
    rows = []
    for key in SHOWN_FIGURES:
        if key in figures and figures[key] is not None:
            value = figures[key]
            rows.append((label(key, lang),
                         provenance_label(value, lang) if key == "provenance" else str(value)))
    return rows


def status_of(run: dict) -> str:
    """ok, skipped (reused unchanged) or failed; anything unexpected counts as failed."""
    status = run.get("status")
    return status if status in STATUSES else "failed"


@lru_cache(maxsize=None)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths.templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def render_index(manifest: dict, lang: str = "vi") -> str:
    """index.html for a manifest (all text escaped by Jinja2's autoescape)."""
    template = _environment().get_template("index.html.j2")
    runs = manifest["runs"]
    return template.render(
        lang=lang, title=title("index", lang), manifest=manifest, runs=runs,
        count={s: sum(status_of(r) == s for r in runs) for s in STATUSES},
        failed=[r for r in runs if status_of(r) == "failed"],
        shown_figures=lambda run: shown_figures(run.get("figures") or {}, lang),
        status_of=status_of,
        status=lambda run: label(f"status_{status_of(run)}", lang),
        when=lambda stamp: (stamp or "")[:16].replace("T", " "),
    )
