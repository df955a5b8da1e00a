"""The ground floor: what every other layer leans on and nothing pilotlib-specific sits under.

Owns the error hierarchy and exit statuses (``errors``), every location (``paths``), the
languages and every user-facing word (``i18n`` over the tables of ``messages``), folded
text keys and safe file names (``text``), legacy font repair (``legacy_text``), rounding
as Excel does it (``rounding``), "once per distinct value" (``distinct``) and files in
and out — atomic writes, tables, hashes (``io``). Imports nothing of pilotlib outside
``core``.
"""
