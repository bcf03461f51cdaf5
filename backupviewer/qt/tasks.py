"""Background asyncio tasks of the window: their unexpected errors go to one place."""

from __future__ import annotations

import asyncio
import sys
from typing import Any


def report_unexpected(task: asyncio.Task[Any]) -> None:
    """Send an unexpected error of a finished background task to the one exception hook (a
    done callback)."""
    if task.cancelled():
        return
    error = task.exception()
    if error is not None:
        sys.excepthook(type(error), error, error.__traceback__)
