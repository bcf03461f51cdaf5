"""What `DataforClient` raises in its own words: refusals, answers other than the one asked
for, a server too slow, schedules it cannot read, a CA file it cannot use.

Each function makes the error (the caller raises it); `what` is one of `envelope`'s names of
an answer. Text from the server or the system is a value in the message, never its wording.
"""

from __future__ import annotations

from backupviewer.core.datafor import envelope
from backupviewer.core.errors import (
    DownloadError,
    NetworkError,
    NotPermitted,
    ProtocolError,
    SignInError,
)
from backupviewer.core.words import QT_TRANSLATE_NOOP, translate

HISTORY = envelope.HISTORY
SCHEDULES = envelope.SCHEDULES
BACKUPS = envelope.BACKUP_DOWNLOAD
_NOT_ADMINISTRATOR = {  # translated where used: translate("ClientErrors", …)
    HISTORY: QT_TRANSLATE_NOOP(
        "ClientErrors",
        "{who} is signed in but is not an administrator, and only administrators can see the "
        "backup history. Sign in as an administrator, or ask one for that role.",
    ),
    SCHEDULES: QT_TRANSLATE_NOOP(
        "ClientErrors",
        "{who} is signed in but is not an administrator, and only administrators can see the "
        "backup schedules. Sign in as an administrator, or ask one for that role.",
    ),
    BACKUPS: QT_TRANSLATE_NOOP(
        "ClientErrors",
        "{who} is signed in but is not an administrator, and only administrators can download "
        "backups. Sign in as an administrator, or ask one for that role.",
    ),
}
MAY_NOT_READ = QT_TRANSLATE_NOOP(
    "ClientErrors",
    "This account may not read the backup schedules, so missed runs are not looked for.",
)
NOT_LISTED = QT_TRANSLATE_NOOP(
    "ClientErrors",
    "This server does not list its backup schedules, so missed runs are not looked for.",
)
NOT_LOADED = QT_TRANSLATE_NOOP(
    "ClientErrors",
    "The backup schedules could not be loaded, so missed runs are not looked for.",
)


def schedules_unavailable(why: str, detail: str) -> str:
    """Why the schedules are not known: `why` (one of the three sentences above), and the
    error's own words `detail`, if any."""
    said = translate("ClientErrors", why)
    if not detail:
        return said
    return translate("ClientErrors", "{sentence} ({detail})").format(sentence=said, detail=detail)


def not_administrator(who: object, what: str) -> NotPermitted:
    """`who` may not have `what` (the history, the schedules or a backup download)."""
    return NotPermitted(translate("ClientErrors", _NOT_ADMINISTRATOR[what]).format(who=who))


def web_page_instead(what: str) -> ProtocolError:
    return ProtocolError(
        translate(
            "ClientErrors",
            "The server sent a web page instead of the {what}. A proxy or another web site may "
            "be answering at this address; check it.",
        ).format(what=envelope.what_words(what))
    )


def too_slow(address: str, seconds: float) -> NetworkError:
    return NetworkError(
        translate(
            "ClientErrors",
            "The server at {address} did not finish answering within {seconds:g} s. It may be "
            "busy, or the connection slow; try again later.",
        ).format(address=address, seconds=seconds)
    )


def sign_in_refused(status: int) -> SignInError:
    return SignInError(
        translate(
            "ClientErrors",
            "The server refused the sign-in (HTTP {status}). Check the user name and password; "
            "after many failed attempts an address is also blocked.",
        ).format(status=status)
    )


def no_captcha() -> ProtocolError:
    return ProtocolError(
        translate("ClientErrors", "The server did not send a captcha picture. Try again.")
    )


def schedules_not_a_list() -> ProtocolError:
    return ProtocolError(translate("ClientErrors", "The server's list of schedules is not a list."))


def odd_user_details() -> ProtocolError:
    return ProtocolError(
        translate("ClientErrors", "The server's user details are not in the documented format.")
    )


def no_zip(backup_id: str, note: str) -> DownloadError:
    """The server has no zip for the backup (`note`: what it said)."""
    return DownloadError(
        translate(
            "ClientErrors",
            "The server has no zip file for backup {id}: it may have failed, still be running, "
            "or have been deleted (retention). The server said: {note}",
        ).format(id=backup_id, note=note)
    )


def not_sent(backup_id: str, note: str) -> DownloadError:
    """The server sent a note instead of the backup (`note`: what it said)."""
    return DownloadError(
        translate("ClientErrors", "The server did not send backup {id}. It said: {note}").format(
            id=backup_id, note=note
        )
    )


def not_a_zip(backup_id: str, kind: str | None) -> ProtocolError:
    """The server sent something else than a zip (of content type `kind`, if it named one)."""
    if kind:
        sent = translate(
            "ClientErrors",
            "The server did not send backup {id} as a zip file (it sent {type}). Try again; if "
            "it keeps happening, check the proxy or the server log.",
        )
    else:
        sent = translate(
            "ClientErrors",
            "The server did not send backup {id} as a zip file (it sent an unnamed answer). "
            "Try again; if it keeps happening, check the proxy or the server log.",
        )
    return ProtocolError(sent.format(id=backup_id, type=kind))


def unusable_ca_file(file: str, error: str) -> NetworkError:
    return NetworkError(
        translate(
            "ClientErrors",
            "The CA certificate file {file} could not be used ({error}). Choose a PEM file with "
            "the certificate of the authority that signed the server's certificate.",
        ).format(file=file, error=error)
    )
