"""Fixed clocks for the tests that depend on the time: they run at these instants, never at
the hour the suite happens to run (the README's test command holds at any hour)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

SERVER_ZONE = timezone(timedelta(hours=8))
"""The demo server's zone."""
AWKWARD = {
    "midnight": datetime(2026, 12, 7, 0, 0, tzinfo=SERVER_ZONE),
    "half past midnight": datetime(2026, 12, 7, 0, 30, tzinfo=SERVER_ZONE),
    "a minute to midnight": datetime(2026, 12, 6, 23, 59, tzinfo=SERVER_ZONE),
    "New York's clocks go forward": datetime(2026, 3, 8, 7, 0, tzinfo=UTC),
    "New York's clocks go back": datetime(2026, 11, 1, 6, 0, tzinfo=UTC),
}
"""Instants where a day, an hour or a clock changes: where time-sensitive code goes wrong."""
NOW = datetime(2026, 12, 7, 16, 0, tzinfo=SERVER_ZONE)
"""An ordinary afternoon, for tests that need one fixed "now"."""


def fixed(moment: datetime):  # type: ignore[no-untyped-def]
    """A clock that always says `moment`."""
    return lambda: moment
