"""Lengths of time as people type them (``7d``, ``1h30m``, ``90s``) and as they are written."""

from __future__ import annotations

import re

from backupviewer.core.words import QT_TRANSLATE_NOOP, translate

_UNITS = {"w": 604_800_000, "d": 86_400_000, "h": 3_600_000, "m": 60_000, "s": 1_000}
_PIECE = re.compile(r"(\d+(?:\.\d+)?)\s*([wdhms])")
_WHOLE = re.compile(r"(?:\d+(?:\.\d+)?\s*[wdhms]\s*)+")
_DAYS = QT_TRANSLATE_NOOP("Spans", "{count:,} d")
_HOURS = QT_TRANSLATE_NOOP("Spans", "{count:,} h")
_MINUTES = QT_TRANSLATE_NOOP("Spans", "{count:,} min")
_SECONDS = QT_TRANSLATE_NOOP("Spans", "{count:,} s")
_SPAN_UNITS = ((86_400_000, _DAYS), (3_600_000, _HOURS), (60_000, _MINUTES), (1_000, _SECONDS))
"""Each unit's size in milliseconds and how a number of it is written."""


def parse_span(text: str) -> int:
    """Milliseconds in `text`: numbers each with a unit – w(eeks), d(ays), h(ours),
    m(inutes), s(econds) – as in ``7d``, ``36h``, ``1h30m``. Raises `ValueError` with a
    sentence for anything else (a bare number too: its unit would be a guess)."""
    cleaned = text.strip().lower()
    if not _WHOLE.fullmatch(cleaned):
        raise ValueError(
            translate(
                "Spans",
                "{text} is not a length of time: write a number and a unit, such as 7d, 12h, "
                "15m or 90s (w, d, h, m, s).",
            ).format(text=repr(text))
        )
    total = sum(float(number) * _UNITS[unit] for number, unit in _PIECE.findall(cleaned))
    return round(total)


def span_text(ms: int) -> str:
    """A length in the largest whole units: ``7 d``, ``1 h 30 min``, ``90 s``."""
    pieces = []
    for size, unit in _SPAN_UNITS:
        count, ms = divmod(max(ms, 0), size)
        if count:
            pieces.append(translate("Spans", unit).format(count=count))
    return " ".join(pieces) or translate("Spans", _SECONDS).format(count=0)


def span_option(ms: int) -> str:
    """A length as `parse_span` reads it back: ``7d``, ``1h30m``."""
    pieces = []
    for unit in ("d", "h", "m", "s"):
        count, ms = divmod(ms, _UNITS[unit])
        if count:
            pieces.append(f"{count}{unit}")
    return "".join(pieces) or "0s"


def ago_text(ms: int) -> str:
    """How long ago, in its two largest units: ``just now``, ``5 min ago``, ``1 h 16 min ago``,
    ``3 d 4 h ago``; ``in 2 min`` for a time ahead (clocks that disagree)."""
    if abs(ms) < 60_000:
        return translate("Spans", "just now")
    pieces: list[tuple[int, str]] = []
    rest = abs(ms)
    for size, unit in _SPAN_UNITS[:3]:
        count, rest = divmod(rest, size)
        if count or pieces:
            pieces.append((count, unit))
    shown = " ".join(translate("Spans", unit).format(count=n) for n, unit in pieces[:2] if n)
    if ms > 0:
        return translate("Spans", "{span} ago").format(span=shown)
    return translate("Spans", "in {span}").format(span=shown)
