"""A file name made from a server's text (a backup's id): one plain name in the folder chosen,
never a path out of it, never characters that hide what the name says."""

from __future__ import annotations

import unicodedata

MAX_NAME = 120
"""Characters of a proposed name at most (file systems allow 255 bytes; UTF-8 takes up to 4)."""
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
     *(f"LPT{n}" for n in range(1, 10))}
)  # fmt: skip
"""Names Windows keeps for devices, whatever follows the dot."""
_NOT_IN_NAMES = frozenset('/\\:*?"<>|')
"""Separators, and what Windows does not allow in a name."""


def file_name(text: str, suffix: str, fallback: str = "backup") -> str:
    """`text` as the base of a file name ending in `suffix`: path separators, control, format
    and bidirectional characters become ``_``, ``..`` and leading or trailing dots and blanks
    go, a device name of Windows gets a ``_``, and it is cut to `MAX_NAME` characters;
    `fallback` when nothing is left."""
    kept = "".join(_plain(char) for char in text)
    while ".." in kept:
        kept = kept.replace("..", ".")
    kept = kept.strip(" ._")[: MAX_NAME - len(suffix)].rstrip(" .") or fallback
    if kept.partition(".")[0].upper() in _RESERVED:
        kept = f"_{kept}"
    return kept + suffix


def _plain(char: str) -> str:
    """`char`, or ``_`` for one that must not be in a name or can hide what it says (control
    and format characters – the bidirectional overrides among them – separators)."""
    if char in _NOT_IN_NAMES or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return "_"
    if char.isspace():
        return " "
    return char
