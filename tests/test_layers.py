"""Layers import downwards only: pure < io < qt core < widgets < app (read from the sources)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "backupviewer"
PURE = ("records", "schedule", "quartz", "content", "columns", "csv_export", "errors", "resources",
        "envelope", "parse_worker", "history_table", "row_spans", "text_column",
        "raw_rows")  # fmt: skip
IO = ("client", "secrets", "demo")
QT_CORE = ("qt",)
WIDGETS = ("widgets",)

UPPER_FOR_PURE = ("PySide6", "httpx", "qasync", "backupviewer.qt", "backupviewer.widgets",
                  "backupviewer.client", "backupviewer.app", "backupviewer.secrets")  # fmt: skip
RULES = {
    PURE: UPPER_FOR_PURE,
    IO: ("PySide6", "qasync", "backupviewer.qt", "backupviewer.widgets", "backupviewer.app"),
    QT_CORE: ("PySide6.QtWidgets", "httpx", "qasync", "backupviewer.widgets", "backupviewer.app"),
    WIDGETS: ("httpx", "backupviewer.client", "backupviewer.app"),
}


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


def files_of(names: tuple[str, ...]) -> list[Path]:
    files: list[Path] = []
    for name in names:
        folder, module = PACKAGE / name, PACKAGE / f"{name}.py"
        files += sorted(folder.rglob("*.py")) if folder.is_dir() else [module]
    return [f for f in files if f.exists()]


def violations() -> list[str]:
    found = []
    for layer, forbidden in RULES.items():
        for path in files_of(layer):
            for module in sorted(imported_modules(path)):
                if any(module == f or module.startswith(f + ".") for f in forbidden):
                    found.append(f"{path.relative_to(PACKAGE.parent)} imports {module}")
    return found


def test_lower_layers_never_import_higher_ones() -> None:
    assert violations() == []


def test_every_layer_has_files() -> None:
    for layer in RULES:
        assert files_of(layer), layer


def test_the_check_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from PySide6.QtWidgets import QWidget\n")
    assert "PySide6.QtWidgets" in imported_modules(bad)
