"""The parts a backup can contain (the ``config`` field) and what each one holds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ContentPart:
    """One part of a backup: its id on the wire, a short label and what it holds."""

    id: str
    label: str
    holds: str


KNOWN_PARTS: dict[str, ContentPart] = {
    part.id: part
    for part in (
        ContentPart("db", "Content and settings", "reports, models, users and server settings"),
        ContentPart("upload", "Uploaded data files", "data files that users uploaded"),
        ContentPart("file", "Application files", "the program and its plugins"),
    )
}


def part_for(part_id: str) -> ContentPart:
    """The known part for `part_id`, or an entry that shows an unknown id as it is."""
    known = KNOWN_PARTS.get(part_id)
    if known is not None:
        return known
    return ContentPart(part_id, part_id, "a part this version of BackupViewer does not know")


def labels(part_ids: tuple[str, ...]) -> str:
    """The parts' labels joined by "; ", in the order the server listed them."""
    return "; ".join(part_for(p).label for p in part_ids)
