"""Time `Schedule.next_runs`: the next 20 runs of usual triggers, in microseconds.

    python tests/benchmarks/bench_schedule.py [--runs R] [--count N]

Each figure is the median of R rounds of 200 calls from one moment (a weekday afternoon in the
trigger's offset). It prints a table; it never fails on a slow figure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone

from backupviewer.core.schedule.trigger import parse_trigger

ZONE = timezone(timedelta(hours=8))
AFTER = datetime(2026, 3, 10, 15, 30, 12, 345000, tzinfo=ZONE)
START = "2024-11-15T11:12:00.000+08:00"
TRIGGERS = {
    "every weekday at 11:12 (complex)": {
        "complexJobTrigger": {"startTime": START, "daysOfWeek": ["1", "2", "3", "4", "5"]}
    },
    "every day at 11:12 (complex)": {
        "complexJobTrigger": {"startTime": START, "repeatInterval": 86400}
    },
    "every 3 days (complex)": {
        "complexJobTrigger": {
            "startTime": START,
            "cronString": "TO_BE_GENERATED",
            "repeatInterval": 259200,
        }
    },
    "the second Tuesday (complex)": {
        "complexJobTrigger": {"startTime": START, "daysOfWeek": [2], "weeksOfMonth": [1]}
    },
    "every hour (simple)": {
        "simpleJobTrigger": {"startTime": START, "repeatInterval": 3600, "repeatCount": -1}
    },
    "0 0/15 9-17 ? * MON-FRI (cron)": {
        "cronJobTrigger": {"startTime": START, "cronString": "0 0/15 9-17 ? * MON-FRI"}
    },
    "0 15 10 ? * 6L (cron)": {
        "cronJobTrigger": {"startTime": START, "cronString": "0 15 10 ? * 6L"}
    },
    "0 0 12 LW * ? (cron)": {"cronJobTrigger": {"startTime": START, "cronString": "0 0 12 LW * ?"}},
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--count", type=int, default=20)
    args = parser.parse_args(argv)
    print(f"| trigger | next {args.count} runs |")
    print("| --- | ---: |")
    for name, trigger in TRIGGERS.items():
        schedule = parse_trigger(trigger)
        rounds = []
        for _ in range(args.runs):
            started = time.perf_counter()
            for _ in range(200):
                schedule.next_runs(AFTER, args.count)
            rounds.append((time.perf_counter() - started) / 200)
        print(f"| {name} | {statistics.median(rounds) * 1e6:,.0f} µs |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
