"""The interface's words in the user's language: every layer asks `translate(context, text)`.

Without Qt (the command line, the layers below the widgets) the words stay English; the app
hands Qt's translator in with `use_translator`, so that one catalogue (``resources/
translations/*.ts``, made by ``pyside6-lupdate``, which finds every ``translate("Context",
"text")`` call) serves every layer. A text with values names them, ``"{count} backups"``, and
is filled in after it is translated: ``translate("Status bar", "{count} backups").format(...)``.
Texts kept in constants are marked with `QT_TRANSLATE_NOOP` (found the same way) and
translated where they are shown.

Data never holds words: tables and snapshots keep codes (a status, a trigger's text, a
backup's parts), and words are made from them where they are shown, in the language of that
moment (`language` keys the caches of words made), or in English for CSV (`english`).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Hashable, Iterator

_translator: Callable[[str, str], str] | None = None
_language: Hashable = ""
_forgetters: list[Callable[[], None]] = []
_here = threading.local()  # `english` in this thread only


def use_translator(translator: Callable[[str, str], str] | None, language: str = "") -> None:
    """Translate with `translator(context, text)` from now on (None: English again);
    `language` names it (what `language()` gives, for caches of words). Texts remembered in
    another language are forgotten."""
    global _translator, _language
    _translator = translator
    _language = language if translator is not None else ""
    for forget in _forgetters:
        forget()


def language() -> Hashable:
    """What words made now are in: "" for English; a key for caches of words."""
    return "" if _translator is None or getattr(_here, "english", False) else _language


@contextlib.contextmanager
def english() -> Iterator[None]:
    """Words in English in this thread while inside (the CSV's words, whatever the window
    speaks): other threads keep the interface's language."""
    before = getattr(_here, "english", False)
    _here.english = True
    try:
        yield
    finally:
        _here.english = before


def forget_on_change(forget: Callable[[], None]) -> None:
    """Call `forget` (a cache's ``cache_clear``) whenever the language changes."""
    _forgetters.append(forget)


def translate(context: str, text: str) -> str:
    """`text` in the interface's language (as it is when there is no translation)."""
    if _translator is None or getattr(_here, "english", False):
        return text
    return _translator(context, text)


def one_after_other(first: str, then: str) -> str:
    """Two sentences in a row as the language writes them: a space between them in English,
    none after a Chinese full stop (`first` alone when `then` is empty)."""
    if not then:
        return first
    return translate("Words", "{first} {then}").format(first=first, then=then)


class Phrase:
    """Words said later: ``translate(context, text).format(**values)`` made each time it is
    shown (``str``), in the language of that moment; a value may be a phrase too. What a
    process without the interface's language (a decoding worker) puts in an error instead of
    words. Write the text as ``QT_TRANSLATE_NOOP(context, text)`` for the catalogue."""

    __slots__ = ("context", "text", "values")

    def __init__(self, context: str, text: str, **values: object) -> None:
        self.context, self.text, self.values = context, text, values

    def __reduce__(self) -> tuple[object, ...]:
        return (_phrase, (self.context, self.text, self.values))

    def __str__(self) -> str:
        values = {key: str(value) if isinstance(value, Phrase) else value
                  for key, value in self.values.items()}  # fmt: skip
        return translate(self.context, self.text).format(**values)

    def __repr__(self) -> str:
        return f"Phrase({self.context!r}, {self.text!r}, **{self.values!r})"


def _phrase(context: str, text: str, values: dict[str, object]) -> Phrase:
    return Phrase(context, text, **values)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for translation where it is written; `translate` it where it is shown."""
    return text
