"""``backupviewer check --servers FILE``: every server's backups judged at once, one verdict."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from backupviewer.commands import many_servers
from backupviewer.commands.many_servers import Outcome
from backupviewer.commands.plugin_output import perfdata_fits, plugin_lines, print_lines
from backupviewer.health.findings import WORST_FIRST, HealthSettings, Level
from backupviewer.health.snapshot import take_snapshot

_SUMMED = ("failed", "missed", "slow", "running")
_AGE = "last_success_age"
_LABEL_CHARACTERS = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True)
class ServerVerdict:
    """One server's state, its sentence (or why it could not be judged) and its figures."""

    name: str
    level: Level
    sentence: str
    figures: dict[str, str]


def check_servers(
    args: argparse.Namespace,
    settings: HealthSettings,
    clock: Callable[[], datetime],
    seconds: float,
) -> int:
    """Check the servers of ``--servers``, print one verdict on them all; its level."""
    entries = many_servers.servers_of(args)
    outcomes = many_servers.fetch_all(entries, args, "check", seconds)
    now = clock()
    verdicts = [_judged(outcome, now, settings) for outcome in outcomes]
    level = worst(v.level for v in verdicts)
    troubled = sorted((v for v in verdicts if v.level is not Level.OK), key=_rank)
    lines = [f"{v.name}: {v.level.name} - {v.sentence}" for v in troubled]
    figures, left_out = _each(sorted(verdicts, key=_rank))
    if left_out:
        lines.append(f"the figures of {left_out:,} servers left out (no room for them)")
    print_lines(
        plugin_lines(level.name, _sentence(verdicts, troubled), _totals(verdicts), lines, figures)
    )
    return int(level)


def worst(levels: object) -> Level:
    """The state of several: CRITICAL if any is, else WARNING if any, else UNKNOWN if any,
    else OK (nothing at all: UNKNOWN)."""
    found = set(levels)  # type: ignore[call-overload]
    return next((level for level in WORST_FIRST if level in found), Level.UNKNOWN)


def _rank(verdict: ServerVerdict) -> int:
    return WORST_FIRST.index(verdict.level)


def _judged(outcome: Outcome, now: datetime, settings: HealthSettings) -> ServerVerdict:
    name = outcome.entry.name
    if outcome.fetched is None:
        problem = outcome.problem.removeprefix(f"{name}: ")
        return ServerVerdict(name, Level.UNKNOWN, problem, {})
    fetched = outcome.fetched
    found = take_snapshot(fetched.table, fetched.schedules, now, settings).verdict()
    figures = dict(item.split("=", 1) for item in found.perfdata.split())
    return ServerVerdict(name, found.level, found.sentence, figures)


def _sentence(verdicts: list[ServerVerdict], troubled: list[ServerVerdict]) -> str:
    count = len(verdicts)
    servers = f"{count:,} server{'' if count == 1 else 's'}"
    if not troubled:
        return f"{servers}, all OK ({', '.join(v.name for v in verdicts)})."
    named = ", ".join(f"{v.name} {v.level.name}" for v in troubled)
    return f"{len(troubled):,} of {servers} not OK: {named}."


def _totals(verdicts: list[ServerVerdict]) -> str:
    """The figures summed over the servers judged (the age: the oldest), and how many
    servers are not OK."""
    judged = [v.figures for v in verdicts if v.figures]
    items = [f"{key}={sum(int(f.get(key, '0')) for f in judged)}" for key in _SUMMED]
    ages = [int(f[_AGE].removesuffix("s")) for f in judged if f.get(_AGE, "U") != "U"]
    items.append(f"{_AGE}={max(ages)}s" if ages else f"{_AGE}=U")
    troubled = sum(v.level is not Level.OK for v in verdicts)
    items.append(f"servers_not_ok={troubled}")
    return " ".join(items)


def _each(verdicts: list[ServerVerdict]) -> tuple[list[str], int]:
    """Each judged server's figures, labelled with its name (``prod_failed=1``), whole
    servers as many as fit the plugin's room for them; and how many did not fit."""
    items: list[str] = []
    seen: set[str] = set()
    left_out = 0
    for number, verdict in enumerate(verdicts, start=1):
        label = _LABEL_CHARACTERS.sub("_", verdict.name).strip("_")[:40] or f"server{number}"
        if label.casefold() in seen:
            label = f"{label}_{number}"
        seen.add(label.casefold())
        server = [f"{label}_{key}={value}" for key, value in verdict.figures.items()]
        if server and not perfdata_fits(items + server):
            left_out += 1
            continue
        items += server
    return items, left_out
