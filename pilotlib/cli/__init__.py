"""The command line (`pilotlib …`, `python -m pilotlib …`): one module per command
(report, template, normalize, extract), a shared way to speak (``output``) and the parser
with its one error handler (``main``). May import every layer; nothing imports it.
"""
from __future__ import annotations

from pilotlib.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
