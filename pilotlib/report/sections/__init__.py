"""Report sections: each returns the blocks of the report model (``report.model``:
headings, paragraphs, tables, figures, statements) and saves its figures and tables to
``output_dir`` when one is given.

Sections decide from the data what can be shown; when the data cannot support a
section (totals only, no task table, no usable row), the section says so in one line
or is left out, instead of drawing zeros. Notebooks stay thin:
``pl.show_items(pl.sections.composition_section(data, units, lang, out))`` shows the
blocks and records them, so Word and Excel render the same content.

- ``staffing``: posts, organisation (diagram), composition_section, tasks, key_figures
- ``review``: organisation_review (posts per body, separate bodies, heads and deputies,
  support posts), ranking (units by change in posts)
- ``issues``: issues, issues_summary, issue_figures
- ``written``: written_assessment, background
"""
from __future__ import annotations

from pilotlib.report.sections.issues import issue_figures, issues, issues_summary
from pilotlib.report.sections.review import organisation_review, ranking
from pilotlib.report.sections.staffing import composition_section, key_figures, organisation, posts, tasks
from pilotlib.report.sections.written import background, written_assessment

__all__ = ["background", "composition_section", "issue_figures", "issues", "issues_summary", "key_figures",
           "organisation", "organisation_review", "posts", "ranking", "tasks", "written_assessment"]
