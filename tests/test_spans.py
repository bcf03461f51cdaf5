"""Lengths of time read from the command line and written for people."""

from __future__ import annotations

import pytest

from backupviewer.core.durations import ago_text, parse_span, span_option, span_text

MIN = 60_000
HOUR = 60 * MIN
DAY = 24 * HOUR


@pytest.mark.parametrize(
    ("ms", "text"),
    [
        (0, "just now"),
        (59_999, "just now"),
        (MIN, "1 min ago"),
        (HOUR + 16 * MIN + 59_000, "1 h 16 min ago"),
        (2 * HOUR, "2 h ago"),
        (3 * DAY + 4 * HOUR + 5 * MIN, "3 d 4 h ago"),
        (DAY + 5 * MIN, "1 d ago"),
        (-2 * MIN, "in 2 min"),
    ],
)
def test_ago_text(ms: int, text: str) -> None:
    assert ago_text(ms) == text


def test_spans_read_back_what_they_write() -> None:
    for ms in (90_000, 36 * HOUR, 7 * DAY, HOUR + 30 * MIN):
        assert parse_span(span_option(ms)) == ms
    assert span_text(HOUR + 30 * MIN) == "1 h 30 min"
    with pytest.raises(ValueError, match="not a length of time"):
        parse_span("7")
