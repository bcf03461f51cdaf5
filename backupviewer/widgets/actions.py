"""Actions with their shortcuts and a tooltip that names them."""

from __future__ import annotations

import re

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from backupviewer.core.words import translate

_MNEMONIC = re.compile(r"\(&\w\)")
"""A mnemonic written apart, as Chinese menus write it: "刷新(&R)"."""


def make_action(
    owner: QWidget,
    name: str,
    text: str,
    *keys: QKeySequence | QKeySequence.StandardKey | str,
    tip: str = "",
) -> QAction:
    """An action of `owner` (which also takes its shortcuts) named `name`, with `keys`;
    `text` and `tip` come translated."""
    action = QAction(text, owner)
    action.setObjectName(name)
    if keys:
        # A standard key may already hold one of the others (Refresh is F5 on some systems):
        # the same key twice makes Qt call the shortcut ambiguous and do nothing.
        sequences = [s for k in keys for s in _sequences(k)]
        action.setShortcuts(list(dict.fromkeys(sequences, None)))
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    said = tip or plain_text(text)
    if shortcut:
        said = translate("Actions", "{action} ({shortcut})").format(action=said, shortcut=shortcut)
    action.setToolTip(said)
    owner.addAction(action)
    return action


def plain_text(text: str) -> str:
    """A menu text without its mnemonic and its closing "…": "&Export to CSV…" -> "Export to
    CSV" ("导出到 CSV(&E)…" -> "导出到 CSV")."""
    return _MNEMONIC.sub("", text).replace("&", "").rstrip("…")


def _sequences(key: QKeySequence | QKeySequence.StandardKey | str) -> list[QKeySequence]:
    """Every key sequence `key` stands for (a standard key can stand for several)."""
    if isinstance(key, QKeySequence.StandardKey):
        return QKeySequence.keyBindings(key)
    return [QKeySequence(key)]
