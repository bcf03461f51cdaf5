"""A decoded trigger in words (`schedule` decodes): its summary, warnings and notes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from backupviewer.core.schedule.list_words import join_values, join_words
from backupviewer.core.schedule.quartz import CronRule
from backupviewer.core.schedule.quartz_words import describe_rule, ordinal_form
from backupviewer.core.schedule.time_words import clock_text
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate

DAY = 86400
_INTERVAL_UNITS = (
    (
        7 * DAY,
        "WEEKLY",
        QT_TRANSLATE_NOOP("ScheduleWords", "every week"),
        QT_TRANSLATE_NOOP("ScheduleWords", "every {count} weeks"),
    ),
    (
        DAY,
        "DAILY",
        QT_TRANSLATE_NOOP("ScheduleWords", "every day"),
        QT_TRANSLATE_NOOP("ScheduleWords", "every {count} days"),
    ),
    (
        3600,
        "HOURS",
        QT_TRANSLATE_NOOP("ScheduleWords", "every hour"),
        QT_TRANSLATE_NOOP("ScheduleWords", "every {count} hours"),
    ),
    (
        60,
        "MINUTES",
        QT_TRANSLATE_NOOP("ScheduleWords", "every minute"),
        QT_TRANSLATE_NOOP("ScheduleWords", "every {count} minutes"),
    ),
    (
        1,
        "SECONDS",
        QT_TRANSLATE_NOOP("ScheduleWords", "every second"),
        QT_TRANSLATE_NOOP("ScheduleWords", "every {count} seconds"),
    ),
)
# What a Pentaho 9.3 server rejects in a cron string, by `CronRule.features` name.
_REJECTED = (
    ("W", QT_TRANSLATE_NOOP("ScheduleWords", "'W' (nearest weekday)")),
    ("LW", QT_TRANSLATE_NOOP("ScheduleWords", "'LW' (last weekday)")),
    ("L-n", QT_TRANSLATE_NOOP("ScheduleWords", "'L-n' (days before the last day)")),
    ("month names", QT_TRANSLATE_NOOP("ScheduleWords", "month names")),
)


# -- summaries -----------------------------------------------------------------------------------


def once_summary(start: datetime, offset: timezone) -> str:
    """``Once, on 2024-11-15 at 11:12 (UTC+08:00)``."""
    return translate("ScheduleWords", "Once, on {date} at {time} ({offset})").format(
        date=f"{start:%Y-%m-%d}", time=_clock(start), offset=offset_text(offset)
    )


def interval_summary(interval: int, start: datetime, offset: timezone) -> tuple[str, str]:
    """``Every 15 minutes from 2024-11-15 11:12 (UTC+08:00)`` and the kind (``MINUTES``)."""
    size, kind, one, several = next(item for item in _INTERVAL_UNITS if interval % item[0] == 0)
    count = interval // size
    every = (
        translate("ScheduleWords", one)
        if count == 1
        else translate("ScheduleWords", several).format(count=count)
    )
    if size >= DAY:  # (a language may put the time of day of whole days apart from the date)
        words = translate("IntervalOfDays", "{interval} from {date} {time} ({offset})")
    else:
        words = translate("ScheduleWords", "{interval} from {date} {time} ({offset})")
    summary = words.format(
        interval=every, date=f"{start:%Y-%m-%d}", time=_clock(start), offset=offset_text(offset)
    )
    return capital(summary), kind


def repeats_words(count: int) -> str:
    """What a positive `repeatCount` adds to an interval's summary."""
    if count == 1:
        return translate(
            "ScheduleWords", "; runs {total} times (the first run and 1 repeat)"
        ).format(total=count + 1)
    words = translate("ScheduleWords", "; runs {total} times (the first run and {count} repeats)")
    return words.format(total=count + 1, count=count)


def rule_summary(rule: CronRule, offset: timezone) -> str:
    """A complex trigger: ``Every weekday at 11:12 (UTC+08:00)``."""
    return capital(
        translate("ScheduleWords", "{rule} ({offset})").format(
            rule=describe_rule(rule), offset=offset_text(offset)
        )
    )


def cron_summary(rule: CronRule, offset: timezone) -> str:
    """A cron trigger: ``CRON: 0 0 12 ? * 2 * (every Monday at 12:00, UTC+08:00)``."""
    return translate("ScheduleWords", "CRON: {expression} ({rule}, {offset})").format(
        expression=rule.text, rule=describe_rule(rule), offset=offset_text(offset)
    )


def until_words(local: datetime | None) -> str:
    """``, until 2025-03-04 11:12`` for the wall time of the end (nothing without an end)."""
    if local is None:
        return ""
    if (local.hour, local.minute, local.second) == (23, 59, 59):
        return translate("ScheduleWords", ", until the end of {date}").format(
            date=f"{local:%Y-%m-%d}"
        )
    return translate("ScheduleWords", ", until {moment}").format(
        moment=f"{local:%Y-%m-%d} {_clock(local)}"
    )


# -- warnings and notes --------------------------------------------------------------------------


def no_repeat_count() -> str:
    return translate(
        "ScheduleWords",
        "The trigger has no repeatCount; the server reads that as 0 and runs it once.",
    )


def ignored_cron_string(shown: str) -> str:
    return translate(
        "ScheduleWords",
        "The cronString {value} is ignored; the schedule follows the day and month lists.",
    ).format(value=shown)


def ignored_interval(shown: str) -> str:
    return translate(
        "ScheduleWords",
        "The repeatInterval is {value} s, not one day (86400 s); "
        "the server ignores it and runs every day.",
    ).format(value=shown)


def cron_warnings(rule: CronRule) -> list[str]:
    """What a Pentaho 9.3 server and its Quartz do otherwise with this expression."""
    features = rule.features
    warnings = []
    rejected = [
        translate("ScheduleWords", text) for feature, text in _REJECTED if feature in features
    ]
    if rejected:
        warnings.append(
            translate(
                "ScheduleWords",
                "A Pentaho 9.3 server rejects {features} in a cron string, "
                "so it may not run this schedule.",
            ).format(features=join_words(rejected))
        )
    if "day names" in features:
        warnings.append(
            translate(
                "ScheduleWords",
                "A Pentaho 9.3 server reads day names one day early (MON runs on Sunday); "
                "the times shown follow Quartz, where MON is Monday.",
            )
        )
    warnings.extend(refusal_warnings(features))
    if rule.quirks:
        warnings.append(
            translate(
                "ScheduleWords",
                "Quartz reads {items} otherwise than written (it ignores a step after a name "
                "and anything after a value it has read, and 99 means '*'); the times shown "
                "are the ones it runs.",
            ).format(items=join_words([repr(quirk) for quirk in rule.quirks]))
        )
    if "lowest day" in features:
        warnings.append(
            translate(
                "ScheduleWords",
                "Quartz applies 'n#k', 'nL' and 'nW' to one day only, the lowest in the field, "
                "and ignores the other days; the times shown are the ones it runs.",
            )
        )
    if "never" in features:
        warnings.append(
            translate(
                "ScheduleWords",
                "Quartz accepts a day of the week above 7 before '#', but no day has that "
                "number, so the server never runs this schedule.",
            )
        )
    if "may loop" in features:
        warnings.append(
            translate(
                "ScheduleWords",
                "Quartz 2.3.2 can search for ever for a run of this schedule ('L-nW' 28 days or "
                "more before the end of the month, or '0W'), which stops the server's "
                "scheduler; the runs listed end where it would.",
            )
        )
    return warnings


def refusal_warnings(features: frozenset[str]) -> list[str]:
    """Why Quartz refuses an expression that has a meaning: the server cannot run it."""
    warnings = []
    if "L in a list" in features:
        warnings.append(
            translate(
                "ScheduleWords",
                "Quartz refuses 'L' (the last day or weekday) beside other days in one field, "
                "as in '1,L' or '2#1,6L', so the server cannot run this schedule as written; "
                "put the 'L' day in a schedule of its own.",
            )
        )
    if "several nth" in features:
        warnings.append(
            translate(
                "ScheduleWords",
                "Quartz refuses more than one 'n#k' day (like '2#1,6#3') in the day-of-week "
                "field, so the server cannot run this schedule as written; make one schedule "
                "for each of them.",
            )
        )
    if "star days" in features:
        warnings.append(
            translate(
                "ScheduleWords",
                "Quartz needs '?' in the day-of-month or day-of-week field; the '*' there is "
                "read as '?', and a server would reject the string as written.",
            )
        )
    return warnings


def stepping_note(days: int) -> str:
    fires = [day_ordinal(day) for day in range(1, 32, days)]
    if len(fires) > 4:
        fires = [fires[0], fires[1], "…", fires[-2], fires[-1]]
    return translate(
        "ScheduleWords",
        "“Every {days} days” steps through the days of the month: it runs on the "
        "{fires}, then again on the 1st of the next month.",
    ).format(days=days, fires=join_values(fires))


# A day of the month ("on the 1st, 5th…"): apart from `quartz_words.ordinal` (a count, "every 2nd
# year"), which other languages say differently (Chinese: 1日 against 第 2); the ending is chosen
# once, by `ordinal_form`.
_DAY_ORDINALS = (
    QT_TRANSLATE_NOOP("ScheduleWords", "{day}th"),
    QT_TRANSLATE_NOOP("ScheduleWords", "{day}st"),
    QT_TRANSLATE_NOOP("ScheduleWords", "{day}nd"),
    QT_TRANSLATE_NOOP("ScheduleWords", "{day}rd"),
)


def day_ordinal(day: int) -> str:
    """A day of the month as an ordinal: ``1st``, ``2nd``, ``3rd``, ``4th``, ``22nd``."""
    return translate("ScheduleWords", _DAY_ORDINALS[ordinal_form(day)]).format(day=day)


def dst_note(offset: timezone) -> str:
    return translate(
        "ScheduleWords",
        "Times use the fixed offset {offset} of the start time; daylight-saving "
        "changes in the server's time zone cannot be predicted.",
    ).format(offset=offset_text(offset))


# -- pieces --------------------------------------------------------------------------------------


def offset_text(offset: timezone) -> str:
    """``UTC+08:00`` (seconds added when the offset has them)."""
    delta = offset.utcoffset(None)
    sign = "-" if delta < timedelta(0) else "+"
    seconds = int(abs(delta).total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}" + (f":{seconds:02d}" if seconds else "")


def capital(text: str) -> str:
    """`text` with a first ASCII letter in upper case (other scripts have no capitals)."""
    first = text[:1]
    return first.upper() + text[1:] if first.isascii() else text


def _clock(moment: datetime) -> str:
    return clock_text(moment.hour, moment.minute, moment.second)
