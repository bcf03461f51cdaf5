"""The servers kept in the app, managed in the window of all servers: add one, change it,
remove it, move it up or down. The window says what the list became (``edited``) and what
password the user gave (``password_given``); the app keeps them."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView

from backupviewer.core.datafor.server_entry import ServerEntry
from backupviewer.core.words import translate
from backupviewer.qt.fleet import Fleet
from backupviewer.qt.servers_model import SERVER_INDEX_ROLE, ServersModel
from backupviewer.widgets.servers.server_dialog import ServerDialog


class ServerEditing(QObject):
    """Actions on the servers of `fleet`, the one selected in `view` (`keyring`: whether a
    password can be kept)."""

    edited = Signal(list)  # list[ServerEntry]: the servers as they are now
    password_given = Signal(object, str, bool)  # ServerEntry, its password, keep it

    def __init__(
        self, fleet: Fleet, view: QAbstractItemView, keyring: bool, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._fleet = fleet
        self._view = view
        self._keyring = keyring
        self.dialog: ServerDialog | None = None
        self.action_add = QAction(self)
        self.action_change = QAction(self)
        self.action_remove = QAction(self)
        self.action_up = QAction(self)
        self.action_down = QAction(self)
        self.action_add.triggered.connect(lambda: self._ask(None))
        self.action_change.triggered.connect(self._change)
        self.action_remove.triggered.connect(self._remove)
        self.action_up.triggered.connect(lambda: self._move(-1))
        self.action_down.triggered.connect(lambda: self._move(1))
        self.retranslate()

    def actions(self) -> list[QAction]:
        return [self.action_add, self.action_change, self.action_remove, self.action_up,
                self.action_down]  # fmt: skip

    def retranslate(self) -> None:
        self.action_add.setText(translate("ServerEditing", "Add a server…"))
        self.action_change.setText(translate("ServerEditing", "Change…"))
        self.action_remove.setText(translate("ServerEditing", "Remove"))
        self.action_up.setText(translate("ServerEditing", "Move up"))
        self.action_down.setText(translate("ServerEditing", "Move down"))
        self.action_up.setToolTip(translate("ServerEditing", "Earlier in the list kept"))
        self.action_down.setToolTip(translate("ServerEditing", "Later in the list kept"))

    def _entries(self) -> list[ServerEntry]:
        return [state.entry for state in self._fleet.states]

    def _selected(self) -> int | None:
        number = self._view.currentIndex().data(SERVER_INDEX_ROLE)
        return number if isinstance(number, int) else None

    def _change(self) -> None:
        index = self._selected()
        if index is not None:
            self._ask(index)

    def _ask(self, index: int | None) -> None:
        """The dialog for a new server (`index` None) or the one at `index`."""
        entries = self._entries()
        entry = None if index is None else entries[index]
        taken = {e.name for n, e in enumerate(entries) if n != index}
        self.dialog = ServerDialog(taken, self._keyring, entry, self._view.window())
        self.dialog.accepted.connect(lambda: self._on_dialog_accepted(index))
        self.dialog.open()

    def _on_dialog_accepted(self, index: int | None) -> None:
        dialog = self.dialog
        assert dialog is not None
        entries = self._entries()
        entry = dialog.entry()
        if index is None:
            entries.append(entry)
        else:
            entries[index] = entry
        self.edited.emit(entries)
        self._select(entry)
        if dialog.password():
            self.password_given.emit(entry, dialog.password(), dialog.remember())

    def _remove(self) -> None:
        index = self._selected()
        if index is not None:
            entries = self._entries()
            del entries[index]
            self.edited.emit(entries)

    def _move(self, step: int) -> None:
        """Move the selected server in the list kept (the window sorts by health; this order
        is the list's, as it is saved and read again)."""
        index = self._selected()
        entries = self._entries()
        if index is None or not 0 <= index + step < len(entries):
            return
        entries[index], entries[index + step] = entries[index + step], entries[index]
        self.edited.emit(entries)
        self._select(entries[index + step])

    def _select(self, entry: ServerEntry) -> None:
        """Keep `entry` the server selected (the list was made again)."""
        model = self._view.model()
        index = next(n for n, state in enumerate(self._fleet.states) if state.entry == entry)
        if isinstance(model, ServersModel):
            self._view.setCurrentIndex(model.index(model.row_of(index), 0))
