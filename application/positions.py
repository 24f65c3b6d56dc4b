"""Which version of an aggregate the log held at a position: the cut an evidence pack is built at.

The event store serialises inserts, so every event at or below a position seen once is there for
good: a pack built at a position can be rebuilt from exactly the same events years later.
"""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder

PAGE = 1000


class PositionIndex(Protocol):
    def version_at(self, originator_id: UUID, position: int) -> int | None:
        """The highest version of `originator_id` stored at or below `position`."""

    def position_of(self, originator_id: UUID, version: int) -> int | None:
        """The log position of that version of `originator_id`, if it is stored."""


class ScanningPositions:
    """Reads the notification log up to `position`: for the in-memory store and small logs.
    Production wires the PostgreSQL index (adapters.positions), which asks the table directly."""

    def __init__(self, recorder: ApplicationRecorder) -> None:
        self.recorder = recorder

    def version_at(self, originator_id: UUID, position: int) -> int | None:
        found, start = None, 1
        while start <= position:
            page = self.recorder.select_notifications(start, PAGE, stop=position)
            for notification in page:
                if notification.originator_id == originator_id:
                    found = notification.originator_version
            if len(page) < PAGE:
                break
            start = page[-1].id + 1
        return found

    def position_of(self, originator_id: UUID, version: int) -> int | None:
        start, head = 1, self.recorder.max_notification_id() or 0
        while start <= head:
            page = self.recorder.select_notifications(start, PAGE, stop=head)
            for notification in page:
                if (notification.originator_id, notification.originator_version) == (
                    originator_id,
                    version,
                ):
                    return notification.id
            if len(page) < PAGE:
                break
            start = page[-1].id + 1
        return None
