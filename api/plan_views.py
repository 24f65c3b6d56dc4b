"""The plan as shown (`PlanOut`) and its JSON, kept per (plan, version) for the plans read most;
each event's JSON, kept per (plan, version) for the events pages.

A version of a plan never changes (its events are immutable), and `PlanOut.of` is a pure function
of the plan's state, so an entry can never be stale and needs no invalidation: a new version is a
new key. Only what is shown is kept; who may see it is decided on every request, and every read is
logged before this is returned (`Planspor.grant_read`). The shown model is shared between
requests: templates and routes only read it. Only plans and events as stored belong here (a plan
folded in effective order, `domain/bitemporal.py`, has the same id and version but other content).
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock
from uuid import UUID

from api.event_schemas import plan_event
from api.schemas import PlanOut
from domain.plan import Plan

KEPT = 256

_shown: OrderedDict[tuple[UUID, int], tuple[PlanOut, bytes]] = OrderedDict()
_lock = Lock()


def plan_out(plan: Plan) -> PlanOut:
    return _entry(plan)[0]


def plan_json(plan: Plan) -> bytes:
    """The JSON of `PlanOut.of(plan)`, as FastAPI would have written it."""
    return _entry(plan)[1]


def _entry(plan: Plan) -> tuple[PlanOut, bytes]:
    key = (plan.id, plan.version)
    with _lock:
        found = _shown.get(key)
        if found is not None:
            _shown.move_to_end(key)
            return found
    shown = PlanOut.of(plan)
    entry = (shown, shown.model_dump_json(by_alias=True).encode())
    with _lock:
        _shown[key] = entry
        while len(_shown) > KEPT:
            _shown.popitem(last=False)
    return entry


# ---- events: an event never changes, so neither does its JSON ----------------------------------

EVENTS_KEPT = 20_000
_events: OrderedDict[tuple[UUID, int], bytes] = OrderedDict()


def event_page_json(events: list[Plan.Event], next_after: int | None) -> bytes:
    """`EventPage(items=[plan_event(e) …], next_after=…)` as JSON, from each event's kept JSON."""
    items = b",".join(_event_json(event) for event in events)
    tail = b"null" if next_after is None else str(next_after).encode()
    return b'{"items":[' + items + b'],"next_after":' + tail + b"}"


def _event_json(event: Plan.Event) -> bytes:
    key = (event.originator_id, event.originator_version)
    with _lock:
        found = _events.get(key)
        if found is not None:
            _events.move_to_end(key)
            return found
    shown = plan_event(event).model_dump_json(by_alias=True).encode()
    with _lock:
        _events[key] = shown
        while len(_events) > EVENTS_KEPT:
            _events.popitem(last=False)
    return shown
