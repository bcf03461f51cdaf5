"""The main window and what frames it: menus, banner, status bar, notices, the About box."""
