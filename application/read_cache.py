"""Plans for reading, kept in memory per API worker and brought up to date from the store on every
read, so a read costs what the plan costs and never what the nation costs.

Per plan the cache holds its decoded events (immutable, versions 1..n without gaps), their recorded
timestamps and the plan folded from them. Every `current` call asks the store for the plan's
events after the cached version (one primary-key range read, usually empty) and folds the new
ones in, so an entry is never older than what the store held when the read began: several API
workers, each with its own cache, all see every committed write. Nothing else is trusted: there
is no invalidation to miss.

The folded plan is shared by every reader until the plan changes, and must not be mutated: read
paths only look at it. A write path loads its own copy from the repository (`Planspor._load`). A
change builds a new plan from the events instead of changing the shared one. A past version is
folded from the cached events (no snapshot to decode); folding skips the library's per-event
protocol check (`project_aggregate` asserts `isinstance(event, CanMutateProtocol)`, which cost
three quarters of a replay), since these events came from the plan's own store.

Decoded events are shared as well: a plan's event handlers must not mutate their payloads in
place (`tests/application/test_read_cache.py` folds every kind of event twice and compares the
result with the repository's own reconstruction).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from threading import Lock
from typing import Any, cast
from uuid import UUID

from eventsourcing.persistence import EventStore

from domain.plan import Plan

DEFAULT_PLANS = 500


@dataclass(frozen=True)
class CachedPlan:
    events: tuple[Plan.Event, ...]
    recorded: tuple[datetime, ...]  # events[i].timestamp: grows with the version
    plan: Plan  # the plan at its last version; shared, read only

    @property
    def version(self) -> int:
        return len(self.events)


def fold(events: Iterable[Any]) -> Any:
    """The aggregate folded from `events` in order (None if there are none)."""
    aggregate = None
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


class PlanReadCache:
    def __init__(self, events: EventStore[UUID], maxsize: int = DEFAULT_PLANS) -> None:
        self._store = events
        self._maxsize = maxsize
        self._entries: OrderedDict[UUID, CachedPlan] = OrderedDict()
        self._lock = Lock()

    def current(self, plan_id: UUID) -> CachedPlan | None:
        """The plan with every event the store holds now; None if `plan_id` is not a plan."""
        with self._lock:
            cached = self._entries.get(plan_id)
            if cached is not None:
                self._entries.move_to_end(plan_id)
        after = cached.version if cached is not None else 0
        new = tuple(self._store.get(plan_id, gt=after))
        if not new:
            return cached
        if cached is None and not isinstance(new[0], Plan.RequestReceived):
            return None  # another aggregate's id: not a plan
        events = (cached.events if cached else ()) + cast("tuple[Plan.Event, ...]", new)
        if events[-1].originator_version != len(events):  # never: versions have no gaps
            raise LookupError(f"plan {plan_id}: its events are not versions 1..n")
        built = CachedPlan(events, tuple(e.timestamp for e in events), fold(events))
        self._keep(plan_id, built)
        return built

    def at_version(self, cached: CachedPlan, version: int) -> Plan:
        """The plan as it was at `version` (1 ≤ version ≤ cached.version), folded anew."""
        if version == cached.version:
            return cached.plan
        plan: Plan = fold(cached.events[:version])
        return plan

    @staticmethod
    def version_at(cached: CachedPlan, instant: datetime) -> int | None:
        """The highest version recorded at or before `instant`; None before the plan existed."""
        return bisect_right(cached.recorded, instant) or None

    def _keep(self, plan_id: UUID, built: CachedPlan) -> None:
        with self._lock:
            present = self._entries.get(plan_id)
            if present is None or present.version < built.version:
                self._entries[plan_id] = built
                self._entries.move_to_end(plan_id)
            while len(self._entries) > self._maxsize:
                self._entries.popitem(last=False)
