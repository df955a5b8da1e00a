"""The browsable pages of an output folder: a set's own index (one row per run) and the
folder's index (every set, newest first, each with its runs); escaped, relative links.

Opened straight from disk (file://), so they have no scripts, no external assets and
only links relative to their own folder. A reused run says so and when it was produced;
a failed run links its failed notebook and, when there is one, its last good report.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import PurePath

import jinja2

from pilotlib.core import paths
from pilotlib.core.dates import moment_text
from pilotlib.core.i18n import label, provenance_label, say, title
from pilotlib.report.narrative import format_number

STATUSES = ("ok", "skipped", "failed")

# Recorded figures that the index shows, in this order; the others stay in the manifest.
SHOWN_FIGURES = ("posts_old", "posts_pilot", "change", "difficulties", "recommendations", "advantages",
                 "provenance")


def _shown(key: str, value: object, lang: str) -> str:
    """A recorded value as the index writes it: numbers the language's way, a figure the
    data could not give as "no data" (never 0)."""
    if value is None:
        return label("no_data", lang)
    if key == "provenance":
        return provenance_label(value, lang)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value, lang, 0 if float(value).is_integer() else 1)
    return str(value)


def shown_figures(figures: dict, lang: str) -> list[tuple[str, str]]:
    """(label, value) pairs of a run's key figures, in the index language."""
    return [(label(key, lang), _shown(key, figures[key], lang))
            for key in SHOWN_FIGURES if key in figures and not (key == "provenance" and not figures[key])]


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


def _one_set(manifest: dict, prefix: str = "", anchor: str = "") -> dict:
    """What the templates show of one set: its runs, counts and failures."""
    runs = manifest.get("runs") or []
    return {
        "manifest": manifest, "runs": runs, "prefix": prefix, "anchor": anchor,
        "count": {s: sum(status_of(r) == s for r in runs) for s in STATUSES},
        "failed": [r for r in runs if status_of(r) == "failed"],
        "illustrative": "illustrative" in (manifest.get("provenance") or []),
        "older": False,
    }


def _helpers(lang: str) -> dict:
    return {
        "lang": lang, "title": title("index", lang),
        "shown_figures": lambda run: shown_figures(run.get("figures") or {}, lang),
        "status_of": status_of,
        "status": lambda run: label(f"status_{status_of(run)}", lang),
        # dd/mm/yyyy HH:MM in Viet Nam time, as every date a reader sees; the manifest keeps UTC
        "when": lambda stamp: moment_text(stamp) if stamp else "—",
        "say": lambda key, **values: say(key, lang, **values),
    }


def render_index(manifest: dict, lang: str = "vi") -> str:
    """A set's own index.html (all text escaped by Jinja2's autoescape)."""
    template = _environment().get_template("index.html.j2")
    return template.render(manifest=manifest, s=_one_set(manifest), **_helpers(lang))


def render_folder_index(sets: list[tuple[str, dict]], lang: str = "vi") -> str:
    """The output folder's index.html: every set ((folder relative to the page, manifest),
    newest first), each with its data source and runs; illustrative sets marked, and a
    set whose data source has a newer set said to be older."""
    shown = []
    newest: set[tuple] = set()
    for folder, manifest in sets:
        one = _one_set(manifest, f"{folder}/", "set-" + folder.rsplit("/", 1)[-1])
        info = manifest.get("set") or {}
        source = (info.get("source"), tuple(info.get("langs") or ()))
        one["older"] = source in newest
        one["data_name"] = say("output.bundled", lang) if info.get("bundled") else \
            PurePath(str(info.get("source") or manifest.get("data_root") or "")).name
        newest.add(source)
        shown.append(one)
    template = _environment().get_template("folder_index.html.j2")
    return template.render(sets=shown, **_helpers(lang))
