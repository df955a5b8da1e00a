"""A report model built in-process, as a notebook would build it (no kernel): the shared
material of the Word and Excel tests."""
from __future__ import annotations

import copy
import shutil
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from conftest import staffing_rows

from pilotlib.data.load import load_dataset
from pilotlib.data.model import Dataset
from pilotlib.reference.validate import validate
from pilotlib.report import sections
from pilotlib.report.blocks import report_meta
from pilotlib.report.model import Report

# Texts a spreadsheet or a word processor could take for something else.
HOSTILE = ["=HYPERLINK(\"http://x\",\"bấm\")", "+1+1", "-2-2", "@SUM(A1)", "<w:p>&amp; <script>x</script>",
           "tab\there\x07bell", "{{ unit }} {% if %}", "=cmd|' /C calc'!A0"]


def build_report(data: Dataset, units: list[str], lang: str, folder: Path, notebook: str = "unit_report") -> Report:
    """Every section a report notebook shows, in the notebook's order, as one Report."""
    blocks = (sections.written_assessment(data, units, lang) + sections.posts(data, units, lang, folder)
              + sections.organisation(data, units, lang, folder) + sections.organisation_review(data, units, lang, folder)
              + sections.composition_section(data, units, lang, folder)
              + sections.tasks(data, units, lang, folder) + sections.issues(data, units, lang, folder)
              + sections.background(data, lang, folder))
    staffing = data.staffing[data.staffing["unit"].isin(units)]
    model = data.table("pilot_model")
    subject = model.loc[model["element"] == "agency", f"name_{lang}"]
    meta = report_meta(notebook, notebook, lang, units, "per_unit", staffing, data.table("sources"),
                       subject.iloc[0] if len(subject) else "")
    for block in blocks:  # saved already; a notebook's show_items closes them the same way
        if getattr(block, "figure", None) is not None:
            plt.close(block.figure)
    return Report(meta, blocks)


_BUILT: dict[str, tuple[Report, Path]] = {}  # language → the first build and its folder


def bundled_report(folder: Path, lang: str = "vi") -> Report:
    """Lâm Hà's report on the bundled data, its charts in ``folder``. Built once per
    language and process, then copied (the report and its chart files): a test may change
    its copy. Seven tests ask for it; building is the costly part (charts)."""
    if lang not in _BUILT:
        report = build_report(load_dataset(), ["Lâm Hà"], lang, folder)
        for block in report.blocks:
            if getattr(block, "figure", None) is not None:
                block.figure = None  # closed already: nothing to draw from a copy
        _BUILT[lang] = (report, folder)
    report, built_in = _BUILT[lang]
    if Path(folder) != built_in:
        shutil.copytree(built_in, folder, dirs_exist_ok=True)
    return copy.deepcopy(report)


def hostile_dataset() -> Dataset:
    """Lâm Hà with analyst statements made of hostile texts (and the bundled sources)."""
    bundled = load_dataset()
    staffing = staffing_rows([{"unit": "Lâm Hà", "structure": s, "posts": 20} for s in ("old", "pilot")])
    issues = pd.DataFrame([{"unit": "", "kind": kind, "category": "other", "text": text, "provenance": "analyst",
                            "source_file": "x.csv", "source_row": "2"}
                           for text in HOSTILE for kind in ("difficulty", "recommendation")])
    return Dataset(root=Path("."), tables={"staffing": staffing, "issues": validate(issues, "issues"),
                                           "sources": bundled.table("sources"),
                                           "pilot_model": bundled.table("pilot_model")})
