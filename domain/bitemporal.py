"""The plan as it stood on a date, in both senses (bitemporal).

*As recorded*: what the log held by the end of that day (transaction time); what a reader could
have seen then. *As effective*: every fact that happened by the end of that day (effective time),
including corrections recorded later. The two differ exactly where something was recorded late.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from domain.plan import OSLO, Plan


def end_of(day: date) -> datetime:
    """The first instant after `day` in Norway."""
    return datetime.combine(day + timedelta(days=1), time(0), OSLO)


def as_recorded(events: list[Plan.Event], day: date) -> Plan | None:
    return _fold([e for e in events if e.timestamp < end_of(day)])


def as_effective(events: list[Plan.Event], day: date) -> tuple[Plan | None, list[Plan.Event]]:
    """The plan from the facts effective by the end of `day`, and the facts that could not be
    applied because they refer to something effective only later (shown, never hidden)."""
    until = end_of(day)
    taken = [e for e in events if e.meta["effective_at"] < until]
    if not taken or not isinstance(taken[0], Plan.RequestReceived):
        return None, []
    plan = taken[0].mutate(None)
    assert isinstance(plan, Plan)
    skipped = []
    for each in taken[1:]:
        try:
            each.apply(plan)
        except (KeyError, AttributeError):
            skipped.append(each)
            continue
        plan.version, plan.modified_on = each.originator_version, each.timestamp
    return plan, skipped


def _fold(events: list[Plan.Event]) -> Plan | None:
    plan: Plan | None = None
    for each in events:
        plan = each.mutate(plan)
    return plan
