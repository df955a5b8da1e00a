"""pilotlib: compare a public-sector restructuring pilot with the old structure.

The names below are what notebooks and analysts use; each lives in a module with one
idea (README: map of modules). They are imported lazily, on first use, so that
`import pilotlib` in a report kernel costs only what that report needs.
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
    # data in
    "load_dataset": "dataset", "Dataset": "dataset", "DataError": "dataset",
    "normalize_staffing": "staffing_normalize",
    "write_template": "template_workbook", "write_filled": "template_workbook",
    "demo_workbook": "template_workbook", "scratch_dir": "paths",
    # numbers
    "compare_posts": "metrics", "overall_posts": "metrics", "unit_row": "metrics",
    "citations": "metrics", "issue_counts": "assessment",
    # words and pictures
    "unit_summary": "narrative", "overall_summary": "narrative",
    "posts_old_vs_pilot": "charts", "save_figure": "charts",
    "label": "labels", "title": "labels",
    "heading": "present", "paragraph": "present", "labelled_table": "present",
    "save_table": "present", "show": "present", "with_total": "present",
    "show_items": "sections", "record": "recording",
    # batch
    "make_reports": "reporting",
}
_MODULES = ("sections", "vocab", "composition", "versatility", "assessment")

__all__ = sorted([*_EXPORTS, *_MODULES])


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(f"pilotlib.{_EXPORTS[name]}"), name)
    elif name in _MODULES:
        value = import_module(f"pilotlib.{name}")
    else:
        raise AttributeError(f"module 'pilotlib' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
