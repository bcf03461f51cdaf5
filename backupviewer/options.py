"""The app's command line: what it asks for (`Options`), read by `parse_options`."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from backupviewer import __version__
from backupviewer.qt import language

DEMO_ROWS = 1_500
"""The demo server's backups unless ``--demo-rows`` says otherwise."""


@dataclass(frozen=True)
class Options:
    """What the command line asked for."""

    demo: bool = False
    demo_rows: int = DEMO_ROWS
    server: str = ""
    user: str = ""
    verbose: bool = False
    self_test: bool = False
    lang: str = ""
    servers: str = ""
    demo_tenants: bool = False


def parse_options(argv: list[str]) -> Options:
    """Read the command line; ``--help``, ``--version`` and mistakes raise `SystemExit`."""
    parser = argparse.ArgumentParser(
        prog="backupviewer",
        description="See at a glance whether the backups of a Datafor BI server ran.",
        epilog=(
            "Without options, the sign-in dialog opens with the server and user used last (or\n"
            "the window of all your servers, if it was open when the app last quit).\n\n"
            "commands without a window (each has its own --help):\n"
            "  export       download the history and write it as CSV\n"
            "  check        judge the backups' health for a monitor (Nagios, cron)\n"
            "  demo-server  run the built-in demo server\n\n"
            "On Windows, run the commands with backupviewer-cli, which has a console."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start a built-in demo server with generated backups and fill in its account",
    )
    parser.add_argument(
        "--demo-rows",
        type=int,
        default=DEMO_ROWS,
        metavar="N",
        help=f"how many backups the demo server has (default {DEMO_ROWS:,})",
    )
    parser.add_argument("--server", default="", metavar="URL", help="fill in the server address")
    parser.add_argument("--user", default="", metavar="NAME", help="fill in the user name")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation against a built-in demo server, print a report, exit",
    )
    parser.add_argument(
        "--lang",
        default="",
        metavar="LANGUAGE",
        help="the interface's language: en or zh_CN (default: as chosen in the app, else the "
        "system's)",
    )
    parser.add_argument(
        "--servers",
        default="",
        metavar="FILE",
        help="open every server of this TOML file in a window of all servers, the worst first "
        "(the file as for backupviewer check --servers; see README)",
    )
    parser.add_argument(
        "--demo-tenants",
        action="store_true",
        help="start the demo server and show its tenants side by side, as servers: one "
        "healthy, one failing, one with a missed run, and one in every state",
    )
    parser.add_argument("--version", action="version", version=f"BackupViewer {__version__}")
    args = parser.parse_args(argv)
    if args.demo_rows < 0:
        parser.error("--demo-rows cannot be negative")
    if args.lang and language.language_of(args.lang) is None:
        parser.error(f"--lang {args.lang}: the interface speaks {', '.join(language.LANGUAGES)}")
    return Options(
        args.demo,
        args.demo_rows,
        args.server,
        args.user,
        args.verbose,
        args.self_test,
        args.lang,
        args.servers,
        args.demo_tenants,
    )
