"""``python -m dancelike``: the ``dancelike`` command, for an environment without its script on PATH."""

from __future__ import annotations

import sys

from dancelike.cli import main

# Guarded: the analysis workers' processes import the main module again, and must not run the command.
if __name__ == "__main__":
    sys.exit(main())
