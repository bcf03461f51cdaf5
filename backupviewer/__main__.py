"""Entry point: ``backupviewer`` opens the app; ``export`` and ``demo-server`` run headless."""

from __future__ import annotations

import sys

HEADLESS_COMMANDS = ("export", "demo-server")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in HEADLESS_COMMANDS:
        from backupviewer import cli

        return cli.main(args)
    from backupviewer import app

    return app.main(args)


if __name__ == "__main__":
    sys.exit(main())
