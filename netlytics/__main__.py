"""``python -m netlytics``: the command line (same as the ``netlytics`` script)."""

import sys

from netlytics.cli import main

if __name__ == "__main__":
    sys.exit(main())
