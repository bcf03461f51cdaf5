"""The folders are the layers, and a layer imports only those below it (read from the sources).

app.py options.py all_servers.py cli.py self_test.py __main__.py   the root: builds
                                                 and wires everything
widgets/                                         windows and dialogs
qt/          commands/                           models and controllers, no widgets; the
                                                 commands without a window
health/                                          the health of the backups, the snapshot
server/ (HTTP, keyring)     history/ (the history in columns, decoding processes)
core/                                            plain data and rules (schedules, Datafor)
demo/                                            a stand-in Datafor server, on its own
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "backupviewer"
ROOT_MODULES = ("app", "options", "all_servers", "cli", "self_test", "__main__")
MAX_LINES = 500

_ROOT = tuple(f"backupviewer.{name}" for name in ROOT_MODULES)
_QT = ("PySide6", "qasync")
_UP_FROM_HISTORY = ("backupviewer.health", "backupviewer.qt", "backupviewer.widgets",
                    "backupviewer.commands", "backupviewer.demo", *_ROOT)  # fmt: skip
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "core": (*_QT, "httpx", "keyring", "msgspec", "backupviewer.server", "backupviewer.history",
             *_UP_FROM_HISTORY),
    "server": (*_QT, "msgspec", "backupviewer.history", *_UP_FROM_HISTORY),
    "history": (*_QT, "httpx", "keyring", "backupviewer.server", *_UP_FROM_HISTORY),
    "health": (*_QT, "httpx", "keyring", "backupviewer.server", "backupviewer.qt",
               "backupviewer.widgets", "backupviewer.commands", "backupviewer.demo", *_ROOT),
    "qt": ("PySide6.QtWidgets", "qasync", "httpx", "keyring", "backupviewer.server",
           "backupviewer.widgets", "backupviewer.commands", "backupviewer.demo", *_ROOT),
    "widgets": ("qasync", "httpx", "keyring", "backupviewer.server", "backupviewer.commands",
                "backupviewer.demo", *_ROOT),
    "demo": (*_QT, "httpx", "backupviewer.core", "backupviewer.server", "backupviewer.history",
             "backupviewer.health", "backupviewer.qt", "backupviewer.widgets",
             "backupviewer.commands", *_ROOT),
    "commands": (*_QT, "backupviewer.qt", "backupviewer.widgets", *_ROOT),
}  # fmt: skip
"""Each folder of the package, and what no module in it may import (at any depth)."""


def imported_modules(path: Path) -> set[str]:
    """Every module a source file imports, at any depth (lazy imports count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def violations() -> list[str]:
    found = []
    for folder, forbidden in FORBIDDEN.items():
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            for module in sorted(imported_modules(path)):
                if any(module == f or module.startswith(f + ".") for f in forbidden):
                    found.append(f"{path.relative_to(PACKAGE.parent)} imports {module}")
    return found


def test_lower_layers_never_import_higher_ones() -> None:
    assert violations() == []


def test_every_module_lives_in_a_layer() -> None:
    loose = {p.stem for p in PACKAGE.glob("*.py")} - {*ROOT_MODULES, "__init__"}
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert loose == set()
    assert folders == set(FORBIDDEN)


def test_no_module_is_too_long_to_read() -> None:
    long = {
        str(path.relative_to(PACKAGE.parent)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_check_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from PySide6.QtWidgets import QWidget\n")
    assert "PySide6.QtWidgets" in imported_modules(bad)


TABLE_ARRAYS = frozenset(("status", "started", "finished", "duration", "zones", "zone_start",
                          "zone_end", "ids", "texts", "flagged", "raw", "search_blobs",
                          "search_lengths", "triggers"))  # fmt: skip
"""A `HistoryTable`'s columns as arrays: read through its methods outside `INSIDE`."""
INSIDE = ("history", "health")
"""The table itself, and the health, which judges a table a whole column at a time."""


def table_array_reads(source: str, name: str) -> list[str]:
    """Where a source reads a table's arrays (``table.status``, ``snapshot.backups.ids``)."""
    found = []
    for node in ast.walk(ast.parse(source, name)):
        if isinstance(node, ast.Attribute) and node.attr in TABLE_ARRAYS:
            base = node.value
            owner = base.id if isinstance(base, ast.Name) else getattr(base, "attr", "")
            if owner in ("table", "backups"):
                found.append(f"{name}:{node.lineno} .{node.attr}")
    return found


def test_outside_the_table_nothing_reads_its_arrays() -> None:
    reads = [
        read
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] not in INSIDE
        for read in table_array_reads(
            path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE.parent))
        )
    ]
    assert reads == []


def test_the_array_check_catches_a_read() -> None:
    source = "def f(snapshot, table):\n    return snapshot.table.status[0], table.ids\n"
    assert sorted(table_array_reads(source, "bad.py")) == ["bad.py:2 .ids", "bad.py:2 .status"]
