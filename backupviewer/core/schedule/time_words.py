"""Times of day of a Quartz rule in words: ``09:00 and 17:00``, "every 5 minutes, between
09:00 and 17:59", "at seconds 0 and 30, every hour at minute 5" (the days are
`quartz_words`')."""

from __future__ import annotations

from backupviewer.core.schedule.list_words import join_values, progression
from backupviewer.core.schedule.quartz_rule import CronRule
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate


def clock_text(hour: int, minute: int, second: int = 0) -> str:
    """``11:12`` or, with seconds, ``11:12:30``."""
    return f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second else "")


def clock_times(rule: CronRule) -> str | None:
    """The times of day when there are only a few (``11:12``, ``09:00 and 17:00``), else None."""
    hours, minutes, seconds = rule.hours, rule.minutes, rule.seconds
    if len(hours) * len(minutes) * len(seconds) > 4:
        return None
    return join_values(clock_text(h, m, s) for h in hours for m in minutes for s in seconds)


def time_phrase(rule: CronRule) -> str:
    """Many times of day in words: every hour on the hour, every 5 minutes between …"""
    hours, minutes, seconds = rule.hours, rule.minutes, rule.seconds
    hour_phrase, kind = _hour_phrase(hours)
    if len(minutes) == 1 and len(seconds) == 1:
        minute, second = minutes[0], seconds[0]
        if kind == "list":  # (some languages say "at 1, 3 and 7 o'clock" in one phrase)
            if minute == second == 0:
                words = translate("QuartzWords", "every hour on the hour, in the hours {hours}")
            elif second:
                words = translate(
                    "QuartzWords",
                    "every hour at minute {minute}, second {second}, in the hours {hours}",
                )
            else:
                words = translate(
                    "QuartzWords", "every hour at minute {minute}, in the hours {hours}"
                )
            return words.format(hours=hour_phrase, minute=minute, second=second)
        at = _at_minute(minute, second)
        if hour_phrase is None:
            return translate("QuartzWords", "every hour {at}").format(at=at)
        if kind == "step":
            return translate("QuartzWords", "{hours} {at}").format(hours=hour_phrase, at=at)
        return translate("QuartzWords", "every hour {at}, {hours}").format(at=at, hours=hour_phrase)
    clock = _minutes_and_seconds(minutes, seconds, in_listed_hours=kind == "list")
    if hour_phrase is None:
        return clock
    if kind == "list":
        return translate("QuartzWords", "{clock}, in the hours {hours}").format(
            clock=clock, hours=hour_phrase
        )
    return translate("QuartzWords", "{clock}, {hours}").format(clock=clock, hours=hour_phrase)


def _minutes_and_seconds(
    minutes: tuple[int, ...], seconds: tuple[int, ...], in_listed_hours: bool = False
) -> str:
    """Several times within an hour: every 5 minutes, at seconds 0 and 30 of minute 5 (said
    apart when the hours are listed: some languages name the hour and its minutes together)."""
    if len(minutes) == 60 and len(seconds) > 1:
        return _unit_phrase(seconds, _SECOND_WORDS)  # ("at seconds 0 and 30" of every minute)
    if len(minutes) == 60:
        minute_phrase = translate("QuartzWords", "every minute")
    elif in_listed_hours:
        minute_phrase = _unit_phrase(minutes, _MINUTE_WORDS_OF_LISTED_HOURS, "QuartzHourListWords")
    elif len(minutes) == 1:
        at = _unit_phrase(minutes, _MINUTE_WORDS)
        minute_phrase = translate("QuartzWords", "every hour {at}").format(at=at)
    else:
        minute_phrase = _unit_phrase(minutes, _MINUTE_WORDS)
    if seconds == (0,):
        return minute_phrase
    second_phrase = _unit_phrase(seconds, _SECOND_WORDS_OF_A_MINUTE, "QuartzSecondWords")
    if len(seconds) == 1:
        words = translate("QuartzWords", "{minutes}, {seconds}")
    else:
        words = translate("QuartzWords", "{seconds}, {minutes}")
    return words.format(minutes=minute_phrase, seconds=second_phrase)


def _at_minute(minute: int, second: int) -> str:
    if minute == second == 0:
        return translate("QuartzWords", "on the hour")
    if second:
        return translate("QuartzWords", "at minute {minute}, second {second}").format(
            minute=minute, second=second
        )
    return translate("QuartzWords", "at minute {minute}").format(minute=minute)


# every one, every {step}, every {step} from {first}, at one {value}, at several {values}
_SECOND_WORDS = (
    QT_TRANSLATE_NOOP("QuartzWords", "every second"),
    QT_TRANSLATE_NOOP("QuartzWords", "every {step} seconds"),
    QT_TRANSLATE_NOOP("QuartzWords", "every {step} seconds from second {first}"),
    QT_TRANSLATE_NOOP("QuartzWords", "at second {second}"),
    QT_TRANSLATE_NOOP("QuartzWords", "at seconds {seconds}"),
)
_SECOND_WORDS_OF_A_MINUTE = (  # the same, said of the minutes named beside them
    QT_TRANSLATE_NOOP("QuartzSecondWords", "every second"),
    QT_TRANSLATE_NOOP("QuartzSecondWords", "every {step} seconds"),
    QT_TRANSLATE_NOOP("QuartzSecondWords", "every {step} seconds from second {first}"),
    QT_TRANSLATE_NOOP("QuartzSecondWords", "at second {second}"),
    QT_TRANSLATE_NOOP("QuartzSecondWords", "at seconds {seconds}"),
)
_MINUTE_WORDS = (
    QT_TRANSLATE_NOOP("QuartzWords", "every minute"),
    QT_TRANSLATE_NOOP("QuartzWords", "every {step} minutes"),
    QT_TRANSLATE_NOOP("QuartzWords", "every {step} minutes from minute {first}"),
    QT_TRANSLATE_NOOP("QuartzWords", "at minute {minute}"),
    QT_TRANSLATE_NOOP("QuartzWords", "at minutes {minutes}"),
)
_MINUTE_WORDS_OF_LISTED_HOURS = (  # the same, said of the hours listed beside them
    QT_TRANSLATE_NOOP("QuartzHourListWords", "every minute"),
    QT_TRANSLATE_NOOP("QuartzHourListWords", "every {step} minutes"),
    QT_TRANSLATE_NOOP("QuartzHourListWords", "every {step} minutes from minute {first}"),
    QT_TRANSLATE_NOOP("QuartzHourListWords", "at minute {minute}"),
    QT_TRANSLATE_NOOP("QuartzHourListWords", "at minutes {minutes}"),
)


def _unit_phrase(
    values: tuple[int, ...], words: tuple[str, str, str, str, str], context: str = "QuartzWords"
) -> str:
    """A minute or second field in words: every 5 minutes, every second, at seconds 0 and 30
    (`words` as marked in `context`)."""
    every, every_step, every_step_from, at_one, at_several = (
        translate(context, text) for text in words
    )
    if len(values) == 60:
        return every
    step = progression(values)
    if step and len(values) > 2 and values[0] < step and values[-1] + step >= 60:
        if values[0] == 0:
            return every_step.format(step=step)
        return every_step_from.format(step=step, first=values[0])
    if len(values) == 1:
        return at_one.format(second=values[0], minute=values[0])
    return at_several.format(seconds=join_values(values), minutes=join_values(values))


def _hour_phrase(hours: tuple[int, ...]) -> tuple[str | None, str]:
    """The hour field in words (None for every hour), and its kind: "step" ("every 3 hours
    …"), "list" (the hours, for "in the hours …"), "spans" ("between 09:00 and 17:59")."""
    if len(hours) == 24:
        return None, "all"
    step = progression(hours)
    if step and step > 1 and len(hours) > 2:
        start = None if hours[0] == 0 else f"{hours[0]:02d}:00"
        stop = None if hours[-1] + step >= 24 else f"{hours[-1]:02d}:00"
        if start and stop:
            phrase = translate("QuartzWords", "every {step} hours from {start} to {stop}")
        elif start:
            phrase = translate("QuartzWords", "every {step} hours from {start}")
        elif stop:
            phrase = translate("QuartzWords", "every {step} hours to {stop}")
        else:
            phrase = translate("QuartzWords", "every {step} hours")
        return phrase.format(step=step, start=start, stop=stop), "step"
    runs: list[list[int]] = []
    for hour in hours:
        if runs and runs[-1][-1] == hour - 1:
            runs[-1].append(hour)
        else:
            runs.append([hour])
    if len(runs) > 3:
        return join_values(hours), "list"
    between = translate("QuartzWords", "between {start} and {end}")
    spans = [between.format(start=f"{run[0]:02d}:00", end=f"{run[-1]:02d}:59") for run in runs]
    joined = spans[0]
    for span in spans[1:]:
        joined = translate("QuartzWords", "{spans} and {span}").format(spans=joined, span=span)
    return joined, "spans"
