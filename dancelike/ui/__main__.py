"""``python -m dancelike.ui``: the desktop app."""

import sys

from dancelike.ui.app import main

if __name__ == "__main__":  # analysis worker processes import the main module: never rerun the app there
    sys.exit(main())
