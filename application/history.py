"""Time travel: which version of a plan was the recorded one at an instant.

Recorded timestamps grow with the version, so a binary search over versions finds it in
O(log n) single-event reads; the repository then rebuilds that version from the nearest snapshot,
so an as-of read never replays more than one snapshot interval of events.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import EventStore


def version_at(events: EventStore[UUID], plan_id: UUID, instant: datetime) -> int | None:
    """The highest version recorded at or before `instant`, or None if the plan did not exist."""
    last = _event(events, plan_id, None)
    if last is None:
        return None
    if last.timestamp <= instant:
        return int(last.originator_version)
    low, high = 0, int(last.originator_version)  # invariant: ts(low) <= instant < ts(high)
    while high - low > 1:
        middle = (low + high) // 2
        event = _event(events, plan_id, middle)
        if event is not None and event.timestamp <= instant:
            low = middle
        else:
            high = middle
    return low or None


def _event(events: EventStore[UUID], plan_id: UUID, version: int | None) -> Any:
    if version is None:
        found = list(events.get(plan_id, desc=True, limit=1))
    else:
        found = list(events.get(plan_id, gt=version - 1, lte=version))
    return found[0] if found else None
