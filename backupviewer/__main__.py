"""Entry point: ``backupviewer`` opens the app; ``export``, ``check`` and ``demo-server`` run
headless; ``--self-test`` checks the installation."""

from __future__ import annotations

import difflib
import multiprocessing
import sys

HEADLESS_COMMANDS = ("export", "check", "demo-server")


def main(argv: list[str] | None = None) -> int:
    """Run what the command line asks for; returns the exit code."""
    multiprocessing.freeze_support()  # a frozen app's worker processes start here
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in HEADLESS_COMMANDS:
        from backupviewer import cli

        return cli.main(args)
    if args and not args[0].startswith("-"):
        close = difflib.get_close_matches(args[0], HEADLESS_COMMANDS, n=1)
        guess = f" Did you mean {close[0]!r}?" if close else ""
        print(
            f"backupviewer: unknown command {args[0]!r}.{guess} The commands are "
            f"{', '.join(HEADLESS_COMMANDS)} (without one, the window opens; see --help)",
            file=sys.stderr,
        )
        return 2
    from backupviewer.options import parse_options

    try:
        options = parse_options(args)
    except SystemExit as exit_:  # --help, --version or a mistake: argparse has said so
        return exit_.code if isinstance(exit_.code, int) else 0 if exit_.code is None else 2
    if options.self_test:
        from backupviewer import self_test

        return self_test.run()
    from backupviewer import app

    return app.main(options)


if __name__ == "__main__":
    sys.exit(main())
