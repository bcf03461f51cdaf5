"""The interface's words in the user's language: every layer asks `translate(context, text)`.

Without Qt (the command line, the layers below the widgets) the words stay English; the app
hands Qt's translator in with `use_translator`, so that one catalogue (``resources/
translations/*.ts``, made by ``pyside6-lupdate``, which finds every ``translate("Context",
"text")`` call) serves every layer. A text with values names them, ``"{count} backups"``, and
is filled in after it is translated: ``translate("Status bar", "{count} backups").format(...)``.
Texts kept in constants are marked with `QT_TRANSLATE_NOOP` (found the same way) and
translated where they are shown.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Mapping
from pathlib import Path

Catalogue = Mapping[tuple[str, str], str]
"""Translations by (context, English text)."""

_translator: Callable[[str, str], str] | None = None
_catalogue: Catalogue | None = None
_forgetters: list[Callable[[], None]] = []


def use_translator(
    translator: Callable[[str, str], str] | None, catalogue: Catalogue | None = None
) -> None:
    """Translate with `translator(context, text)` from now on (None: English again);
    `catalogue`: the same translations, for the processes this one starts (see `catalogue`).
    Texts remembered in another language are forgotten."""
    global _translator, _catalogue
    _translator, _catalogue = translator, catalogue
    for forget in _forgetters:
        forget()


def use_catalogue(catalogue: Catalogue | None) -> None:
    """Translate from `catalogue` (None: English again); what processes without Qt do (the
    decoding workers, which write the table's schedule and content texts)."""
    if catalogue is None:
        use_translator(None)
    else:
        use_translator(lambda c, t: catalogue.get((c, t), t), catalogue)


def catalogue() -> Catalogue | None:
    """The translations in use, for a worker process to `use_catalogue` (None: English)."""
    return _catalogue


def forget_on_change(forget: Callable[[], None]) -> None:
    """Call `forget` (a cache's ``cache_clear``) whenever the language changes."""
    _forgetters.append(forget)


def catalogue_from_ts(path: Path) -> dict[tuple[str, str], str]:
    """The finished translations of a Qt Linguist ``.ts`` file."""
    found: dict[tuple[str, str], str] = {}
    for context in ElementTree.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") or not translation.text:
                continue
            found[(name, message.findtext("source") or "")] = translation.text
    return found


def translate(context: str, text: str) -> str:
    """`text` in the interface's language (as it is when there is no translation)."""
    return text if _translator is None else _translator(context, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for translation where it is written; `translate` it where it is shown."""
    return text
