"""The pane beside the table: everything about one backup, selectable, with its raw JSON."""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timezone
from typing import NamedTuple

import orjson
from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication, QPixmap, QTextDocument, QTextOption
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from backupviewer.core.columns import duration_text
from backupviewer.core.content import part_for
from backupviewer.core.missed import missed_count
from backupviewer.core.records import Record, Status
from backupviewer.core.schedule.trigger import Schedule, offset_text
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate
from backupviewer.qt.status_icons import status_icon, warning_icon
from backupviewer.widgets import named

logger = logging.getLogger(__name__)

NEXT_RUNS = 5
FIELD_CHARACTERS = 5_000
"""A field of the server's (a name, a message) shows at most this many characters."""
RAW_CHARACTERS = 20_000
"""The raw JSON shows at most this many characters (Copy raw JSON copies all of it)."""
_ICON = 18
_NO_WRAP = " style='white-space:nowrap'"
_LABEL_GAP = 14
_NBSP = "&nbsp;"
# Rows carry their labels in English (marked with `QT_TRANSLATE_NOOP`); `_sections` translates
# them as it writes them.
_STATUS_WORDS = {
    Status.RUNNING: QT_TRANSLATE_NOOP("DetailPane", "Running"),
    Status.SUCCEEDED: QT_TRANSLATE_NOOP("DetailPane", "Succeeded"),
    Status.FAILED: QT_TRANSLATE_NOOP("DetailPane", "Failed"),
    Status.UNKNOWN: QT_TRANSLATE_NOOP("DetailPane", "Unknown"),
    Status.MISSED: QT_TRANSLATE_NOOP("DetailPane", "Missed"),
}


class DetailPane(QWidget):
    """Shows one `Record` in words; `clock` gives "now" for a schedule's next runs.

    Signals: ``copied(what)`` after the raw JSON went to the clipboard;
    ``download_requested(record)`` when Download is pressed (for a succeeded backup).
    """

    copied = Signal(str)
    download_requested = Signal(object)

    def __init__(
        self,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self._clock = clock
        self._record: Record | None = None
        self._local = False
        self._shown: tuple[Record | None, tuple[str, ...], str] | None = None
        self.browser = named(QTextBrowser(), "detailText")
        self.browser.setOpenLinks(False)
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        # A server's long name or id wraps where it must: the pane never scrolls sideways.
        self.browser.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        for status in Status:
            self._add_image(f"status:{status.value}", status_icon(status).pixmap(_ICON, _ICON))
        self._add_image("status:warning", warning_icon().pixmap(_ICON, _ICON))
        self.copy_button = named(
            QPushButton(translate("DetailPane", "Copy raw JSON")), "copyJsonButton"
        )
        self.copy_button.setToolTip(
            translate("DetailPane", "Copy this backup's row exactly as the server sent it")
        )
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.copy_button.setEnabled(False)
        self.download_button = named(
            QPushButton(translate("DetailPane", "Download backup…")), "downloadButton"
        )
        self.download_button.setToolTip(
            translate("DetailPane", "Save this backup's zip file from the server")
        )
        self.download_button.clicked.connect(self._on_download_button_clicked)
        self.download_button.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.download_button)
        buttons.addStretch()
        buttons.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        self.show_record(None)

    @property
    def record(self) -> Record | None:
        return self._record

    def show_record(
        self, record: Record | None, notes: Sequence[str] = (), server: str = ""
    ) -> None:
        """Show `record` with what the health says of it (`notes`) and the `server` it is on
        (all servers as one history), or a hint to pick one when None."""
        shown = (record, tuple(notes), server)
        if shown == self._shown:
            return  # the same: the text stays, with its scroll position and selection
        same_backup = (
            record is not None and self._record is not None and record.id == self._record.id
        )
        scrolled = self.browser.verticalScrollBar().value()
        self._shown = shown
        self._record = record
        self.copy_button.setEnabled(record is not None)
        self.download_button.setVisible(record is not None and record.status is Status.SUCCEEDED)
        if record is None:
            hint = translate("DetailPane", "Select a backup to see its details.")
            self.browser.setHtml(f"<p style='margin-top:24px' align='center'>{hint}</p>")
            return
        measure = self.browser.fontMetrics().horizontalAdvance
        html_text = record_html(record, self._clock(), notes, measure, self._local, server)
        self.browser.setHtml(html_text)
        if same_backup:  # updated in place: the reader stays where they were
            self.browser.verticalScrollBar().setValue(scrolled)

    def set_local_clock(self, local: bool) -> None:
        """Times on this computer's clock (else the server's), the shown backup redrawn."""
        if local != self._local:
            self._local = local
            record, notes, server = self._shown if self._shown is not None else (None, (), "")
            self._shown = None
            self.show_record(record, notes, server)

    def text(self) -> str:
        """The pane's text as plain text (what a user would select and copy)."""
        return self.browser.toPlainText()

    def raw_json(self) -> str:
        if self._record is None:
            return ""
        return _raw_json(self._record)

    def _add_image(self, name: str, pixmap: QPixmap) -> None:
        self.browser.document().addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(name), pixmap
        )

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.raw_json())
        missed = self._record is not None and self._record.status is Status.MISSED
        self.copied.emit(
            translate("DetailPane", "the missed run's schedule as JSON")
            if missed
            else translate("DetailPane", "the raw JSON of the backup")
        )

    def _on_download_button_clicked(self) -> None:
        if self._record is not None:
            self.download_requested.emit(self._record)


def record_html(
    record: Record,
    now: datetime,
    notes: Sequence[str] = (),
    measure: Callable[[str], int] | None = None,
    local: bool = False,
    server: str = "",
) -> str:
    """The details of a backup (or a missed run) as HTML for a `QTextBrowser` (colours left
    to the theme); `notes`: what the health says of it; `measure`: a label's width in pixels
    in the browser's font (labels aligned across sections); `local`: times on this
    computer's clock, else on the server's; `server`: the server it is on ("": not said)."""
    when = _when_here if local else _when
    mono = html.escape(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family())
    missed = record.status is Status.MISSED
    no_name = translate("DetailPane", "(no name)")
    health = translate("DetailPane", "Health:")
    raw_title = (
        translate("DetailPane", "The schedule, as the server listed it")
        if missed
        else translate("DetailPane", "Raw JSON, as the server sent it")
    )
    parts = [
        f"<h3>{_e(record.name) or f'<i>{no_name}</i>'}</h3>",
        _status_section(record),
        "".join(f"<p>{_lead(health, _multiline(note))}</p>" for note in notes),
        _problems_section(record),
        _sections(
            measure,
            _Section(translate("DetailPane", "Times"), _time_rows(record, when)),
            _schedule_section(record, now, when),
            _content_section(record),
            _Section(
                translate("DetailPane", "IDs and users"),
                ([(QT_TRANSLATE_NOOP("DetailPane", "Server"), _e(server))] if server else [])
                + [
                    (
                        QT_TRANSLATE_NOOP("DetailPane", "Backup ID"),
                        _e(record.id) or translate("DetailPane", "none: no backup was made"),
                    ),
                    (
                        QT_TRANSLATE_NOOP("DetailPane", "Schedule ID"),
                        _e(record.schedule_id)
                        or translate("DetailPane", "none (manual or uploaded)"),
                    ),
                    (QT_TRANSLATE_NOOP("DetailPane", "Folder"), _e(record.folder)),
                    (QT_TRANSLATE_NOOP("DetailPane", "Created by"), _e(record.created_by)),
                    (QT_TRANSLATE_NOOP("DetailPane", "Last updated by"), _e(record.updated_by)),
                ][: 3 if missed else 5],
            ),
        ),
        f"<h4>{raw_title}</h4>",
        f"<pre style='font-family:\"{mono}\"; white-space:pre-wrap'>"
        f"{_e(_raw_json(record), RAW_CHARACTERS)}</pre>",
    ]
    return "".join(parts)


def _status_section(record: Record) -> str:
    icon = f"<img src='status:{record.status.value}' width={_ICON} height={_ICON}>"
    word = translate("DetailPane", _STATUS_WORDS[record.status])
    if record.status is Status.UNKNOWN:
        word = translate("DetailPane", "Unknown (the server sent “{status}”)").format(
            status=_e(record.status_raw)
        )
    lines = [f"<p>{icon}&nbsp;<b>{word}</b></p>"]
    if record.status is Status.FAILED:
        reason = record.message.strip()
        label = translate("DetailPane", "Reason:")
        said = _multiline(reason) if reason else translate("DetailPane", "the server gave none.")
        lines.append(f"<p>{_lead(label, said)}</p>")
    elif record.message.strip():
        label = translate("DetailPane", "Message:")
        lines.append(f"<p>{_lead(label, _multiline(record.message.strip()))}</p>")
    if record.status is Status.RUNNING:
        running = translate("DetailPane", "Still running. The list refreshes itself until it ends.")
        lines.append(f"<p>{running}</p>")
    if record.status is Status.MISSED and missed_count(record) > 1:
        missed = translate(
            "DetailPane",
            "The schedule was due {count:,} times in a row, and the server has no backup of it "
            "from any of them. Check that the server was running and the schedule active; the "
            "server's log may say more.",
        ).format(count=missed_count(record))
        lines.append(f"<p>{missed}</p>")
    elif record.status is Status.MISSED:
        missed = translate(
            "DetailPane",
            "The schedule was due then, and the server has no backup of it from that time. "
            "Check that the server was running and the schedule active; the server's log may "
            "say more.",
        )
        lines.append(f"<p>{missed}</p>")
    return "".join(lines)


def _problems_section(record: Record) -> str:
    problems = list(record.problems)
    if not problems:
        return ""
    items = "".join(f"<li>{_e(p)}</li>" for p in problems)
    unread = translate("DetailPane", "Some fields of this row could not be read.")
    shown = translate("DetailPane", "They are shown as well as possible.")
    return (
        "<p><img src='status:warning' width=16 height=16>&nbsp;"
        f"{_lead(unread, shown)}</p><ul>{items}</ul>"
    )


def _time_rows(record: Record, when: _When) -> list[tuple[str, str]]:
    zone = record.started.tzinfo if record.started is not None else None
    if not record.zone_known and record.status is not Status.MISSED:
        when = _when  # a wall clock of an unknown zone: as the server wrote it
    server_zone = QT_TRANSLATE_NOOP("DetailPane", "Server time zone")
    if record.status is Status.MISSED:
        rows = [(QT_TRANSLATE_NOOP("DetailPane", "Due"), when(record.started))]
        if missed_count(record) > 1:
            rows = [
                (QT_TRANSLATE_NOOP("DetailPane", "First due"), when(record.started)),
                (QT_TRANSLATE_NOOP("DetailPane", "Last due"), when(record.updated)),
                (QT_TRANSLATE_NOOP("DetailPane", "Runs missed"), f"{missed_count(record):,}"),
            ]
        if isinstance(zone, timezone):
            from_schedule = translate("DetailPane", "{offset} (from the schedule)")
            rows.append((server_zone, from_schedule.format(offset=offset_text(zone))))
        return rows
    unknown = translate("DetailPane", "unknown")
    rows = [(QT_TRANSLATE_NOOP("DetailPane", "Started"), when(record.started))]
    finished = QT_TRANSLATE_NOOP("DetailPane", "Finished")
    if record.status is Status.RUNNING:
        rows.append((QT_TRANSLATE_NOOP("DetailPane", "Last update"), when(record.updated)))
        rows.append((finished, translate("DetailPane", "not yet")))
    else:
        rows.append((finished, when(record.finished) or unknown))
        duration = duration_text(record.duration_s) or unknown
        rows.append((QT_TRANSLATE_NOOP("DetailPane", "Duration"), duration))
    if record.zone_known and isinstance(zone, timezone):
        from_id = translate("DetailPane", "{offset} (from the backup ID)")
        rows.append((server_zone, from_id.format(offset=offset_text(zone))))
    else:
        as_written = translate("DetailPane", "unknown: times are shown as the server wrote them")
        rows.append((server_zone, as_written))
    return rows


def _schedule_section(record: Record, now: datetime, when: _When) -> _Section:
    schedule = record.schedule
    title = translate("DetailPane", "Schedule")
    if record.schedule_error:
        return _Section(
            title, [(QT_TRANSLATE_NOOP("DetailPane", "Problem"), _e(record.schedule_error))]
        )
    if schedule is None:
        if record.schedule_id:
            text = translate(
                "DetailPane", "made by a schedule whose trigger the server did not send"
            )
        else:
            text = translate("DetailPane", "none: a manual or uploaded backup")
        return _Section(title, [(QT_TRANSLATE_NOOP("DetailPane", "Schedule"), text)])
    return _Section(title, _schedule_rows(schedule, now, when))


def _schedule_rows(schedule: Schedule, now: datetime, when: _When) -> list[tuple[str, str]]:
    quartz = schedule.quartz()
    runs = schedule.next_runs(now, NEXT_RUNS)
    rows = [
        (QT_TRANSLATE_NOOP("DetailPane", "Runs"), _e(schedule.describe())),
        (
            QT_TRANSLATE_NOOP("DetailPane", "As cron"),
            f"<code>{_e(quartz).replace(' ', _NBSP)}</code>"
            if quartz
            else translate(
                "DetailPane",
                "cannot be written as one: it repeats at a fixed interval from its start",
            ),
        ),
        (
            QT_TRANSLATE_NOOP("DetailPane", "Next runs"),
            "<br>".join(when(run) for run in runs)
            or (
                translate("DetailPane", "none: the server cannot run this schedule")
                if schedule.refused
                else translate("DetailPane", "none: the schedule has ended")
            ),
        ),
        (
            QT_TRANSLATE_NOOP("DetailPane", "Starts"),
            when(schedule.start) or translate("DetailPane", "at once"),
        ),
        (
            QT_TRANSLATE_NOOP("DetailPane", "Ends"),
            when(schedule.end) or translate("DetailPane", "no end date"),
        ),
    ]
    rows += [(QT_TRANSLATE_NOOP("DetailPane", "Warning"), _e(w)) for w in schedule.warnings]
    rows += [(QT_TRANSLATE_NOOP("DetailPane", "Note"), _e(n)) for n in schedule.notes]
    return rows


def _content_section(record: Record) -> _Section:
    title = translate("DetailPane", "Content")
    if not record.parts:
        not_recorded = translate("DetailPane", "not recorded by the server")
        return _Section(title, [(QT_TRANSLATE_NOOP("DetailPane", "Content"), not_recorded)])
    rows = []
    holds = translate("DetailPane", "{part}: {holds}")
    for number, part_id in enumerate(record.parts):
        part = part_for(part_id)
        label = QT_TRANSLATE_NOOP("DetailPane", "Holds") if number == 0 else ""
        rows.append((label, holds.format(part=_e(part.label), holds=_e(part.holds))))
    return _Section(title, rows)


class _Section(NamedTuple):
    """A title and rows of label and value. Labels are English (marked for translation),
    translated when written; values wrap where the pane is too narrow for them."""

    title: str
    rows: list[tuple[str, str]]


def _sections(measure: Callable[[str], int] | None, *sections: _Section) -> str:
    """Each section a table whose label column is as wide as the widest label of them all
    (`measure` gives a text's width in pixels), so that the values line up under each other;
    labels never wrap."""
    labels = [_label(label) for section in sections for label, _ in section.rows]
    width = max(map(measure, labels)) + _LABEL_GAP if measure and labels else 0
    label_cell = f"<td{_NO_WRAP} valign='top'" + (f" width={width}>" if width else ">")
    parts = []
    for title, rows in sections:
        cells = "".join(
            f"<tr>{label_cell}{_label(label)}</td><td>{value}</td></tr>" for label, value in rows
        )
        parts.append(f"<h4>{title}</h4><table cellspacing=2>{cells}</table>")
    return "".join(parts)


def _label(label: str) -> str:
    """A row's label (English, marked with `QT_TRANSLATE_NOOP`) in the interface's language."""
    return translate("DetailPane", label) if label else ""


_When = Callable[[datetime | None], str]


def _when_here(moment: datetime | None) -> str:
    """`_when` on this computer's clock (a time without a zone stays as it is)."""
    known = moment is not None and moment.utcoffset() is not None
    return _when(moment.astimezone() if known and moment is not None else moment)


def _when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    text = moment.isoformat("\u00a0", "milliseconds" if moment.microsecond else "seconds")
    offset = moment.utcoffset()
    if offset is None:
        return text
    zone = offset_text(timezone(offset))
    # (the zone may go to the next line)
    return translate("DetailPane", "{time} <small>({zone})</small>").format(
        time=text[: -len("+00:00")], zone=zone
    )


def _raw_json(record: Record) -> str:
    """The row's JSON, indented (a missed run's: its schedule's); as Python shows it when
    that cannot be done."""
    raw = record.raw
    if record.status is Status.MISSED and isinstance(raw, dict):
        raw = raw.get("schedule")
    try:
        return orjson.dumps(raw, option=orjson.OPT_INDENT_2, default=str).decode()
    except TypeError:  # nested deeper than orjson writes, or numbers beyond 64 bits
        pass
    try:
        return json.dumps(raw, indent=2, ensure_ascii=False, default=str)
    except (RecursionError, ValueError):
        return translate("DetailPane", "(this row is nested too deep to show)")


def _lead(label: str, text: str) -> str:
    """A bold lead-in and its text (Chinese puts no space after a full-width colon)."""
    return translate("DetailPane", "<b>{label}</b> {text}").format(label=label, text=text)


def _multiline(text: str) -> str:
    return _e(text).replace("\n", "<br>").replace("\t", "&nbsp;&nbsp;&nbsp;&nbsp;")


def _e(text: str | None, limit: int = FIELD_CHARACTERS) -> str:
    """A server's `text` for the pane: escaped, and cut after `limit` characters (laying out
    megabytes would hold the window for seconds); the raw JSON copied has it whole."""
    text = text or ""
    if len(text) <= limit:
        return html.escape(text)
    more = translate("DetailPane", "… ({count:,} more characters; Copy raw JSON copies them all)")
    return html.escape(text[:limit]) + f"<i>{html.escape(more.format(count=len(text) - limit))}</i>"
