"""The plan as shown (`PlanOut`) and its JSON, kept per (plan, version) for the plans read most;
each event's JSON, kept per (plan, version) for the events pages.

A version of a plan never changes (its events are immutable), and `PlanOut.of` is a pure function
of the plan's state, so an entry can never be stale and needs no invalidation: a new version is a
new key. Only what is shown is kept; who may see it is decided on every request, and every read is
logged before this is returned (`Planspor.grant_read`). The shown model is shared between
requests: templates and routes only read it. Only plans and events as stored belong here (a plan
folded in effective order, `domain/bitemporal.py`, has the same id and version but other content).

Both are bounded by size, not by count: the JSON by its bytes (`JSON_KEPT_BYTES`), the models
(which the pages render) by the size of their JSON (`MODELS_KEPT_BYTES`). A model is many small
objects (13 000 for the bench's largest plan, 1 118 events, 0.5 MB of JSON), and the collector
walks every one of them: 256 models kept by count made a worker's collections grow to 0.3-0.7 s
as it read past versions of one large plan (`python -m bench.outliers URL --read as_of`,
2026-12-04), and its memory grow with the size of the plans read. JSON is one object each, which
the collector does not walk.
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock
from typing import Generic, TypeVar
from uuid import UUID

from api.event_schemas import plan_event
from api.schemas import PlanOut
from domain.plan import Plan

JSON_KEPT_BYTES = 64 * 2**20
MODELS_KEPT_BYTES = 8 * 2**20
Key = tuple[UUID, int]
V = TypeVar("V")


class Kept(Generic[V]):
    """The values used most recently, each with its weight in bytes, under `limit` in all (the
    last one put is kept even if it alone weighs more)."""

    def __init__(self, limit: int) -> None:
        self.limit, self.weight = limit, 0
        self._entries: OrderedDict[Key, tuple[V, int]] = OrderedDict()
        self._lock = Lock()

    def get(self, key: Key) -> V | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            self._entries.move_to_end(key)
            return found[0]

    def put(self, key: Key, value: V, weight: int) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            self.weight += weight - (old[1] if old else 0)
            self._entries[key] = (value, weight)
            while self.weight > self.limit and len(self._entries) > 1:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.weight -= dropped

    def __len__(self) -> int:
        return len(self._entries)


_json: Kept[bytes] = Kept(JSON_KEPT_BYTES)
_models: Kept[PlanOut] = Kept(MODELS_KEPT_BYTES)


def plan_out(plan: Plan) -> PlanOut:
    key = (plan.id, plan.version)
    found = _models.get(key)
    if found is None:
        found = PlanOut.of(plan)
        shown = _json.get(key)  # the API may have written it already
        if shown is None:
            shown = found.model_dump_json(by_alias=True).encode()
            _json.put(key, shown, len(shown))
        _models.put(key, found, len(shown))
    return found


def plan_json(plan: Plan) -> bytes:
    """The JSON of `PlanOut.of(plan)`, as FastAPI would have written it."""
    key = (plan.id, plan.version)
    found = _json.get(key)
    if found is None:
        model = _models.get(key) or PlanOut.of(plan)  # not kept: the pages keep their own
        found = model.model_dump_json(by_alias=True).encode()
        _json.put(key, found, len(found))
    return found


# ---- events: an event never changes, so neither does its JSON ----------------------------------

EVENTS_KEPT = 20_000
_events: OrderedDict[Key, bytes] = OrderedDict()
_events_lock = Lock()


def event_page_json(events: list[Plan.Event], next_after: int | None) -> bytes:
    """`EventPage(items=[plan_event(e) …], next_after=…)` as JSON, from each event's kept JSON."""
    items = b",".join(_event_json(event) for event in events)
    tail = b"null" if next_after is None else str(next_after).encode()
    return b'{"items":[' + items + b'],"next_after":' + tail + b"}"


def _event_json(event: Plan.Event) -> bytes:
    key = (event.originator_id, event.originator_version)
    with _events_lock:
        found = _events.get(key)
        if found is not None:
            _events.move_to_end(key)
            return found
    shown = plan_event(event).model_dump_json(by_alias=True).encode()
    with _events_lock:
        _events[key] = shown
        while len(_events) > EVENTS_KEPT:
            _events.popitem(last=False)
    return shown
