"""A run's report as a Word document in the administrative format, built in code from the
report model (no template engine inside Word runs, nothing of the user's text ever
becomes a field or markup).

Order of a "báo cáo sơ kết": heading block, "BÁO CÁO" and its summary line;
I. results (key figures, then the sections as the notebook shows them); II. limitations,
difficulties and causes; III. recommendations; the closing block ("Nơi nhận" | signature);
then the annex: data tables, documents cited, method, and the technical record of the run
(commit, versions, input hashes) — which is no longer a footer of every page.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK

from pilotlib.analysis.assessment import category_labels
from pilotlib.core.dates import moment_text
from pilotlib.core.i18n import has, label, provenance_label, say
from pilotlib.core.io import atomic_write
from pilotlib.report.docx import body, frame
from pilotlib.report.docx.layout import LANGUAGE, setup_page, setup_styles
from pilotlib.report.docx.settings import DocumentSettings
from pilotlib.report.model import Report, Table

# Recorded figures in a reader's order (the executed notebook stores them sorted by name).
KEY_ORDER = ("unit", "units", "posts_old", "posts_pilot", "change", "difficulties", "recommendations", "advantages")


def summary_line(report: Report) -> str:
    """What the report is about, for the line under "BÁO CÁO"."""
    meta = report.meta
    key = f"doc.summary_{meta.notebook}"
    if meta.subject and has(key):
        return say(key, meta.lang, subject=meta.subject, unit=", ".join(meta.units))
    return meta.title or meta.notebook


def _figure_value(value: object, lang: str) -> str:
    from pilotlib.report.narrative import format_number

    if isinstance(value, bool) or value is None:
        return "—" if value is None else str(value)
    if isinstance(value, (int, float)):
        return format_number(value, lang, 0 if float(value).is_integer() else 1)
    if isinstance(value, list):
        return ", ".join(_figure_value(v, lang) for v in value)
    if isinstance(value, dict):  # e.g. difficulties per topic: the topics' own labels
        names = category_labels(lang)
        return "; ".join(f"{names.get(k) or label(k, lang)}: {_figure_value(v, lang)}" for k, v in value.items())
    return str(value)


def key_figures_table(figures: dict, lang: str) -> Table | None:
    """The figures the notebook recorded (``record``), labelled — the values the index
    shows and the tests check, read back from the executed notebook."""
    rows = []
    order = {key: i for i, key in enumerate(KEY_ORDER)}
    for key, value in sorted(figures.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0] == "provenance")):
        shown = provenance_label(value, lang) if key == "provenance" else _figure_value(value, lang)
        rows.append([label(key, lang), shown])
    if not rows:
        return None
    return Table(name="key_figures", title=say("doc.key_figures", lang), columns=["item", "value"],
                 headers=[say("doc.sheet_item", lang), say("doc.sheet_value", lang)], kinds=["text", "text"],
                 decimals=[0, 0], rows=rows, lang=lang)


def technical_lines(technical: dict, lang: str) -> list[str]:
    """The run's record in plain lines: when, which run, commit, parameters, versions, inputs."""
    lines = []
    if technical.get("run_id"):
        lines.append(f"{say('doc.run_id', lang)}: {technical['run_id']}")
    if technical.get("ended"):
        lines.append(f"{say('doc.run_at', lang)}: {moment_text(technical['ended'])} ({say('doc.timezone', lang)})")
    lines.append(f"{say('doc.commit', lang)}: {technical.get('commit') or '—'}")
    parameters = technical.get("parameters") or {}
    if parameters:
        lines.append(f"{say('doc.parameters', lang)}: " + "; ".join(f"{k} = {v}" for k, v in parameters.items()))
    packages = technical.get("packages") or {}
    if packages:
        lines.append(f"{say('doc.packages', lang)}: " + ", ".join(f"{k} {v}" for k, v in packages.items()))
    inputs = technical.get("inputs") or {}
    if inputs:
        lines.append(f"{say('doc.inputs', lang)}:")
        lines += [f"{name}: {digest}" for name, digest in inputs.items()]
    return lines


def build(report: Report, folder: Path | None = None, settings: DocumentSettings | None = None,
          figures: dict | None = None, technical: dict | None = None, excel_name: str = ""):
    """The python-docx Document of ``report`` (figures' PNGs read from ``folder``)."""
    settings = settings or DocumentSettings()
    technical = technical or {}
    lang = report.meta.lang
    document = Document()
    setup_page(document)
    setup_styles(document, lang)
    frame.heading_block(document, settings, lang, technical.get("ended"))
    illustrative = report.is_illustrative()
    frame.title_block(document, summary_line(report), settings, lang, illustrative)
    if illustrative:
        frame.illustrative_header(document, lang)
    counter = body.Counter()
    body.add_heading(document, say("doc.part_results", lang), 1)
    key_table = key_figures_table(figures or {}, lang)
    if key_table is not None:
        body.add_heading(document, say("doc.key_figures", lang), 2, counter)
        body.add_table(document, key_table, counter, lang)
    body.add_blocks(document, report.in_part("results"), folder, counter, lang)
    for part in ("limits", "proposals"):
        counter.sections = 0
        body.add_heading(document, say(f"doc.part_{part}", lang), 1)
        blocks = report.in_part(part)
        if blocks:
            body.add_blocks(document, blocks, folder, counter, lang)
        else:
            body.add_paragraph(document, say(f"doc.no_{part}", lang), note=True)
    frame.closing_block(document, settings, lang)
    _annex(document, report, folder, counter, lang, technical, excel_name)
    properties = document.core_properties
    properties.title, properties.language = summary_line(report)[:255], LANGUAGE.get(lang, "vi-VN")
    properties.author = properties.last_modified_by = "pilotlib"
    return document


def _annex(document, report: Report, folder, counter: body.Counter, lang: str, technical: dict,
           excel_name: str) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    body.add_heading(document, say("doc.part_annex", lang), 1)
    counter.sections = 0
    body.add_heading(document, say("doc.annex_data", lang), 2, counter)
    body.add_blocks(document, report.in_part("annex"), folder, counter, lang, numbered=False)
    if excel_name:
        body.add_paragraph(document, say("doc.annex_excel", lang, file=excel_name))
    body.add_heading(document, say("doc.annex_sources", lang), 2, counter)
    cited = report.cited_sources()
    for number, source in enumerate(cited, start=1):
        body.add_paragraph(document, f"[{number}] {source['short_title']}: {source['reference']}")
    if not cited:
        body.add_paragraph(document, say("doc.no_sources", lang), note=True)
    body.add_heading(document, say("doc.annex_method", lang), 2, counter)
    body.add_paragraph(document, say("doc.method", lang))
    body.add_heading(document, say("doc.annex_technical", lang), 2, counter)
    body.small_lines(document, technical_lines(technical, lang))


def write_docx(report: Report, path: str | Path, folder: Path | None = None,
               settings: DocumentSettings | None = None, figures: dict | None = None,
               technical: dict | None = None, excel_name: str = "") -> Path:
    """Build and save atomically (a reader never sees half a file)."""
    document = build(report, folder, settings, figures, technical, excel_name)
    return atomic_write(path, lambda target: document.save(str(target)))
