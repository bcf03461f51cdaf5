"""The interface's language: chosen on the command line, in the app (remembered) or by the
system; its catalogues installed for Qt's own texts and ours (`backupviewer.core.words`)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from backupviewer.core import resources, words

logger = logging.getLogger(__name__)

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = {ENGLISH: "English", CHINESE: "中文（简体）"}
"""The languages the interface speaks, each named in itself (as a language menu shows them)."""
SETTING = "view/language"
"""The language chosen in the app ("": the system's)."""
CATALOGUE = "translations/backupviewer_{language}.qm"
QT_CATALOGUE = "qtbase_{language}.qm"
_TRANSLATOR = "backupviewerTranslator"


def language_of(name: str) -> str | None:
    """One of `LANGUAGES` for a name people or systems write (``zh_CN``, ``zh-CN``, ``zh``,
    ``en_US``), None when the interface does not speak it."""
    cleaned = name.strip().replace("-", "_")
    if cleaned.lower().startswith("zh"):
        return CHINESE
    if cleaned.lower().startswith("en"):
        return ENGLISH
    return None


def chosen_language(option: str, settings: QSettings) -> str:
    """The command line's choice, else the one made in the app, else the system's (English
    where the system's is not one the interface speaks)."""
    for name in (option, str(settings.value(SETTING, "") or "")):
        if name and (language := language_of(name)) is not None:
            return language
    for name in QLocale.system().uiLanguages():
        if (language := language_of(name)) is not None:
            return language
    return ENGLISH


def install(language: str, app: QCoreApplication) -> None:
    """Speak `language` from now on – also when another was installed before: Qt's own texts
    (standard buttons, file dialogs) and ours; dates and numbers as its locale writes them.
    The translators are children of `app`, which keeps them."""
    for old in app.findChildren(QTranslator, _TRANSLATOR):
        app.removeTranslator(old)
        old.setParent(None)  # (gone when Python lets it go)
    QLocale.setDefault(QLocale(language))
    if language == ENGLISH:
        words.use_translator(None)
        return
    for path in (catalogue_path(language), qt_catalogue_path(language)):
        translator = QTranslator(app)
        translator.setObjectName(_TRANSLATOR)
        if path is not None and translator.load(str(path)):
            app.installTranslator(translator)
        else:
            logger.warning("No %s translation at %s", language, path)
    words.use_translator(QCoreApplication.translate, language)


def catalogue_path(language: str) -> Path | None:
    """The app's compiled catalogue of `language`, None where it is missing."""
    return resources.resource_path(CATALOGUE.format(language=language))


def qt_catalogue_path(language: str) -> Path | None:
    """Qt's catalogue: beside ours in the bundle, else where Qt keeps its own."""
    name = QT_CATALOGUE.format(language=language)
    bundled = resources.resource_path(f"translations/{name}")
    if bundled is not None:
        return bundled
    path = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / name
    return path if path.is_file() else None
