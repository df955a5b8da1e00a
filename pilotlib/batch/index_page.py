"""The browsable pages of an output folder: a set's own index (one row per run) and the
folder's index (every set, newest first, each with its runs); escaped, relative links.

Opened straight from disk (file://): no external assets, only links relative to their
own folder, and one small inline script for the filters (without scripts the page shows
everything). A set of thousands of runs stays usable: its runs are grouped by province
(reports on all units first, units no reference places last), groups with a failure
come first and open, the others folded when the set is large; each group says its
counts per status; the filters narrow by text (marks optional), status and language.
A reused run says so and when it was produced; a failed run links its failed notebook
and, when there is one, its last good report. Times are Viet Nam time, dd/mm/yyyy HH:MM.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import PurePath

import jinja2

from pilotlib.core import paths
from pilotlib.core.dates import moment_text
from pilotlib.core.i18n import label, provenance_label, say, title
from pilotlib.core.text import fold
from pilotlib.report.narrative import format_number

STATUSES = ("ok", "skipped", "failed")
FAILED_LISTED = 40  # failed runs linked by name above the groups (the status filter finds every one)
OPEN_UP_TO = 200  # a set of at most this many runs shows every group open; a larger one, only groups with failures
GENERAL, PROVINCE, UNPLACED = 0, 1, 2  # kinds of group, in the order they are shown

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
        bytecode_cache=_compiled(),
    )


def _compiled() -> jinja2.BytecodeCache | None:
    """The pages' templates compiled once, kept beside the reference cache (~0.2 s a run
    otherwise; a template that changes is compiled again — jinja2 checks its checksum)."""
    folder = paths.cache_dir() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def _one_set(manifest: dict, prefix: str = "", anchor: str = "", lang: str = "vi") -> dict:
    """What the templates show of one set: its runs, counts, failures and groups."""
    runs = manifest.get("runs") or []
    return {
        "manifest": manifest, "runs": runs, "prefix": prefix, "anchor": anchor,
        "count": {s: sum(status_of(r) == s for r in runs) for s in STATUSES},
        "failed": [r for r in runs if status_of(r) == "failed"],
        "groups": group_runs(runs, manifest.get("provinces"), lang),
        "langs": sorted({r.get("lang") or "" for r in runs} - {""}),
        "illustrative": "illustrative" in (manifest.get("provenance") or []),
        "older": False,
    }


def group_runs(runs: list[dict], provinces: dict[str, str] | None, lang: str) -> list[dict]:
    """The runs by province: each group's name, runs (failed first, then by unit in plan
    order), counts per status and whether it starts open. Groups with a failure first,
    then the reports on all units, the provinces by name, and units of no known province
    (``provinces`` None: a set made before provinces were recorded; its unit reports
    are one group)."""
    found: dict[tuple[int, str], list[tuple[int, dict]]] = {}
    placed = provinces or {}
    for order, run in enumerate(runs):
        unit = run.get("unit") or ""
        province = placed.get(unit, "") if unit else ""
        kind = GENERAL if not unit else PROVINCE if province else UNPLACED
        found.setdefault((kind, province), []).append((order, run))
    unit_order: dict[str, int] = {}
    for run in runs:
        unit_order.setdefault(run.get("unit") or "", len(unit_order))
    names = {GENERAL: say("output.group_all", lang),
             UNPLACED: say("output.group_unplaced" if provinces is not None else "output.group_units", lang)}
    groups = []
    for (kind, province), members in found.items():
        members.sort(key=lambda pair: (status_of(pair[1]) != "failed", unit_order[pair[1].get("unit") or ""],
                                       pair[0]))
        shown = [run for _, run in members]
        count = {s: sum(status_of(r) == s for r in shown) for s in STATUSES}
        groups.append({"name": names.get(kind, province), "kind": kind, "runs": shown, "count": count,
                       "total": len(shown)})
    groups.sort(key=lambda g: (g["count"]["failed"] == 0, g["kind"], fold(g["name"]), g["name"]))
    for group in groups:
        group["open"] = len(runs) <= OPEN_UP_TO or group["count"]["failed"] > 0
    return groups


def when(stamp: str | None) -> str:
    """A recorded time (ISO, UTC) as a reader in Viet Nam reads it: dd/mm/yyyy HH:MM;
    "—" for none (a run that never ended), never the time of reading."""
    return moment_text(stamp) if stamp else "—"


def _helpers(lang: str) -> dict:
    return {
        "lang": lang, "title": title("index", lang),
        "shown_figures": lambda run: shown_figures(run.get("figures") or {}, lang),
        "status_of": status_of,
        "label": lambda key: label(key, lang),
        "failed_listed": FAILED_LISTED,
        "status": lambda run: label(f"status_{status_of(run)}", lang),
        # dd/mm/yyyy HH:MM in Viet Nam time, as every date a reader sees; the manifest keeps UTC
        "when": when,
        "shown_parts": lambda total: say("output.filter_shown", lang, shown="\0", total=total).split("\0", 1),
        "say": lambda key, **values: say(key, lang, **values),
    }


def render_index(manifest: dict, lang: str = "vi") -> str:
    """A set's own index.html (all text escaped by Jinja2's autoescape)."""
    template = _environment().get_template("index.html.j2")
    return template.render(manifest=manifest, s=_one_set(manifest, lang=lang), **_helpers(lang))


def render_folder_index(sets: list[tuple[str, dict]], lang: str = "vi") -> str:
    """The output folder's index.html: every set ((folder relative to the page, manifest),
    newest first), each with its data source and runs; illustrative sets marked, and a
    set whose data source has a newer set said to be older."""
    shown = []
    newest: set[tuple] = set()
    for folder, manifest in sets:
        one = _one_set(manifest, f"{folder}/", "set-" + folder.rsplit("/", 1)[-1], lang)
        info = manifest.get("set") or {}
        source = (info.get("source"), tuple(info.get("langs") or ()))
        one["older"] = source in newest
        one["data_name"] = say("output.bundled", lang) if info.get("bundled") else \
            PurePath(str(info.get("source") or manifest.get("data_root") or "")).name
        newest.add(source)
        shown.append(one)
    template = _environment().get_template("folder_index.html.j2")
    return template.render(sets=shown, **_helpers(lang))
