"""Report content and its display: sections that compute paragraphs, tables and figures
from a data set (``sections``, ``context``), the written assessment (``narrative`` over
the Jinja2 templates), charts (``charts``), labelled tables (``tables``), notebook
display (``display``) and the figures a run records for the index (``recording``).
A section returns content; writing reports is the batch runner's job.
May import every layer up to ``analysis``.
"""
