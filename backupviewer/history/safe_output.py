"""Where an export may write: never through another user's link in a shared folder, and to a
terminal with the control characters a server sent shown escaped."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path
from typing import TextIO

from backupviewer.core.words import translate


class TerminalSafe(io.TextIOBase):
    """Writes to `stream` with control characters (but tab and line ends) shown escaped: a
    server's ``ESC[2J`` or ``ESC]0;…BEL`` never reaches a terminal as a command."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(text.translate(_TERMINAL_ESCAPES))
        return len(text)


_TERMINAL_ESCAPES = {
    code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0)) if code not in (9, 10, 13)
}


def check_links(path: str | os.PathLike[str]) -> None:
    """Raise `PermissionError` when `path` leads through a symbolic link that another user
    owns in a world-writable folder with the sticky bit (``/tmp``), as Linux's protected
    symlinks do: following it would replace a file of whoever planted it for us."""
    if not hasattr(os, "geteuid"):
        return  # (Windows: no such folders)
    me = os.geteuid()
    root, *pending = Path(os.path.abspath(path)).parts
    current = Path(root)
    for _ in range(_MAX_STEPS):
        if not pending:
            return
        candidate = current / pending.pop(0)
        try:
            found = os.lstat(candidate)
        except OSError:
            return  # (a missing file is made, not followed)
        if not stat.S_ISLNK(found.st_mode):
            current = candidate
            continue
        folder = os.stat(current)
        shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
        if shared and found.st_uid not in (me, folder.st_uid):
            raise PermissionError(
                translate(
                    "SafeOutput",
                    "{path} leads through a link that another user made in a shared folder "
                    "({link}); it is not followed. Write to a file of your own.",
                ).format(path=os.fspath(path), link=candidate)
            )
        target = Path(os.readlink(candidate))
        if target.is_absolute():
            current = Path(target.parts[0])
            pending = [*target.parts[1:], *pending]
        else:
            pending = [*target.parts, *pending]
    raise PermissionError(
        translate("SafeOutput", "{path}: too many links to follow.").format(path=os.fspath(path))
    )


_MAX_STEPS = 4096  # path parts walked at most (links within links included)
