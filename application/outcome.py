"""Was a write stored? Asked when the answer from the database was lost or misleading.

The event store retries an insert whose connection broke; if the first attempt had committed, the
retry meets its own events and reports a conflict. And a connection can break during COMMIT, when
nothing tells whether it landed. Each aggregate's last new event is a landmark: if the event the
log holds at that version is ours (same instant of creation), the write was stored, whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate

from application.positions import PositionIndex


@dataclass(frozen=True)
class Landmark:
    originator_id: UUID
    version: int
    timestamp: datetime


def landmarks(aggregates: Sequence[Aggregate]) -> list[Landmark]:
    """Taken before saving: saving collects (empties) the pending events."""
    return [
        Landmark(a.id, a.pending_events[-1].originator_version, a.pending_events[-1].timestamp)
        for a in aggregates
        if a.pending_events
    ]


def stored(app: Application[UUID], marks: Sequence[Landmark]) -> bool:
    """Whether the log holds our events (one transaction: the first landmark decides)."""
    first = marks[0]
    events = list(app.events.get(first.originator_id, gt=first.version - 1, lte=first.version))
    return bool(events) and getattr(events[0], "timestamp", None) == first.timestamp


def position(positions: PositionIndex, marks: Sequence[Landmark]) -> int | None:
    """The log position of the write's last event."""
    found = [positions.position_of(m.originator_id, m.version) for m in marks]
    return max((p for p in found if p is not None), default=None)
