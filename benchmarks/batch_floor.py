"""The floor of `pilotlib report`: one plain Python process, no notebooks, same work.

Imports pilotlib once, loads the data set once, and for every unit calls the report
sections the unit_report notebook calls (assessment text, posts chart and table,
organisation diagram, composition, tasks, issues), then the comparison sections for all
units and the issues section — saving every figure (PNG + SVG) and table (CSV) to the
same artifact folders a batch writes, and rendering each table as the report shows it
(HTML). What it leaves out is exactly the notebook machinery: kernels, papermill,
the executed .ipynb and the HTML page around it.

Run: ``python benchmarks/batch_floor.py DATA OUT [UNIT ...]`` (no unit: all of them).
"""
from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import pilotlib as pl  # noqa: E402
from pilotlib.core.text import check_unique  # noqa: E402
from pilotlib.report import sections  # noqa: E402


def _render(items: list) -> int:
    """What display() would do with each item, minus the notebook: tables to HTML, figures closed."""
    from pilotlib.report.present import displayed

    rendered = 0
    for item in (displayed(i) for i in items):
        if item is None:  # a block for the Word report only
            continue
        if isinstance(item, Figure):
            plt.close(item)  # already saved as PNG + SVG by the section
        elif hasattr(item, "to_html"):  # a labelled table (Styler)
            rendered += len(item.to_html())
        else:  # a heading or paragraph (escaped HTML)
            rendered += len(getattr(item, "html", "") or "")
    return rendered


def main(data: str, out: str, units: list[str]) -> int:
    dataset = pl.load_dataset(data)
    chosen = dataset.resolve_units(units or None)
    slugs = check_unique(chosen)
    lang = "vi"
    artifacts = Path(out) / "artifacts"
    figures = {}
    for unit in chosen:
        folder = artifacts / f"unit_report--{slugs[unit]}--{lang}"
        items = [pl.heading(pl.title("unit_report", lang, unit))]
        items += sections.written_assessment(dataset, [unit], lang)
        items += sections.posts(dataset, [unit], lang, folder)
        items += sections.organisation(dataset, [unit], lang, folder)
        items += sections.organisation_review(dataset, [unit], lang, folder)
        items += sections.composition_section(dataset, [unit], lang, folder)
        items += sections.tasks(dataset, [unit], lang, folder)
        items += sections.issues(dataset, [unit], lang, folder)
        _render(items)
        row = pl.unit_row(pl.compare_posts(dataset.staffing), unit)
        figures[unit] = (row["posts_old"], row["posts_pilot"])
    folder = artifacts / f"comparison--all--{lang}"
    items = [pl.heading(pl.title("comparison", lang))]
    items += sections.written_assessment(dataset, chosen, lang)
    items += sections.posts(dataset, chosen, lang, folder)
    items += sections.ranking(dataset, chosen, lang, folder)
    items += sections.organisation(dataset, chosen, lang, folder)
    items += sections.organisation_review(dataset, chosen, lang, folder)
    items += sections.composition_section(dataset, chosen, lang, folder)
    items += sections.tasks(dataset, chosen, lang, folder)
    _render(items)
    overall = pl.overall_posts(pl.compare_posts(dataset.staffing[dataset.staffing["unit"].isin(chosen)]))
    folder = artifacts / f"issues--all--{lang}"
    _render([pl.heading(pl.title("issues", lang))] + sections.issues_summary(dataset, chosen, lang)
            + sections.issues(dataset, chosen, lang, folder))
    counts = pl.issue_counts(dataset.issues, chosen)
    print(f"floor: {len(chosen)} units, posts {overall['posts_old']} → {overall['posts_pilot']}, "
          f"{counts.get('difficulties', 0)} difficulties")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
