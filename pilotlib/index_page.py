"""The browsable entry page of a report set: one row per run, escaped, relative links.

Opened straight from disk (file://), so it has no scripts, no external assets and only
links relative to its own folder.
"""
from __future__ import annotations

from functools import lru_cache

import jinja2

from pilotlib import paths
from pilotlib.labels import label, provenance_label, title

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
    failed = [r for r in runs if r.get("status") != "ok"]
    return template.render(
        lang=lang, title=title("index", lang), manifest=manifest, runs=runs, failed=failed,
        shown_figures=lambda run: shown_figures(run.get("figures") or {}, lang),
        status=lambda run: label(f"status_{run.get('status', 'failed')}", lang),
    )
