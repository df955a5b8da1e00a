"""The appendix at the end of every HTML report (RAP-style): the documents the page cites
and the same facts as the manifest, in the report's language.

A reader who only has the HTML page can still tell which documents, code, data and
parameters produced it. It is an appendix, not a footer: the print rules start it on a
new page, so the hashes stay out of the report's own pages. It is a raw HTML cell
appended to a copy of the executed notebook just before export, so the .ipynb stays
exactly what papermill wrote. All text is escaped: unit names and parameters come from
user data.
"""
from __future__ import annotations

import copy
from html import escape

import nbformat

from pilotlib.batch.plan import STAGING_PARAMETERS
from pilotlib.core.dates import moment_text
from pilotlib.core.i18n import LANGS, say
from pilotlib.report.model import Report, read_report


def _row(label: str, value: str) -> str:
    return f"<li><strong>{escape(label)}</strong>: {value}</li>"


def _inline(items: dict) -> str:
    """key value · key value … on one line (empty values shown as —)."""
    shown = [f"{escape(str(k))} {escape(str(v)) if v not in ('', None) else '—'}"
             for k, v in items.items()]
    return " · ".join(shown) or "—"


def _hashes(items: dict) -> str:
    if not items:
        return "—"
    rows = "".join(f"<li>{escape(str(name))}: <code>{escape(str(digest))}</code></li>"
                   for name, digest in items.items())
    return f"<ul>{rows}</ul>"


def _references(report: Report | None, lang: str) -> str:
    """The documents the page cites, by the short titles its citations use."""
    cited = report.cited_sources() if report is not None else []
    if not cited:
        return ""
    rows = "".join(f"<li><strong>{escape(s['short_title'])}</strong>: {escape(s['reference'])}</li>"
                   for s in cited)
    return f"<div><strong>{escape(say('doc.annex_sources', lang))}</strong></div><ul>{rows}</ul>"


def footer_html(run: dict, facts: dict, ended: str, report: Report | None = None) -> str:
    """The page's appendix for a run (manifest-like dict) and the batch facts: the
    documents cited, then the technical record, in the report's language, times in
    Viet Nam time.

    Only what nbconvert's raw-cell sanitiser (bleach) keeps: div, ul, li, strong, code
    and class attributes (no style; a table would gain a <tbody> shown as text). The
    JupyterLab classes give it the page's font.
    """
    parameters = {k: v for k, v in (run.get("parameters") or {}).items()
                  if k not in STAGING_PARAMETERS}
    lang = run.get("lang") or parameters.get("lang") or "vi"
    lang = lang if lang in LANGS else "vi"
    packages = {"python": facts.get("python", "")} | (facts.get("packages") or {})
    zone = escape(say("doc.timezone", lang))
    rows = [
        _row(say("doc.run_at", lang),
             f"{escape(moment_text(run.get('started')))} → {escape(moment_text(ended))} ({zone})"),
        _row(say("doc.commit", lang), f"<code>{escape(facts.get('commit') or '—')}</code>"),
        _row(say("doc.parameters", lang), _inline(parameters)),
        _row(say("doc.packages", lang), _inline(packages)),
        _row(say("doc.inputs", lang), _hashes(facts.get("inputs") or {})),
    ]
    return (
        '<div class="jp-Cell jp-MarkdownCell pilotlib-provenance">'
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput">'
        f"<div><strong>{escape(say('doc.appendix_html', lang))}</strong> "
        f"(<code>{escape(run.get('run_id', ''))}</code>)</div>"
        + _references(report, lang)
        + f"<div><strong>{escape(say('doc.annex_technical', lang))}</strong></div>"
        "<ul>" + "".join(rows) + "</ul></div></div>"
    )


def with_footer(notebook: nbformat.NotebookNode, run: dict, facts: dict,
                ended: str) -> nbformat.NotebookNode:
    """A copy of the notebook with the footer as its last (raw HTML) cell."""
    shown = copy.deepcopy(notebook)
    cell = nbformat.v4.new_raw_cell(footer_html(run, facts, ended, read_report(notebook)))
    cell.metadata["raw_mimetype"] = "text/html"
    shown.cells.append(cell)
    return shown
