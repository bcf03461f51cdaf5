"""``backupviewer demo-server``: the built-in Datafor stand-in on 127.0.0.1, until Ctrl+C."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from datetime import datetime
from typing import Any

from backupviewer.demo import accounts


def add_parser(commands: Any) -> None:
    """Add the ``demo-server`` command to `commands` (argparse's subparsers)."""
    demo = commands.add_parser(
        "demo-server",
        help="run a demo Datafor server on 127.0.0.1",
        description="Serve a generated backup history on 127.0.0.1 until Ctrl+C.",
        allow_abbrev=False,
    )
    demo.add_argument("--port", type=int, default=28080, help="port (default 28080; 0: any)")
    demo.add_argument("--rows", type=int, default=2000, help="backups in the history")
    demo.add_argument("--seed", type=int, default=1, help="seed of the generated history")
    demo.add_argument(
        "--cron-share",
        type=float,
        default=0.4,
        metavar="F",
        help="share of the rows, the oldest, that carry their schedule's trigger (default 0.4)",
    )
    demo.add_argument(
        "--spaced",
        action="store_true",
        help="write the history's JSON with spaces and escaped non-ASCII, as Python's json does",
    )
    demo.add_argument(
        "--running-seconds",
        type=float,
        default=60.0,
        metavar="S",
        help="show a backup running for this long after the start (0: none)",
    )
    demo.add_argument(
        "--frozen",
        action="store_true",
        help="keep the history of the start (by default new backups come as their schedules' "
        "times do)",
    )
    demo.add_argument(
        "--now",
        type=_moment,
        metavar="TIME",
        help="serve the history as of this time, frozen there (ISO 8601 with its offset, e.g. "
        "2026-12-07T00:30+08:00): for demos and tests that must not depend on the hour",
    )
    demo.add_argument("--verbose", "-v", action="count", default=0, help="log every request")


def _moment(text: str) -> datetime:
    """A time with its UTC offset, from the command line."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO 8601 time") from None
    if moment.utcoffset() is None:
        raise argparse.ArgumentTypeError(f"{text!r} needs its UTC offset, e.g. +08:00")
    return moment


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl+C (or SIGTERM, which the command line turns into one); the exit
    code (2: a wrong option, 1: no port)."""
    if args.rows < 0 or not 0 <= args.port <= 65535:
        return _usage("--rows must be 0 or more and --port between 0 and 65535.")
    if not 0 <= args.cron_share <= 1:
        return _usage("--cron-share must be between 0 and 1.")
    from backupviewer.demo.server import DemoServer  # (not needed to parse the command line)

    logging.getLogger("backupviewer.demo").setLevel(logging.INFO)
    if args.rows > 100_000:
        print(f"Generating {args.rows:,} backups…", file=sys.stderr, flush=True)
    server = DemoServer(
        rows=args.rows,
        port=args.port,
        seed=args.seed,
        cron_share=args.cron_share,
        spaced=args.spaced,
        now=args.now,
        keep_time=not args.frozen,
    )
    try:
        server.start()
    except OSError as exc:
        print(
            f"backupviewer demo-server: cannot listen on port {args.port} ({exc.strerror}). "
            "Choose another with --port (0 picks a free one).",
            file=sys.stderr,
        )
        return 1
    try:
        if args.running_seconds > 0:
            server.start_backup(seconds=args.running_seconds, started=args.now)
        admin, viewer = accounts.ADMIN, accounts.VIEWER
        lines = [
            f"Demo Datafor server at {server.url} with {args.rows:,} backups",
            f"  administrator:         {admin.user} / {admin.password}",
            f"  not an administrator:  {viewer.user} / {viewer.password}",
            f"  token (administrator): {accounts.ADMIN_TOKEN}",
            f"  tenants: {accounts.ACTIVE_TENANT} (active), {accounts.DISABLED_TENANT} (disabled); "
            f"{', '.join(accounts.TENANT_STATES)} (a history each, in that state of health)",
            f"After {accounts.CAPTCHA_AFTER} failed sign-ins the server asks for a captcha; "
            "its code is logged below.",
        ]
        if args.running_seconds > 0:
            lines.append(f"A backup is running now; it finishes in {args.running_seconds:g} s.")
        lines.append("Press Ctrl+C to stop.")
        print("\n".join(lines), flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("Demo server stopped.", file=sys.stderr)
    finally:
        server.stop()
    return 0


def _usage(message: str) -> int:
    print(f"backupviewer: {message}", file=sys.stderr)
    return 2
