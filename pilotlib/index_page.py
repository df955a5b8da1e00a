"""The browsable entry page of a report set: one row per run, escaped, relative links.

Opened straight from disk (file://), so it has no scripts, no external assets and only
links relative to its own folder.
"""
from __future__ import annotations

from functools import lru_cache

import jinja2

from pilotlib import paths
from pilotlib.labels import title


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
    )
