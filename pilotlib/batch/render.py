"""Word and Excel for a good run, from the report its notebook recorded.

The one hook the runner calls after a run succeeded (``execute_run``, after the run's
figures are published): read the report model from the executed notebook, keep it as
``artifacts/<run>/report.json``, and write ``reports/<run>.docx`` and
``reports/<run>.xlsx`` as the batch's ``formats`` ask. What it returns is added to the
run's ``outputs``. A notebook that recorded no report (an analyst's own notebook that
shows no sections) gets no Word or Excel file, and that is not an error.
"""
from __future__ import annotations

import traceback
from pathlib import Path

from pilotlib.batch.plan import STAGING_PARAMETERS, Run
from pilotlib.core.errors import PilotlibError
from pilotlib.core.i18n import say

FORMATS = ("html", "docx", "xlsx")


def parse_formats(text: str | list[str] | tuple[str, ...] | None, lang: str = "vi") -> tuple[str, ...]:
    """"html,docx" (or a list) → ("html", "docx") in the canonical order; all by default."""
    if not text:
        return FORMATS
    names = text.split(",") if isinstance(text, str) else list(text)
    chosen = {name.strip().lower() for name in names if name.strip()}
    unknown = sorted(chosen - set(FORMATS))
    if unknown or not chosen:
        raise PilotlibError(say("doc.formats_unknown", lang, formats=", ".join(unknown) or "—",
                                allowed=",".join(FORMATS)))
    return tuple(f for f in FORMATS if f in chosen)


def wants(facts: dict, fmt: str) -> bool:
    return fmt in (facts.get("formats") or FORMATS)


def technical_record(run: Run, entry: dict, facts: dict, ended: str) -> dict:
    """What the annexes say about how the run was produced (the manifest's facts)."""
    return {
        "run_id": run.run_id, "started": entry.get("started"), "ended": ended,
        "commit": facts.get("commit"),
        "parameters": {k: v for k, v in run.parameters.items() if k not in STAGING_PARAMETERS},
        "packages": {"python": facts.get("python", "")} | (facts.get("packages") or {}),
        "inputs": facts.get("inputs") or {},
    }


def render_documents(run: Run, notebook, out_dir: Path, facts: dict, entry: dict,
                     ended: str) -> tuple[dict[str, str], str | None]:
    """(outputs added, error or None): report.json, then the .docx and .xlsx asked for."""
    from pilotlib.report.annex import write_xlsx
    from pilotlib.report.docx.document import write_docx
    from pilotlib.report.docx.settings import settings_from
    from pilotlib.report.model import read_report, write_report

    report = read_report(notebook)
    if not report.meta.notebook and not report.blocks:
        return {}, None
    folder = out_dir / "artifacts" / run.run_id
    outputs = {"report": f"artifacts/{run.run_id}/report.json"}
    try:
        write_report(report, folder / "report.json")
        technical = technical_record(run, entry, facts, ended)
        excel = f"{run.run_id}.xlsx" if wants(facts, "xlsx") else ""
        if wants(facts, "docx"):
            settings = settings_from(facts.get("document"), lang=run.lang)
            write_docx(report, out_dir / "reports" / f"{run.run_id}.docx", folder, settings,
                       entry.get("figures") or {}, technical, excel)
            outputs["docx"] = f"reports/{run.run_id}.docx"
        if excel:
            write_xlsx(report, out_dir / "reports" / excel, technical)
            outputs["xlsx"] = f"reports/{excel}"
    except Exception as exc:  # noqa: BLE001 - a format that fails fails this run only
        lines = traceback.format_exception_only(exc)
        return outputs, f"{type(exc).__name__} (docx/xlsx): {lines[-1].strip()}"[:4000]
    return outputs, None
