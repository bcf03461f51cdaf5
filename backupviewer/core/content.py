"""The parts a backup can contain (the ``config`` field) and what each one holds."""

from __future__ import annotations

from dataclasses import dataclass

from backupviewer.core.words import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True, slots=True)
class ContentPart:
    """One part of a backup: its id on the wire, a short label and what it holds."""

    id: str
    label: str
    holds: str


KNOWN_PARTS: dict[str, ContentPart] = {
    part.id: part
    for part in (
        ContentPart(
            "db",
            QT_TRANSLATE_NOOP("Content", "Content and settings"),
            QT_TRANSLATE_NOOP("Content", "reports, models, users and server settings"),
        ),
        ContentPart(
            "upload",
            QT_TRANSLATE_NOOP("Content", "Uploaded data files"),
            QT_TRANSLATE_NOOP("Content", "data files that users uploaded"),
        ),
        ContentPart(
            "file",
            QT_TRANSLATE_NOOP("Content", "Application files"),
            QT_TRANSLATE_NOOP("Content", "the program and its plugins"),
        ),
    )
}
"""The parts this version knows, their label and description in English (`part_for` gives
them in the interface's language)."""


def part_for(part_id: str) -> ContentPart:
    """The known part for `part_id` in the interface's language, or an entry that shows an
    unknown id as it is."""
    known = KNOWN_PARTS.get(part_id)
    if known is not None:
        return ContentPart(
            known.id, translate("Content", known.label), translate("Content", known.holds)
        )
    holds = translate("Content", "a part this version of BackupViewer does not know")
    return ContentPart(part_id, part_id, holds)


def labels(part_ids: tuple[str, ...]) -> str:
    """The parts' labels joined by "; ", in the order the server listed them."""
    return translate("Content", "; ").join(part_for(p).label for p in part_ids)


_SEPARATOR = "\x1f"


def parts_code(part_ids: tuple[str, ...]) -> str:
    """What a table keeps of a backup's parts: their ids in one text (see `labels_of_code`)."""
    return _SEPARATOR.join(part_ids)


def labels_of_code(code: str) -> str:
    """The labels of a `parts_code`, in the language of the moment."""
    return labels(tuple(code.split(_SEPARATOR))) if code else ""
