"""`python -m pilotlib …` is the same command as `pilotlib …`."""
import sys

from pilotlib.cli import main

sys.exit(main())
