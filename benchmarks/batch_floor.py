"""The floor of `pilotlib report`: one plain Python process, no kernels, same files.

Imports pilotlib once, loads the data set once, plans the same runs as the batch
(``batch.plan``: unit_report per unit, comparison and issues for all) and, for every
run, does in this process what the notebook's cells do — the report title and meta,
then each cell's ``pilotlib.sections`` call (figures and tables saved as PNG, SVG and
CSV into ``artifacts/<run>``) — and puts what each cell would display into that cell's
outputs, as the kernel would (escaped HTML text, the labelled table's HTML, the chart
as an inline PNG, the report blocks and key figures as their JSON outputs). Then it
writes what a run writes, with the batch's own functions: the notebook
(``reports/<run>.ipynb``), its HTML page with the footer (``execute.export_html``,
one exporter), ``report.json``, the Word report and the Excel annex
(``render.render_documents``). What it leaves out is exactly the notebook machinery:
kernels, papermill, worker processes, the staging and the set's manifest and index.

Each notebook's cells are paired with a recipe below, one per code cell: a notebook
that gains or loses a cell stops the floor (``RecipeMismatch``) instead of letting it
drift from what the batch does.

Run: ``python benchmarks/batch_floor.py DATA OUT [UNIT ...]`` (no unit: all of them);
``--timings`` prints the seconds spent per stage.
"""
from __future__ import annotations

import copy
import sys
import time
from collections import defaultdict
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
from IPython.core.pylabtools import print_figure  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import pilotlib as pl  # noqa: E402
from pilotlib.batch.execute import export_html, page_title  # noqa: E402
from pilotlib.batch.footer import with_footer  # noqa: E402
from pilotlib.batch.plan import Run, plan  # noqa: E402
from pilotlib.batch.render import FORMATS, render_documents  # noqa: E402
from pilotlib.batch.runner import batch_facts  # noqa: E402
from pilotlib.core.i18n import title  # noqa: E402
from pilotlib.core.io import atomic_write  # noqa: E402
from pilotlib.report import context as report_context  # noqa: E402
from pilotlib.report import display as view  # noqa: E402
from pilotlib.report import model, recording  # noqa: E402
from pilotlib.report.blocks import report_meta  # noqa: E402
from pilotlib.report.present import BLOCKS, displayed, without_empty_headings  # noqa: E402

NOTEBOOKS = ("unit_report", "comparison", "issues")
S = pl.sections

# One entry per code cell after the parameters cell: (data, units, lang, folder) → what the
# cell shows (``show``), records (``record``) or opens with (``open``: title and meta).
RECIPES = {
    "unit_report": [
        ("open", None),
        ("show", lambda d, u, lang, f: S.written_assessment(d, u, lang)),
        ("show", lambda d, u, lang, f: S.posts(d, u, lang, f)),
        ("show", lambda d, u, lang, f: pl.province.unit_constituents(d, u, lang, f)),
        ("show", lambda d, u, lang, f: S.organisation(d, u, lang, f)),
        ("show", lambda d, u, lang, f: S.organisation_review(d, u, lang, f)),
        ("show", lambda d, u, lang, f: S.composition_section(d, u, lang, f)),
        ("show", lambda d, u, lang, f: S.tasks(d, u, lang, f)),
        ("show", lambda d, u, lang, f: S.issues(d, u, lang, f)),
        ("record", lambda d, u, lang, f: S.key_figures(d, u)),
    ],
    "comparison": [
        ("open", None),
        ("show", lambda d, u, lang, f: S.written_assessment(d, u, lang)),
        ("show", lambda d, u, lang, f: S.posts(d, u, lang, f)),
        ("show", lambda d, u, lang, f: S.ranking(d, u, lang, f)),
        ("show", lambda d, u, lang, f: S.organisation(d, u, lang, f)),
        ("show", lambda d, u, lang, f: S.organisation_review(d, u, lang, f)),
        ("show", lambda d, u, lang, f: S.composition_section(d, u, lang, f)),
        ("show", lambda d, u, lang, f: S.tasks(d, u, lang, f)),
        ("show", lambda d, u, lang, f: S.background(d, lang, f)),
        ("record", lambda d, u, lang, f: S.key_figures(d, u)),
    ],
    "issues": [
        ("open", None),
        ("show", lambda d, u, lang, f: S.issues_summary(d, u, lang)),
        ("show", lambda d, u, lang, f: S.issues(d, u, lang, f)),
        ("record", lambda d, u, lang, f: S.issue_figures(d, u)),
    ],
}


class RecipeMismatch(SystemExit):
    """A notebook whose code cells no longer pair with the floor's recipe."""


def _output(data: dict, metadata: dict | None = None) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data=data, metadata=metadata or {})


def _bundle(item) -> tuple[dict, dict]:
    """What IPython's display() puts in a cell for one shown item: data and metadata."""
    if isinstance(item, Figure):
        png = print_figure(item, "png", bbox_inches="tight", base64=True)  # matplotlib-inline's default
        plt.close(item)
        return {"image/png": png, "text/plain": repr(item)}, {}
    if isinstance(item, view.ChartImage):  # a chart saved as PNG: the file is shown
        plt.close(item.figure)
        return item._repr_mimebundle_()
    if isinstance(item, view.Text):
        return item._repr_mimebundle_(), {}
    return {"text/html": item._repr_html_(), "text/plain": repr(item)}, {}  # a labelled table (Styler)


def _show(items: list) -> list:
    """The outputs of ``pl.show_items(items)``: each shown item, then the recorded blocks."""
    items = without_empty_headings(items)
    outputs = [_output(*_bundle(shown)) for shown in (displayed(i) for i in items) if shown is not None]
    blocks = [i for i in items if isinstance(i, BLOCKS)]
    if blocks:
        outputs.append(_output({model.MIME: {"blocks": [model.block_json(b) for b in blocks]}, "text/plain": ""}))
    return outputs


def _open(notebook: str, dataset, units: list[str], lang: str, per_unit: bool) -> list:
    """The outputs of ``pl.report_context(...)``: the title heading and the report's meta."""
    shown = title(notebook, lang, units[0] if per_unit else "")
    meta = report_meta(notebook, shown, lang, units, "per_unit" if per_unit else "all_units",
                       dataset.staffing[dataset.staffing["unit"].isin(units)], dataset.table("sources"),
                       report_context._subject(dataset, lang))
    return [_output(view.heading(shown)._repr_mimebundle_()),
            _output({model.MIME: {"meta": asdict(meta)}, "text/plain": ""})]


def _cells(template: nbformat.NotebookNode, run: Run) -> tuple[nbformat.NotebookNode, list]:
    """A copy of the notebook with papermill's injected parameters cell, and its code cells."""
    notebook = copy.deepcopy(template)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    injected = nbformat.v4.new_code_cell("# Parameters\n" + "".join(
        f"{k} = {v!r}\n" for k, v in run.parameters.items()), metadata={"tags": ["injected-parameters"]})
    notebook.cells.insert(notebook.cells.index(code[0]) + 1, injected)
    return notebook, code[1:]


def produce(run: Run, template: nbformat.NotebookNode, dataset, out: Path, facts: dict, clock: dict) -> None:
    """Everything one run writes, in this process."""
    started = datetime.now(timezone.utc).isoformat()
    tick = time.perf_counter()
    folder = out / "artifacts" / run.run_id
    per_unit = "unit" in run.parameters  # as report_context resolves them
    units = [dataset.resolve_unit(run.parameters["unit"])] if per_unit else dataset.resolve_units(run.parameters["units"])
    notebook, cells = _cells(template, run)
    recipe = RECIPES[run.notebook]
    if len(recipe) != len(cells):
        raise RecipeMismatch(f"{run.notebook}: {len(cells)} code cells after the parameters, recipe has {len(recipe)}")
    for cell, (kind, step) in zip(cells, recipe):
        if kind == "open":
            cell.outputs = _open(run.notebook, dataset, units, run.lang, per_unit)
        elif kind == "show":
            cell.outputs = _show(step(dataset, units, run.lang, str(folder)))
        else:
            payload = {k: recording._plain(v) for k, v in step(dataset, units, run.lang, folder).items()}
            cell.outputs = [_output({recording.MIME: payload, "text/plain": ""})]
    tick = _lap(clock, "sections + display outputs", tick)
    entry = run.as_dict() | {"title": page_title(run), "started": started,
                             "figures": recording.read_recorded(notebook)}
    ended = datetime.now(timezone.utc).isoformat()
    atomic_write(out / "reports" / f"{run.run_id}.ipynb", nbformat.writes(notebook))
    tick = _lap(clock, "ipynb", tick)
    atomic_write(out / "reports" / f"{run.run_id}.html",
                 export_html(with_footer(notebook, entry, facts, ended), entry["title"]))
    tick = _lap(clock, "html (nbconvert)", tick)
    _, error = render_documents(run, notebook, out, facts, entry, ended)
    if error:
        raise SystemExit(f"{run.run_id}: {error}")
    _lap(clock, "report.json + docx + xlsx", tick)


def _lap(clock: dict, stage: str, since: float) -> float:
    now = time.perf_counter()
    clock[stage] += now - since
    return now


def main(argv: list[str]) -> int:
    timings = "--timings" in argv
    data, out, *units = [a for a in argv if a != "--timings"]
    clock: dict[str, float] = defaultdict(float)
    tick = time.perf_counter()
    out = Path(out)
    dataset = pl.load_dataset(data)
    runs = plan(dataset, data, out, units or None, notebooks=NOTEBOOKS)
    facts = batch_facts(dataset, data) | {"formats": list(FORMATS), "document": None, "context": {}}
    templates = {name: nbformat.read(run.notebook_file, as_version=4) for run in runs
                 for name in [run.notebook]}
    tick = _lap(clock, "load data + plan", tick)
    for run in runs:
        produce(run, templates[run.notebook], dataset, out, facts, clock)
    overall = pl.overall_posts(pl.compare_posts(dataset.staffing))
    print(f"floor: {len(runs)} runs, posts {overall['posts_old']} → {overall['posts_pilot']}")
    if timings:
        for stage, seconds in clock.items():
            print(f"floor stage {stage}: {seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
