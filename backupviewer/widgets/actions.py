"""Actions with their shortcuts and a tooltip that names them."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def make_action(
    owner: QWidget,
    name: str,
    text: str,
    *keys: QKeySequence | QKeySequence.StandardKey | str,
    tip: str = "",
) -> QAction:
    """An action of `owner` (which also takes its shortcuts) named `name`, with `keys`."""
    action = QAction(text, owner)
    action.setObjectName(name)
    if keys:
        # A standard key may already hold one of the others (Refresh is F5 on some systems):
        # the same key twice makes Qt call the shortcut ambiguous and do nothing.
        sequences = [s for k in keys for s in _sequences(k)]
        action.setShortcuts(list(dict.fromkeys(sequences, None)))
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(
        f"{tip or text.replace('&', '').rstrip('…')}" + (f" ({shortcut})" if shortcut else "")
    )
    owner.addAction(action)
    return action


def _sequences(key: QKeySequence | QKeySequence.StandardKey | str) -> list[QKeySequence]:
    """Every key sequence `key` stands for (a standard key can stand for several)."""
    if isinstance(key, QKeySequence.StandardKey):
        return QKeySequence.keyBindings(key)
    return [QKeySequence(key)]
