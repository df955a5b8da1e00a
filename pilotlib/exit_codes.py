"""Exit status of every `pilotlib` command (the command-line contract, defined once).

0 clean; 1 data problems (outputs and rejects written, problems listed) or failed report
runs; 2 unusable input or usage (nothing written; the message names the file and why).
"""
from __future__ import annotations

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
