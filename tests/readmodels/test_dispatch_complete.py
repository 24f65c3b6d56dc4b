"""Every consumer of an aggregate's events has decided about every event class: handled (by a
handler or in its own body) or declared irrelevant. A new event fails here until it is."""

from __future__ import annotations

from typing import Any

import pytest

from domain.complaint import Complaint
from domain.dispatch import Handlers, event_classes
from domain.evidence_facts import COLLECT
from domain.plan import Plan
from projections.complaints import ComplaintsModel
from projections.history import HistoryModel
from projections.plans import PlansModel
from projections.virksom import VirksomModel

PLANS = PlansModel.handlers
assert PLANS is not None and HistoryModel.handlers and ComplaintsModel.handlers
assert VirksomModel.handlers is not None
# The reads model has one event class.
CONSUMERS: dict[str, tuple[type[Any], Handlers[Any]]] = {
    "plans read model": (Plan, PLANS),
    "history read model": (Plan, HistoryModel.handlers),
    "complaints read model": (Complaint, ComplaintsModel.handlers),
    "evidence collector": (Plan, COLLECT),
    "virksom read model": (Plan, VirksomModel.handlers),
}


@pytest.mark.parametrize("consumer", sorted(CONSUMERS))
def test_every_event_is_handled_or_declared_irrelevant(consumer: str) -> None:
    aggregate, handlers = CONSUMERS[consumer]
    assert handlers.missing(event_classes(aggregate)) == []


@pytest.mark.parametrize("consumer", sorted(CONSUMERS))
def test_no_event_is_both_handled_and_ignored(consumer: str) -> None:
    _, handlers = CONSUMERS[consumer]
    assert handlers.handled() & handlers.ignored == set()


def test_an_event_class_nobody_has_decided_about_is_named() -> None:
    class Later(Plan.Event):
        pass

    class Aggregate:  # a plan with one event more
        Event = Plan.Event
        Closed = Plan.Closed
        Adjourned = Later

    assert PLANS.missing(event_classes(Aggregate)) == [
        "test_an_event_class_nobody_has_decided_about_is_named.<locals>.Later"
    ]


def test_dispatch_follows_the_class_not_its_name() -> None:
    handlers: Handlers[Any] = Handlers()
    handlers.on(Plan.Closed)(lambda: "closed")

    class Closed(Plan.Event):  # same name, other class
        pass

    class LaterClosed(Plan.Closed):
        pass

    assert handlers.get(object.__new__(Closed)) is None
    assert handlers.get(object.__new__(LaterClosed)) is handlers.get(object.__new__(Plan.Closed))
