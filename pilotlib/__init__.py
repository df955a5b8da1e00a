"""pilotlib: compare a public-sector restructuring pilot with the old structure.

The names below are what notebooks and analysts use; each lives in a module with
one idea (see the README's map of modules).
"""
from pilotlib import sections
from pilotlib.assessment import issue_counts
from pilotlib.charts import posts_old_vs_pilot, save_figure
from pilotlib.dataset import DataError, Dataset, load_dataset
from pilotlib.labels import label, title
from pilotlib.metrics import citations, compare_posts, overall_posts, unit_row
from pilotlib.narrative import overall_summary, unit_summary
from pilotlib.present import heading, labelled_table, paragraph, save_table, show, with_total
from pilotlib.recording import record
from pilotlib.sections import show_items

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pilotlib")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0+unknown"

__all__ = [
    "DataError", "Dataset", "citations", "issue_counts", "sections", "show_items", "compare_posts", "heading", "label",
    "labelled_table", "load_dataset", "overall_posts", "overall_summary", "paragraph",
    "posts_old_vs_pilot", "record", "save_figure", "save_table", "show", "title", "unit_row",
    "unit_summary", "with_total",
]
