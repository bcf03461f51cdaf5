"""Actions with their shortcuts and a tooltip that names them."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
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
    action.setIconText(plain_text(text))  # a toolbar's form: no mnemonic, no "…"
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


def pressable(sequence: QKeySequence) -> bool:
    """Whether a person can press `sequence` on a usual keyboard: letters, digits, F1–F12
    and the keys every keyboard has – not the F16 or the Copy and Exit keys that a standard
    key also binds on some systems."""
    return sequence.count() > 0 and all(
        _on_a_keyboard(sequence[part].key()) for part in range(sequence.count())
    )


def _on_a_keyboard(key: Qt.Key) -> bool:
    code = int(key.value) if isinstance(key, Qt.Key) else int(key)
    return code < _SPECIAL or Qt.Key.Key_F1.value <= code <= Qt.Key.Key_F12.value or code in _KEYS


_SPECIAL = 0x01000000  # below: keys that type a character
_KEYS = frozenset(
    key.value
    for key in (
        Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backspace, Qt.Key.Key_Return,
        Qt.Key.Key_Enter, Qt.Key.Key_Insert, Qt.Key.Key_Delete, Qt.Key.Key_Home, Qt.Key.Key_End,
        Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
    )
)  # fmt: skip


def _sequences(key: QKeySequence | QKeySequence.StandardKey | str) -> list[QKeySequence]:
    """Every key sequence `key` stands for (a standard key can stand for several)."""
    if isinstance(key, QKeySequence.StandardKey):
        return QKeySequence.keyBindings(key)
    return [QKeySequence(key)]
