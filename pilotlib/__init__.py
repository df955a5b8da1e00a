"""pilotlib: compare a public-sector restructuring pilot with the old structure.

The package's folders are its data flow, each layer importing only the layers before it
(checked by import-linter in ``make test``)::

    core → reference → ingest → data → analysis → report → batch → cli

The names below are what notebooks and analysts use (``import pilotlib as pl``). They
are imported lazily, on first use, so that ``import pilotlib`` in a report kernel costs
only what that report needs.
"""
from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("pilotlib")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0+unknown"

_EXPORTS: dict[str, str] = {
    # errors
    "PilotlibError": "core.errors", "DataError": "core.errors",
    # data in
    "load_dataset": "data.load", "Dataset": "data.model", "report_context": "report.context",
    "province_context": "report.context",
    "normalize_staffing": "ingest.staffing", "normalize_issues": "ingest.issues",
    "extract_report": "ingest.narrative.extract",
    "write_template": "ingest.workbook_template", "write_filled": "ingest.workbook_template",
    "demo_workbook": "data.example", "scratch_dir": "core.paths", "unit_reference": "reference.unit_reference",
    # numbers
    "compare_posts": "analysis.metrics", "overall_posts": "analysis.metrics", "unit_row": "analysis.metrics",
    "roll_up": "analysis.rollup", "compare_units": "analysis.boundary", "compare_area": "analysis.area_comparison",
    "citations": "analysis.provenance", "issue_counts": "analysis.assessment",
    # words and pictures
    "unit_summary": "report.narrative", "overall_summary": "report.narrative",
    "posts_old_vs_pilot": "report.charts.posts", "save_figure": "report.charts.style",
    "label": "core.i18n", "title": "core.i18n",
    "heading": "report.display", "paragraph": "report.display", "show": "report.display",
    "show_items": "report.present", "labelled_table": "report.tables", "save_table": "report.tables",
    "with_total": "report.tables", "record": "report.recording",
    "read_report": "report.model", "write_docx": "report.docx.document", "write_xlsx": "report.annex",
    # batch
    "make_reports": "batch.api",
}
_MODULES = {"sections": "report.sections", "province": "report.province", "vocab": "reference.vocab",
            "composition": "analysis.composition",
            "versatility": "analysis.versatility", "assessment": "analysis.assessment"}

__all__ = sorted([*_EXPORTS, *_MODULES])


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(f"pilotlib.{_EXPORTS[name]}"), name)
    elif name in _MODULES:
        value = import_module(f"pilotlib.{_MODULES[name]}")
    else:
        raise AttributeError(f"module 'pilotlib' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])
