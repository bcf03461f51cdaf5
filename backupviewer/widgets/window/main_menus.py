"""The main window's menu bar (File, Edit, View, Help) and its toolbar, made of its actions."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from backupviewer.core.words import translate
from backupviewer.widgets.window.clock_choice import ClockChoice
from backupviewer.widgets.window.help_menu import HelpMenu
from backupviewer.widgets.window.language_choice import LanguageChoice


class MenuOwner(Protocol):
    """What the menus are made of: the main window's actions and choices."""

    action_export: QAction
    action_download: QAction
    action_sign_out: QAction
    action_quit: QAction
    action_copy: QAction
    action_find: QAction
    action_refresh: QAction
    action_details: QAction
    action_health: QAction
    action_watch: QAction
    action_all_servers: QAction
    clock: ClockChoice
    language: LanguageChoice


def build_menus(window: MenuOwner, main: QMainWindow) -> tuple[QMenu, HelpMenu]:
    """Put `window`'s actions in the menus and toolbar of `main` (the same window); returns
    the Columns menu (filled each time it opens) and the Help menu."""
    bar = main.menuBar()
    file_menu = bar.addMenu(translate("MainMenus", "&File"))
    file_menu.addAction(window.action_export)
    file_menu.addAction(window.action_download)
    file_menu.addSeparator()
    file_menu.addAction(window.action_sign_out)
    file_menu.addAction(window.action_quit)
    edit_menu = bar.addMenu(translate("MainMenus", "&Edit"))
    edit_menu.addAction(window.action_copy)
    edit_menu.addAction(window.action_find)
    view_menu = bar.addMenu(translate("MainMenus", "&View"))
    view_menu.addAction(window.action_refresh)
    view_menu.addAction(window.action_details)
    view_menu.addAction(window.action_health)
    view_menu.addAction(window.action_watch)
    view_menu.addAction(window.action_all_servers)
    columns_menu = view_menu.addMenu(translate("MainMenus", "&Columns"))
    view_menu.addMenu(window.clock.menu)
    view_menu.addMenu(window.language.menu)
    help_menu = HelpMenu(
        main,
        main.actions,
        lambda: main.statusBar().showMessage(
            translate("MainMenus", "Copied the version information"), 5_000
        ),
    )
    bar.addMenu(help_menu)
    toolbar = main.addToolBar(translate("MainMenus", "Main"))
    toolbar.setObjectName("mainToolBar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.setMovable(False)
    toolbar.addAction(window.action_refresh)
    toolbar.addAction(window.action_export)
    toolbar.addAction(window.action_download)
    toolbar.addSeparator()
    toolbar.addAction(window.action_sign_out)
    return columns_menu, help_menu
