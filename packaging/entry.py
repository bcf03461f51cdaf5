"""The frozen app's entry script: the same `main` as the installed ``backupviewer`` command."""

import multiprocessing
import sys

from backupviewer.__main__ import main

if __name__ == "__main__":
    # The history is decoded in a spawned worker process; in the frozen app that process is this
    # executable again, and this call turns it into the worker instead of a second app.
    multiprocessing.freeze_support()
    sys.exit(main())
