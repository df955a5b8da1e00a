"""The provenance footer of every HTML report (RAP-style): the same facts as the manifest.

A reader who only has the HTML page can still tell which code, data and parameters
produced it. The footer is a raw HTML cell appended to a copy of the executed notebook
just before export, so the .ipynb stays exactly what papermill wrote. All text is
escaped: unit names and parameters come from user data.
"""
from __future__ import annotations

import copy
from html import escape

import nbformat

from pilotlib.batch.plan import STAGING_PARAMETERS


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


def footer_html(run: dict, facts: dict, ended: str) -> str:
    """The footer's HTML for a run (manifest-like dict) and the batch facts.

    Only what nbconvert's raw-cell sanitiser (bleach) keeps: div, ul, li, strong, code
    and class attributes (no style; a table would gain a <tbody> shown as text). The
    JupyterLab classes give it the page's font.
    """
    parameters = {k: v for k, v in (run.get("parameters") or {}).items()
                  if k not in STAGING_PARAMETERS}
    packages = {"python": facts.get("python", "")} | (facts.get("packages") or {})
    rows = [
        _row("Chạy lúc (UTC) / Run (UTC)",
             f"{escape(run.get('started') or '')} → {escape(ended)}"),
        _row("Mã nguồn / Commit", f"<code>{escape(facts.get('commit') or '—')}</code>"),
        _row("Tham số / Parameters", _inline(parameters)),
        _row("Gói phần mềm / Packages", _inline(packages)),
        _row("Dữ liệu đầu vào (sha256) / Inputs (sha256)", _hashes(facts.get("inputs") or {})),
    ]
    return (
        '<div class="jp-Cell jp-MarkdownCell pilotlib-provenance">'
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput">'
        "<div><strong>Nguồn gốc báo cáo / How this report was produced</strong> "
        f"(<code>{escape(run.get('run_id', ''))}</code>)</div>"
        "<ul>" + "".join(rows) + "</ul></div></div>"
    )


def with_footer(notebook: nbformat.NotebookNode, run: dict, facts: dict,
                ended: str) -> nbformat.NotebookNode:
    """A copy of the notebook with the footer as its last (raw HTML) cell."""
    shown = copy.deepcopy(notebook)
    cell = nbformat.v4.new_raw_cell(footer_html(run, facts, ended))
    cell.metadata["raw_mimetype"] = "text/html"
    shown.cells.append(cell)
    return shown
