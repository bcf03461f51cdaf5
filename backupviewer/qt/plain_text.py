"""Text from outside – a server's, a file's, a setting's – shown by Qt as the text it is, and
never so long that it sizes the window.

Qt takes a string that looks like HTML for rich text wherever the format is automatic (labels,
tooltips, message boxes): a server's ``<img src=…>`` would then open a local path, an
``<a href>`` become a link. Labels get `Qt.PlainText`; tooltips, which have no such switch,
go through `tip`; our own rich sentences escape every outside part with `escape`. A name of
100,000 characters would make a label as wide as itself: one-line places cut text
(`one_line`), wrapped ones cut its words (`short_words`).
"""

from __future__ import annotations

import html
import re

TIP_CHARACTERS = 2_000
"""A tooltip shows at most this many characters of a text (a server's name can be megabytes)."""
LINE_CHARACTERS = 300
"""A one-line place (a title, a status bar) shows at most this many characters."""
WORD_CHARACTERS = 120
"""A wrapped label shows at most this many characters of a word (a run without spaces)."""
TEXT_CHARACTERS = 2_000
"""A wrapped label shows at most this many characters of an outside text."""
_BREAK_EVERY = 80  # a tooltip's line may break inside a word after so many characters
_ELLIPSIS = "…"
_NO_TAGS = str.maketrans("<>", "‹›")
_ONE_LINE = str.maketrans("\r\n\t\v\f", "     ")
_ZERO_WIDTH_SPACE = "\u200b"


def tip(text: str | None) -> str | None:
    """`text` as a tooltip that Qt shows exactly as written: escaped inside a paragraph that
    keeps its line breaks and wraps long lines, even inside long words; cut after
    `TIP_CHARACTERS` characters."""
    if not text:
        return text
    shown = html.escape(_breakable(cut(text, TIP_CHARACTERS)), quote=False)
    return f"<p style='white-space:pre-wrap'>{shown}</p>"


def escape(text: str) -> str:
    """Outside `text` for a rich-text sentence of ours (markup shown as written)."""
    return html.escape(text, quote=False)


def cut(text: str, limit: int = LINE_CHARACTERS) -> str:
    """`text`, or its first `limit` characters and "…" when it is longer."""
    return text if len(text) <= limit else text[: limit - 1] + _ELLIPSIS


def one_line(text: str, limit: int = LINE_CHARACTERS) -> str:
    """`text` for a one-line place: line breaks and tabs as spaces, cut after `limit`."""
    return cut(text.translate(_ONE_LINE), limit)


def short_words(text: str, limit: int = WORD_CHARACTERS) -> str:
    """`text` for a wrapped label: cut after `TEXT_CHARACTERS`, and every word longer than
    `limit` characters cut to `limit` (a label cannot wrap inside a word)."""
    return _long_word(limit).sub(lambda word: cut(word.group(), limit), cut(text, TEXT_CHARACTERS))


def without_markup(text: str) -> str:
    """`text` for a place that may read markup and cannot be told not to (a desktop's
    notification): angle brackets as look-alikes that start no tag, on one line, cut."""
    return one_line(text.translate(_NO_TAGS))


def _breakable(text: str) -> str:
    """`text` with a zero-width space every `_BREAK_EVERY` characters of a long word, where a
    line may then break."""
    return _long_word(_BREAK_EVERY).sub(
        lambda word: _ZERO_WIDTH_SPACE.join(
            word.group()[at : at + _BREAK_EVERY] for at in range(0, len(word.group()), _BREAK_EVERY)
        ),
        text,
    )


def _long_word(limit: int) -> re.Pattern[str]:
    return re.compile(rf"\S{{{limit + 1},}}")
