"""Messy inputs in, tidy rows and rejects out — every input row kept, rejected with a
reason, or skipped as blank/title/total/note, and the counts add up.

Owns reading files (``cells``, ``xlsx``), counts (``counts``), row kinds (``row_kinds``),
name matching and problems (``matching``), the staffing and issue-list normalisers
(``staffing`` + ``staffing_layout``, ``issues`` + ``issues_layout``) with their shared
driver and result (``result``), the row checks of tidy tables (``tidy_check``), the input
template (``workbook_template``) and narrative reports (``narrative``: ``extract``).
May import ``core`` and ``reference``.
"""
